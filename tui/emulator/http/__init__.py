"""The ASGI app: Polar's routes over a `Store`, the `/emulator/` admin API, faults, streams."""
