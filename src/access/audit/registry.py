"""Declared audit event types: every event name the code writes, with a readable label.

Each app declares its events in its own ``events.py`` as an ``EventSet`` (a ``ChoiceSet`` of
``(name, label, "")``); declaring registers the names here, and ``audit.events.record``
refuses a name no app declared, so a typo cannot create a new kind of event silently. The
labels are what people read in the audit trail and in histories.

An ``EventSet`` also says how the coded values its events carry read: ``VALUES`` maps a field
name of Before/After/Details (``"purpose_code"``, ``"from"``) to the ``ChoiceSet`` (or a plain
``{code: label}`` mapping) that labels it, so the trail shows "Criminal justice", not "C".
Apps register into audit this way; audit imports no app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured

from access.core.choices import ChoiceSet

DECLARED: dict[str, str] = {}
# event name -> field name -> {stored code: label}
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {}

Labels = type[ChoiceSet] | Mapping[str, str]


class UndeclaredEvent(ValueError):
    """An event name that no app's ``events.py`` declares."""


class EventSet(ChoiceSet):
    """Subclass in an app's ``events.py``: constants and ``CHOICES = [(name, label, "")]``;
    ``VALUES = {field: ChoiceSet}`` for the coded fields these events record."""

    VALUES: ClassVar[Mapping[str, Labels]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        values = {field: _as_mapping(labels) for field, labels in cls.VALUES.items()}
        for name, label, _colour in cls.CHOICES:
            if name in DECLARED and DECLARED[name] != label:
                raise ImproperlyConfigured(f"audit event {name!r} is declared twice")
            DECLARED[name] = label
            if values:
                VALUE_LABELS[name] = values

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


def _as_mapping(labels: Labels) -> dict[str, str]:
    if isinstance(labels, type) and issubclass(labels, ChoiceSet):
        return {value: label for value, label in labels.choices()}
    if isinstance(labels, Mapping):
        return {str(k): str(v) for k, v in labels.items()}
    raise ImproperlyConfigured(f"audit VALUES entry {labels!r} is not a ChoiceSet or a mapping")


def value_label(name: str, field: str, stored: Any) -> str | None:
    """The declared label of a coded value that event ``name`` recorded in ``field``
    (``None`` when the field is not declared coded or the code is unknown)."""
    if not isinstance(stored, str | int) or isinstance(stored, bool):
        return None
    return VALUE_LABELS.get(name, {}).get(field, {}).get(str(stored))


def label(name: str) -> str:
    """The readable label of an event name (the name itself when unknown, e.g. old rows)."""
    return DECLARED.get(name, name)
