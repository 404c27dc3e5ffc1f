"""Upload with dry-run preview and confirmation; the public transparency page."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from access.agencies.models import (
    PublicListUpload,
    PublishedEvent,
    PublishedSnapshot,
    UploadState,
)
from access.agencies.publiclist import tasks
from access.agencies.publiclist.importer import import_snapshots
from access.audit.models import AuditEvent
from access.core.actors import SystemActor


def _upload(client, *paths: Path, as_of: str = ""):
    files = [io.BytesIO(p.read_bytes()) for p in paths]
    for handle, path in zip(files, paths, strict=True):
        handle.name = path.name
    return client.post("/agencies/public-list/import/", {"sheets": files, "as_of": as_of})


def test_upload_is_checked_on_the_job_worker_then_confirm_imports(
    client_as, real_files: list[Path], monkeypatch
):
    manager = client_as("ice_program_manager")
    first_folder = sorted({p.parent for p in real_files})[0]
    # The request itself never reads the spreadsheet: only the job does.
    queued: list[str] = []
    check = tasks.check_upload
    monkeypatch.setattr(tasks, "check_upload", SimpleNamespace(enqueue=queued.append))
    uploaded = _upload(manager, *sorted(first_folder.glob("*.xlsx")), as_of="2025-05-19T02:49")
    staged = PublicListUpload.objects.get()
    assert uploaded.status_code == 302
    assert uploaded["Location"] == f"/agencies/public-list/import/{staged.pk}/"
    assert staged.state == UploadState.CHECKING and staged.report is None
    assert queued == [str(staged.pk)]
    waiting = manager.get(uploaded["Location"]).content.decode()
    assert "Checking the files" in waiting and 'hx-trigger="every 2s"' in waiting
    # Not checked yet: nothing to confirm.
    assert manager.post(f"/agencies/public-list/import/{staged.pk}/confirm/").status_code == 404

    assert check.call(str(staged.pk)) == UploadState.CHECKED
    body = manager.get(uploaded["Location"]).content.decode()
    assert "Preview: nothing has been written yet" in body and "hx-trigger" not in body
    assert "663 added" in body and "05/082025" in body
    assert PublishedSnapshot.objects.count() == 0

    confirmed = manager.post(f"/agencies/public-list/import/{staged.pk}/confirm/")
    assert confirmed.status_code == 302  # the immediate test backend runs the import job
    staged.refresh_from_db()
    assert staged.state == UploadState.IMPORTED and staged.imported_at is not None
    assert PublishedSnapshot.objects.count() == 2
    assert AuditEvent.objects.filter(action="publiclist.import", actor=manager.user).count() == 1
    assert "663 added" in manager.get(confirmed["Location"]).content.decode()
    # A second confirmation of the same upload is refused.
    assert manager.post(f"/agencies/public-list/import/{staged.pk}/confirm/").status_code == 404
    assert PublishedSnapshot.objects.count() == 2


def test_a_bad_file_gets_a_report_and_nothing_is_imported(client_as, tmp_path):
    manager = client_as("ice_program_manager")
    bad = tmp_path / "participatingAgencies07202025am.csv"
    bad.write_text("STATE,LAW ENFORCEMENT AGENCY\nTEXAS,X\n")
    response = _upload(manager, bad)
    assert response.status_code == 302
    staged = PublicListUpload.objects.get()
    assert staged.state == UploadState.REFUSED and bytes(staged.content) == b""
    body = manager.get(response["Location"]).content.decode()
    assert "Nothing was imported" in body and "missing columns" in body
    assert PublishedSnapshot.objects.count() == 0
    assert manager.post(f"/agencies/public-list/import/{staged.pk}/confirm/").status_code == 404


def test_another_users_upload_is_not_found(client_as, make_user, real_files: list[Path]):
    manager = client_as("ice_program_manager")
    response = _upload(manager, real_files[0], as_of="2025-05-19T02:49")
    other = client_as(make_user("ice_program_manager", username="second.manager"))
    assert other.get(response["Location"]).status_code == 404
    assert other.post(response["Location"] + "confirm/").status_code == 404
    assert PublishedSnapshot.objects.count() == 0


@pytest.mark.parametrize("role", ["agency_liaison", "lesc_analyst", "oversight_auditor"])
def test_only_program_staff_import(client_as, role, real_files: list[Path]):
    client = client_as(role)
    response = _upload(client, real_files[0], as_of="2025-05-19T02:49")
    assert response.status_code == 404
    assert PublicListUpload.objects.count() == 0 and PublishedSnapshot.objects.count() == 0


def test_agency_users_do_not_see_the_staff_list_pages(client_as):
    assert client_as("agency_liaison").get("/agencies/public-list/").status_code == 404


@pytest.fixture
def two_days(db, real_snapshots):
    import_snapshots(SystemActor("test"), real_snapshots[:4])


def test_the_transparency_page_needs_no_sign_in(client, two_days):
    response = client.get("/transparency/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Participating agreements over time" in body
    assert 'id="chart-over-time"' in body and "<caption>Participating rows per day" in body
    assert PublishedEvent.objects.count() > 0 and "Change log" in body


def test_the_transparency_page_filters_by_state_and_support_type(client, two_days):
    response = client.get(
        "/transparency/", {"state": "TEXAS", "support": "Warrant Service Officer"}
    )
    rows = response.context["table_rows"]
    columns = list(response.context["columns"])
    assert rows and all(r[columns.index("STATE")].strip() == "TEXAS" for r in rows)
    assert all(r[columns.index("SUPPORT TYPE")].strip() == "Warrant Service Officer" for r in rows)


def test_public_downloads_are_the_list_as_published(client, two_days, real_snapshots):
    latest_pending = [s for s in real_snapshots[:4] if s.kind.value == "pending"][-1]
    response = client.get("/transparency/export/", {"list": "pending", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == latest_pending.columns
    assert len(rows) - 1 == len(latest_pending.rows)
    assert client.get("/transparency/export/", {"list": "secret"}).status_code == 404


def test_the_chart_follows_a_new_import(client, two_days, real_snapshots):
    before = client.get("/transparency/").context["over_time"]["labels"]
    import_snapshots(SystemActor("test"), real_snapshots[4:8])
    after = client.get("/transparency/").context["over_time"]["labels"]
    assert len(after) > len(before) and after[: len(before)] == before
