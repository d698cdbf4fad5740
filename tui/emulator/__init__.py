"""A local stand-in for Polar's checkout client API, for demos and tests.

It answers the same paths, status codes and bodies as api.polar.sh for the
checkout-session client endpoints (read, update, confirm and the event stream,
by client secret), over seeded demo sessions kept in memory. Nothing here
imports Textual, and nothing in the app imports this package at start-up:
FastAPI and uvicorn load only when an emulator is created
(`http.server.create_app`, `run.background.RunningEmulator`).

Its rooms, each importing only the rooms below it (an import-linter `layers`
contract in pyproject.toml keeps it so):
- `run`: serving the app, in a background thread (`background`, for the demo
  and tests) or in the foreground (`foreground`, `polar-checkout emulator`).
- `http`: the ASGI app: Polar's routes (`server`), the `/emulator/` admin API
  (`admin`), fault injection (`faults`), server-sent events (`stream`), the test
  checkout page at each session's `url` (`page`).
- `store`: sessions in memory, keyed by client secret, and all state beside them.
- `seed`: where sessions come from: a scenario file's schema (`schema`, with
  `fields`, `prices` and `custom_fields`) and its loader (`loader`), which
  reads the user's files (TOML or JSON) and the built-in scenarios
  (`builtin.toml`) alike; a scenario and the session built from it (`scenario`).
- `rules`: what Polar does: request bodies (`body`), the checks when a route
  loads a session (`access`), an update (`update`), a confirm (`confirm`),
  status changes on the clock (`lifecycle`), customers and redemptions
  (`ledger`), amount limits (`limits`), tax (`tax`), custom field values
  (`custom_fields`), error bodies (`errors`), checkout events (`events`), the
  confirm rate limit (`ratelimit`), a session as Polar's JSON (`wire`).
- `model`: plain data and the values derived from it: the clock (`clock`),
  ids and secrets derived from names (`ids`), the catalogue (`catalog`, with
  the products' `custom_fields`), one session (`session`).
"""
