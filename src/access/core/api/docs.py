"""A browsable, accessible API reference rendered from the OpenAPI schema."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

_RST_LITERAL = re.compile(r"``([^`]+)``")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"`])")


def plain_text(text: str) -> str:
    """Docstring text as readers see it: RST ``literals`` as Markdown `literals`."""
    return _RST_LITERAL.sub(r"`\1`", text)


def summary_of(description: str) -> str:
    """The first sentence of the description's first paragraph, whole (docstrings wrap lines
    mid-sentence, so the first line alone is cut), without code marks."""
    paragraph = " ".join(description.strip().split("\n\n")[0].split())
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0]
    return _RST_LITERAL.sub(r"\1", sentence).replace("`", "")


def markdown_backticks(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """drf-spectacular post-processing hook: descriptions in Markdown, not RST."""
    for methods in result.get("paths", {}).values():
        for op in methods.values():
            if isinstance(op, dict) and op.get("description"):
                op["description"] = plain_text(op["description"])
    return result


def api_docs(request: HttpRequest) -> HttpResponse:
    schema: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            operations.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "id": op.get("operationId", ""),
                    "summary": op.get("summary") or summary_of(op.get("description", "")),
                    "parameters": [p for p in op.get("parameters", [])],
                    "responses": sorted(op.get("responses", {}).keys()),
                }
            )
    return render(request, "core/api_docs.html", {"schema": schema, "operations": operations})
