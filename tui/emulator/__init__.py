"""A local stand-in for Polar's checkout client API, for demos and tests.

It answers the same paths, status codes and bodies as api.polar.sh for the
checkout-session client endpoints (read, update, confirm and the event stream,
by client secret), over seeded demo sessions kept in memory. Nothing here
imports Textual, and nothing in the app imports this package at start-up:
FastAPI and uvicorn load only when an emulator is created (`server.create_app`,
`running.RunningEmulator`).

Modules, one job each:
- `clock`: the injectable time source (system or frozen for tests).
- `catalog`: organizations, products, prices and discounts as plain data.
- `session`: one session's state and the values derived from it (amounts, flags).
- `scenarios`: the seeded demo sessions, each with a stable name and secret.
- `scenario_file`: user scenario files (TOML or JSON) built into scenarios.
- `body`: the update and confirm bodies' schema checks (all errors reported together).
- `access`: the checks when a route loads a session (409 lock, 404, 410, 403 blocked).
- `rules`: what an update does (Polar's own checks, first failure wins).
- `confirm`: what a confirm does (every missing piece in one 422).
- `lifecycle`: confirmed -> succeeded and open -> expired, on the clock.
- `ledger`: customers and discount redemptions left by confirmed checkouts.
- `limits`: Polar's per-currency floor and ceiling for pay-what-you-want amounts.
- `tax`: a documented stand-in for Stripe Tax.
- `errors`: Polar's error bodies (404, 410, 403, 409, 422) and FastAPI's 400.
- `wire`: a session rendered as Polar's `CheckoutPublic` JSON.
- `events`: the checkout events and the hub that hands them to open streams.
- `ratelimit`: Polar's confirm rate limit (6 a minute, 20 an hour, then a block).
- `store`: sessions in memory, keyed by client secret, and all state beside them.
- `stream`: a session's events as server-sent events.
- `server`: the ASGI app (FastAPI): Polar's routes and middlewares.
- `admin`: the `/emulator/` admin API (sessions, pay, expire, lock, block, faults).
- `faults`: fault injection (statuses, delays, dropped answers) for Polar's paths.
- `running`: the app served by uvicorn on a loopback socket in a thread.
- `serve`: the emulator on its own in the foreground (`polar-checkout emulator`).
"""
