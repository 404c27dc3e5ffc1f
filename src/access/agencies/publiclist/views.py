"""ICE staff pages for the public 287(g) list: history, review findings, upload and import."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from access.agencies.models import (
    PublicListUpload,
    PublishedEntry,
    PublishedEvent,
    PublishedSnapshot,
)
from access.agencies.publiclist.forms import UploadForm
from access.agencies.publiclist.ice287g import (
    ListKind,
    SheetError,
    Snapshot,
    SnapshotTimeError,
    check_rows,
    infer_snapshot_time,
    read_sheet,
)
from access.agencies.publiclist.importer import ImportRefused, import_snapshots, published_list
from access.core.typing import AuthedRequest


def _require(request: AuthedRequest, action: str) -> None:
    if not request.user.can(f"agencies.{action}_publishedsnapshot"):
        raise Http404("Not found")


def overview(request: AuthedRequest) -> HttpResponse:
    """Latest lists, the findings to review in them, and the change log."""
    _require(request, "view")
    now = timezone.now()
    lists = []
    for kind in ListKind:
        state = published_list(now, kind)
        findings = [
            {
                "row": number,
                "agency": dict(zip(state.columns, row, strict=True)).get(
                    "LAW ENFORCEMENT AGENCY", ""
                ),
                "entry": state.entry_ids[number - 1],
                "finding": finding,
            }
            for number, (row, row_findings) in enumerate(
                zip(state.rows, check_rows(state.columns, state.rows), strict=True), start=1
            )
            for finding in row_findings
        ]
        lists.append({"kind": kind.value, "state": state, "findings": findings})
    events = PublishedEvent.objects.select_related("version", "entry__current_version")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/publiclist_overview.html",
        {
            "lists": lists,
            "page": page,
            "snapshots": PublishedSnapshot.objects.all()[:10],
            "can_import": request.user.can("agencies.import_publishedsnapshot"),
        },
    )


def entry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request, "view")
    entry = PublishedEntry.objects.filter(pk=pk).select_related("agency", "current_version").first()
    if entry is None:
        raise Http404("Not found")
    return render(
        request,
        "agencies/publiclist_entry.html",
        {
            "entry": entry,
            "versions": entry.versions.order_by("valid_from"),
            "events": entry.events.order_by("at", "id"),
        },
    )


def _snapshots_of(upload: PublicListUpload) -> list[Snapshot]:
    """Read every staged file; raise SheetError/SnapshotTimeError naming the file."""
    snapshots = []
    for name, data in upload.parts():
        sheet = read_sheet(data, name)
        taken_at = upload.as_of or infer_snapshot_time(name)
        snapshots.append(Snapshot.from_sheet(sheet, taken_at))
    return snapshots


@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    """Step 1: upload; the files are checked and a dry run shows what would change."""
    _require(request, "import")
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    report = None
    staged = None
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["sheets"]]
        staged = PublicListUpload(
            id=uuid.uuid4(),
            uploaded_by_id=request.user.pk,
            as_of=form.cleaned_data["as_of"],
            files=[{"name": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in files],
            sizes=[len(d) for _, d in files],
            content=b"".join(d for _, d in files),
        )
        try:
            snapshots = _snapshots_of(staged)
            report = import_snapshots(request.user, snapshots, dry_run=True)
        except (SheetError, SnapshotTimeError) as error:
            problems = [str(error), *getattr(error, "problems", ())]
        except ImportRefused as refused:
            problems = refused.problems
        else:
            staged.save()
    status = 400 if problems or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request,
        "agencies/publiclist_upload.html",
        {
            "form": form,
            "problems": problems,
            "report": report,
            "upload": staged if report else None,
        },
        status=status,
    )


@require_POST
def confirm(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Step 2: import the staged files for real (all or nothing)."""
    _require(request, "import")
    staged = PublicListUpload.objects.filter(
        pk=pk, uploaded_by_id=request.user.pk, imported_at=None
    ).first()
    if staged is None:
        raise Http404("Not found")
    try:
        report = import_snapshots(request.user, _snapshots_of(staged))
    except (SheetError, SnapshotTimeError, ImportRefused) as error:
        messages.error(request, f"Nothing was imported: {error}")
        return redirect("agencies:publiclist_upload")
    PublicListUpload.objects.filter(pk=staged.pk).update(imported_at=timezone.now())
    counts = ", ".join(f"{n} {k}" for k, n in sorted(report.event_counts.items())) or "no changes"
    messages.success(
        request, f"Imported: {counts}; {report.agencies_created} agency records created."
    )
    return redirect("agencies:publiclist")
