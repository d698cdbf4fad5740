"""The app's screens: start, session picker, checkout form, quit confirmation."""
