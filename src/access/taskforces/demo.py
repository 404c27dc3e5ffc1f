"""Demo task forces (development only), called by ``seed_demo`` after the officers demo:

- "Collier County Gang Task Force" (gangs), which joined Operation Community Shield;
- "Southwest Florida Document Fraud Task Force" (document and benefit fraud).

Both are led by the Collier County Sheriff's Office with the demo field agent as ICE lead
(other Florida agencies the public 287(g) list brought in take part where present), and
have authorized Collier officers as members, objectives, and operations: completed ones with
outcomes (one under Community Shield) and a planned one. Everything goes through the app's
own audited actions, the 287(g) authority check included, as the demo program manager and
ICE lead. The intelligence demo (``access.intelligence``) finds these task forces by name.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency
from access.core.actors import SystemActor
from access.officers import authority
from access.officers.models import Officer
from access.partnerships.models import PartnershipType
from access.taskforces.actions import charter, members, operations
from access.taskforces.models import Member, TaskForce

GANGS = "Collier County Gang Task Force"
FRAUD = "Southwest Florida Document Fraud Task Force"
LEAD_ORI = "FL0110000"  # Collier County Sheriff's Office (site/demo.py)


def _user(role: str) -> User | None:
    return User.objects.filter(roles__slug=role, is_active=True).order_by("pk").first()


def _function_if_allowed(officer: Officer, function: str, on: Any) -> str:
    """The 287(g) function the officer used, when the check allows it on that day (demo
    officers are at every point of their path), else none."""
    decision = authority.check(officer, function, when=operations.moment(on))
    return function if decision.allowed else ""


def _open(manager: User, agent: User, lead: Agency, **values: Any) -> TaskForce:
    today = timezone.localdate()
    others = list(Agency.objects.filter(state="FL").exclude(kind="federal").exclude(pk=lead.pk)[:2])
    return charter.open_task_force(
        manager,
        charter.Charter(
            lead_agency=lead,
            ice_lead=agent,
            starts_on=today - timedelta(days=400),
            review_on=today + timedelta(days=20),  # due soon: the ICE lead's home queue
            agencies=others,
            **values,
        ),
    )


def _crew(manager: User, task_force: TaskForce, officers: list[Officer]) -> list[Member]:
    start = task_force.starts_on + timedelta(days=10)
    crew = [task_force.members.get(role="ice_lead")]
    for n, officer in enumerate(officers):
        role = "agency_supervisor" if n == 0 else "task_force_officer"
        crew.append(
            members.add_member(manager, task_force, officer=officer, role=role, starts_on=start)
        )
    return crew


def _operation(
    agent: User, task_force: TaskForce, crew: list[Member], days_ago: int, **values: Any
) -> Any:
    today = timezone.localdate()
    on = today - timedelta(days=days_ago)
    outcomes = values.pop("outcomes", None)
    participants = [(crew[0], "")] + [
        (m, _function_if_allowed(m.officer, "interview", on)) for m in crew[1:] if m.officer
    ]
    operation = operations.plan_operation(
        agent,
        task_force,
        operations.OperationInput(starts_on=on, participants=participants, **values),
    )
    if outcomes is not None and on < today:
        operations.record_outcomes(
            agent, operation, completed_on=on + timedelta(days=1), **outcomes
        )
    return operation


def seed_demo_taskforces(actor: SystemActor) -> list[TaskForce]:
    """The two demo task forces with their members and operations (skipped when the demo
    accounts or the lead agency are missing, or when they exist already)."""
    manager, agent = _user("ice_program_manager"), _user("ice_field_agent")
    lead = Agency.objects.filter(ori=LEAD_ORI).first()
    if manager is None or agent is None or lead is None:
        return []
    if TaskForce.objects.filter(name__in=[GANGS, FRAUD]).exists():
        return []
    officers = list(Officer.objects.filter(agency=lead, status="authorized").order_by("pk")[:3])
    gangs = _open(
        manager,
        agent,
        lead,
        name=GANGS,
        partnership_type=PartnershipType.objects.get(code="tf_gangs"),
        challenge="gangs",
        area="Collier County, Florida (Naples, Immokalee, Golden Gate)",
        community_shield=True,
        mission="Dismantle violent street and transnational gangs in Collier County.",
        objectives=[
            ("Dismantle the leadership of two violent gangs", "Gang leaders charged"),
            ("Reduce gang-related shootings", "Shootings reported per quarter"),
        ],
    )
    crew = _crew(manager, gangs, officers[:2])
    _operation(
        agent,
        gangs,
        crew,
        60,
        name="Operation Coastal Sweep",
        area="Immokalee",
        community_shield=True,
        summary="Warrant service on members of a transnational gang wanted for violent crimes.",
        targets=[
            ("CCSO-2026-0412", "Armed robberies and aggravated assaults"),
            ("CCSO-2026-0433", "Trafficking in firearms"),
        ],
        outcomes={
            "arrests": [("felony", "1", 6), ("felony", "2", 2), ("misdemeanor", "3", 1)],
            "seizures": 4,
            "seizure_note": "Three firearms and a quantity of narcotics",
            "prosecution_referrals": 7,
            "victims_identified": 2,
        },
    )
    _operation(
        agent,
        gangs,
        crew,
        20,
        name="Operation Naples Harbor",
        area="Naples",
        summary="Follow-up on extortion of local businesses.",
        targets=[("CCSO-2026-0518", "Extortion of business owners")],
        outcomes={"arrests": [("felony", "2", 3)], "prosecution_referrals": 3},
    )
    _operation(
        agent,
        gangs,
        crew,
        -10,
        name="Operation Golden Gate",
        area="Golden Gate",
        community_shield=True,
        targets=[("CCSO-2026-0601", "Drive-by shootings")],
    )
    charter.change_charter(agent, gangs, status="active")

    fraud = _open(
        manager,
        agent,
        lead,
        name=FRAUD,
        partnership_type=PartnershipType.objects.get(code="tf_fraud"),
        challenge="document_fraud",
        area="Collier and Lee counties, Florida",
        mission="Close document and benefit fraud rings.",
        objectives=[("Close fraudulent document mills", "Mills closed and referred")],
    )
    fraud_crew = _crew(manager, fraud, officers[2:3] or officers[:1])
    _operation(
        agent,
        fraud,
        fraud_crew,
        30,
        name="Operation Paper Trail",
        area="Fort Myers and Naples",
        summary="Search of a print shop producing counterfeit identity documents.",
        targets=[("CCSO-2026-0377", "Manufacture of counterfeit identity documents")],
        outcomes={
            "arrests": [("felony", "2", 2)],
            "seizures": 1,
            "seizure_note": "About 300 counterfeit cards and two printers",
            "prosecution_referrals": 2,
            "victims_identified": 14,
        },
    )
    charter.change_charter(agent, fraud, status="active")
    return [gangs, fraud]
