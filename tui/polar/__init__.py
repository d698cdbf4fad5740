"""Polar's wire contract for the checkout client API. No Textual import."""
