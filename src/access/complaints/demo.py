"""Demo complaints for ``make run`` (OPR's steps taken by the demo OPR investigator): every status, clocks near and past their 90 days, one
officer suspended while a complaint is pending, and one resolved with a notice.

``seed_demo_complaints(actor)`` is called by ``seed_demo`` after the demo officers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency
from access.audit.events import audited
from access.complaints import actions
from access.complaints.choices import Finding
from access.complaints.models import Complaint
from access.officers.choices import OfficerStatus
from access.officers.models import Officer

# (days since filing, officer described, narrative, step)
DEMO = [
    (
        2,
        "Deputy, badge ending 41",
        "I was held at the jail after my release time without being told why.",
        "new",
    ),
    (
        20,
        "",
        "The agency asked about my immigration status during a traffic stop for a broken tail light.",
        "assign",
    ),
    (
        62,
        "Officer at the booking desk",
        "Questions at booking were asked in English only; I asked for an interpreter and was refused.",
        "assign",
    ),
    (
        83,
        "Corrections officer",
        "My property was not returned when I was transferred to ICE custody.",
        "assign",
    ),
    (88, "", "Excessive force during transport to the processing area.", "suspend"),
    (
        96,
        "Two deputies",
        "I am a U.S. citizen and was questioned about my status at the jail.",
        "assign",
    ),
    (40, "Sergeant on night shift", "Rude treatment during an interview at the jail.", "resolve"),
]


@audited
def seed_demo_complaints(actor: Any) -> list[Complaint]:
    officers = list(
        Officer.objects.filter(status=OfficerStatus.AUTHORIZED)
        .exclude(agency__kind="federal")
        .select_related("agency")
        .order_by("agency_id", "pk")
    )
    agencies = list(
        Agency.objects.filter(agreements__isnull=False)
        .exclude(kind="federal")
        .distinct()
        .order_by("pk")
    )
    investigator = User.objects.filter(roles__slug=actions.INVESTIGATOR_ROLE).first()
    if not agencies or investigator is None:
        return []
    created = []
    now = timezone.now()
    for index, (age, described, narrative, step) in enumerate(DEMO):
        officer = officers[index % len(officers)] if officers else None
        agency = officer.agency if officer is not None else agencies[index % len(agencies)]
        complaint = actions.file_by_staff(
            actor,
            agency=agency,
            officer_description=described,
            incident_on=timezone.localdate(now) - timedelta(days=age + 3),
            incident_place=f"{agency.name}",
            narrative=narrative,
            complainant_name="" if index % 3 == 0 else "Demo Complainant",
            complainant_contact="" if index % 3 == 0 else "complainant@example.org",
        )
        # Demo only: date the complaint as if filed ``age`` days ago.
        complaint.filed_at = now - timedelta(days=age)
        complaint.due_on = timezone.localdate(complaint.filed_at) + timedelta(
            days=actions.CLOCK_DAYS
        )
        complaint.save()
        if step in ("assign", "suspend", "resolve"):
            complaint = actions.assign(
                investigator,
                complaint,
                investigator=investigator,
                officer=officer if step != "assign" or index % 2 else None,
            )
        if step == "suspend" and complaint.officer is not None:
            complaint = actions.suspend_officer(
                investigator,
                complaint,
                reason="Allegation of excessive force; pending investigation.",
            )
        if step == "resolve":
            complaint = actions.resolve(
                investigator,
                complaint,
                finding=Finding.NOT_SUSTAINED,
                resolution="Interviews and the booking video neither prove nor disprove the account.",
                notice="OPR investigated your complaint. The evidence could neither prove nor "
                "disprove what you described, so it was not sustained. The agency was reminded of "
                "its duty of courtesy. Thank you for telling us.",
            )
        created.append(complaint)
    return created
