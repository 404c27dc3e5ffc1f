"""ICE staff pages for the public 287(g) list: history, review findings, upload and import."""

from __future__ import annotations

import hashlib
import uuid

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
    UploadState,
)
from access.agencies.publiclist import tasks
from access.agencies.publiclist.forms import UploadForm
from access.agencies.publiclist.ice287g import ListKind, check_rows
from access.agencies.publiclist.importer import published_list
from access.core.typing import AuthedRequest

WORKING = (UploadState.CHECKING, UploadState.IMPORTING)


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


@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    """Step 1: upload. The files are only stored here; the job worker reads them and
    previews the import (``publiclist.tasks``), and the upload's page shows the result."""
    _require(request, "import")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["sheets"]]
        staged = PublicListUpload.objects.create(
            id=uuid.uuid4(),
            uploaded_by_id=request.user.pk,
            as_of=form.cleaned_data["as_of"],
            files=[{"name": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in files],
            sizes=[len(d) for _, d in files],
            content=b"".join(d for _, d in files),
        )
        tasks.check_upload.enqueue(str(staged.pk))
        return redirect("agencies:publiclist_upload_status", pk=staged.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "agencies/publiclist_upload.html", {"form": form}, status=status)


def _own_upload(request: AuthedRequest, pk: uuid.UUID) -> PublicListUpload:
    """The signed-in user's own upload (anyone else's is not found)."""
    _require(request, "import")
    staged = PublicListUpload.objects.filter(pk=pk, uploaded_by_id=request.user.pk).first()
    if staged is None:
        raise Http404("Not found")
    return staged


def upload_status(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Where an upload is: being checked, its preview, refused with the reasons, being
    imported, or imported with its report. While the job works, the page asks again."""
    staged = _own_upload(request, pk)
    context = {"upload": staged, "report": staged.report, "working": staged.state in WORKING}
    if request.headers.get("HX-Request"):
        return render(request, "agencies/_publiclist_upload_state.html", context)
    return render(request, "agencies/publiclist_upload_status.html", context)


@require_POST
def confirm(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Step 2: import the checked files for real (all or nothing), on the job worker."""
    staged = _own_upload(request, pk)
    if not (staged.report or {}).get("changed_anything"):
        raise Http404("Not found")  # not checked yet, refused, or nothing to import
    claimed = PublicListUpload.objects.filter(
        pk=staged.pk, state=UploadState.CHECKED, imported_at=None
    ).update(state=UploadState.IMPORTING)
    if not claimed:  # already confirmed (a second click) or imported
        raise Http404("Not found")
    tasks.import_upload.enqueue(str(staged.pk))
    return redirect("agencies:publiclist_upload_status", pk=staged.pk)
