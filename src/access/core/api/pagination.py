"""API pages: ``?limit=`` and ``?offset=`` with a maximum page size, checked, never clamped
silently: a value out of range is a 400 naming the parameter, not a 500 from the database."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# SQLite and PostgreSQL both store OFFSET as a signed 64-bit integer; no list comes near this.
MAX_OFFSET = 1_000_000_000


def _bounded(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    message = f"Use a whole number from {low} to {high}."
    if not raw.isdigit() or len(raw) > len(str(high)):
        raise ValidationError({name: [message]})
    value = int(raw)
    if not low <= value <= high:
        raise ValidationError({name: [message]})
    return value


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = DEFAULT_PAGE_SIZE
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request: Request) -> int:
        return _bounded(request, self.limit_query_param, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)

    def get_offset(self, request: Request) -> int:
        return _bounded(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update(
                    {"minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE}
                )
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update({"minimum": 0, "maximum": MAX_OFFSET, "default": 0})
        return parameters
