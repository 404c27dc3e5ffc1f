"""Django's ``{# #}`` comments end on their own line: one that spans lines is printed on the
page as text. Every template keeps them on one line (longer notes use ``{% comment %}``)."""

from __future__ import annotations

import re
from pathlib import Path

import access

ROOT = Path(access.__file__).parent
OPEN_WITHOUT_CLOSE = re.compile(r"\{#(?!.*#\})")


def test_no_template_comment_spans_lines() -> None:
    templates = sorted(ROOT.rglob("*.html"))
    assert templates, "no templates found"
    broken = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OPEN_WITHOUT_CLOSE.search(line)
    ]
    assert broken == []
