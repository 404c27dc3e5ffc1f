"""``access seed_demo --persons N``: a synthetic population loaded (on the job worker above a
few seconds' worth), published and trained, with demo inquiries in every state; the home page
shows the load's progress to staff roles."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.inquiries import actions as inquiry_actions
from access.inquiries.choices import InquiryStatus, SupervisorDecision
from access.inquiries.message import check
from access.inquiries.models import AgencyCase, Inquiry
from access.records import online as records_online
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion, PersonRecord
from access.site import demo_inquiries, demo_population
from access.site.choices import LoadStatus
from access.site.demo import load_demo
from access.site.events import Event
from access.site.models import DemoPopulationLoad

PERSONS = 300  # about 600 records: enough to train a model, loaded in seconds


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo accounts (as a first seed_demo leaves them), a model path and an online store
    of this test's own."""
    settings.INQUIRIES_MODEL_PATH = None  # the active model version, as in production
    settings.ONLINE_STORE_DIR = tmp_path / "online-store"
    load_demo(SystemActor("demo data"))
    yield settings


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--quiet-logins", *args, stdout=out)
    return out.getvalue()


def test_persons_zero_loads_no_population(demo):
    said = seed("--persons", "0")
    assert "No synthetic population asked for" in said
    assert not DemoPopulationLoad.objects.exists()
    assert not PersonRecord.objects.exists()
    assert not Inquiry.objects.exists()


def test_a_negative_count_is_refused(demo):
    with pytest.raises(CommandError, match="--persons must be 0 or more"):
        seed("--persons", "-5")
    assert not DemoPopulationLoad.objects.exists()


def test_a_small_population_loads_publishes_trains_and_seeds_inquiries(demo, monkeypatch):
    # Above BACKGROUND_ABOVE the load is queued on the job worker (the test backend runs
    # queued jobs at once), as `make run` does with 20,000 persons.
    monkeypatch.setattr(demo_population, "BACKGROUND_ABOVE", 100)
    monkeypatch.setattr(demo_population, "CHUNK", 250)
    said = seed("--persons", str(PERSONS), "--seed", "3")
    assert f"Queued a synthetic population of {PERSONS} persons on the job worker" in said

    load = DemoPopulationLoad.objects.get()
    assert (load.status, load.percent, load.stage) == (LoadStatus.DONE, 100, "Done")
    assert load.records == PersonRecord.objects.count() > PERSONS
    assert load.finished_at is not None
    # loaded in chunks: one short transaction and audit event each
    loaded = AuditEvent.objects.filter(action="records.loaded").count()
    assert loaded == -(-load.records // 250)
    assert set(
        AuditEvent.objects.filter(action__startswith="site.").values_list("action", flat=True)
    ) == {
        Event.DEMO_POPULATION_QUEUED,
        Event.DEMO_POPULATION_LOADED,
    }
    status = records_online.status()
    assert status["published"] and status["served"] and status["records"] == load.records
    active = MatchModelVersion.objects.get(status=ModelStatus.ACTIVE)
    assert active.calibration and active.thresholds

    # inquiries in every state at rest (received is routed on in the same transaction)
    states = dict(Inquiry.objects.values_list("status").annotate(n=Count("pk")))
    assert set(states) == set(InquiryStatus.values()) - {InquiryStatus.RECEIVED}
    assert states[InquiryStatus.AWAITING_ANALYST] >= 2
    assert states[InquiryStatus.AWAITING_DETAILS] == 1
    answered = Inquiry.objects.filter(status=InquiryStatus.ANSWERED)
    assert answered.filter(verified_candidate__isnull=False).exists()
    assert Inquiry.objects.filter(
        status=InquiryStatus.SUPERVISOR_DECIDED,
        supervisor_decision=SupervisorDecision.NOT_ESTABLISHED,
        determination="",
    ).exists()
    assert Inquiry.objects.filter(candidates__band="probable").distinct().count() >= 5
    # their cases are in Collier County's register, but for the one left out on purpose
    registered = set(AgencyCase.objects.values_list("case_number", flat=True))
    assert registered == {s.case_number for s in demo_inquiries.SCENARIOS} - {
        demo_inquiries.UNREGISTERED_CASE
    }

    # and a new inquiry about a stored person finds and explains candidates
    officer = Inquiry.objects.first().submitted_by
    subject = next(
        demo_inquiries.matched_subjects(demo_inquiries._base(officer, demo_inquiries.SCENARIOS[0]))
    )
    data = check({**demo_inquiries._base(officer, demo_inquiries.SCENARIOS[0]), **subject})
    inquiry = inquiry_actions.submit_inquiry(officer, data, channel="web")
    top = inquiry.candidates.order_by("rank").first()
    assert top is not None and top.band == "probable"
    assert top.explanation["fields"]

    # a second run leaves the loaded store alone
    assert "already holds person records" in seed("--persons", str(PERSONS))
    assert DemoPopulationLoad.objects.count() == 1


def test_a_failed_load_is_recorded_and_reported(demo, monkeypatch, client_as):
    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(demo_population, "generate", broken)
    with pytest.raises(CommandError, match="the demo population did not load: disk full"):
        seed("--persons", "20")
    load = DemoPopulationLoad.objects.get()
    assert load.status == LoadStatus.FAILED and "disk full" in load.error
    assert load.stage == "Generating synthetic persons"  # where it stopped
    assert AuditEvent.objects.filter(action=Event.DEMO_POPULATION_FAILED).count() == 1
    assert not PersonRecord.objects.exists()
    page = client_as("lesc_analyst").get("/").content.decode()
    assert "The demo population did not load" in page
    assert "The job stopped at 0% (Generating synthetic persons)" in page


def test_staff_home_pages_show_the_progress_of_a_running_load(demo, client_as, make_agency):
    load = demo_population.queue_load(SystemActor("test"), persons=20_000)
    DemoPopulationLoad.objects.filter(pk=load.pk).update(
        status=LoadStatus.RUNNING, percent=40, stage="Loading person records", records=8000
    )
    manager = client_as("ice_program_manager")
    page = manager.get("/").content.decode()
    assert "Loading demo population: 40%" in page
    assert '<progress class="width-full" max="100" value="40"' in page
    polled = manager.get("/demo-progress/").content.decode()
    assert "Loading demo population: 40%" in polled and 'hx-trigger="every 5s"' in polled

    officer = client_as("agency_officer", make_agency())
    assert "Loading demo population" not in officer.get("/").content.decode()

    DemoPopulationLoad.objects.filter(pk=load.pk).update(status=LoadStatus.DONE, percent=100)
    assert "Loading demo population" not in manager.get("/").content.decode()
    finished = manager.get("/demo-progress/").content.decode()
    assert "Demo population loaded" in finished and "hx-trigger" not in finished


@pytest.mark.django_db(transaction=True)
def test_the_publish_reads_without_holding_the_sqlite_write_lock(settings, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from access.records.actions import load_table
    from access.records.synthetic import generate

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's transaction mode; PostgreSQL reads in REPEATABLE READ instead")
    settings.ONLINE_STORE_DIR = tmp_path / "online-store"
    load_table(SystemActor("test"), generate(20, 1).records, source_name="test")
    connection.ensure_connection()
    assert connection.transaction_mode == "IMMEDIATE"
    with CaptureQueriesContext(connection) as queries:
        manifest = demo_population.publish()
    begins = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("BEGIN")]
    # the read begins DEFERRED; the audit event and the switch take the write lock at once
    assert begins[0] == "BEGIN" and begins[-1] == "BEGIN IMMEDIATE"
    assert connection.transaction_mode == "IMMEDIATE"
    assert records_online.status()["version"] == manifest["version"]


def test_a_load_whose_worker_stopped_mid_job_is_shown_as_stopped(demo, client_as):
    from access.site.models import STALLED_AFTER

    load = demo_population.queue_load(SystemActor("test"), persons=20_000)
    silent_since = timezone.now() - STALLED_AFTER - timedelta(minutes=1)
    DemoPopulationLoad.objects.filter(pk=load.pk).update(
        status=LoadStatus.RUNNING,
        percent=55,
        stage="Loading person records",
        updated_at=silent_since,
    )
    page = client_as("ice_program_manager").get("/").content.decode()
    assert "The demo population did not load" in page and "its worker was stopped" in page
    assert "Loading demo population" not in page
    assert "stopped at 55% without finishing" in seed("--persons", "100")
    assert DemoPopulationLoad.objects.count() == 1
