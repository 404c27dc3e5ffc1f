"""Demo criminal intelligence for ``make run``: records of the two demo task forces (the
taskforces demo creates them; without them nothing is seeded), some near their review date,
one due today, one released outside its task force. Runs after the task-force demo
(``seed_demo``); the review job then queues the records due within the notice period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from access.accounts.models import User
from access.audit import events
from access.audit.events import audited
from access.intelligence import rules
from access.intelligence.actions import run_review
from access.intelligence.choices import CriminalActivity, SourceReliability, SourceType
from access.intelligence.events import Event
from access.intelligence.models import IntelligenceRecord, Release
from access.taskforces.models import TaskForce

GANGS = "Collier County Gang Task Force"
FRAUD = "Southwest Florida Document Fraud Task Force"

# (task force, days before today it was entered or last validated, fields). Age in days from
# the review date: 0 is due today (purged tomorrow unless validated), 20 and 75 are in the
# review queue, the rest are years from review.
RECORDS: list[tuple[str, int, dict[str, Any]]] = [
    (
        GANGS,
        0,
        dict(
            case_number="CCGTF-2021-0147",
            subject_name='"Flaco" (alias)',
            subject_description="Suspected enforcer of a local clique in case CCGTF-2021-0147; "
            "drives a grey 2015 pickup, Florida tag on file.",
            criminal_activity=CriminalActivity.EXTORTION,
            activity_detail="Extortion of small businesses along the Tamiami Trail, 2021.",
            reasonable_suspicion="Two business owners separately reported weekly cash demands "
            "by a man using this alias; a deputy saw the subject collect cash at one of the "
            "stores on 2021-11-04 and the subject's vehicle was recorded at both.",
            source_type=SourceType.VICTIM_WITNESS,
            source_reliability=SourceReliability.USUALLY_RELIABLE,
        ),
    ),
    (
        GANGS,
        20,
        dict(
            case_number="CCGTF-2021-0152",
            subject_description="Suspected supplier to the clique in case CCGTF-2021-0152.",
            criminal_activity=CriminalActivity.DRUG_TRAFFICKING,
            activity_detail="Distribution of fentanyl pills in Immokalee, 2021.",
            reasonable_suspicion="A controlled purchase on 2021-12-02 by a task force officer "
            "was arranged through the subject's phone number, and lab results confirmed "
            "fentanyl in the pills bought; surveillance placed the subject at the sale.",
            source_type=SourceType.INVESTIGATION,
            source_reliability=SourceReliability.RELIABLE,
        ),
    ),
    (
        GANGS,
        900,
        dict(
            case_number="CCGTF-2024-0031",
            subject_description="Suspected shooter in case CCGTF-2024-0031; tattoo on the "
            "left forearm described by two witnesses.",
            criminal_activity=CriminalActivity.GANG_VIOLENCE,
            activity_detail="Drive-by shooting in Golden Gate, 2024.",
            reasonable_suspicion="Two witnesses described the shooter's tattoo and vehicle; the "
            "vehicle, registered to the subject, was found with fresh damage the next day and "
            "casings from the scene match a pistol seized from its trunk.",
            source_type=SourceType.OFFICER_OBSERVATION,
            source_reliability=SourceReliability.RELIABLE,
        ),
    ),
    (
        FRAUD,
        75,
        dict(
            case_number="SWFDF-2022-0008",
            subject_description="Suspected producer of counterfeit identity documents in case "
            "SWFDF-2022-0008; operates from a print shop in Fort Myers.",
            criminal_activity=CriminalActivity.DOCUMENT_FRAUD,
            activity_detail="Sale of counterfeit permanent resident cards and Social Security "
            "cards, Fort Myers, 2021 to 2022.",
            reasonable_suspicion="Three counterfeit cards seized in separate traffic stops "
            "carried the same printing defect; each holder named the same shop, and a "
            "search warrant return lists card stock and a laminator at that address.",
            source_type=SourceType.INVESTIGATION,
            source_reliability=SourceReliability.RELIABLE,
        ),
    ),
    (
        FRAUD,
        1400,
        dict(
            case_number="SWFDF-2025-0040",
            subject_description="Suspected organiser of benefit claims under stolen identities "
            "in case SWFDF-2025-0040.",
            criminal_activity=CriminalActivity.BENEFIT_FRAUD,
            activity_detail="Unemployment benefit claims filed with stolen identities, 2025.",
            reasonable_suspicion="The state workforce agency referred forty claims paid to "
            "prepaid cards bought at one store; store video shows the subject buying cards "
            "on the days the claims were filed, and the IP address belongs to the subject.",
            source_type=SourceType.OTHER_AGENCY,
            source_reliability=SourceReliability.RELIABLE,
        ),
    ),
]


def _submitter(task_force: TaskForce) -> Any:
    return task_force.ice_lead or User.objects.filter(username="agent").first()


@audited
def seed_demo_intelligence(actor: Any, today: dt.date | None = None) -> list[IntelligenceRecord]:
    """The demo records; none when the demo task forces are absent."""
    today = today or timezone.localdate()
    forces = {tf.name: tf for tf in TaskForce._base_manager.filter(name__in=[GANGS, FRAUD])}
    created = []
    for name, days_to_review, fields in RECORDS:
        task_force = forces.get(name)
        submitter = _submitter(task_force) if task_force else None
        if task_force is None or submitter is None:
            continue
        review_due = today + dt.timedelta(days=days_to_review)
        entered = rules.add_years(review_due, -rules.retention_years())
        record = IntelligenceRecord(
            task_force=task_force,
            submitted_by=submitter,
            entered_on=entered,
            review_due=review_due,
            not_solely_protected_activity=True,
            **fields,
        )
        record.save()
        events.record(
            Event.SUBMIT,
            obj=record,
            details={"task_force": task_force.pk, "demo": True, "review_due": review_due},
        )
        created.append(record)
    if len(created) > 2:
        release = Release(
            record=created[2],
            recipient_name="Det. Jamie Ortiz",
            recipient_agency="Lee County Sheriff's Office",
            reason="Investigating a related shooting in Lehigh Acres (case LCSO-24-11873); "
            "needs the vehicle and tattoo description to compare with its witnesses.",
            released_by=created[2].submitted_by,
            released_at=timezone.now(),
        )
        release.save()
        events.record(
            Event.RELEASE,
            obj=created[2],
            details={"release": release.pk, "recipient_name": release.recipient_name, "demo": True},
        )
    if created:
        run_review(actor, today=today)
    return created
