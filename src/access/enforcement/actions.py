"""Encounter operations. Each checks who may act, refuses bad input with every reason and
changes nothing then, moves the state, and writes its audit event in the same transaction.

Recording passes ``officers.authority.check`` for the function at the encounter's time; the
identification needs a person's verification (the officer, then an ICE supervisor for the
jail and task-force models); a claim or evidence of U.S. citizenship at any step stops the
workflow for a supervisor (``access.inquiries.citizenship``, shared with inquiries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.audit.models import AuditEvent
from access.core.actors import require_actor
from access.enforcement import search
from access.enforcement.choices import (
    OFFICER_STEPS,
    STEP_DOCUMENTS,
    CheckedField,
    Document,
    EncounterStatus,
    Function,
    Origin,
    Severity,
    StepKind,
    VerifierRole,
)
from access.enforcement.events import Event
from access.enforcement.models import (
    Charge,
    Encounter,
    EncounterCandidate,
    EncounterStep,
    OffenseCategory,
    PriorityRule,
    Verification,
)
from access.inquiries.citizenship import StopReason, SupervisorDecision, stop_reasons
from access.inquiries.message import normalize_a_number
from access.officers import authority
from access.officers.choices import OfficerStatus
from access.officers.models import Officer

S = EncounterStatus
# A clock a few minutes fast on the officer's device is not a time in the future.
FUTURE_TOLERANCE = timedelta(minutes=5)
# Models whose identification an ICE supervisor confirms after the officer (DOMAIN.md s. 2).
SUPERVISED_MODELS = ("287g_jem", "287g_tfm")
# Models whose encounters happen in the agency's jail (a facility), not in the field.
JAIL_MODELS = ("287g_jem", "287g_wso")
# The authorized function each step exercises (a referral to ICE exercises none).
STEP_FUNCTIONS = {
    StepKind.CHARGING_DOCUMENT: "process",
    StepKind.WARRANT_SERVED: "serve_warrant",
}
# Fields a verifier may name that establish identity beyond the name.
BEYOND_NAME = [f for f in CheckedField.values() if f != CheckedField.NAME]


class Refused(ValidationError):
    """Bad input or a step not allowed now; nothing was changed."""


@dataclass
class ChargeInput:
    offense_code: str
    severity: str
    description: str = ""


@dataclass
class EncounterInput:
    """What the officer describes (the form and the API build one)."""

    function: str
    occurred_at: datetime
    origin: str
    family_name: str
    facility_id: int | None = None
    location: str = ""
    given_name: str = ""
    middle_name: str = ""
    other_names: list[str] = field(default_factory=list)
    dates_of_birth: list[str] = field(default_factory=list)
    sex: str = ""
    place_of_birth: str = ""
    a_number: str = ""
    fbi_number: str = ""
    state_id: str = ""
    operator_license: str = ""
    claimed_country: str = ""
    claims_us_citizenship: bool = False
    notes: str = ""
    charges: list[ChargeInput] = field(default_factory=list)


def may(actor: Any, encounter: Encounter, *permissions: str) -> bool:
    """The actor holds one of ``enforcement.<permission>_encounter`` for its agency (or, scope
    ``team``, for an encounter at a facility the actor's CAP team covers)."""
    for permission in permissions:
        scope = actor.grant_scope(f"enforcement.{permission}_encounter")
        if scope == "all" or (scope == "agency" and actor.agency_id == encounter.agency_id):
            return True
        if scope == "team" and in_team_scope(actor, encounter):
            return True
    return False


def in_team_scope(actor: Any, encounter: Encounter) -> bool:
    lookup = {Encounter.team_scope: getattr(actor, "pk", None)}
    return Encounter._base_manager.filter(pk=encounter.pk, **lookup).exists()


def _scope(actor: Any, encounter: Encounter, *permissions: str) -> None:
    """404 (another agency's encounter, or no grant) unless ``may``."""
    if not may(actor, encounter, *permissions):
        raise Http404("Not found")


def officer_of(actor: Any) -> Officer | None:
    """The signed-in user's own officer record at their agency (the newest nomination)."""
    return (
        Officer.objects.filter(user=actor, agency_id=actor.agency_id)
        .exclude(status=OfficerStatus.WITHDRAWN)
        .select_related("agency", "agreement__partnership_type")
        .order_by("-nominated_on", "-pk")
        .first()
    )


def _check_when(occurred_at: datetime, errors: dict[str, list[str]]) -> datetime:
    when = occurred_at
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when > timezone.now() + FUTURE_TOLERANCE:
        errors.setdefault("occurred_at", []).append(
            f"The time {when:%Y-%m-%d %H:%M} UTC is in the future."
        )
    return when


def _check_subject(data: EncounterInput, errors: dict[str, list[str]]) -> dict[str, Any]:
    subject: dict[str, Any] = {}
    if not data.family_name.strip():
        errors.setdefault("family_name", []).append("Give the subject's family name.")
    dates = []
    for text in data.dates_of_birth:
        try:
            born = date.fromisoformat(text.strip())
        except ValueError:
            errors.setdefault("dates_of_birth", []).append(f'"{text}" is not a date (YYYY-MM-DD).')
            continue
        if born > timezone.localdate():
            errors.setdefault("dates_of_birth", []).append(f"{born} is in the future.")
        dates.append(born.isoformat())
    subject["dates_of_birth"] = list(dict.fromkeys(dates))
    a_number = data.a_number.strip()
    if a_number:
        try:
            a_number = normalize_a_number(a_number)
        except ValueError as bad:
            errors.setdefault("a_number", []).append(str(bad))
    subject["a_number"] = a_number
    if data.sex not in ("", "M", "F", "X"):
        errors.setdefault("sex", []).append("Sex is M, F, X or blank.")
    for name in ("place_of_birth", "claimed_country"):
        value = getattr(data, name).strip().upper()
        if value and (len(value) != 2 or not value.isalpha()):
            errors.setdefault(name, []).append("A country is a two-letter NCIC code.")
        subject[name] = value
    if data.origin not in Origin.values():
        errors.setdefault("origin", []).append("Choose how the encounter arose.")
    return subject


def _check_charges(
    charges: list[ChargeInput], on: date, errors: dict[str, list[str]]
) -> list[tuple[ChargeInput, OffenseCategory, PriorityRule]]:
    if not charges:
        errors.setdefault("charges", []).append(
            "Give at least one local charge (NCIC offense code and severity)."
        )
    checked = []
    for n, charge in enumerate(charges, start=1):
        code = charge.offense_code.strip()
        category = OffenseCategory.for_code(code, on)
        if category is None:
            errors.setdefault("charges", []).append(
                f'Charge {n}: unknown NCIC offense code "{code}" (a four-digit code in an '
                f"offense category in effect on {on})."
            )
            continue
        if charge.severity not in Severity.values():
            errors.setdefault("charges", []).append(
                f"Charge {n}: choose the severity (felony, misdemeanor or infraction)."
            )
            continue
        rule = PriorityRule.for_charge(category, charge.severity, on)
        if rule is None:
            errors.setdefault("charges", []).append(
                f"Charge {n}: no priority rule is in effect on {on} for {category.name}."
            )
            continue
        checked.append((charge, category, rule))
    return checked


@audited
def record_encounter(actor: Any, data: EncounterInput) -> Encounter:
    """Record an encounter by the signed-in officer, search the subject, and stop for a
    supervisor when U.S. citizenship is claimed or a candidate record indicates it.

    Refused, with every reason, when the officer's authority check does not allow the
    function at that time; nothing is stored then."""
    if actor.grant_scope("enforcement.add_encounter") not in ("agency", "all"):
        raise PermissionDenied("may not record encounters")
    officer = officer_of(actor)
    if officer is None:
        raise Refused(
            "You are not a nominated officer of your agency: only officers record encounters."
        )
    errors: dict[str, list[str]] = {}
    when = _check_when(data.occurred_at, errors)
    day = timezone.localdate(when)
    agreement = officer.agreement
    if agreement.effective_on and day < agreement.effective_on:
        errors.setdefault("occurred_at", []).append(
            f"The time is before the officer's agreement took effect ({agreement.effective_on})."
        )
    if data.function not in Function.values():
        errors.setdefault("function", []).append("Choose the function exercised.")
    elif "occurred_at" not in errors:
        decision = authority.check(officer, data.function, when=when)
        for reason in decision.reasons:
            errors.setdefault("function", []).append(f"Authority check: {reason}")
    model = agreement.partnership_type
    facility = None
    if model.code in JAIL_MODELS:
        facility = (
            officer.agency.facilities.filter(pk=data.facility_id).first()
            if data.facility_id
            else None
        )
        if facility is None:
            errors.setdefault("facility_id", []).append(
                f"The {model.name} acts in the agency's jail: choose one of its facilities."
            )
    elif not data.location.strip():
        errors.setdefault("location", []).append("Give the location of the encounter.")
    subject = _check_subject(data, errors)
    charges = _check_charges(data.charges, day, errors)
    if errors:
        raise Refused(errors)
    ranked = sorted(charges, key=lambda c: (int(c[2].level), Severity.rank(c[0].severity)))
    encounter = Encounter(
        officer=officer,
        agency=officer.agency,
        partnership_type=model,
        function=data.function,
        facility=facility,
        location="" if facility else data.location.strip(),
        occurred_at=when,
        origin=data.origin,
        recorded_by=actor,
        family_name=data.family_name.strip().upper(),
        given_name=data.given_name.strip().upper(),
        middle_name=data.middle_name.strip().upper(),
        other_names=[n.strip().upper() for n in data.other_names if n.strip()],
        sex=data.sex,
        fbi_number=data.fbi_number.strip().upper(),
        state_id=data.state_id.strip().upper(),
        operator_license=data.operator_license.strip().upper(),
        claims_us_citizenship=data.claims_us_citizenship,
        notes=data.notes.strip(),
        severity=min((c[0].severity for c in charges), key=Severity.rank),
        priority_level=ranked[0][2].level,
        **subject,
    )
    encounter.save()
    for position, (charge, category, rule) in enumerate(charges, start=1):
        Charge.objects.create(
            encounter=encounter,
            position=position,
            offense_code=charge.offense_code.strip(),
            offense_category=category,
            description=charge.description.strip(),
            severity=charge.severity,
            priority_level=rule.level,
            priority_rule=rule,
        )
    events.record(
        Event.RECORDED,
        obj=encounter,
        after=events.snapshot(encounter, ["status", "function", "occurred_at", "priority_level"]),
        details={
            **encounter.audit_details(),
            "charges": [c[0].offense_code for c in charges],
            "claims_us_citizenship": encounter.claims_us_citizenship,
        },
    )
    _search(encounter)
    return encounter


def _search(encounter: Encounter) -> None:
    """Search the subject, keep the candidates, and stop or route the encounter."""
    hits, note = search.candidates(encounter)
    encounter.search_note = note
    rows = [
        EncounterCandidate(
            encounter=encounter,
            record_id=hit.record_pk,
            rank=rank,
            band=hit.band,
            probability=hit.probability,
            match_weight=hit.match_weight,
            explanation=hit.explanation,
            citizenship_indicator=hit.citizenship_indicator,
            date_of_birth_agrees=hit.date_of_birth_agrees,
            identifier_agrees=hit.identifier_agrees,
        )
        for rank, hit in enumerate(hits, start=1)
    ]
    require_actor("save enforcement.EncounterCandidate")  # bulk_create skips ProgramRecord.save
    EncounterCandidate.objects.bulk_create(rows)
    searched = not note or bool(hits)
    if searched:
        encounter.searched_at = timezone.now()
    reasons = stop_reasons(
        claimed=encounter.claims_us_citizenship, indicators=[r.citizenship_indicator for r in rows]
    )
    if reasons:
        _stop(encounter, reasons)
    elif rows:
        encounter.found_candidates()
    elif searched:
        encounter.found_nothing()
    encounter.save()
    events.record(
        Event.SEARCHED,
        obj=encounter,
        details={
            "candidates": len(rows),
            "note": note,
            "status": encounter.status,
            "citizenship_stop": bool(reasons),
            "stop_reasons": reasons,
        },
    )


def _stop(encounter: Encounter, reasons: list[str]) -> None:
    encounter.stop_for_citizenship()
    encounter.citizenship_stop = True
    encounter.stop_reasons = [*encounter.stop_reasons, *reasons]
    encounter.stopped_at = timezone.now()
    # Whatever was identified is not an identification while the question is open.
    encounter.identified_record = None
    encounter.identified_at = None


@audited
def search_again(actor: Any, encounter: Encounter) -> Encounter:
    """Search an encounter recorded while no matching model was active."""
    _scope(actor, encounter, "add")
    if encounter.status != S.RECORDED:
        raise Refused("Only an encounter not yet searched can be searched again.")
    _search(encounter)
    return encounter


def has_viewed(actor: Any, candidate: EncounterCandidate) -> bool:
    return AuditEvent.objects.filter(
        action=Event.CANDIDATE_VIEWED,
        actor_id=actor.pk,
        object_type="enforcement.encountercandidate",
        object_id=str(candidate.pk),
    ).exists()


@audited
def view_candidate(actor: Any, candidate: EncounterCandidate) -> EncounterCandidate:
    """Opening the side-by-side comparison shows a person's record: logged."""
    encounter = candidate.encounter
    _scope(actor, encounter, "verify", "confirm", "decide")
    events.record(
        Event.CANDIDATE_VIEWED,
        obj=candidate,
        details={"encounter": encounter.pk, "record": candidate.record.record_id},
    )
    return candidate


def _check_fields(fields_checked: list[str]) -> list[str]:
    unknown = [f for f in fields_checked if f not in CheckedField.values()]
    if unknown:
        raise Refused({"fields_checked": [f"Unknown field {u!r}." for u in unknown]})
    if not any(f in BEYOND_NAME for f in fields_checked):
        raise Refused(
            {
                "fields_checked": [
                    "Name what you checked beyond the name (date of birth, an identifier, "
                    "fingerprints, photograph or an identity document)."
                ]
            }
        )
    return list(dict.fromkeys(fields_checked))


@audited
def verify(
    actor: Any,
    encounter: Encounter,
    candidate: EncounterCandidate,
    *,
    fields_checked: list[str],
    notes: str = "",
) -> Encounter:
    """The officer verifies a candidate as the subject. For the jail and task-force models an
    ICE supervisor confirms next; for the warrant service model this identifies."""
    _scope(actor, encounter, "verify")
    if candidate.encounter_id != encounter.pk:
        raise Refused("That record is not a candidate of this encounter.")
    if encounter.status != S.CANDIDATES:
        raise Refused(
            f"An encounter that is {S.label(encounter.status).lower()} cannot be verified now."
        )
    if candidate.name_only:
        raise Refused(
            "A name-only match can never be the identification: neither a date of birth nor "
            "an identifier of this record agrees with the subject."
        )
    fields = _check_fields(fields_checked)
    if not has_viewed(actor, candidate):
        raise Refused("Open the side-by-side comparison of that record before verifying it.")
    before = events.snapshot(encounter, ["status"])
    decided_already = encounter.supervisor_decision == SupervisorDecision.NOT_ESTABLISHED
    if candidate.citizenship_indicator and not decided_already:
        _stop(encounter, [candidate.citizenship_indicator])
        encounter.save()
        events.record(
            Event.CITIZENSHIP_STOP,
            obj=encounter,
            before=before,
            after=events.snapshot(encounter, ["status"]),
            details={"reasons": [candidate.citizenship_indicator], "step": "verification"},
        )
        return encounter
    Verification.objects.create(
        encounter=encounter,
        candidate=candidate,
        role=VerifierRole.OFFICER,
        verified_by=actor,
        fields_checked=fields,
        notes=notes.strip(),
    )
    if encounter.partnership_type.code in SUPERVISED_MODELS:
        encounter.officer_verified()
    else:
        encounter.identify()
        encounter.identified_record = candidate.record
        encounter.identified_at = timezone.now()
    encounter.save()
    events.record(
        Event.VERIFIED,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status", "identified_record_id"]),
        details={"candidate": candidate.pk, "fields_checked": fields},
    )
    return encounter


def pending_verification(encounter: Encounter) -> Verification | None:
    """The officer's verification a supervisor is asked to confirm."""
    return (
        encounter.verifications.filter(role=VerifierRole.OFFICER)
        .select_related("candidate__record")
        .order_by("-created_at")
        .first()
    )


@audited
def confirm(
    actor: Any, encounter: Encounter, *, fields_checked: list[str], notes: str = ""
) -> Encounter:
    """An ICE supervisor confirms the officer's verification: the record is identified."""
    _scope(actor, encounter, "confirm")
    if encounter.status != S.AWAITING_SUPERVISOR:
        raise Refused("Only an encounter verified by the officer awaits a supervisor.")
    officer_step = pending_verification(encounter)
    if officer_step is None:  # pragma: no cover - the state says there is one
        raise Refused("There is no officer's verification to confirm.")
    if officer_step.verified_by_id == actor.pk:
        raise Refused("The supervisor who confirms is not the officer who verified.")
    fields = _check_fields(fields_checked)
    candidate = officer_step.candidate
    if not has_viewed(actor, candidate):
        raise Refused("Open the side-by-side comparison of that record before confirming it.")
    before = events.snapshot(encounter, ["status"])
    Verification.objects.create(
        encounter=encounter,
        candidate=candidate,
        role=VerifierRole.SUPERVISOR,
        verified_by=actor,
        fields_checked=fields,
        notes=notes.strip(),
    )
    encounter.identify()
    encounter.identified_record = candidate.record
    encounter.identified_at = timezone.now()
    encounter.save()
    events.record(
        Event.CONFIRMED,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status", "identified_record_id"]),
        details={"candidate": candidate.pk, "fields_checked": fields},
    )
    return encounter


@audited
def not_identified(actor: Any, encounter: Encounter, *, notes: str) -> Encounter:
    """The officer finds that no candidate is the subject."""
    _scope(actor, encounter, "verify")
    if encounter.status != S.CANDIDATES:
        raise Refused("Only an encounter with candidates awaiting verification can be closed so.")
    if not notes.strip():
        raise Refused({"notes": ["Say why no candidate is the subject."]})
    before = events.snapshot(encounter, ["status"])
    encounter.found_nothing()
    encounter.save()
    events.record(
        Event.NOT_IDENTIFIED,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status"]),
        details={"notes": notes.strip()},
    )
    return encounter


@audited
def report_citizenship(actor: Any, encounter: Encounter, *, claimed: bool, notes: str) -> Encounter:
    """Anyone working the encounter reports a claim or evidence of U.S. citizenship: the
    workflow stops for a supervisor."""
    _scope(actor, encounter, "verify", "confirm", "step")
    if encounter.status == S.CITIZENSHIP_STOP:
        raise Refused("The encounter is already stopped for a supervisor's decision.")
    if encounter.supervisor_decision == SupervisorDecision.CITIZEN:
        raise Refused("A supervisor has already found U.S. citizenship indicated.")
    if not notes.strip():
        raise Refused({"notes": ["Describe the claim or the evidence."]})
    before = events.snapshot(encounter, ["status"])
    reason = StopReason.CLAIM if claimed else StopReason.EVIDENCE
    if claimed:
        encounter.claims_us_citizenship = True
    _stop(encounter, [reason])
    encounter.save()
    events.record(
        Event.CITIZENSHIP_STOP,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status"]),
        details={"reasons": [reason], "notes": notes.strip(), "step": "reported"},
    )
    return encounter


@audited
def decide(actor: Any, encounter: Encounter, *, decision: str, notes: str) -> Encounter:
    """The ICE supervisor's decision on a citizenship stop. U.S. citizenship indicated ends
    the workflow; not established returns it to verification (anew)."""
    _scope(actor, encounter, "decide")
    if encounter.status != S.CITIZENSHIP_STOP:
        raise Refused("Only an encounter stopped for citizenship awaits a supervisor.")
    if decision not in SupervisorDecision.values():
        raise Refused({"decision": ["Choose a decision."]})
    if not notes.strip():
        raise Refused({"notes": ["Give the reasons for the decision."]})
    before = events.snapshot(encounter, ["status"])
    encounter.decide()
    encounter.supervisor_decision, encounter.supervisor_notes = decision, notes.strip()
    encounter.decided_by, encounter.decided_at = actor, timezone.now()
    if decision == SupervisorDecision.NOT_ESTABLISHED:
        if encounter.candidates.exists():
            encounter.resume()
        elif encounter.searched_at is None:
            encounter.resume_unsearched()
        else:
            encounter.found_nothing()
    encounter.save()
    events.record(
        Event.DECIDED,
        obj=encounter,
        before=before,
        after=events.snapshot(encounter, ["status", "supervisor_decision"]),
        details={"decision": decision},
    )
    return encounter


@audited
def record_step(
    actor: Any,
    encounter: Encounter,
    *,
    kind: str,
    occurred_on: date,
    document: str = "",
    reference: str = "",
    notes: str = "",
) -> EncounterStep:
    """A charging document, a referral to ICE or a warrant service, with its date. Only after
    the identification, never while a citizenship stop is open; a step that exercises an
    authorized function passes the signed-in officer's authority check on that date."""
    _scope(actor, encounter, "step")
    errors: dict[str, list[str]] = {}
    if kind == StepKind.REMOVED:
        raise Refused({"kind": ["A removal is recorded by ICE (record the removal)."]})
    if kind not in OFFICER_STEPS:
        raise Refused({"kind": ["Choose the step."]})
    if encounter.status != S.IDENTIFIED:
        raise Refused(
            "Steps are recorded only after the subject is identified (verified); this "
            f"encounter is {S.label(encounter.status).lower()}."
        )
    if document not in STEP_DOCUMENTS[kind]:
        allowed = ", ".join(Document.label(d) for d in STEP_DOCUMENTS[kind] if d) or "none"
        errors.setdefault("document", []).append(f"This step names one of: {allowed}.")
    if kind == StepKind.WARRANT_SERVED and encounter.facility_id is None:
        errors.setdefault("kind", []).append(
            "An administrative warrant is served here only on a person in the agency's jail."
        )
    today = timezone.localdate()
    if occurred_on > today:
        errors.setdefault("occurred_on", []).append(f"{occurred_on} is in the future.")
    if occurred_on < timezone.localdate(encounter.occurred_at):
        errors.setdefault("occurred_on", []).append(
            f"{occurred_on} is before the encounter ({encounter.occurred_at:%Y-%m-%d})."
        )
    function = STEP_FUNCTIONS.get(kind)
    if function and not errors:
        officer = officer_of(actor)
        if officer is None or officer.agency_id != encounter.agency_id:
            errors.setdefault("kind", []).append(
                "Only an authorized officer of the encounter's agency records this step."
            )
        else:
            when = (
                timezone.now()
                if occurred_on == today
                else timezone.make_aware(datetime.combine(occurred_on, time(12)))
            )
            for reason in authority.check(officer, function, when=when).reasons:
                errors.setdefault("kind", []).append(f"Authority check: {reason}")
    if errors:
        raise Refused(errors)
    step = EncounterStep.objects.create(
        encounter=encounter,
        kind=kind,
        document=document,
        occurred_on=occurred_on,
        reference=reference.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    events.record(
        Event.STEP_RECORDED,
        obj=encounter,
        details={"step": kind, "document": document, "occurred_on": occurred_on.isoformat()},
    )
    return step


def removal_of(encounter: Encounter) -> EncounterStep | None:
    return encounter.steps.filter(kind=StepKind.REMOVED).first()


@audited
def record_removal(
    actor: Any,
    encounter: Encounter,
    *,
    occurred_on: date,
    document: str = "",
    reference: str = "",
    notes: str = "",
) -> EncounterStep:
    """ICE records that the subject was removed from the United States, with its date: the
    last step of the funnel. Only after the identification (verified), once per encounter,
    by an ICE role (``enforcement.remove_encounter``); the agency's officers do not."""
    _scope(actor, encounter, "remove")
    if encounter.status != S.IDENTIFIED:
        raise Refused(
            "A removal is recorded only for an identified (verified) subject; this "
            f"encounter is {S.label(encounter.status).lower()}."
        )
    errors: dict[str, list[str]] = {}
    if removal_of(encounter) is not None:
        errors.setdefault("occurred_on", []).append("The removal is already recorded.")
    if document not in STEP_DOCUMENTS[StepKind.REMOVED]:
        errors.setdefault("document", []).append(
            f"A removal names {Document.label(Document.I_205)} or no form."
        )
    if occurred_on > timezone.localdate():
        errors.setdefault("occurred_on", []).append(f"{occurred_on} is in the future.")
    if occurred_on < timezone.localdate(encounter.occurred_at):
        errors.setdefault("occurred_on", []).append(
            f"{occurred_on} is before the encounter ({encounter.occurred_at:%Y-%m-%d})."
        )
    if errors:
        raise Refused(errors)
    step = EncounterStep.objects.create(
        encounter=encounter,
        kind=StepKind.REMOVED,
        document=document,
        occurred_on=occurred_on,
        reference=reference.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    events.record(
        Event.REMOVAL_RECORDED,
        obj=encounter,
        details={"document": document, "occurred_on": occurred_on.isoformat()},
    )
    return step


@audited
def view_encounter(actor: Any, encounter: Encounter, *, form: str) -> None:
    """Opening an encounter shows the subject as described: logged (``web`` or ``api``)."""
    _scope(actor, encounter, "view")
    events.record(Event.VIEWED, obj=encounter, details={**encounter.audit_details(), "form": form})


@audited
def export_funnel(actor: Any, *, filters: dict[str, str], rows: int) -> None:
    """Downloading the funnel (counts only, no person data) is recorded like any export."""
    events.record(
        Event.FUNNEL_EXPORTED,
        object_type=Encounter._meta.label_lower,
        object_repr="enforcement funnel",
        details={"filters": filters, "rows": rows},
    )
