"""One JSON error shape for every API error.

{"error": {"status": 404, "code": "not_found", "message": "Not found.",
           "fields": {"ori": ["An ORI has exactly 9 characters; this one has 4."]},
           "request_id": "3f2c..."}}
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from access.core import limits, requestcontext
from access.core.denials import record_denial


def error_body(
    status_code: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> dict:
    ctx = requestcontext.current()
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
            "request_id": ctx.request_id if ctx else "",
        }
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, (exceptions.NotFound, exceptions.PermissionDenied)):
        request = context.get("request")
        if request is not None:
            # The DRF request knows the token's user; the Django request may not.
            record_denial(request._request, response.status_code, user=request.user, api=True)
    if not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        message = "The request has invalid fields."
        code = "invalid"
    else:
        fields = {}
        message = str(exc.detail)
        code = exc.default_code if not isinstance(exc.detail, dict) else "error"
        detail_code = getattr(exc.detail, "code", None)
        if detail_code:
            code = str(detail_code)
    response.data = error_body(response.status_code, code, _short(message), _plain(fields))
    return response


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return _short(str(value))


def _short(text: str) -> str:
    """Messages may repeat the input ("'x…' is not a valid choice"): never a megabyte of it."""
    if len(text) <= limits.ERROR_MESSAGE:
        return text
    return text[: limits.ERROR_MESSAGE - 1] + "…"


def json_error(request: HttpRequest, status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(status_code, code, message), status=status_code)


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return json_error(request, status.HTTP_404_NOT_FOUND, "not_found", "Not found.")
