"""The API's JSON parser: a bounded body and a bounded nesting depth.

Python's decoder raises ``RecursionError`` (a 500) on deeply nested input, and a body larger
than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` was read whole; both are refused here as client errors."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is larger than the limit."


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"The request body is larger than the limit of {limit:,} bytes."


def _depth(value: Any) -> int:
    """Nesting depth without recursion (the value may be arbitrarily deep)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        if stream is None:
            return None
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge(too_large_message())
        try:
            data = json.loads(raw.decode(settings.DEFAULT_CHARSET), parse_constant=_refuse)
        except RecursionError:
            raise ParseError(_nested_message()) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(f"JSON parse error - {error}") from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(_nested_message())
        return data


def _nested_message() -> str:
    return f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep."


def _refuse(constant: str) -> Any:
    raise ValueError(f"{constant} is not valid JSON.")
