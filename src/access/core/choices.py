"""ChoiceSet: constant names, labels and a USWDS tag colour for each status value."""

from __future__ import annotations

from typing import ClassVar


class ChoiceSet:
    """Subclass with ``CHOICES = [(value, label, colour), ...]`` and constants.

    Colour is a USWDS tag modifier (``""``, ``"bg-green"``, ``"bg-secondary"``, ...).
    """

    CHOICES: ClassVar[list[tuple[str, str, str]]] = []

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(value, label) for value, label, _ in cls.CHOICES]

    @classmethod
    def label(cls, value: str) -> str:
        return next((label for v, label, _ in cls.CHOICES if v == value), value)

    @classmethod
    def colour(cls, value: str) -> str:
        return next((colour for v, _, colour in cls.CHOICES if v == value), "")

    @classmethod
    def values(cls) -> list[str]:
        return [value for value, _, _ in cls.CHOICES]
