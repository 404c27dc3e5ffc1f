from __future__ import annotations

import os
import subprocess
import sys


def test_pages_carry_csp_no_store_and_a_request_id(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) == 32


def test_a_forged_request_id_is_replaced(client, db):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"


def test_the_404_page_shows_the_request_id_and_no_internals(client_as):
    client = client_as("ice_program_manager")
    response = client.get("/agencies/999999/")
    assert response.status_code == 404
    assert response["X-Request-ID"] in response.content.decode()
    assert "Traceback" not in response.content.decode()


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ACCESS_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        ACCESS_ENV="production",
        SECRET_KEY="k3y-" + "".join(chr(65 + (i * 7) % 26) for i in range(60)),
        ALLOWED_HOSTS="access.example.gov",
        DJANGO_SETTINGS_MODULE="access.settings",
        **extra,
    )
    return env


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = subprocess.run(
        [sys.executable, "-m", "access.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "access.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when ACCESS_ENV=production" in result.stderr


def test_production_refuses_a_pinned_model_file():
    """A pinned model file (benchmarks, tests) would bypass the active, calibrated version."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=_production_env(ACCESS_INQUIRIES_MODEL_PATH="/tmp/model.json"),  # nosec B108
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ACCESS_INQUIRIES_MODEL_PATH pins a model file" in result.stderr


def test_production_hashes_passwords_with_pbkdf2():
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
