"""``access bench pages``: signed-in pages and the API under concurrent users (issue 15)."""
