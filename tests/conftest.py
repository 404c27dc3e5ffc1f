"""Shared fixtures: agencies, users per role with authenticators, signed-in clients."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.accounts.choices import AccountStatus
from access.accounts.models import Role, User, UserSession
from access.agencies import actions as agency_actions
from access.agencies.models import Agency
from access.audit.models import AuditEvent
from access.core.actors import SystemActor

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"
FIXTURE_ACTOR = SystemActor("test fixtures")


@pytest.fixture
def make_agency(db: Any) -> Callable[..., Agency]:
    counter = {"n": 0}

    def make(**overrides: Any) -> Agency:
        counter["n"] += 1
        n = counter["n"]
        data = {
            "name": f"Test County Sheriff's Office {n}",
            "kind": "sheriff",
            "state": "FL",
            "county_fips": "12086",
            "county_name": "Miami-Dade",
        }
        data.update(overrides)
        data.setdefault("ori", f"{data['state']}{n:07d}")
        return agency_actions.create_agency(FIXTURE_ACTOR, **data)

    return make


@pytest.fixture
def agency_a(make_agency: Callable[..., Agency]) -> Agency:
    return make_agency(name="Alpha County Sheriff's Office", ori="FL0000001")


@pytest.fixture
def agency_b(make_agency: Callable[..., Agency]) -> Agency:
    return make_agency(
        name="Bravo Police Department",
        kind="police",
        state="TX",
        county_fips="48167",
        county_name="Galveston",
        ori="TX0000002",
    )


@pytest.fixture
def ice_office(make_agency: Callable[..., Agency]) -> Agency:
    return make_agency(name="ICE Test Field Office", kind="federal", ori="FLICE9999")


@pytest.fixture
def make_user(db: Any, ice_office: Agency) -> Callable[..., User]:
    def make(
        role: str,
        agency: Agency | None = None,
        username: str | None = None,
        mfa: bool = True,
        **fields: Any,
    ) -> User:
        values = {
            "agency": agency or ice_office,
            "status": AccountStatus.ACTIVE,
            "is_active": True,
            "password_changed_at": timezone.now(),
            "first_name": "Test",
            "last_name": role.title(),
            **fields,
        }
        user = User.objects.create_user(
            username=username or f"{role}-{User.objects.count() + 1}", password=PASSWORD, **values
        )
        user.roles.set([Role.objects.get(slug=role)])
        if mfa:
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return user

    return make


def otp_code(user: User) -> str:
    """The code a person would type now: the current one, or, if it was already used (codes
    work once), the authenticator's next one, within the allowed drift.

    Steps are counted as django-otp counts them, drift included: a code accepted one step late
    sets the device's drift to -1, and ``last_t`` is then stored drift-adjusted."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    unused = device.last_t + 1 - totp.t()
    if unused > 0:
        totp.time += unused * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user: User) -> Client:
    """A session as the real sign-in leaves it: logged in, second factor verified, clocks set."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session["otp_device_id"] = device.persistent_id
    now = time.time()
    session.update({"login_at": now, "last_seen": now, "epoch": user.session_epoch})
    session.save()
    UserSession.objects.get_or_create(user=user, session_key=session.session_key)
    return client


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[..., Client]:
    def make(role: str | User, agency: Agency | None = None) -> Client:
        user = role if isinstance(role, User) else make_user(role, agency)
        client = Client()
        client.user = user  # type: ignore[attr-defined]
        return sign_in(client, user)

    return make


@pytest.fixture
def audit_count() -> Callable[[], int]:
    return lambda: AuditEvent.objects.count()


@pytest.fixture(scope="session", autouse=True)
def _postgresql_flush_by_delete() -> Iterator[None]:
    """On PostgreSQL, empty the tables after a transactional test with DELETE, not TRUNCATE.

    Django's flush truncates every table (93) in one statement; PostgreSQL then gives each
    table and index a new file, which took 3 to 4 s per live-server test, against 0.1 s for
    deleting the few rows a test wrote. The end state is the same: every table empty,
    sequences untouched (the flush never resets them here). Django's foreign keys are
    DEFERRABLE INITIALLY DEFERRED, so the order of the deletes does not matter; they are
    checked at the flush's commit, when every table is empty. A flush asked to reset
    sequences keeps Django's TRUNCATE ... RESTART IDENTITY."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def delete(
        self: DatabaseOperations,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        statements = [f"DELETE FROM {self.quote_name(table)};" for table in tables]
        return ["SET CONSTRAINTS ALL DEFERRED;", *statements] if statements else []

    DatabaseOperations.sql_flush = delete  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = truncate  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Tests roll the database back, so ids repeat; cached values keyed on ids must not leak."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
