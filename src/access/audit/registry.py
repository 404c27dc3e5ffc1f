"""Declared audit event types: every event name the code writes, with a readable label.

Each app declares its events in its own ``events.py`` as an ``EventSet`` (a ``ChoiceSet`` of
``(name, label, "")``); declaring registers the names here, and ``audit.events.record``
refuses a name no app declared, so a typo cannot create a new kind of event silently. The
labels are what people read in the audit trail and in histories.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from access.core.choices import ChoiceSet

DECLARED: dict[str, str] = {}


class UndeclaredEvent(ValueError):
    """An event name that no app's ``events.py`` declares."""


class EventSet(ChoiceSet):
    """Subclass in an app's ``events.py``: constants and ``CHOICES = [(name, label, "")]``."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name, label, _colour in cls.CHOICES:
            if name in DECLARED and DECLARED[name] != label:
                raise ImproperlyConfigured(f"audit event {name!r} is declared twice")
            DECLARED[name] = label

    @classmethod
    def named(cls, name: str) -> str:
        """``name`` if this set declares it (for names built from a transition or model)."""
        if name not in cls.values():
            raise UndeclaredEvent(f"audit event {name!r} is not declared in {cls.__module__}")
        return name


def require_declared(name: str) -> None:
    if name not in DECLARED:
        raise UndeclaredEvent(
            f"audit event {name!r} is not declared: add it to its app's events.py"
        )


def label(name: str) -> str:
    """The readable label of an event name (the name itself when unknown, e.g. old rows)."""
    return DECLARED.get(name, name)
