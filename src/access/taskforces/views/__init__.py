"""Task-force pages: the charter (views.charter), operations (views.operations) and the
outcome roll-ups (views.outcomes)."""
