"""Tapes: scripted runs of the real app, read from plain text files (see docs/tapes.md)."""
