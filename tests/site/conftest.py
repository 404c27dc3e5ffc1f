"""The agreement fixtures (people of each party, drafts, media in a temporary folder)."""

from tests.agreements.conftest import _media, draft, jem, liaison, manager  # noqa: F401
