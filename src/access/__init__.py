"""ACCESS."""
