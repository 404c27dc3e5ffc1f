"""Template filters for counted nouns: ``{{ n|these:"problem" }}`` -> "these 2 problems"."""

from __future__ import annotations

from django import template

from access.core import text

register = template.Library()


@register.filter
def these(count: int, nouns: str) -> str:
    """``nouns`` is "singular" or "singular,plural"."""
    singular, _, plural_form = nouns.partition(",")
    return text.these(int(count), singular, plural_form or None)


@register.filter
def plural(count: int, nouns: str) -> str:
    singular, _, plural_form = nouns.partition(",")
    return text.plural(int(count), singular, plural_form or None)
