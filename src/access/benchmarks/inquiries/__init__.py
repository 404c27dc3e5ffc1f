"""Load test of the inquiry API (``access bench inquiries``): locust users and gunicorn hooks."""
