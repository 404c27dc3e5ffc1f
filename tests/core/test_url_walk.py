"""Deny by default: every route needs a signed-in, verified user unless allow-listed."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from access.core.middleware import PUBLIC_URL_NAMES, _is_api_view

ALLOWED_ANONYMOUS = {
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


def walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None


def concrete(route: str) -> str:
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<uuid:\w+>", "00000000-0000-4000-8000-000000000000", route)
    route = re.sub(r"<(?:slug:|str:)?\w+>", "x", route)
    route = route.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + route


ROUTES = sorted(set(walk(get_resolver().url_patterns)), key=lambda r: r[0])


def test_the_allow_list_is_exactly_what_the_middleware_lets_through():
    assert set(PUBLIC_URL_NAMES) == ALLOWED_ANONYMOUS


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r[0] or "/" for r in ROUTES])
def test_route_requires_login(client, db, route, name):
    url = concrete(route)
    if name in ALLOWED_ANONYMOUS:
        return
    is_api = _is_api_view(resolve(url).func)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if is_api:
            assert response.status_code == 401, f"{method.upper()} {url} -> {response.status_code}"
        else:
            assert response.status_code == 302, f"{method.upper()} {url} -> {response.status_code}"
            assert response["Location"].startswith("/accounts/login/"), url


def test_there_are_routes_to_walk():
    names = {name for _, name in ROUTES}
    assert {"agencies:detail", "audit:list", "accounts:user_list", "agency-detail"} <= names
