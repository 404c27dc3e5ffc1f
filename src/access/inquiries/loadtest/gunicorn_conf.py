"""gunicorn settings for ``access bench inquiries``: each worker loads the inquiry model
(and opens its database connection) before it takes requests, as a deployed worker would
after its first inquiry."""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from access.inquiries import engine

    engine.matcher()
