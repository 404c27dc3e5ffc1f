"""The health check and the error pages (handlers named in ``access.urls``).

``DevelopmentErrorPagesMiddleware`` shows the same pages under ``DEBUG`` (``make run``), where
Django would show its technical 404 and 500 pages; ``ACCESS_DEBUG_TECHNICAL_ERRORS=1`` keeps
Django's pages for a developer who wants the traceback in the browser.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, get_resolver
from django.views.decorators.http import require_GET

from access.core.denials import record_denial

logger = logging.getLogger("django.request")


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


class DevelopmentErrorPagesMiddleware:
    """Under ``DEBUG``, the app's own 400/404/500 pages instead of Django's technical ones.

    Django renders its technical pages before any handler runs (and an unmatched URL never
    reaches a view), so this answers an unmatched URL itself, and turns exceptions raised by
    views into the handlers' pages. The traceback of a 500 still goes to the console log.
    Last in ``MIDDLEWARE``, so its ``process_exception`` runs first. Inactive without
    ``DEBUG`` (production uses the handlers directly) and under
    ``settings.DEBUG_TECHNICAL_ERRORS``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_ERRORS", False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.active():
            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404:
                return error_404(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self.active() or isinstance(exception, PermissionDenied):
            return None  # Django answers PermissionDenied with handler403 under DEBUG too
        if isinstance(exception, Http404):
            return error_404(request, exception)
        if isinstance(exception, (BadRequest, SuspiciousOperation)):
            return error_400(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return error_500(request)
