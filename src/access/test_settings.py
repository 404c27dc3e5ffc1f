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
