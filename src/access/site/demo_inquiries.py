"""Demo inquiries in every state at rest, so the analyst queue and the case pages have content.

Sent by the demo officer (Collier County), answered by the demo LESC analyst and decided by
the demo ICE supervisor, each through the inquiries app's own audited actions, about persons
of the loaded synthetic population (and two names it does not hold). ``received`` is not at
rest: ``submit_inquiry`` routes every inquiry on (to an analyst, or to a citizenship stop) in
the transaction that stores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from access.accounts.models import User
from access.inquiries import actions, cases, engine
from access.inquiries.choices import Channel, Determination, Evidence, SupervisorDecision
from access.inquiries.message import InquiryData, InquiryInvalid, check
from access.inquiries.models import Inquiry
from access.records.models import PersonRecord

OFFICER, ANALYST, SUPERVISOR, LIAISON = "officer", "analyst", "supervisor", "liaison"
# The one case number left out of Collier County's case register: with the misuse rules
# seeded, its inquiry is flagged "no matching case" as the rule intends.
UNREGISTERED_CASE = "26-001533"
SUBJECTS_SEARCHED = 400  # stored records tried when looking for subjects with a probable match
ABSENT = [
    {"family_name": "VANTERPOOL", "given_name": "ODALYS", "date_of_birth": "1979-11-02"},
    {"family_name": "KRISHNAMURTHY", "given_name": "ANSEL", "date_of_birth": "1966-07-23"},
]


@dataclass(frozen=True)
class Scenario:
    """One demo inquiry: who it is about, the officer's reason, and what happens after."""

    subject: str  # "match" (a stored person), "absent" (no such person)
    reason: str
    case_number: str
    then: tuple[str, ...] = ()  # steps: verify, no_record, biometrics, citizen, not_established
    extra: dict[str, Any] = field(default_factory=dict)


SCENARIOS = [
    # awaiting an analyst
    Scenario("match", "Traffic stop, no driver licence, foreign passport", "26-001417"),
    Scenario(
        "match",
        "Booked on a warrant for failure to appear",
        "26-001502",
        extra={"in_custody": True},
    ),
    Scenario("absent", "Identity check after a minor collision", "26-001533"),
    # answered
    Scenario("match", "Booked for driving under the influence", "26-001388", ("verify",)),
    Scenario(
        "absent", "Welfare check, subject gave a foreign birthplace", "26-001391", ("no_record",)
    ),
    Scenario("match", "Arrested for shoplifting, no identity papers", "26-001399", ("biometrics",)),
    # citizenship stop: awaiting a supervisor
    Scenario(
        "match",
        "Traffic stop; subject states he was born in Texas",
        "26-001455",
        extra={"claims_us_citizenship": True},
    ),
    # supervisor decided: citizen (closed), not established (back with the analyst), answered
    Scenario(
        "match",
        "Booked for trespass; subject states she is a naturalized citizen",
        "26-001461",
        ("citizen",),
        extra={"claims_us_citizenship": True, "in_custody": True},
    ),
    Scenario(
        "match",
        "Arrested for assault; subject claims U.S. citizenship",
        "26-001470",
        ("not_established",),
        extra={"claims_us_citizenship": True, "in_custody": True},
    ),
    Scenario(
        "match",
        "Booked for burglary; subject claims birth in Puerto Rico",
        "26-001476",
        ("not_established", "verify"),
        extra={"claims_us_citizenship": True, "in_custody": True},
    ),
]
NOTES = {
    "verify": "Name, date of birth and A-number agree with the DHS record; photographs compared.",
    "no_record": "No record in the DHS indices, NCIC or III under this name and date of birth.",
    "biometrics": "Two records share the name and year of birth; fingerprints needed to tell.",
    "citizen": "Certificate of naturalization located in the DHS indices; citizenship confirmed.",
    "not_established": "No birth or naturalization record found; the claim is not supported.",
}


def _base(officer: User, scenario: Scenario) -> dict[str, Any]:
    return {
        "ori": officer.agency.ori if officer.agency else "",
        "purpose_code": "C",
        "reason": scenario.reason,
        "case_number": scenario.case_number,
        "attention": f"DEP {officer.first_name[:1]} {officer.last_name}".upper(),
        "phone": "239-555-0100",
        **scenario.extra,
    }


def _subject(record: PersonRecord) -> dict[str, str] | None:
    dob = record.birth_dates.filter(day__isnull=False, month__isnull=False).first()
    if dob is None or dob.year is None or not record.given_name or not record.family_names:
        return None
    return {
        "family_name": " ".join(record.family_names),
        "given_name": record.given_name,
        "date_of_birth": f"{dob.year:04d}-{dob.month:02d}-{dob.day:02d}",
        "sex": record.sex,
    }


def matched_subjects(base: dict[str, Any]) -> Iterator[dict[str, str]]:
    """Stored persons whose inquiry finds a probable candidate and no candidate indicating
    U.S. citizenship (so the demo's stops come from the subjects' claims, as written)."""
    records = PersonRecord.objects.filter(source="immigration").order_by("pk")
    for record in records[:SUBJECTS_SEARCHED]:
        subject = _subject(record)
        if subject is None:
            continue
        try:
            data = check({**base, **subject})
        except (InquiryInvalid, ValueError):
            continue
        found, _note = engine.search(data)
        if not found or found[0].band != "probable":
            continue
        people = engine.with_naturalization(
            PersonRecord.objects.filter(pk__in=[f.record_pk for f in found])
        )
        if any(engine.citizenship_indicator(p) for p in people):
            continue
        yield subject


def _data(base: dict[str, Any], subject: dict[str, str]) -> InquiryData:
    return check({**base, **subject})


def _answer(analyst: User, inquiry: Inquiry, step: str) -> Inquiry:
    top = inquiry.candidates.order_by("rank").first()
    if step == "verify" and top is not None:
        actions.view_candidate(analyst, top)
        return actions.determine(
            analyst,
            inquiry,
            determination=Determination.FOUND_VERIFIED,
            evidence=[Evidence.DHS_INDICES, Evidence.RECORD_COMPARISON],
            notes=NOTES["verify"],
            candidate=top,
        )
    if step == "biometrics":
        return actions.determine(
            analyst,
            inquiry,
            determination=Determination.BIOMETRICS_NEEDED,
            evidence=[Evidence.DHS_INDICES, Evidence.NCIC],
            notes=NOTES["biometrics"],
        )
    return actions.determine(
        analyst,
        inquiry,
        determination=Determination.NO_RECORD,
        evidence=[Evidence.DHS_INDICES, Evidence.NCIC, Evidence.III],
        notes=NOTES["no_record"],
    )


def register_cases(liaison: User) -> int:
    """The demo inquiries' cases in the liaison's agency register (but ``UNREGISTERED_CASE``)."""
    agency = liaison.agency
    if agency is None or not cases.can(liaison, "add", agency.pk):
        return 0
    added = 0
    for days_ago, scenario in enumerate(SCENARIOS, start=3):
        number = scenario.case_number
        if number == UNREGISTERED_CASE or agency.cases.filter(case_number=number).exists():
            continue
        cases.add_case(
            liaison,
            agency=agency,
            case_number=number,
            opened_on=dt.date.today() - dt.timedelta(days=days_ago),
            description=scenario.reason,
        )
        added += 1
    return added


def seed_inquiries() -> list[Inquiry]:
    """The demo inquiries; none when the demo accounts are missing or inquiries exist."""
    names = [OFFICER, ANALYST, SUPERVISOR, LIAISON]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(users) < len(names) or Inquiry.objects.exists():
        return []
    officer, analyst, supervisor = users[OFFICER], users[ANALYST], users[SUPERVISOR]
    register_cases(users[LIAISON])
    matches = matched_subjects(_base(officer, SCENARIOS[0]))
    absent = iter(ABSENT)
    seeded = []
    for scenario in SCENARIOS:
        base = _base(officer, scenario)
        subject = next(matches, None) if scenario.subject == "match" else next(absent, None)
        subject = subject or ABSENT[0]
        inquiry = actions.submit_inquiry(officer, _data(base, subject), channel="web")
        for step in scenario.then:
            if step in ("citizen", "not_established"):
                decision = (
                    SupervisorDecision.CITIZEN
                    if step == "citizen"
                    else SupervisorDecision.NOT_ESTABLISHED
                )
                inquiry = actions.decide(supervisor, inquiry, decision=decision, notes=NOTES[step])
            else:
                inquiry = _answer(analyst, inquiry, step)
        seeded.append(inquiry)
    # A standard Nlets IAQ carries no reason or case number: it waits for the agency's reply
    # to LESC's administrative message (or an analyst's call), unsearched.
    standard = {**_base(officer, SCENARIOS[0]), **ABSENT[0], "reason": "", "case_number": ""}
    held = check(standard, details_required=False)
    seeded.append(actions.submit_inquiry(officer, held, channel=Channel.NLETS_TEXT))
    return seeded
