"""Where sessions come from: scenario files, the built-in one (`builtin.toml`) included.

Imports `rules` (the session a scenario starts as) and `model`.
"""
