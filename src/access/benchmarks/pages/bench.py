"""``access bench pages``: the signed-in pages and the API under concurrent users (issue 15
item 21: "where the time goes under 20 users").

1. the configured database must be a benchmark database (its name contains ``bench``); when it
   holds no demo accounts it is migrated and given the demo data (``seed_demo``);
2. gunicorn (gthread) serves ``access.wsgi`` on 127.0.0.1 with production settings
   (``ACCESS_ENV=production``, a secret made for the run, static files collected); requests
   carry ``X-Forwarded-Proto: https`` as behind the TLS proxy of a deployment;
3. each demo account in ``ROLE_PAGES`` signs in through the real forms (system-use notice,
   password, one-time code), then opens its role's pages once: every page must answer 200,
   and detail pages are picked from the links its list pages show;
4. locust runs ``users`` users for ``seconds``: each user is one of the accounts (in turn) and
   opens a random page of its role, waiting ``wait`` seconds between pages;
5. the result: median, p95, p99 and count per page group, and for pages and the API together.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess  # nosec B404 - runs this project's own gunicorn and locust
import sys
import time
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from access.benchmarks.inquiries.bench import BenchRefused, _database_url, _percentile, machine

HERE = Path(__file__).resolve().parent
Progress = Callable[[str], None]
DEMO_PASSWORD = "demo-access-2026"  # noqa: S105  # nosec B105 - the documented demo password

# What each role opens: (group, path). A path ending in "<id>/" is a detail page, picked from
# the links the role's list page at the same prefix shows.
HOME = ("GET /", "/")
ROLE_PAGES: dict[str, list[tuple[str, str]]] = {
    "manager": [
        HOME,
        ("GET /requests/", "/requests/"),
        ("GET /requests/<id>/", "/requests/<id>/"),
        ("GET /agreements/", "/agreements/"),
        ("GET /agreements/<id>/", "/agreements/<id>/"),
        ("GET /agencies/", "/agencies/"),
        ("GET /agencies/<id>/", "/agencies/<id>/"),
        ("GET /officers/", "/officers/"),
        ("GET /api/agreements/", "/api/agreements/"),
        ("GET /api/agencies/", "/api/agencies/"),
    ],
    "agent": [
        HOME,
        ("GET /requests/", "/requests/"),
        ("GET /agreements/", "/agreements/"),
        ("GET /agreements/<id>/", "/agreements/<id>/"),
        ("GET /officers/", "/officers/"),
        ("GET /officers/<id>/", "/officers/<id>/"),
        ("GET /api/officers/", "/api/officers/"),
    ],
    "supervisor": [
        HOME,
        ("GET /officers/", "/officers/"),
        ("GET /officers/<id>/", "/officers/<id>/"),
        ("GET /inquiries/citizenship-stops/", "/inquiries/citizenship-stops/"),
        ("GET /agreements/", "/agreements/"),
    ],
    "analyst": [
        HOME,
        ("GET /inquiries/", "/inquiries/"),
        ("GET /inquiries/queue/", "/inquiries/queue/"),
        ("GET /inquiries/<id>/", "/inquiries/<id>/"),
        ("GET /api/inquiries/", "/api/inquiries/"),
    ],
    "auditor": [
        HOME,
        ("GET /audit/", "/audit/"),
        ("GET /audit/<id>/", "/audit/<id>/"),
        ("GET /inquiries/", "/inquiries/"),
        ("GET /inquiries/misuse/flags/", "/inquiries/misuse/flags/"),
        ("GET /agreements/", "/agreements/"),
        ("GET /api/inquiries/", "/api/inquiries/"),
    ],
    "liaison": [
        HOME,
        ("GET /requests/", "/requests/"),
        ("GET /agreements/", "/agreements/"),
        ("GET /agreements/<id>/", "/agreements/<id>/"),
        ("GET /officers/", "/officers/"),
        ("GET /officers/<id>/", "/officers/<id>/"),
        ("GET /inquiries/cases/", "/inquiries/cases/"),
        ("GET /api/agreements/", "/api/agreements/"),
        ("GET /api/officers/", "/api/officers/"),
    ],
    "officer": [
        HOME,
        ("GET /inquiries/new/", "/inquiries/new/"),
        ("GET /api/inquiries/", "/api/inquiries/"),
    ],
    "admin": [
        HOME,
        ("GET /accounts/users/", "/accounts/users/"),
        ("GET /accounts/users/<id>/", "/accounts/users/<id>/"),
        ("GET /agencies/", "/agencies/"),
    ],
}
DETAILS_PER_KIND = 5


def ensure_database(persons: int, say: Progress) -> None:
    """A benchmark database with the demo accounts (seeded when it has none)."""
    from access.accounts.models import User

    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in Path(name).name:
        raise BenchRefused(
            f"refusing to sign in and write audit events in database {name!r}: use a database "
            "whose name contains 'bench', e.g. DATABASE_URL=sqlite:///var/access-bench.sqlite3"
        )
    if connection.vendor == "sqlite":
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    if not User.objects.filter(username__in=list(ROLE_PAGES)).exists():
        say(f"loading the demo data ({persons:,} persons)")
        call_command("seed_demo", persons=persons, quiet_logins=True, verbosity=0)


@contextlib.contextmanager
def gunicorn(
    port: int, workers: int, threads: int, var_dir: Path, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "ACCESS_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ACCESS_VAR_DIR": str(settings.VAR_DIR),
        "DEBUG": "",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
    }
    binary = Path(sys.executable).parent
    subprocess.run(  # noqa: S603  # nosec B603
        [str(binary / "access"), "collectstatic", "--no-input", "-v0"], env=env, check=True
    )
    command = [
        str(binary / "gunicorn"),
        "access.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603  # nosec B603
        try:
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


class Browser:
    """One signed-in person over plain HTTP on loopback, as behind a TLS proxy: keeps the
    cookies itself (they are Secure) and follows no redirects."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Cookie": self.cookie}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), text
        finally:
            conn.close()

    def sign_in(self, username: str) -> None:
        from django_otp.oath import TOTP
        from django_otp.plugins.otp_totp.models import TOTPDevice

        self.request("GET", "/accounts/login/")
        status, location, _ = self.request(
            "POST",
            "/accounts/login/",
            {"acknowledge": "on", "username": username, "password": DEMO_PASSWORD},
        )
        if status != 302 or "verify" not in location:
            raise BenchRefused(f"{username}: the password step answered {status} {location}")
        # The code `access demo_otp USERNAME` prints (the site app is beside this one).
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        code = f"{totp.token():0{device.digits}d}"
        self.request("GET", "/accounts/login/verify/")
        status, location, _ = self.request("POST", "/accounts/login/verify/", {"token": code})
        if status != 302 or "login" in location:
            raise BenchRefused(f"{username}: the one-time code step answered {status} {location}")


def plan_for(browser: Browser, username: str) -> list[tuple[str, str]]:
    """The role's pages, each checked once (200), detail pages taken from the list pages."""
    pages: list[tuple[str, str]] = []
    listed: dict[str, str] = {}
    for group, path in ROLE_PAGES[username]:
        if path.endswith("<id>/"):
            continue
        status, location, text = browser.request("GET", path)
        if status != 200:
            raise BenchRefused(f"{username}: {path} answered {status} {location}")
        pages.append((group, path))
        listed[path] = text
    for group, path in ROLE_PAGES[username]:
        if not path.endswith("<id>/"):
            continue
        prefix = path.removesuffix("<id>/")
        links = re.findall(rf'href="({re.escape(prefix)}\d+/)"', listed.get(prefix, ""))
        chosen = list(dict.fromkeys(links))[:DETAILS_PER_KIND]
        if not chosen:  # nothing of that kind in the role's scope: the group is left out
            continue
        for link in chosen:
            status, location, _ = browser.request("GET", link)
            if status != 200:
                raise BenchRefused(f"{username}: {link} answered {status} {location}")
            pages.append((group, link))
    return pages


def wait_until_serving(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchRefused(f"gunicorn exited ({server.returncode}); see {log}")
        with contextlib.suppress(OSError):
            if Browser(port).request("GET", "/health/")[0] == 200:
                return
        time.sleep(0.5)
    raise BenchRefused(f"gunicorn did not answer within 120 s; see {log}")


def summarise(values: list[float]) -> dict[str, Any]:
    return {
        "requests": len(values),
        "p50_ms": _percentile(values, 0.50),
        "p95_ms": _percentile(values, 0.95),
        "p99_ms": _percentile(values, 0.99),
        "max_ms": round(max(values), 1) if values else 0.0,
    }


def run(
    *,
    users: int,
    seconds: int,
    persons: int = 1000,
    wait: tuple[float, float] = (1.0, 3.0),
    workers: int = 2,
    threads: int = 4,
    port: int = 8766,
    p95_target_ms: float = 300,
    say: Progress = lambda _message: None,
) -> dict[str, Any]:
    started = time.perf_counter()
    say("database")
    ensure_database(persons, say)
    var_dir = Path(settings.VAR_DIR) / "bench" / "pages"
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "gunicorn.log"
    timings_file = var_dir / "timings.json"
    timings_file.unlink(missing_ok=True)
    say(
        f"gunicorn on 127.0.0.1:{port} ({workers} workers x {threads} threads, production settings)"
    )
    with gunicorn(port, workers, threads, var_dir, log) as server:
        wait_until_serving(port, server, log)
        plan = []
        for username in ROLE_PAGES:
            say(f"signing in {username} and opening its pages once")
            browser = Browser(port)
            browser.sign_in(username)
            opened = plan_for(browser, username)
            plan.append({"username": username, "cookie": browser.cookie, "pages": opened})
        plan_file = var_dir / "plan.json"
        plan_file.write_text(json.dumps(plan), "utf-8")
        load_before = [round(x, 2) for x in os.getloadavg()]
        say(f"locust: {users} users for {seconds} s (load average {load_before})")
        env = {
            **os.environ,
            "BENCH_PLAN": str(plan_file),
            "BENCH_TIMINGS": str(timings_file),
            "BENCH_WAIT_MIN": str(wait[0]),
            "BENCH_WAIT_MAX": str(wait[1]),
        }
        locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
        command = [
            locust,
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--only-summary",
            "--stop-timeout",
            "30",
            "--loglevel",
            "WARNING",
        ]
        outcome = subprocess.run(  # noqa: S603  # nosec B603
            command, env=env, capture_output=True, timeout=seconds + 300, check=False
        )
        (var_dir / "locust.log").write_bytes(outcome.stdout + outcome.stderr)
        server_alive = server.poll() is None
    if not timings_file.exists():
        raise BenchRefused(f"locust wrote no timings (exit {outcome.returncode}); see {var_dir}")
    measured = json.loads(timings_file.read_text("utf-8"))
    by_group: dict[str, list[float]] = measured["timings_ms"]
    pages = [t for group, ts in by_group.items() if not group.startswith("GET /api/") for t in ts]
    api = [t for group, ts in by_group.items() if group.startswith("GET /api/") for t in ts]
    overall = summarise(pages + api)
    return {
        "benchmark": "pages",
        "users": users,
        "seconds": seconds,
        "wait_seconds": list(wait),
        "accounts": [entry["username"] for entry in plan],
        "server": {
            "gunicorn_workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "settings": "production (ACCESS_ENV=production, DEBUG off, whitenoise)",
            "alive_at_end": server_alive,
        },
        "all": overall,
        "pages": summarise(pages),
        "api": summarise(api),
        "groups": {group: summarise(ts) for group, ts in sorted(by_group.items())},
        "requests_per_second": round(overall["requests"] / seconds, 2),
        "failures": int(measured["failure_count"]),
        "failure_examples": measured["failures"][:5],
        "p95_target_ms": p95_target_ms,
        "p95_met": bool(overall["requests"]) and overall["p95_ms"] <= p95_target_ms,
        "locust_exit": outcome.returncode,
        "load_average_before_run": load_before,
        "total_seconds": round(time.perf_counter() - started, 1),
        "machine": machine(),
    }
