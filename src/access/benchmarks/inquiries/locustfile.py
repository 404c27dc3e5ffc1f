"""Locust users posting IAQs to ``POST /api/inquiries/`` with an officer's API token.

Run by ``access bench inquiries`` (which prepares the store, the officer, the token and the
payloads); by hand::

    BENCH_TOKEN=... BENCH_PAYLOADS=var/bench/payloads.json \\
        locust -f src/access/benchmarks/inquiries/locustfile.py --headless -u 20 -r 20 -t 60s \\
        --host http://127.0.0.1:8001

Environment: ``BENCH_TOKEN`` (knox token of an agency officer), ``BENCH_PAYLOADS`` (a JSON
list of request bodies: present and absent subjects), ``BENCH_WAIT_MIN`` / ``BENCH_WAIT_MAX``
(seconds each user waits between inquiries; default 0.5 / 1.5), ``BENCH_TIMINGS`` (a file
that receives every response time in ms, so the percentiles are exact rather than locust's
rounded buckets).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

_PAYLOADS: list[dict[str, Any]] = json.loads(
    Path(os.environ.get("BENCH_PAYLOADS", "var/bench/payloads.json")).read_text("utf-8")
)
_NEXT = itertools.count()
_LOCK = threading.Lock()
_TIMINGS: list[float] = []
_FAILED: list[str] = []


@events.request.add_listener
def _record(
    request_type: str, name: str, response_time: float, exception: Any, **kwargs: Any
) -> None:
    with _LOCK:
        _TIMINGS.append(response_time)
        if exception is not None:
            _FAILED.append(f"{request_type} {name}: {exception}"[:300])


@events.quitting.add_listener
def _write(environment: Any, **kwargs: Any) -> None:
    path = os.environ.get("BENCH_TIMINGS")
    if path:
        with _LOCK:
            body = {
                "timings_ms": _TIMINGS,
                "failure_count": len(_FAILED),
                "failures": _FAILED[:20],
            }
        Path(path).write_text(json.dumps(body), "utf-8")


class Officer(HttpUser):
    """An agency officer's system sending one IAQ after another."""

    wait_time = between(
        float(os.environ.get("BENCH_WAIT_MIN", "0.5")),
        float(os.environ.get("BENCH_WAIT_MAX", "1.5")),
    )

    def on_start(self) -> None:
        self.client.headers.update(
            {
                "Authorization": f"Token {os.environ['BENCH_TOKEN']}",
                "Accept": "application/json",
            }
        )

    @task
    def inquire(self) -> None:
        body = _PAYLOADS[next(_NEXT) % len(_PAYLOADS)]
        with self.client.post(
            "/api/inquiries/", json=body, name="POST /api/inquiries/", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
            elif "id" not in response.json():
                response.failure("201 without an inquiry id")
