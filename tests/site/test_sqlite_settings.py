"""SQLite as `make run` uses it: a web process and the job worker side by side."""

from __future__ import annotations

from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper


def test_a_sqlite_file_opens_in_wal_mode_with_a_busy_timeout(tmp_path):
    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "access.sqlite3"),
            "OPTIONS": dict(settings.SQLITE_OPTIONS),
            "TEST": {},
        }
    )
    # the backend's own connect (init_command included), outside the test database
    raw = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] == 20_000
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        raw.close()
