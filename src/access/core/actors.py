"""Who is acting: bound for the length of an audited action, required by program writes."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


class MissingActorError(RuntimeError):
    """A program record was written without an audited action naming who did it."""


@dataclass(frozen=True)
class SystemActor:
    """A non-human actor (a scheduled job, an import command run by an operator, demo seeding)."""

    name: str
    agency_id: int | None = None

    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return f"system: {self.name}"


_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("access_actor", default=None)


def current_actor() -> Any:
    return _actor.get()


@contextmanager
def bound_actor(actor: Any) -> Iterator[None]:
    if actor is None:
        raise MissingActorError("an audited action was called without an actor")
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def require_actor(what: str) -> Any:
    actor = _actor.get()
    if actor is None:
        raise MissingActorError(
            f"refused to {what}: program records are written only by audited actions with an actor"
        )
    return actor
