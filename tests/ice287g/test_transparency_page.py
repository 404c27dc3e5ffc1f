"""Issue 15 item 8: the public page in pages of 50, key columns first, the change log linked at
the top, and a past date chosen on the page (read as ``export_287g --as-of`` reads it)."""

from __future__ import annotations

import pytest

from access.agencies.publiclist.importer import import_snapshots
from access.agencies.publiclist.transparency import KEY_COLUMNS, ROWS_PER_PAGE
from access.core.actors import SystemActor


@pytest.fixture
def imported(db, real_snapshots):
    import_snapshots(SystemActor("test"), real_snapshots[:8])
    return real_snapshots[:8]


def test_the_list_comes_in_pages_of_fifty_with_the_key_columns_first(client, imported):
    first = client.get("/transparency/")
    total = len(first.context["rows"])
    assert total > ROWS_PER_PAGE
    assert len(first.context["table_rows"]) == ROWS_PER_PAGE
    columns = list(first.context["columns"])
    assert columns[:3] == list(KEY_COLUMNS[:3])
    body = first.content.decode()
    assert f"{total} rows shown, 1 to {ROWS_PER_PAGE} on this page." in body
    assert 'aria-label="Pages of the list"' in body
    # The change log is linked before the list and the chart.
    assert body.index('href="#change-log"') < body.index('id="over-time"')

    second = client.get("/transparency/", {"page": 2, "state": "", "list": "participating"})
    assert second.context["table_rows"] != first.context["table_rows"]
    assert len(second.context["rows"]) == total


def test_a_past_date_shows_the_lists_as_published_then(client, imported):
    latest = [s for s in imported if s.kind.value == "participating"][-1]
    earliest = next(s for s in imported if s.kind.value == "participating")
    assert earliest.taken_at.date() < latest.taken_at.date()
    day = earliest.taken_at.date().isoformat()
    past = client.get("/transparency/", {"as_of": day})
    assert past.status_code == 200
    shown = past.context["shown"]
    assert shown.taken_at.date() == earliest.taken_at.date()
    assert shown.taken_at < latest.taken_at
    assert all(e.at.date() <= earliest.taken_at.date() for e in past.context["events"])
    assert f'value="{day}"' in past.content.decode()
    assert f"as_of={day}" in past.content.decode()  # downloads follow the chosen date


def test_a_date_that_is_not_one_is_named_and_today_is_shown(client, imported):
    response = client.get("/transparency/", {"as_of": "next tuesday"})
    assert response.status_code == 200
    assert "is not a date: choose a date (YYYY-MM-DD)" in response.content.decode()
    today = client.get("/transparency/").context["shown"]
    assert response.context["shown"].taken_at == today.taken_at
