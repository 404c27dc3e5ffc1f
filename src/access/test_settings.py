"""Settings for the test suite: the real settings with ACCESS_ENV=test."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ["ACCESS_ENV"] = "test"

from access.settings import *  # noqa: F403

# Hashing strength is not under test and PBKDF2's million rounds would dominate run time;
# production uses the default (see test_production_settings).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Outbound Nlets messages stay in memory; mail goes to django.core.mail.outbox.
NLETS_TRANSPORT = {"BACKEND": "access.messaging.transports.MemoryOutbox", "OPTIONS": {}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Never the development host's published online store; tests that publish set their own.
ONLINE_STORE_DIR = Path(tempfile.mkdtemp(prefix="access-test-online-"))
atexit.register(shutil.rmtree, ONLINE_STORE_DIR, ignore_errors=True)  # each process its own

# A test database need not survive a crash: on PostgreSQL, a commit does not wait for its WAL
# to reach the disk. Live-server tests commit every request, and waiting on fsync beside the
# timed benchmarks made their seeding take seconds. Production keeps the default (on).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
