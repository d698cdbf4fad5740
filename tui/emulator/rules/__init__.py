"""What Polar does: request bodies, access checks, update and confirm, tax, lifecycle, the
ledger, amount limits, errors, events, the rate limit, and sessions as Polar's JSON.

Pure functions and small thread-safe registries over `model`; no HTTP server, no storage.
"""
