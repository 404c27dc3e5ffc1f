"""Locust users browsing the signed-in pages and reading the API, each as one demo account.

Run by ``access bench pages`` (which signs the accounts in and writes the plan); by hand::

    BENCH_PLAN=var/bench/pages/plan.json locust -f src/access/benchmarks/pages/locustfile.py \\
        --headless -u 20 -r 20 -t 90s --host http://127.0.0.1:8766

``BENCH_PLAN``: a JSON list, one entry per signed-in account: ``{"username", "cookie",
"pages": [[group, path], ...]}``; the users take the accounts in turn. ``BENCH_WAIT_MIN`` /
``BENCH_WAIT_MAX``: seconds a user reads a page before the next (default 1 / 3).
``BENCH_TIMINGS``: a file that receives every response time in ms by group, so the
percentiles are exact rather than locust's rounded buckets.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

_PLAN: list[dict[str, Any]] = json.loads(
    Path(os.environ.get("BENCH_PLAN", "var/bench/pages/plan.json")).read_text("utf-8")
)
_NEXT = itertools.count()
_LOCK = threading.Lock()
_TIMINGS: dict[str, list[float]] = {}
_FAILED: list[str] = []


@events.request.add_listener
def _record(
    request_type: str, name: str, response_time: float, exception: Any, **kwargs: Any
) -> None:
    with _LOCK:
        _TIMINGS.setdefault(name, []).append(response_time)
        if exception is not None:
            _FAILED.append(f"{request_type} {name}: {exception}"[:300])


@events.quitting.add_listener
def _write(environment: Any, **kwargs: Any) -> None:
    path = os.environ.get("BENCH_TIMINGS")
    if path:
        with _LOCK:
            body = {"timings_ms": _TIMINGS, "failure_count": len(_FAILED), "failures": _FAILED}
        Path(path).write_text(json.dumps(body), "utf-8")


class Person(HttpUser):
    """Someone signed in as one demo account, opening the pages their role uses."""

    wait_time = between(
        float(os.environ.get("BENCH_WAIT_MIN", "1")), float(os.environ.get("BENCH_WAIT_MAX", "3"))
    )

    def on_start(self) -> None:
        account = _PLAN[next(_NEXT) % len(_PLAN)]
        self.pages: list[list[str]] = account["pages"]
        # The session cookie is Secure (production settings): it is sent by hand, and the
        # request says it came through a TLS-terminating proxy, as it would in production.
        self.client.headers.update({"Cookie": account["cookie"], "X-Forwarded-Proto": "https"})

    @task
    def open_a_page(self) -> None:
        group, path = random.choice(self.pages)  # noqa: S311  # nosec B311 - traffic mix, not security
        with self.client.get(
            path, name=group, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {path}")
