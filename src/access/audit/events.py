"""Writing audit events. Action functions call ``record`` explicitly; nothing is implicit."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone

from access.audit.chain import GENESIS, event_hash
from access.audit.choices import Outcome
from access.audit.models import AuditChainHead, AuditEvent
from access.audit.registry import EventSet, require_declared
from access.core import requestcontext
from access.core.actors import MissingActorError, SystemActor, bound_actor, current_actor

P = ParamSpec("P")
R = TypeVar("R")


class Event(EventSet):
    """The audit trail's own events."""

    VIEWED = "audit.viewed"
    EXPORTED = "auditevent.export"
    REVIEW_COMPLETED = "audit.review_completed"
    ACCESS_DENIED = "access.denied"  # written by access.core.denials for every refusal
    CHOICES = [
        (VIEWED, "Audit trail viewed", ""),
        (EXPORTED, "Audit trail exported", ""),
        (REVIEW_COMPLETED, "Weekly audit review completed", ""),
        (ACCESS_DENIED, "Request refused (not allowed or not found)", ""),
    ]


# Any constant works: it only has to be the same for every writer of the chain.
_CHAIN_LOCK_KEY = 287_1357


def audited(func: Callable[P, R]) -> Callable[P, R]:
    """Mark an action function: its first argument is the actor, and it runs in one transaction.

    Program records can be saved only inside such a function, so every write has an actor
    and an event in the same transaction (both land or neither does).
    """

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        actor = args[0] if args else kwargs.get("actor")
        if actor is None:
            raise MissingActorError(f"{func.__name__} needs an actor")
        with transaction.atomic(), bound_actor(actor):
            return func(*args, **kwargs)

    return wrapper


def jsonable(value: Any) -> Any:
    """Plain JSON types only, so the stored value hashes the same after a database round trip."""
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    names = fields or [
        f.attname for f in obj._meta.concrete_fields if f.name not in ("created_at", "updated_at")
    ]
    return jsonable({name: getattr(obj, name) for name in names})


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    outcome: str = Outcome.SUCCESS,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    """Append one event to the chain. ``actor`` defaults to the one bound by ``@audited``.

    ``action`` must be declared in an app's ``events.py`` (``audit.registry``)."""
    require_declared(action)
    actor = actor if actor is not None else current_actor()
    if actor is None and actor_name is None:
        raise MissingActorError(f"audit event {action!r} has no actor")
    ctx = requestcontext.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    agency = getattr(user, "agency", None) if user else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk or ""
        object_repr = object_repr or str(obj)
    values: dict[str, Any] = {
        "occurred_at": timezone.now(),
        "actor_id": user.pk if user else None,
        "actor_name": actor_name or actor_display_name(actor),
        "agency_id": agency.pk if agency else getattr(actor, "agency_id", None),
        "agency_name": str(agency) if agency else "",
        "source_ip": ctx.source_ip if ctx else None,
        "request_id": ctx.request_id if ctx else "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": object_repr,
        "outcome": outcome,
        "before": jsonable(before),
        "after": jsonable(after),
        "details": jsonable(details or {}),
    }
    # Text copied from the actor, agency and object never makes the write fail: a name longer
    # than its column is cut, as SQLite would keep it whole and PostgreSQL would refuse it.
    for name in ("actor_name", "agency_name", "object_type", "object_id", "object_repr"):
        limit = getattr(AuditEvent._meta.get_field(name), "max_length", None)
        values[name] = values[name][:limit]
    with transaction.atomic():
        head = _lock_head()
        values["prev_hash"] = head.last_hash
        values["hash"] = event_hash(values)
        event = AuditEvent(**values)
        event.save()
        AuditChainHead.objects.filter(pk=1).update(last_event_id=event.pk, last_hash=event.hash)
    return event


def actor_display_name(actor: Any) -> str:
    if isinstance(actor, SystemActor):
        return str(actor)
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{actor.get_username()} ({full})" if full else str(actor.get_username())


def _lock_head() -> AuditChainHead:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    return head
