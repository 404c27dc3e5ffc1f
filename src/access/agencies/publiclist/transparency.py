"""The public transparency page: ICE's 287(g) lists with their history. No sign-in needed.

Everything shown here is public data as ICE published it; nothing about persons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from access.agencies.models import PublishedEvent, PublishedRow, PublishedSnapshot
from access.agencies.publiclist.ice287g import ListKind, ListState, clean, csv_text, xlsx_bytes
from access.agencies.publiclist.importer import published_list

AGENCY, STATE, SUPPORT = "LAW ENFORCEMENT AGENCY", "STATE", "SUPPORT TYPE"


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


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    kind = ListKind.PENDING if request.GET.get("list") == "pending" else ListKind.PARTICIPATING
    lists = {k: published_list(now, k) for k in ListKind}
    shown = lists[kind]
    all_rows = [dict(zip(shown.columns, r, strict=True)) for r in shown.rows]
    rows = _filtered(shown, request.GET.dict())
    over_time = _over_time()
    events = Paginator(PublishedEvent.objects.select_related("entry__current_version"), 25)
    return render(
        request,
        "public/transparency.html",
        {
            "kind": kind.value,
            "lists": lists,
            "shown": shown,
            "columns": shown.columns,
            "rows": rows,
            "table_rows": [[r.get(c, "") for c in shown.columns] for r in rows],
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
            "events": events.get_page(request.GET.get("page")),
            "filters": {k: request.GET.get(k, "") for k in ("state", "support", "q")},
        },
    )


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("list", ListKind.PARTICIPATING.value)
    fmt = request.GET.get("format", "csv")
    if kind not in {k.value for k in ListKind} or fmt not in ("csv", "xlsx"):
        raise Http404("Unknown list or format")
    state = published_list(timezone.now(), ListKind(kind))
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
