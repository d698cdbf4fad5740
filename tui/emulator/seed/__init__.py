"""Where sessions come from: scenario files (schema and loader) and the built-in scenarios."""
