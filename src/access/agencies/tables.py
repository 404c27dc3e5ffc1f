from __future__ import annotations

import django_tables2 as tables

from access.agencies.models import Agency


class AgencyTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="Name")
    kind = tables.Column(verbose_name="Kind")
    state = tables.Column(verbose_name="State")
    county_name = tables.Column(verbose_name="County")
    county_fips = tables.Column(verbose_name="County FIPS")
    ori = tables.Column(verbose_name="ORI")

    class Meta:
        model = Agency
        fields = ["name", "kind", "state", "county_name", "county_fips", "ori"]
        order_by = ["name"]

    export_columns = {
        "id": "ID",
        "name": "Name",
        "kind": "Kind",
        "state": "State",
        "county_name": "County",
        "county_fips": "County FIPS",
        "ori": "ORI",
        "street": "Street",
        "city": "City",
        "postcode": "ZIP code",
    }
