"""The emulator's state kept in a file across restarts (`--state FILE`)."""
