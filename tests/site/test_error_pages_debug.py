"""Under DEBUG (``make run``) a 404 or 500 shows the app's own error page, not Django's
technical page, unless ACCESS_DEBUG_TECHNICAL_ERRORS asks for it."""

from __future__ import annotations

import pytest

from access.site import views

TECHNICAL_404 = "Using the URLconf defined in"
TECHNICAL_500 = "Traceback"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = False
    return settings


@pytest.fixture
def manager(client_as):
    client = client_as("ice_program_manager")
    client.raise_request_exception = False
    return client


def boom(*_args, **_kwargs):
    raise RuntimeError("a bug in a view")


def test_an_unmatched_url_shows_the_app_404_page(debug, manager):
    response = manager.get("/no-such-page/")
    assert response.status_code == 404
    assert response.templates[0].name == "core/error.html"
    assert b"Page not found" in response.content
    assert TECHNICAL_404.encode() not in response.content


def test_a_404_raised_by_a_view_shows_the_app_404_page(debug, manager):
    response = manager.get("/agencies/987654321/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert TECHNICAL_404.encode() not in response.content


def test_an_unmatched_api_url_answers_the_json_error_shape(debug, manager):
    response = manager.get("/api/no-such-list/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "error" in response.json()


def test_a_missing_slash_still_redirects(debug, manager):
    response = manager.get("/agencies")
    assert response.status_code == 301
    assert response["Location"] == "/agencies/"


def test_a_server_error_shows_the_app_500_page_and_logs_the_traceback(
    debug, manager, monkeypatch, caplog
):
    monkeypatch.setattr(views, "queues_for", boom)
    response = manager.get("/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert TECHNICAL_500.encode() not in response.content
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and "a bug in a view" in str(logged[0].exc_info[1])


def test_technical_pages_when_asked_for(debug, manager, monkeypatch):
    debug.DEBUG_TECHNICAL_ERRORS = True
    assert TECHNICAL_404.encode() in manager.get("/no-such-page/").content
    monkeypatch.setattr(views, "queues_for", boom)
    response = manager.get("/")
    assert response.status_code == 500
    assert TECHNICAL_500.encode() in response.content


def test_without_debug_the_handlers_answer_as_before(settings, manager):
    settings.DEBUG = False
    response = manager.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
