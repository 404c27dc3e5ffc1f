"""django-tables2 reads the signature of a column's ``render`` (``inspect.signature``) for every
cell it renders, to pass only the arguments the method takes: on a 50-row list of eight
columns that was a third of the page's rendering time (issue 15 item 21). The answer depends
only on the method's function, so it is remembered per function (bound methods only: the
per-cell case; anything else is read as before)."""

from __future__ import annotations

from types import FunctionType
from typing import Any

from django_tables2 import utils

_read = utils.signature
_known: dict[FunctionType, tuple[tuple[str, ...], str | None]] = {}
# Column classes are defined once, so a few hundred functions at most; the bound only guards
# against methods made at run time.
MOST_REMEMBERED = 2048


def signature(fn: Any) -> tuple[tuple[str, ...], str | None]:
    function = getattr(fn, "__func__", None)
    if not isinstance(function, FunctionType):
        return _read(fn)
    found = _known.get(function)
    if found is None:
        found = _read(fn)
        if len(_known) < MOST_REMEMBERED:
            _known[function] = found
    return found


def install() -> None:
    """``call_with_appropriate`` looks ``signature`` up in its module on every call."""
    utils.signature = signature
