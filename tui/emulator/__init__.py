"""A local stand-in for Polar's checkout client API, for demos and tests.

It answers the same paths, status codes and bodies as api.polar.sh for the
checkout-session client endpoints (read and update by client secret), over
seeded demo sessions kept in memory. Nothing here imports Textual, and nothing
in the app imports this package at start-up: FastAPI and uvicorn load only
when an emulator is created (`server.create_app`, `running.RunningEmulator`).

Modules, one job each:
- `clock`: the injectable time source (system or frozen for tests).
- `catalog`: organizations, products, prices and discounts as plain data.
- `session`: one session's state and the values derived from it (amounts, flags).
- `scenarios`: the seeded demo sessions, each with a stable name and secret.
- `body`: the update body's schema checks (all errors reported together).
- `rules`: what an update does (Polar's own checks, first failure wins).
- `limits`: Polar's per-currency floor and ceiling for pay-what-you-want amounts.
- `tax`: a documented stand-in for Stripe Tax.
- `errors`: Polar's error bodies (404, 410, 403, 422).
- `wire`: a session rendered as Polar's `CheckoutPublic` JSON.
- `store`: sessions in memory, keyed by client secret.
- `server`: the ASGI app (FastAPI).
- `running`: the app served by uvicorn on a loopback socket in a thread.
"""
