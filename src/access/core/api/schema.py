"""OpenAPI: the one error shape as a component, documented on every operation.

Registered in ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``. Every operation can answer
400 (bad parameters or body), 401, 404 (out of scope, no permission, or no such id) and, when
it takes a body, 413; the schema says so, so a client (and schemathesis) can rely on it.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields", "request_id"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
                "request_id": {"type": "string"},
            },
        }
    },
}
_DESCRIPTIONS = {
    "400": "Invalid parameters or body; `fields` names each problem.",
    "401": "Not authenticated.",
    "404": "Not found, out of your scope, or not permitted to your role.",
    "405": "Method not allowed.",
    "409": "Conflict.",
    "413": "The request body is larger than the limit.",
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            codes = ["400", "401", "404", "405"]
            if method in ("post", "put", "patch"):
                codes.append("413")
            responses = operation.setdefault("responses", {})
            for code in codes:
                if code not in responses:
                    responses[code] = {"description": _DESCRIPTIONS[code], "content": reference}
    return result
