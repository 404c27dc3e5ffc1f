"""Upper bounds on free text, shared by every form and API serializer.

Unbounded text fields let one request cost seconds of work and megabytes of audit trail (a
1 MB determination note took 14 s and produced an 8.3 MB error response). Every free-text
input names one of these as its ``max_length``; tests/security/test_text_bounds.py walks all
forms and serializers to keep it so.
"""

from __future__ import annotations

LONG_TEXT = 10_000  # notes, reasons, narratives
SECTION_TEXT = 50_000  # one section of an agreement's text
PASSWORD = 1_024  # hashed, so any length works; this only bounds the hashing work
ERROR_MESSAGE = 500  # the longest message an API error repeats back (inputs may be echoed)
