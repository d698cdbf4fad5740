"""The emulator suite: conformance with Polar's checkout client API."""
