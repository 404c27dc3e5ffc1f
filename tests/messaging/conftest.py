"""Fixtures of the messaging tests: the in-memory Nlets transport, emptied around every test,
and the people of an inquiry's round trip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.inquiries.conftest import _engine  # noqa: F401  (autouse: a cold matcher per test)

from access.messaging.transports import MemoryOutbox

# What every audit event about a message carries of its inquiry (Inquiry.audit_details).
REQUESTOR_FIELDS = {"purpose_code", "reason", "case_number", "requestor", "secondary_recipient"}


@pytest.fixture(autouse=True)
def outbox() -> Iterator[type[MemoryOutbox]]:
    MemoryOutbox.reset()
    yield MemoryOutbox
    MemoryOutbox.reset()


@pytest.fixture
def people(make_user, agency_a):
    return {
        "officer": make_user("agency_officer", agency_a),
        "analyst": make_user("lesc_analyst"),
        "supervisor": make_user("ice_supervisor"),
        "oversight": make_user("oversight_auditor"),
    }
