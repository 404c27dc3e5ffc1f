"""Blank agency counties copied from ICE's list as an Excel error value ("#N/A"): the import
no longer copies them (importer.county_of); the published list's history keeps them as
published. A data fix of the agency records only, without a per-row audit event."""

from __future__ import annotations

from typing import Any

from django.db import migrations

EXCEL_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA"]


def blank_error_counties(apps: Any, schema_editor: Any) -> None:
    agency = apps.get_model("agencies", "Agency")
    for value in EXCEL_ERRORS:
        agency.objects.filter(county_name__iexact=value).update(county_name="")


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_public_list_upload")]

    operations = [migrations.RunPython(blank_error_counties, migrations.RunPython.noop)]
