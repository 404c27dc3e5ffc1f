"""gunicorn settings for ``access bench inquiries``: each worker loads the inquiry model and
maps the online store (and opens its database connection) before it takes requests, as a deployed worker would
after its first inquiry, then moves everything loaded so far out of the garbage collector's
way (``gc.freeze``), so the collections that a search's thousands of feature rows trigger do
not re-scan the whole application each time."""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    from access.records import search

    search.searcher().scorer()
    search.searcher().online_store()
    gc.collect()
    gc.freeze()
