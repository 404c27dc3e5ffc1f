"""A browsable, accessible API reference rendered from the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator


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
                    "summary": op.get("summary") or op.get("description", "").split("\n")[0],
                    "parameters": [p for p in op.get("parameters", [])],
                    "responses": sorted(op.get("responses", {}).keys()),
                }
            )
    return render(request, "core/api_docs.html", {"schema": schema, "operations": operations})
