"""The CAP demo end to end (needs the rosters and screening parts of issue 18): with the demo
team and jails set up, the population job sends the demo rosters as the demo CAP officer and
screens one jail's, while the other waits for the screening job."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from access.cap import demo
from access.cap.actions.screening import screen_again
from access.cap.choices import BookingStatus, ReviewStatus, RosterSource, RosterStatus
from access.cap.models import Booking, Roster, ScreeningCandidate
from access.core.actors import SystemActor
from access.site.demo import load_demo

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("demo data")


def test_the_population_job_sends_and_screens_the_demo_rosters(settings: Any, tmp_path: Any):
    settings.INQUIRIES_MODEL_PATH = None  # the active model version, as in production
    settings.ONLINE_STORE_DIR = tmp_path / "online-store"
    load_demo(ACTOR)
    demo.seed_demo_cap(ACTOR)
    out = StringIO()
    call_command("seed_demo", "--quiet-logins", "--persons", "300", "--seed", "3", stdout=out)
    assert "Sent 3 demo CAP rosters; 1 waiting to be screened." in out.getvalue()

    assert {r.source for r in Roster.objects.all()} == {RosterSource.DEMO}
    assert {r.received_by.username for r in Roster.objects.all()} == {"capofficer"}
    naples = list(
        Roster.objects.filter(facility__facility__name="Naples Jail Center").order_by("as_of")
    )
    assert [r.status for r in naples] == [RosterStatus.SCREENED, RosterStatus.SCREENED]
    assert [(r.row_count, r.released) for r in naples] == [(40, 0), (42, 6)]
    assert naples[1].booked_in == 8
    assert Booking.objects.filter(status=BookingStatus.RELEASED).count() == 6
    waiting = Roster.objects.get(facility__facility__name="Immokalee Jail Center")
    assert (waiting.status, waiting.row_count, waiting.job_id) == (RosterStatus.QUEUED, 28, "")
    assert not waiting.candidates.exists()

    found = ScreeningCandidate.objects.filter(roster__in=naples).select_related("record")
    assert found.filter(status=ReviewStatus.PENDING).exists()
    stopped = found.filter(status=ReviewStatus.STOPPED)
    assert stopped.exists() and all(c.stop_reasons for c in stopped)
    assert all(c.record.is_recorded_citizen for c in stopped)
    assert {c.band for c in found} <= {"probable", "possible"}
    screened = Booking.objects.filter(
        facility__facility__name="Naples Jail Center", screened_at__isnull=False
    )
    assert screened.filter(candidate_count=0).exists()  # screened, no result
    assert screened.filter(candidate_count__gt=0).count() >= 10


def test_a_roster_never_handed_to_the_worker_is_screened_on_screen_now(
    settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.INQUIRIES_MODEL_PATH = None
    settings.ONLINE_STORE_DIR = tmp_path / "online-store"
    load_demo(ACTOR)
    demo.seed_demo_cap(ACTOR)
    call_command(
        "seed_demo", "--quiet-logins", "--persons", "300", "--seed", "3", stdout=StringIO()
    )
    waiting = Roster.objects.get(facility__facility__name="Immokalee Jail Center")
    officer = waiting.received_by
    # Another roster already handed over is not "never queued": refused, nothing changes.
    screened = Roster.objects.filter(status=RosterStatus.SCREENED).first()
    assert screened is not None
    with pytest.raises(ValidationError):
        screen_again(officer, screened)
    assert Roster.objects.get(pk=screened.pk).status == RosterStatus.SCREENED

    with django_capture_on_commit_callbacks(execute=True):
        screen_again(officer, waiting)
    waiting.refresh_from_db()
    assert waiting.status == RosterStatus.SCREENED
    assert waiting.job_id  # handed to the worker (run at once by the test backend)
    assert Booking.objects.filter(last_roster=waiting, screened_at__isnull=False).count() == 28
