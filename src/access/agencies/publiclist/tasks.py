"""Public-list imports on the job worker (``access db_worker``), never in a web request.

An uploaded spreadsheet is untrusted: even bounded (``ice287g.reader``), reading and
comparing it with the stored history takes seconds. The upload page only stores the files
(``PublicListUpload``) and queues ``check_upload``; that job reads them and keeps the
preview (a dry run) or the refusal on the upload. Confirming queues ``import_upload``, which
imports all or nothing and keeps the report. The upload's page shows where it is.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from access.agencies.models import PublicListUpload, UploadState
from access.agencies.publiclist.ice287g import (
    SheetError,
    Snapshot,
    SnapshotTimeError,
    infer_snapshot_time,
    read_sheet,
)
from access.agencies.publiclist.importer import ImportRefused, ImportReport, import_snapshots

logger = logging.getLogger(__name__)

# The preview lists this many changes; the count says how many there are in all.
EVENTS_SHOWN = 200
_UNEXPECTED = "The files could not be read; nothing was imported. Check them and upload again."


def snapshots_of(upload: PublicListUpload) -> list[Snapshot]:
    """Read every stored file; raise SheetError/SnapshotTimeError naming the file."""
    snapshots = []
    for name, data in upload.parts():
        sheet = read_sheet(data, name)
        taken_at = upload.as_of or infer_snapshot_time(name)
        snapshots.append(Snapshot.from_sheet(sheet, taken_at))
    return snapshots


def report_json(report: ImportReport) -> dict[str, Any]:
    """What the upload page shows, as stored JSON (row-level findings included)."""
    return {
        "files": [
            {
                "source": f.source,
                "kind": f.kind,
                "taken_at": f.taken_at.isoformat(),
                "rows": f.rows,
                "status": f.status,
                "findings": [
                    {"row": row, "field": x.field, "value": x.value, "message": x.message}
                    for row, x in f.findings
                ],
            }
            for f in report.files
        ],
        "event_counts": report.event_counts,
        "agencies_created": report.agencies_created,
        "changed_anything": report.changed_anything,
        "events": report.events[:EVENTS_SHOWN],
        "events_total": len(report.events),
    }


def _problems(error: Exception) -> list[str]:
    if isinstance(error, ImportRefused):
        return list(error.problems)
    return [str(error), *getattr(error, "problems", ())]


def _finish(upload_id: str, **fields: Any) -> None:
    PublicListUpload.objects.filter(pk=upload_id).update(**fields)


@task()
def check_upload(upload_id: str) -> str:
    """Read the stored files and preview the import (nothing written); the upload's state."""
    upload = PublicListUpload.objects.select_related("uploaded_by").get(pk=upload_id)
    if upload.state != UploadState.CHECKING:
        return str(upload.state)
    try:
        report = import_snapshots(upload.uploaded_by, snapshots_of(upload), dry_run=True)
    except (SheetError, SnapshotTimeError, ImportRefused) as error:
        _finish(upload_id, state=UploadState.REFUSED, problems=_problems(error), content=b"")
        return UploadState.REFUSED
    except Exception:
        logger.exception("public-list upload %s could not be checked", upload_id)
        _finish(upload_id, state=UploadState.REFUSED, problems=[_UNEXPECTED], content=b"")
        return UploadState.REFUSED
    _finish(upload_id, state=UploadState.CHECKED, report=report_json(report))
    return UploadState.CHECKED


@task()
def import_upload(upload_id: str) -> str:
    """Import the checked files for real, all or nothing; the upload's state."""
    upload = PublicListUpload.objects.select_related("uploaded_by").get(pk=upload_id)
    if upload.state != UploadState.IMPORTING:
        return str(upload.state)
    try:
        report = import_snapshots(upload.uploaded_by, snapshots_of(upload))
    except (SheetError, SnapshotTimeError, ImportRefused) as error:
        _finish(upload_id, state=UploadState.REFUSED, problems=_problems(error))
        return UploadState.REFUSED
    except Exception:
        logger.exception("public-list upload %s could not be imported", upload_id)
        _finish(upload_id, state=UploadState.REFUSED, problems=[_UNEXPECTED])
        return UploadState.REFUSED
    _finish(
        upload_id,
        state=UploadState.IMPORTED,
        report=report_json(report),
        imported_at=timezone.now(),
    )
    return UploadState.IMPORTED
