"""The public transparency page: ICE's 287(g) lists with their history. No sign-in needed.

Everything shown here is public data as ICE published it; nothing about persons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from access.agencies.models import PublishedEvent, PublishedRow, PublishedSnapshot
from access.agencies.publiclist.ice287g import (
    ListKind,
    ListState,
    SnapshotTimeError,
    clean,
    csv_text,
    parse_as_of,
    xlsx_bytes,
)
from access.agencies.publiclist.importer import published_list

AGENCY, STATE, SUPPORT = "LAW ENFORCEMENT AGENCY", "STATE", "SUPPORT TYPE"
KEY_COLUMNS = (STATE, AGENCY, SUPPORT, "SIGNED", "COUNTY", "TYPE")


def _filtered(state: ListState, params: dict[str, str]) -> list[dict[str, str]]:
    rows = [dict(zip(state.columns, row, strict=True)) for row in state.rows]
    wanted_state = params.get("state", "")
    wanted_support = params.get("support", "")
    text = params.get("q", "").strip().lower()
    return [
        r
        for r in rows
        if (not wanted_state or clean(r.get(STATE, "")) == wanted_state)
        and (not wanted_support or clean(r.get(SUPPORT, "")) == wanted_support)
        and (not text or text in r.get(AGENCY, "").lower())
    ]


def _over_time() -> dict[str, Any]:
    """Participating rows by support type per day; recomputed only after a new import.

    The page needs no sign-in, so it must not re-read every stored row on each request; the
    cache key is the newest snapshot id, which an import changes.
    """
    latest = PublishedSnapshot.objects.aggregate(latest=Max("id"))["latest"] or 0
    key = f"transparency:over-time:{latest}"
    series: dict[str, Any] | None = cache.get(key)
    if series is None:
        series = _compute_over_time()
        cache.set(key, series, timeout=None)
    return series


def _compute_over_time() -> dict[str, Any]:
    per_snapshot: dict[Any, Counter[str]] = defaultdict(Counter)
    rows = PublishedRow.objects.filter(
        snapshot__list_kind=ListKind.PARTICIPATING.value
    ).values_list("snapshot__taken_at", "version__values")
    for taken_at, values in rows.iterator(chunk_size=5000):
        per_snapshot[taken_at][clean(values.get(SUPPORT, "")) or "(blank)"] += 1
    per_day = {t.date(): counts for t, counts in sorted(per_snapshot.items())}
    supports = sorted({s for counts in per_day.values() for s in counts})
    return {
        "labels": [d.isoformat() for d in per_day],
        "series": [{"label": s, "data": [per_day[d][s] for d in per_day]} for s in supports],
        "totals": [sum(c.values()) for c in per_day.values()],
    }


ROWS_PER_PAGE, CHANGES_PER_PAGE = 50, 25


def _as_of(raw: str) -> tuple[datetime, str]:
    """The moment the visitor chose (``as_of``, a date or date-time read as the CLI's
    ``export_287g --as-of`` reads it), or now; and an error to show for text that is not one."""
    now = timezone.now()
    if not raw.strip():
        return now, ""
    try:
        moment = parse_as_of(raw)
    except SnapshotTimeError:
        return now, f"{raw!r} is not a date: choose a date (YYYY-MM-DD). Showing the list today."
    return min(moment, now), ""


def _query(params: dict[str, str], *drop: str) -> str:
    """The query string of the page's choices without ``drop`` (for pager links)."""
    return urlencode({k: v for k, v in params.items() if v and k not in drop})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("list", "as_of", "state", "support", "q")}
    moment, as_of_error = _as_of(params["as_of"])
    kind = ListKind.PENDING if params["list"] == "pending" else ListKind.PARTICIPATING
    lists = {k: published_list(moment, k) for k in ListKind}
    shown = lists[kind]
    all_rows = [dict(zip(shown.columns, r, strict=True)) for r in shown.rows]
    rows = _filtered(shown, params)
    # The columns people scan first lead the table; the rest follow in ICE's order.
    columns = [c for c in KEY_COLUMNS if c in shown.columns] + [
        c for c in shown.columns if c not in KEY_COLUMNS
    ]
    row_page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    over_time = _over_time()
    changes = PublishedEvent.objects.select_related("entry__current_version")
    if params["as_of"] and not as_of_error:
        changes = changes.filter(at__lte=moment)
    events = Paginator(changes, CHANGES_PER_PAGE)
    return render(
        request,
        "public/transparency.html",
        {
            "kind": kind.value,
            "lists": lists,
            "shown": shown,
            "as_of": params["as_of"] if not as_of_error else "",
            "as_of_error": as_of_error,
            "today": timezone.now().date().isoformat(),
            "columns": columns,
            "rows": rows,
            "row_page": row_page,
            "table_rows": [[r.get(c, "") for c in columns] for r in row_page],
            "states": sorted({clean(r.get(STATE, "")) for r in all_rows}),
            "supports": sorted({clean(r.get(SUPPORT, "")) for r in all_rows}),
            "by_support": sorted(Counter(clean(r.get(SUPPORT, "")) for r in rows).items()),
            "by_state": sorted(Counter(clean(r.get(STATE, "")) for r in rows).items()),
            "over_time": over_time,
            "over_time_rows": [
                (
                    label,
                    [series["data"][i] for series in over_time["series"]],
                    over_time["totals"][i],
                )
                for i, label in enumerate(over_time["labels"])
            ],
            "events": events.get_page(request.GET.get("changes")),
            "filters": params,
            "rows_query": _query({**params, "changes": request.GET.get("changes", "")}, "page"),
            "changes_query": _query({**params, "page": request.GET.get("page", "")}, "changes"),
        },
    )


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("list", ListKind.PARTICIPATING.value)
    fmt = request.GET.get("format", "csv")
    if kind not in {k.value for k in ListKind} or fmt not in ("csv", "xlsx"):
        raise Http404("Unknown list or format")
    moment, _error = _as_of(request.GET.get("as_of", ""))
    state = published_list(moment, ListKind(kind))
    stamp = state.taken_at.strftime("%Y%m%dT%H%M%SZ") if state.taken_at else "empty"
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(state.columns, state.rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            csv_text(state.columns, state.rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="287g-{kind}-{stamp}.{fmt}"'
    return response
