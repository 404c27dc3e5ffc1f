"""Small helpers that turn counts and values into sentences people read."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None, *, show: bool = True) -> str:
    """``count`` with the noun that fits it: "1 problem", "2 problems", "0 agencies".

    ``plural_form`` defaults to ``singular + "s"``; pass it for irregular nouns ("agency",
    "agencies"). ``show=False`` leaves the number out ("problem" / "problems").
    """
    noun = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {noun}" if show else noun


def these(count: int, singular: str, plural_form: str | None = None) -> str:
    """A demonstrative noun phrase: "this problem" for one, "these 2 problems" for more."""
    if count == 1:
        return f"this {singular}"
    return f"these {plural(count, singular, plural_form)}"
