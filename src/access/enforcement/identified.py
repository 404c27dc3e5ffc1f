"""An encounter recorded already identified, from a verification a person made elsewhere
(CAP screening: a CAP officer verified a booked person's record, interviewed them and found
them amenable to removal). Enforcement's rules still apply here, in this app:

- the signed-in user is an officer of the facility's agency under a CAP agreement, and
  ``officers.authority.check`` allows the function at the encounter's time;
- a CAP officer (grant scope ``team``) acts only at a facility their CAP team covers;
- a name match alone never identifies; the fields checked go beyond the name;
- a record indicating U.S. citizenship is refused here (the caller's own stop applies first).

Every reason is given at once and nothing is stored when any applies. The encounter is then
like any other: identified, in the funnel, ready for a detainer (``access.detention``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from access.agencies.models import Facility
from access.audit import events
from access.audit.events import audited
from access.enforcement import search
from access.enforcement.actions import (
    FUTURE_TOLERANCE,
    EncounterInput,
    Refused,
    _check_fields,
    _check_subject,
)
from access.enforcement.choices import Function, Origin, PriorityLevel, VerifierRole
from access.enforcement.events import Event
from access.enforcement.models import Encounter, EncounterCandidate, Verification
from access.officers import authority
from access.officers.choices import OfficerStatus
from access.officers.models import Officer
from access.partnerships.choices import PartnershipFamily
from access.records.models import PersonRecord


@dataclass
class IdentifiedInput:
    """The subject as the jail described them, the record a person verified, and how."""

    facility: Facility
    occurred_at: datetime
    family_name: str
    record_pk: int
    probability: float
    band: str
    fields_checked: list[str]
    verified_by: Any
    date_of_birth_agrees: bool
    identifier_agrees: bool
    function: str = Function.INTERVIEW
    origin: str = Origin.JAIL_REFERRAL
    given_name: str = ""
    middle_name: str = ""
    dates_of_birth: list[str] = field(default_factory=list)
    sex: str = ""
    place_of_birth: str = ""
    a_number: str = ""
    fbi_number: str = ""
    state_id: str = ""
    explanation: dict[str, Any] = field(default_factory=dict)
    priority_level: str = ""
    notes: str = ""
    verification_notes: str = ""
    source: str = "cap"


def in_team(actor: Any, facility: Facility) -> bool:
    """The facility is one a team of the actor's covers (the encounters' team lookup)."""
    lookup = Encounter.team_scope.removeprefix("facility__")
    return Facility._base_manager.filter(pk=facility.pk, **{lookup: actor.pk}).exists()


def cap_officer_at(actor: Any, facility: Facility) -> Officer | None:
    """The actor's officer record at the facility's agency under a CAP agreement."""
    return (
        Officer.objects.filter(
            user=actor,
            agency_id=facility.agency_id,
            agreement__partnership_type__family=PartnershipFamily.CAP,
        )
        .exclude(status=OfficerStatus.WITHDRAWN)
        .select_related("agency", "agreement__partnership_type")
        .order_by("-nominated_on", "-pk")
        .first()
    )


def _require(actor: Any, facility: Facility) -> None:
    scope = actor.grant_scope("enforcement.add_encounter")
    if scope == "all" or (scope == "team" and in_team(actor, facility)):
        return
    raise PermissionDenied("may not record encounters at this facility")


@audited
def record_identified(actor: Any, data: IdentifiedInput) -> Encounter:
    """Record the encounter at the facility, with the verified record as its identification."""
    _require(actor, data.facility)
    errors: dict[str, list[str]] = {}
    officer = cap_officer_at(actor, data.facility)
    when = (
        data.occurred_at
        if timezone.is_aware(data.occurred_at)
        else timezone.make_aware(data.occurred_at)
    )
    if officer is None:
        errors.setdefault("officer", []).append(
            "You are not an officer under a CAP agreement with the facility's agency: only "
            "its officers record encounters there."
        )
    elif data.function not in Function.values():
        errors.setdefault("function", []).append("Choose the function exercised.")
    else:
        for reason in authority.check(officer, data.function, when=when).reasons:
            errors.setdefault("function", []).append(f"Authority check: {reason}")
    if when > timezone.now() + FUTURE_TOLERANCE:
        errors.setdefault("occurred_at", []).append(
            f"The time {when:%Y-%m-%d %H:%M} UTC is in the future."
        )
    subject = _check_subject(_as_encounter_input(data, when), errors)
    if not (data.date_of_birth_agrees or data.identifier_agrees):
        errors.setdefault("record", []).append(
            "A name-only match can never be the identification: neither a date of birth nor "
            "an identifier of this record agrees with the subject."
        )
    try:
        fields = _check_fields(data.fields_checked)
    except Refused as refused:
        errors.setdefault("fields_checked", []).extend(refused.messages)
        fields = []
    record = PersonRecord.objects.filter(pk=data.record_pk).first()
    indicator = search.citizenship_indicator(record) if record is not None else ""
    if record is None:
        errors.setdefault("record", []).append("The verified record is not stored.")
    elif indicator:
        errors.setdefault("record", []).append(
            "The record indicates U.S. citizenship: a supervisor decides before any encounter."
        )
    if errors or officer is None or record is None:
        raise Refused(errors)
    encounter = Encounter(
        officer=officer,
        agency=officer.agency,
        partnership_type=officer.agreement.partnership_type,
        function=data.function,
        facility=data.facility,
        occurred_at=when,
        origin=data.origin,
        recorded_by=actor,
        family_name=data.family_name.strip().upper(),
        given_name=data.given_name.strip().upper(),
        middle_name=data.middle_name.strip().upper(),
        sex=data.sex,
        fbi_number=data.fbi_number.strip().upper(),
        state_id=data.state_id.strip().upper(),
        notes=data.notes.strip(),
        priority_level=data.priority_level if data.priority_level in PriorityLevel.values() else "",
        searched_at=timezone.now(),
        search_note=f"Screened and verified in {data.source.upper()} screening.",
        **subject,
    )
    encounter.save()
    events.record(
        Event.RECORDED,
        obj=encounter,
        after=events.snapshot(encounter, ["status", "function", "occurred_at", "priority_level"]),
        details={**encounter.audit_details(), "source": data.source, "charges": []},
    )
    candidate = EncounterCandidate.objects.create(
        encounter=encounter,
        record=record,
        rank=1,
        band=data.band,
        probability=data.probability,
        match_weight=0.0,
        explanation=data.explanation,
        date_of_birth_agrees=data.date_of_birth_agrees,
        identifier_agrees=data.identifier_agrees,
    )
    encounter.found_candidates()
    Verification.objects.create(
        encounter=encounter,
        candidate=candidate,
        role=VerifierRole.OFFICER,
        verified_by=data.verified_by,
        fields_checked=fields,
        notes=data.verification_notes.strip(),
    )
    before = events.snapshot(encounter, ["status"])
    encounter.identify()
    encounter.identified_record = record
    encounter.identified_at = timezone.now()
    encounter.save()
    events.record(
        Event.VERIFIED,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status", "identified_record_id"]),
        details={"candidate": candidate.pk, "fields_checked": fields, "source": data.source},
    )
    return encounter


def _as_encounter_input(data: IdentifiedInput, when: datetime) -> EncounterInput:
    return EncounterInput(
        function=data.function,
        occurred_at=when,
        origin=data.origin,
        family_name=data.family_name,
        given_name=data.given_name,
        middle_name=data.middle_name,
        dates_of_birth=data.dates_of_birth,
        sex=data.sex,
        place_of_birth=data.place_of_birth,
        a_number=data.a_number,
        fbi_number=data.fbi_number,
        state_id=data.state_id,
    )
