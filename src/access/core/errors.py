"""The health check and the error pages (handlers named in ``access.urls``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404
from django.views.decorators.http import require_GET

from access.core.denials import record_denial


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if not isinstance(exception, Resolver404):
        # A view refused (restrict() found nothing, or a permission check): audit it.
        record_denial(request, 404)
    if request.path.startswith("/api/"):
        from access.core.api.errors import api_not_found

        return api_not_found(request)
    return render(
        request,
        "core/error.html",
        {
            "title": "Page not found",
            "message": "This page does not exist, or you do not have access to it.",
        },
        status=404,
    )


def error_500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        from access.core.api.errors import json_error

        return json_error(
            request, 500, "server_error", "The server could not complete the request."
        )
    return render(
        request,
        "core/error.html",
        {"title": "Something went wrong", "message": "The server could not complete the request."},
        status=500,
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    record_denial(request, 403)
    if request.path.startswith("/api/"):
        from access.core.api.errors import json_error

        return json_error(request, 403, "permission_denied", "This request was refused.")
    return render(
        request,
        "core/error.html",
        {"title": "Not allowed", "message": "This request was refused."},
        status=403,
    )


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        from django.core.exceptions import RequestDataTooBig

        from access.core.api.errors import json_error
        from access.core.api.parsers import too_large_message

        if isinstance(exception, RequestDataTooBig):
            return json_error(request, 413, "too_large", too_large_message())
        return json_error(request, 400, "bad_request", "The request could not be understood.")
    return render(
        request,
        "core/error.html",
        {"title": "Bad request", "message": "The request could not be understood."},
        status=400,
    )
