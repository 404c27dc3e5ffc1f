"""Request id, API body limit, deny-by-default login, and no-store caching."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.urls import resolve

from access.core import requestcontext

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Routes that answer without a signed-in user. Everything else requires login + MFA.
PUBLIC_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:mfa",
        "accounts:mfa_enrol",
        "core:health",
        "public:home",
        "public:export",
        "complaints:public_form",
        "complaints:public_receipt",
        "complaints:public_status",
    }
)
PUBLIC_PREFIXES = ("/static/",)


class RequestIdMiddleware:
    """Gives each request an id, binds it for audit events and returns it as X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        # An upstream proxy's id is kept only when it is well-formed, so logs cannot be forged.
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = requestcontext.bind(
            requestcontext.RequestContext(request_id=request_id, source_ip=_source_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            requestcontext.unbind(token)
        response["X-Request-ID"] = request_id
        return response


class ApiBodyLimitMiddleware:
    """An API request whose declared body is over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413 in
    the JSON error shape before anything reads it (the parser bounds undeclared lengths)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                from access.core.api.errors import json_error
                from access.core.api.parsers import too_large_message

                return json_error(request, 413, "too_large", too_large_message())
        return self.get_response(request)


def _source_ip(request: HttpRequest) -> str | None:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class LoginRequiredMiddleware:
    """Deny by default: every page needs a signed-in, MFA-verified user unless allow-listed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., object],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        if request.path.startswith(PUBLIC_PREFIXES) or is_public(request):
            return None
        if _is_api_view(view_func):
            return None  # DRF authenticates API views itself (token or verified session)
        user = request.user
        if user.is_authenticated and user.is_verified():  # type: ignore[attr-defined]
            return None
        if request.headers.get("HX-Request"):
            return JsonResponse({"error": "authentication required"}, status=401)
        return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))


def _is_api_view(view_func: Callable[..., object]) -> bool:
    from rest_framework.views import APIView

    cls = getattr(view_func, "cls", None)
    return isinstance(cls, type) and issubclass(cls, APIView)


def is_public(request: HttpRequest) -> bool:
    match = request.resolver_match or resolve(request.path_info)
    return match.view_name in PUBLIC_URL_NAMES


class NoStoreMiddleware:
    """Pages of a signed-in user may show person data: browsers and proxies must not keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/") and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
