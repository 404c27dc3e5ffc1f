"""Readable differences between two versions of an agreement, section by section."""

from __future__ import annotations

import difflib
import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def inline_diff(old: str, new: str) -> SafeString:
    """Word-level ``<ins>``/``<del>`` markup; each change is also announced in words."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_html("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                '<del class="bg-secondary-lighter"><span class="usa-sr-only">[removed: </span>'
                f'{_html("".join(a[i1:i2]))}<span class="usa-sr-only">]</span></del>'
            )
        if op in ("insert", "replace"):
            out.append(
                '<ins class="bg-success-lighter"><span class="usa-sr-only">[added: </span>'
                f'{_html("".join(b[j1:j2]))}<span class="usa-sr-only">]</span></ins>'
            )
    # Every piece of text above went through _html (escaped); only our own tags are raw.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def plain_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sections as they read, for a version with nothing to compare against (version 1):
    no change markers and no highlight, since nothing changed."""
    return [
        {
            "key": s["key"],
            "heading": s.get("heading", s["key"]),
            "changed": False,
            "html": mark_safe(_html(s.get("text", ""))),  # noqa: S308  # nosec B308 B703
        }
        for s in sections
    ]


def section_diffs(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per section (new order, then sections only in ``old``): heading, changed, html."""
    before = {s["key"]: s for s in old}
    after = {s["key"]: s for s in new}
    keys = [s["key"] for s in new] + [s["key"] for s in old if s["key"] not in after]
    rows = []
    for key in keys:
        was, now = before.get(key), after.get(key)
        old_text, new_text = (was or {}).get("text", ""), (now or {}).get("text", "")
        rows.append(
            {
                "key": key,
                "heading": (now or was or {}).get("heading", key),
                "changed": old_text != new_text,
                "html": inline_diff(old_text, new_text),
            }
        )
    return rows
