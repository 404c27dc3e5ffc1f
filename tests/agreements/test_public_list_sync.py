"""Agreements from ICE's real public list (3-9 July 2025): one per entry, duplicates flagged."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from access.agencies.models import PublishedEntry
from access.agencies.publiclist.ice287g import clean, load_snapshot, parse_signed
from access.agencies.publiclist.importer import import_snapshots
from access.agreements import actions
from access.agreements.models import Agreement
from access.agreements.sync import sync_from_public_list
from access.audit.models import AuditEvent
from access.core.actors import SystemActor

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ice-287g"
FILES = [
    "20250703_151805/participatingAgencies07032025pm.xlsx",
    "20250707_151710/participatingAgencies07072025am.xlsx",
    "20250707_151710/pendingAgencies07072025am.xlsx",
]
ACTOR = SystemActor("test")
# ICE published one SIGNED value in these files that is not a date.
EXPECTED_UNDATED = ["05/082025"]


@pytest.fixture
def imported(db):
    if not DATA.is_dir():
        pytest.skip(f"ICE 287(g) downloads not found at {DATA}; the sync tests need them")
    import_snapshots(ACTOR, [load_snapshot(DATA / name) for name in FILES])
    return PublishedEntry.objects.filter(listed=True)


def rows() -> list[dict]:
    return list(Agreement.objects.order_by("pk").values())


def test_one_agreement_per_listed_entry_active_or_pending(imported):
    report = sync_from_public_list(ACTOR)
    # ICE's "UTAHJ" row has no agency record (the import could not place the state): skipped.
    weber = imported.get(agency=None)
    assert report.skipped == [
        f"entry #{weber.pk} (Weber County Sheriff's Office, UTAHJ): no agency record linked"
    ]
    listed = {e.pk: e.list_kind for e in imported.exclude(agency=None)}
    synced = dict(Agreement.objects.values_list("published_entry_id", "status"))
    assert report.created == len(listed) == len(synced) == 826
    expected = {
        pk: "active" if kind == "participating" else "pending" for pk, kind in listed.items()
    }
    assert synced == expected
    assert sorted(set(synced.values())) == ["active", "pending"]
    for agreement in Agreement.objects.select_related("published_entry__current_version")[:50]:
        values = agreement.published_entry.current_version.values
        assert agreement.agency_id == agreement.published_entry.agency_id
        assert agreement.published_signed == values.get("SIGNED", "")
        assert agreement.partnership_type.public_list_label == values["SUPPORT TYPE"].strip()


def test_signed_dates_are_kept_as_published_and_parsed_when_possible(imported):
    sync_from_public_list(ACTOR)
    undated = []
    for agreement in Agreement.objects.select_related("published_entry__current_version"):
        published = agreement.published_entry.current_version.values.get("SIGNED", "")
        assert agreement.published_signed == published
        assert agreement.signed_on == parse_signed(published)
        if clean(published) and agreement.signed_on is None:
            undated.append(agreement)
            assert agreement.needs_review
            assert (
                f"ICE's SIGNED value {clean(published)!r} is not a date." in agreement.review_reason
            )
    assert [a.published_signed for a in undated] == EXPECTED_UNDATED
    assert Agreement.objects.exclude(signed_on=None).count() > 700


def test_st_cloud_listed_twice_under_the_task_force_model_is_two_flagged_agreements(imported):
    sync_from_public_list(ACTOR)
    st_cloud = Agreement.objects.filter(
        agency__name="St. Cloud Police Department", partnership_type__code="287g_tfm"
    ).order_by("signed_on")
    assert [(a.status, a.signed_on, a.needs_review) for a in st_cloud] == [
        ("active", date(2025, 4, 14), True),
        ("active", date(2025, 4, 15), True),
    ]
    ids = sorted(a.published_entry_id for a in st_cloud)
    assert st_cloud[0].review_reason == (
        "ICE's participating list shows this agency under this model 2 times "
        f"(entries #{ids[0]}, #{ids[1]}); each is kept as its own agreement."
    )
    assert len({a.agency_id for a in st_cloud}) == 1


def test_the_sync_is_idempotent(imported):
    sync_from_public_list(ACTOR)
    before, events = rows(), AuditEvent.objects.count()
    report = sync_from_public_list(ACTOR)
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(before))
    assert rows() == before
    assert AuditEvent.objects.count() == events + 1  # the run itself is logged
    assert AuditEvent.objects.order_by("-pk")[0].action == "agreement.sync_public_list"


def test_a_pending_entry_that_becomes_participating_turns_active(imported):
    sync_from_public_list(ACTOR)
    pending_before = set(Agreement.objects.filter(status="pending").values_list("pk", flat=True))
    later = ["participatingAgencies07092025am.xlsx", "pendingAgencies07092025am.xlsx"]
    import_snapshots(ACTOR, [load_snapshot(DATA / "20250709_151849" / name) for name in later])
    out = io.StringIO()
    call_command("sync_agreements_from_public_list", stdout=out)
    moved = Agreement.objects.filter(pk__in=pending_before, status="active")
    events = AuditEvent.objects.filter(action="agreement.record_published_participation")
    assert moved.count() == events.count() > 0
    assert "created" in out.getvalue() and "updated" in out.getvalue()


def test_ice_list_agreements_are_exempt_from_the_one_in_force_rule_but_drafts_are_not(
    imported, make_user
):
    sync_from_public_list(ACTOR)
    listed = Agreement.objects.filter(status="active", partnership_type__code="287g_jem").first()
    manager = make_user("ice_program_manager")
    count = Agreement.objects.count()
    # Issue 15: the agreement from ICE's list is caught when the draft is started (not only
    # at activation, after both reviews and signatures), naming it.
    with pytest.raises(Exception, match=f"agreement #{listed.pk} \\(from ICE's published list"):
        actions.draft_agreement(
            manager, agency=listed.agency, partnership_type=listed.partnership_type
        )
    assert Agreement.objects.count() == count
