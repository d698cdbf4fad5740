"""Serving the app: in a background thread for the demo and tests, or in the foreground."""
