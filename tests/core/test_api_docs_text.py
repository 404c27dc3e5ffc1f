"""Issue 15 item 6: the API reference reads as text: whole first sentences, no RST marks."""

from __future__ import annotations

import json

from access.core.api.docs import plain_text, summary_of


def test_a_summary_is_the_whole_first_sentence_without_rst_marks():
    doc = "Submit one IAQ as JSON; the answer is\nqueued for ``lesc_analyst`` review. More.\n\nDetails."
    assert (
        summary_of(doc) == "Submit one IAQ as JSON; the answer is queued for lesc_analyst review."
    )
    assert plain_text("``a`` and ``b``") == "`a` and `b`"


def test_the_schema_and_the_reference_have_no_rst_literals(client_as):
    client = client_as("oversight_auditor")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "``" not in schema
    page = client.get("/api/docs/")
    assert page.status_code == 200
    operations = {(o["method"], o["path"]): o for o in page.context["operations"]}
    cut = 0
    for method, path, op in _described(json.loads(schema)):
        first_line = op["description"].split("\n")[0].strip()
        shown = operations[(method, path)]["summary"]
        assert "``" not in shown
        if not op.get("summary") and first_line[-1:] not in ".!?:":
            cut += 1  # the old page showed this line alone, cut mid-sentence
            plain_line = first_line.replace("`", "")
            whole_sentence = shown.endswith((".", "!", "?")) and plain_line.startswith(shown)
            assert whole_sentence or len(shown) > len(plain_line), (path, shown)
    assert cut > 0  # there were summaries to mend


def _described(schema):
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            if isinstance(op, dict) and op.get("description"):
                yield method.upper(), path, op
