"""Plain data and the values derived from it: the clock, ids, the catalogue, a session.

Imports nothing else of the emulator.
"""
