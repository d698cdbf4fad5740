"""Panes and fields of the checkout form; no HTTP here."""
