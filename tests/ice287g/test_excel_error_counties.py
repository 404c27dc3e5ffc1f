"""Issue 15 item 6: "#N/A" (an Excel error in ICE's file) is kept in the published list's
history as published, and never becomes an agency's county."""

from __future__ import annotations

import importlib

from django.apps import apps

from access.agencies import actions as agency_actions
from access.agencies.models import Agency, PublishedRow
from access.agencies.publiclist.importer import county_of, import_snapshots
from access.core.actors import SystemActor

blank = importlib.import_module("access.agencies.migrations.0004_blank_excel_error_counties")


def test_an_excel_error_is_not_a_county():
    assert county_of({"COUNTY": "#N/A"}) == ""
    assert county_of({"COUNTY": " #n/a "}) == ""
    assert county_of({"COUNTY": "Collier"}) == "Collier"


def test_the_import_keeps_na_in_the_history_but_not_in_agency_records(db, real_snapshots):
    import_snapshots(SystemActor("test"), real_snapshots[:4])
    published = [
        r.version.values for r in PublishedRow.objects.select_related("version").iterator()
    ]
    assert any(v.get("COUNTY", "").strip() == "#N/A" for v in published)
    assert Agency.objects.count() > 0
    assert not Agency.objects.filter(county_name__iexact="#N/A").exists()


def test_the_migration_blanks_existing_error_counties_only(db):
    actor = SystemActor("test")
    bad = agency_actions.create_agency(
        actor, name="A PD", kind="police", state="FL", ori="FL0000091", county_name="#N/A"
    )
    good = agency_actions.create_agency(
        actor, name="B PD", kind="police", state="FL", ori="FL0000092", county_name="Brevard"
    )
    blank.blank_error_counties(apps, None)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.county_name, good.county_name) == ("", "Brevard")
