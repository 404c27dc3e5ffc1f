"""ChoiceSet: constant names, labels and a USWDS tag colour for each status value."""

from __future__ import annotations

from typing import ClassVar


class ChoiceSet:
    """Subclass with ``CHOICES = [(value, label, colour), ...]`` and constants.

    Colour is a USWDS tag modifier (``""``, ``"bg-green"``, ``"bg-secondary"``, ...).
    ``PHRASES`` maps a value to what follows the subject in a sentence ("is in ICE legal
    review", "has an agreed plan of action"); a value without one reads "is <label>".
    """

    CHOICES: ClassVar[list[tuple[str, str, str]]] = []
    PHRASES: ClassVar[dict[str, str]] = {}

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

    @classmethod
    def phrase(cls, value: str, *, now: bool = False) -> str:
        """The predicate for a sentence about something in this state.

        ``phrase("legal_review")`` -> "is in ICE legal review"; with ``now=True`` -> "is now
        in ICE legal review" (or "now has ..." for a predicate that does not start with "is").
        """
        text = cls.PHRASES.get(value)
        if text is None:
            label = cls.label(value)
            keep = len(label) > 1 and label[1].isupper()  # an acronym: "ICE ...", "CAP"
            text = "is " + (label if keep else label[:1].lower() + label[1:])
        if not now:
            return text
        verb, _, rest = text.partition(" ")
        return f"{verb} now {rest}" if verb in ("is", "are") else f"now {text}"
