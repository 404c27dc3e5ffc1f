"""Demo officers for ``make run``: about 30 per demo agency, in every state of the path.

``seed_demo_officers(actor)`` is called by ``site/demo.py`` after the demo agencies and
accounts exist. Every step goes through the real actions, by the demo account of the role
that takes it (liaison, field agent, program manager, field office director, supervisor),
so the audit trail reads as if people did it; then the expiry job lapses the ended ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from access.accounts.choices import AccountStatus
from access.accounts.models import Role, User
from access.agreements.choices import IN_FORCE, AgreementStatus
from access.agreements.events import Event as AgreementEvent
from access.agreements.models import Agreement
from access.audit import events
from access.audit.events import audited
from access.core.actors import SystemActor
from access.officers import actions, training
from access.officers.choices import OfficerStatus
from access.officers.models import Course, Officer, TrainingClass
from access.partnerships.models import PartnershipType

FIRST = [
    "Avery",
    "Blake",
    "Casey",
    "Drew",
    "Emerson",
    "Finley",
    "Gray",
    "Harper",
    "Jesse",
    "Kendall",
    "Logan",
    "Morgan",
    "Noel",
    "Parker",
    "Quinn",
    "Reese",
    "Sawyer",
    "Taylor",
    "Rowan",
    "Skyler",
]
LAST = [
    "Alvarez",
    "Brooks",
    "Carter",
    "Diaz",
    "Ellis",
    "Foster",
    "Garcia",
    "Hayes",
    "Irwin",
    "Jensen",
    "Kim",
    "Lopez",
    "Murphy",
    "Nguyen",
    "Ortiz",
    "Patel",
    "Reed",
    "Shaw",
    "Turner",
    "Walsh",
]
# How many officers of each kind per agency (30 in all).
PLAN = [
    ("nominated", 5),
    ("nominated_overdue", 2),
    ("rejected", 2),
    ("cleared", 3),
    ("disqualified", 1),
    ("certified", 3),
    ("authorized", 7),
    ("ending_soon", 3),
    ("suspended", 1),
    ("lapsed", 1),
    ("revoked", 1),
    ("withdrawn", 1),
]


def _one(role: str, agency: Any = None) -> User:
    users = User.objects.filter(roles__slug=role, is_active=True)
    if agency is not None:
        users = users.filter(agency=agency)
    user = users.order_by("pk").first()
    if user is None:
        raise LookupError(f"the demo needs an active {role} account")
    return user


def _agreement(actor: Any, agency: Any, office: Any) -> Agreement:
    """The agency's JEM agreement in force, or a new one recorded as already active."""
    jem = PartnershipType.objects.get(code="287g_jem")
    found = Agreement.objects.filter(
        agency=agency, partnership_type=jem, status__in=IN_FORCE, published_entry__isnull=True
    ).first()
    if found is not None:
        return found
    today = timezone.localdate()
    agreement = Agreement(
        agency=agency,
        partnership_type=jem,
        status=AgreementStatus.ACTIVE,
        supervising_office=office,
        officer_limit=40,
        drafted_on=date(2025, 1, 15),
        signed_on=date(2025, 2, 1),
        effective_on=date(2025, 2, 1),
        expires_on=today + timedelta(days=800),
    )
    agreement.save()
    events.record(
        AgreementEvent.CREATE,
        obj=agreement,
        after=events.snapshot(agreement),
        details={"demo": True, "note": "Recorded as active for the officer demo."},
    )
    return agreement


@audited
def seed_demo_officers(actor: SystemActor) -> list[Officer]:
    """Officers for every non-federal demo agency with a liaison account."""
    agent, manager = _one("ice_field_agent"), _one("ice_program_manager")
    supervisor = _one("ice_supervisor")
    try:
        director = _one("ice_field_office_director")
    except LookupError:
        director = User.objects.create(
            username="director",
            first_name="Dale",
            last_name="Director",
            email="director@example.gov",
            agency=supervisor.agency,
            is_active=True,
            status=AccountStatus.ACTIVE,
        )
        director.set_unusable_password()
        director.save()
        director.roles.set([Role.objects.get(slug="ice_field_office_director")])
        director = User.objects.get(pk=director.pk)
    liaisons = User.objects.filter(roles__slug="agency_liaison", is_active=True).order_by("pk")
    created: list[Officer] = []
    seen: set[int] = set()
    for liaison in liaisons:
        if liaison.agency_id is None or liaison.agency_id in seen:
            continue
        seen.add(liaison.agency_id)
        agreement = _agreement(actor, liaison.agency, supervisor.agency)
        people = {
            "liaison": liaison,
            "agent": agent,
            "manager": manager,
            "director": director,
            "supervisor": supervisor,
        }
        created.extend(_agency_officers(agreement, people, len(seen)))
    seed_demo_classes(agent)
    actions.check_expiry(SystemActor("demo: officer authorization expiry"))
    for liaison in liaisons:
        _link_officer_account(liaison)
    return created


def _link_officer_account(liaison: User) -> None:
    """The agency's demo officer account sees an authorized officer's record as its own."""
    account = (
        User.objects.filter(roles__slug="agency_officer", agency=liaison.agency_id, is_active=True)
        .order_by("pk")
        .first()
    )
    if account is None or Officer.objects.filter(user=account).exists():
        return
    officer = (
        Officer.objects.filter(agency=liaison.agency_id, status="authorized", user=None)
        .order_by("pk")
        .first()
    )
    if officer is not None:
        actions.link_account(
            liaison, officer, account=account, reason="The officer's own demo account"
        )


def _agency_officers(agreement: Agreement, people: dict[str, Any], seed: int) -> list[Officer]:
    today = timezone.localdate()
    initial = Course.objects.get(code="jem-initial-4wk")
    refresher = Course.objects.get(code="jem-refresher")
    officers = []
    n = 0
    for kind, count in PLAN:
        for _ in range(count):
            n += 1
            name = (FIRST[(n + seed * 7) % len(FIRST)], LAST[(n * 3 + seed) % len(LAST)])
            officer = actions.nominate(
                people["liaison"],
                agreement=agreement,
                reason="Assigned to the jail's 287(g) unit",
                first_name=name[0],
                last_name=name[1],
                badge_number=f"{agreement.agency.ori[:2]}-{seed}{n:03d}",
                position="Detention deputy" if n % 3 else "Corrections sergeant",
                hired_on=today - timedelta(days=900 + 37 * n),
                citizenship_attested=True,
                agency_check_on=today - timedelta(days=120 + n),
                agency_check_result="passed",
                disciplinary_history="" if n % 5 else "One written reprimand (2019), late reports.",
                excessive_force_allegations=False,
                discrimination_allegations=False,
            )
            officers.append(officer)
            if kind == "nominated_overdue":
                Officer.objects.filter(pk=officer.pk).update(
                    nominated_on=today - timedelta(days=45)
                )
            if kind.startswith("nominated"):
                continue
            if kind == "withdrawn":
                actions.withdraw(people["liaison"], officer, reason="Transferred to patrol")
                continue
            _screen(people, officer, cleared=kind != "rejected")
            if kind == "rejected":
                continue
            if kind == "disqualified":
                for score in (58, 63):
                    _exam(people, officer, initial, today - timedelta(days=30 - score // 10), score)
                continue
            if kind == "cleared":
                continue
            # When the officer was trained decides when the authorization ends; the others were
            # authorized about five months ago, so the enforcement demo's encounters (recorded
            # under that authority) span several months.
            start = {
                "ending_soon": today - timedelta(days=345),
                "lapsed": today - timedelta(days=400),
            }.get(kind, today - timedelta(days=150 + n))
            _exam(people, officer, initial, start - timedelta(days=5), 78 + n % 20)
            actions.certify(people["agent"], officer, reason="Passed the basic course")
            if kind == "certified":
                continue
            functions = ["interview", "process", "detainer", "serve_warrant", "transport"]
            if n % 4 == 0:
                functions = ["process", "serve_warrant", "transport"]
            actions.authorize(
                people["director"],
                officer,
                functions=functions,
                supervisor=people["supervisor"],
                reason="Trained and certified; assigned to the jail unit",
                valid_from=start,
            )
            if kind == "authorized" and n % 2:
                _exam(people, officer, refresher, today - timedelta(days=10), 90)
            if kind == "suspended":
                actions.suspend(people["director"], officer, reason="Complaint referred to OPR")
            if kind == "revoked":
                actions.revoke(people["director"], officer, reason="Left the agency")
    return officers


def _screen(people: dict[str, Any], officer: Officer, cleared: bool) -> None:
    actions.record_background_check(
        people["agent"],
        officer,
        outcome="cleared" if cleared else "rejected",
        reason="Nothing disqualifying found"
        if cleared
        else "Sustained excessive-force complaint (2021)",
        fingerprints_submitted_on=timezone.localdate() - timedelta(days=100),
        fingerprint_result="passed",
        personal_history="Employment and residence history verified.",
        disciplinary_review="Internal affairs file reviewed with the agency.",
    )


def _exam(people: dict[str, Any], officer: Officer, course: Course, on: date, score: int) -> None:
    actions.record_exam(
        people["agent"],
        officer,
        course=course,
        taken_on=on,
        location="ICE Academy, Charleston, SC" if course.kind == "initial" else "online",
        score=score,
        reason="Final exam",
    )


def seed_demo_classes(agent: Any) -> list[TrainingClass]:
    """Three classes run by the field agent: a refresher completed with attendance and
    scores, the initial course in progress with the officers in training, and a refresher
    scheduled for the officers whose authorization ends soon."""
    today = timezone.localdate()
    initial = Course.objects.get(code="jem-initial-4wk")
    refresher = Course.objects.get(code="jem-refresher")
    jem = {"agreement__partnership_type": initial.partnership_type_id}
    authorized = list(
        Officer.objects.filter(status=OfficerStatus.AUTHORIZED, **jem).order_by("pk")[:6]
    )
    completed = training.schedule_class(
        agent,
        course=refresher,
        starts_on=today - timedelta(days=21),
        ends_on=today - timedelta(days=21),
        delivery="online",
        capacity=20,
        instructor=agent,
        reason="Annual refresher, spring session",
    )
    rows = training.enrol(agent, completed, officers=authorized, reason="Refresher due")
    training.move_class(agent, completed, "start", reason="Class began")
    training.record_attendance(
        agent,
        completed,
        rows=[
            training.AttendanceRow(row.pk, "partial", refresher.hours - 2)
            if i == 1
            else training.AttendanceRow(row.pk, "attended")
            for i, row in enumerate(rows)
        ],
        reason="Attendance from the online session log",
    )
    training.record_scores(
        agent,
        completed,
        scores={row.pk: 94 - 4 * i for i, row in enumerate(rows)},
        reason="Refresher exam",
    )
    training.move_class(agent, completed, "complete", reason="All scores recorded")
    in_progress = training.schedule_class(
        agent,
        course=initial,
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=23),
        delivery="in_person",
        location="ICE Academy, Charleston, SC",
        capacity=24,
        instructor=agent,
        reason="Basic 287(g) course, new cohort",
    )
    cleared = list(Officer.objects.filter(status=OfficerStatus.CLEARED, **jem).order_by("pk"))
    training.enrol(agent, in_progress, officers=cleared[:24], reason="Cleared by ICE")
    training.move_class(agent, in_progress, "start", reason="Class began")
    scheduled = training.schedule_class(
        agent,
        course=refresher,
        starts_on=today + timedelta(days=14),
        ends_on=today + timedelta(days=14),
        delivery="online",
        capacity=20,
        instructor=agent,
        reason="Refresher before renewals",
    )
    ending = [
        o
        for o in Officer.objects.filter(status=OfficerStatus.AUTHORIZED, **jem).order_by("pk")
        if o.authorizations.filter(
            ended_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=30),
        ).exists()
    ]
    if ending:
        training.enrol(agent, scheduled, officers=ending[:20], reason="Authorization ends soon")
    return [completed, in_progress, scheduled]
