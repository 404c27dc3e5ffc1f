"""Agreement operations. Each is audited: one transaction, one actor, one typed event.

Views and jobs call these; the model only knows which state moves are legal. Every
operation checks the actor's grant itself, so no caller can skip it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

from access.agreements import clauses, waiting
from access.agreements.choices import (
    AMENDABLE,
    EDITABLE,
    IN_FORCE,
    IN_PROGRESS,
    AgreementStatus,
    AmendmentKind,
    ModelCode,
    Party,
)
from access.agreements.events import Event
from access.agreements.held import refuse_if_held
from access.agreements.models import Agreement, AgreementSignature, AgreementVersion, ClauseTemplate
from access.agreements.signals import agreement_activated
from access.agreements.validators import check_signed_on, stored_pdf_name, validate_pdf
from access.audit import events
from access.audit.events import actor_display_name, audited
from access.core.actors import SystemActor

S = AgreementStatus
DEFAULT_TERM_MONTHS = 36
RENEWAL_WINDOW = timedelta(days=90)

# The transitions people start from the detail page: label and the grant each needs.
TRANSITIONS: dict[str, tuple[str, str]] = {
    "submit_for_legal_review": ("Submit to ICE legal review", "change"),
    "approve_legal_review": ("Approve ICE legal review", "legalreview"),
    "return_from_legal_review": ("Return to draft from legal review", "legalreview"),
    "approve_agency_review": ("Approve agency review", "agencyreview"),
    "return_from_agency_review": ("Return to draft from agency review", "agencyreview"),
    "activate": ("Activate", "manage"),
    "suspend": ("Suspend", "manage"),
    "reinstate": ("Reinstate", "manage"),
    "mark_renewal_due": ("Mark renewal due", "manage"),
    "terminate": ("Terminate", "manage"),
    "expire": ("Record expiry", "manage"),
}


class TransitionRefused(ValidationError):
    """An illegal state move or a missing reason; nothing was changed."""


def _require(actor: Any, agreement: Agreement | None, action: str) -> None:
    if isinstance(actor, SystemActor):
        return
    if agreement is None:
        if not actor.can(f"agreements.{action}_agreement"):
            raise PermissionDenied(f"{actor} may not {action} agreements")
    elif not Agreement.objects.restrict(actor, action).filter(pk=agreement.pk).exists():
        raise PermissionDenied(f"{actor} may not {action} agreement #{agreement.pk}")


def _sources(method: Any) -> str:
    """The statuses a transition starts from, in lifecycle order, quoted for a message."""
    sources = {str(t.source) for t in method._django_fsm.transitions.values()}
    labels = [f'"{S.label(v)}"' for v in S.values() if v in sources]
    if len(labels) == 1:
        return f"the status {labels[0]}"
    return "one of the statuses " + ", ".join(labels)


def _verb(label: str) -> str:
    return label[0].lower() + label[1:]


def _author(actor: Any) -> dict[str, Any]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return {"author": user, "author_name": actor_display_name(actor)}


@audited
def draft_agreement(
    actor: Any,
    *,
    agency: Any,
    partnership_type: Any,
    access_request: Any = None,
    supervising_office: Any = None,
    officer_limit: int | None = None,
    effective_on: date | None = None,
    expires_on: date | None = None,
    drafted_on: date | None = None,
) -> Agreement:
    """A new draft from the clause template in effect on ``drafted_on`` (today by default)."""
    _require(actor, None, "add")
    drafted_on = drafted_on or timezone.localdate()
    code = ModelCode.BY_PARTNERSHIP_TYPE.get(partnership_type.code)
    template = ClauseTemplate.in_effect(code, drafted_on) if code else None
    if template is None:
        raise ValidationError(
            f"No clause template for {partnership_type.name} is in effect on {drafted_on}."
        )
    if access_request is not None and access_request.agency_id != agency.pk:
        raise ValidationError("The ACCESS request belongs to another agency.")
    refuse_if_held(agency, partnership_type)
    agreement = Agreement(
        agency=agency,
        partnership_type=partnership_type,
        access_request=access_request,
        clause_template=template,
        drafted_on=drafted_on,
        supervising_office=supervising_office,
        officer_limit=officer_limit,
        effective_on=effective_on,
        expires_on=expires_on,
    )
    agreement.full_clean(exclude=["status"])
    agreement.save()
    sections = clauses.render_sections(template.sections, clauses.variables_for(agreement))
    AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        sections=sections,
        note=f"Drafted from {template}",
        **_author(actor),
    )
    events.record(
        Event.CREATE,
        obj=agreement,
        after=events.snapshot(agreement),
        details={"template": str(template), "version": 1},
    )
    return agreement


@audited
def edit_sections(
    actor: Any, agreement: Agreement, texts: dict[str, str], note: str
) -> AgreementVersion:
    """Store edited section text as a new version (plain text: never rendered as a template)."""
    _require(actor, agreement, "change")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in EDITABLE:
        raise ValidationError(
            "Section text can be edited only in a draft or during a modification; the "
            f'agreement\'s status is "{S.label(agreement.status)}".'
        )
    current = agreement.current_version
    if current is None:
        raise ValidationError("This agreement has no text to edit.")
    sections = [
        {**s, "text": texts.get(s["key"], s["text"]).replace("\r\n", "\n").strip()}
        for s in current.sections
    ]
    changed = [
        new["key"]
        for old, new in zip(current.sections, sections, strict=True)
        if old["text"] != new["text"]
    ]
    if not changed:
        raise ValidationError("Nothing changed: no new version was created.")
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=current.number + 1,
        sections=sections,
        note=note,
        **_author(actor),
    )
    events.record(
        Event.EDIT,
        obj=agreement,
        details={"version": version.number, "changed_sections": changed, "note": note},
    )
    return version


@audited
def apply_transition(actor: Any, agreement: Agreement, name: str, *, reason: str) -> Agreement:
    """Move ``agreement`` through transition ``name``; refused moves change nothing."""
    if name not in TRANSITIONS and name not in ("record_published_participation",):
        raise TransitionRefused(f"Unknown step {name!r}.")
    label = TRANSITIONS.get(name, (name.replace("_", " "), ""))[0]
    if not reason.strip():
        raise TransitionRefused(f"{label}: give a reason.")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    method = getattr(agreement, name)
    before = events.snapshot(agreement)
    if not can_proceed(method):
        raise TransitionRefused(
            f'Cannot {_verb(label)}: the agreement\'s status is "{S.label(agreement.status)}"; '
            f"this step needs {_sources(method)}."
        )
    if not has_transition_perm(method, actor):
        raise PermissionDenied(f"{actor} may not {label.lower()} agreement #{agreement.pk}")
    extra = _before_transition(agreement, name)
    try:
        method()
    except TransitionNotAllowed as error:  # pragma: no cover - can_proceed checked above
        raise TransitionRefused(str(error)) from error
    agreement.save()
    if name == "activate":
        agreement_activated.send(sender=Agreement, agreement=agreement, actor=actor)
    notified = waiting.notify(agreement, actor)
    events.record(
        Event.transition(name),
        obj=agreement,
        before=before,
        after=events.snapshot(agreement),
        details={
            "reason": reason.strip(),
            "from": before["status"],
            "to": agreement.status,
            **extra,
            **({"notified": notified} if notified else {}),
        },
    )
    return agreement


def add_months(start: date, months: int) -> date:
    """``start`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _end_of_term(agreement: Agreement, start: date) -> date:
    template = agreement.clause_template
    return add_months(start, template.term_months if template else DEFAULT_TERM_MONTHS)


def _before_transition(agreement: Agreement, name: str) -> dict[str, Any]:
    """Checks and field changes that go with some transitions."""
    if name == "activate" and agreement.amends_id is not None:
        return _activate_amendment(agreement, agreement.amends_id)
    if name == "activate":
        other = (
            Agreement.objects.filter(
                agency=agreement.agency_id,
                partnership_type=agreement.partnership_type_id,
                status__in=IN_FORCE,
            )
            .exclude(pk=agreement.pk)
            .first()
        )
        if other is not None:
            raise TransitionRefused(
                f"{agreement.agency.name} already has an agreement in force under "
                f"{agreement.partnership_type.name} (#{other.pk}, "
                f"{S.label(other.status)}); terminate it or let it expire first."
            )
        agreement.effective_on = agreement.effective_on or agreement.signed_on
        agreement.effective_on = agreement.effective_on or timezone.localdate()
        if agreement.expires_on is None:
            agreement.expires_on = _end_of_term(agreement, agreement.effective_on)
        return {"effective_on": agreement.effective_on, "expires_on": agreement.expires_on}
    return {}


def _activate_amendment(agreement: Agreement, amends_id: int) -> dict[str, Any]:
    """A signed modification or renewal takes the place of the agreement it amends.

    A modification keeps the original's term; a renewal runs a new term from the end of the
    original's (or from its own signature, when that came later).
    """
    original = Agreement.objects.select_for_update().get(pk=amends_id)
    if original.status not in IN_FORCE:
        raise TransitionRefused(
            f"Agreement #{original.pk}, which this {agreement.amendment_kind} amends, "
            f"{S.phrase(original.status, now=True)}: there is nothing in force to replace."
        )
    before = events.snapshot(original)
    original.supersede()
    original.save()
    events.record(
        Event.SUPERSEDE,
        obj=original,
        before=before,
        after=events.snapshot(original),
        details={
            "reason": f"Replaced by its {agreement.amendment_kind}, agreement #{agreement.pk}.",
            "from": before["status"],
            "to": original.status,
            "replaced_by": agreement.pk,
        },
    )
    signed = agreement.signed_on or timezone.localdate()
    if agreement.amendment_kind == AmendmentKind.RENEWAL:
        ends = original.expires_on
        agreement.effective_on = max(ends + timedelta(days=1), signed) if ends else signed
        agreement.expires_on = _end_of_term(agreement, agreement.effective_on)
    else:
        agreement.effective_on = signed
        agreement.expires_on = original.expires_on or _end_of_term(agreement, signed)
    return {
        "effective_on": agreement.effective_on,
        "expires_on": agreement.expires_on,
        "replaces": original.pk,
    }


@audited
def start_amendment(actor: Any, original: Agreement, *, kind: str, reason: str) -> Agreement:
    """A modification or renewal of an agreement in force, as a new agreement in draft.

    It goes through the same steps as any agreement (ICE legal review, agency review, both
    signatures, activation), starting from the original's current text; on activation it
    replaces the original. One at a time per original.
    """
    _require(actor, original, "manage")
    if kind not in AmendmentKind.values():
        raise ValidationError(f"Unknown kind {kind!r}: a modification or a renewal.")
    label = AmendmentKind.label(kind).lower()
    if not reason.strip():
        raise TransitionRefused(f"Start a {label}: give a reason.")
    original = Agreement.objects.select_for_update().get(pk=original.pk)
    if original.status not in AMENDABLE:
        raise TransitionRefused(
            f"Cannot start a {label}: the agreement {S.phrase(original.status)}; only an "
            "agreement in force (active, or with its renewal due) can be modified or renewed."
        )
    open_one = original.amendments.filter(status__in=IN_PROGRESS).first()
    if open_one is not None:
        raise TransitionRefused(
            f"Agreement #{open_one.pk} already amends this agreement and "
            f"{S.phrase(open_one.status)}: finish it first."
        )
    sections = original.current_version.sections if original.current_version else None
    template = original.clause_template
    if sections is None:
        code = ModelCode.BY_PARTNERSHIP_TYPE.get(original.partnership_type.code)
        template = ClauseTemplate.in_effect(code, timezone.localdate()) if code else None
        if template is None:
            raise ValidationError(
                f"No text is kept for agreement #{original.pk} and no clause template for "
                f"{original.partnership_type.name} is in effect: it cannot be {label}ed here."
            )
    amendment = Agreement(
        agency=original.agency,
        partnership_type=original.partnership_type,
        access_request=original.access_request,
        clause_template=template,
        supervising_office=original.supervising_office,
        officer_limit=original.officer_limit,
        amends=original,
        amendment_kind=kind,
    )
    amendment.full_clean(exclude=["status"])
    amendment.save()
    if sections is None:
        variables = clauses.variables_for(amendment)
        sections = clauses.render_sections(template.sections, variables)  # type: ignore[union-attr]
    AgreementVersion.objects.create(
        agreement=amendment,
        number=1,
        sections=sections,
        note=f"{AmendmentKind.label(kind)} of agreement #{original.pk}: its text as in force",
        **_author(actor),
    )
    details = {"kind": kind, "reason": reason.strip(), "amends": original.pk}
    events.record(Event.CREATE, obj=amendment, after=events.snapshot(amendment), details=details)
    events.record(
        Event.START_AMENDMENT, obj=original, details={**details, "amendment": amendment.pk}
    )
    return amendment


def party_for(actor: Any, agreement: Agreement) -> str | None:
    """Which party ``actor`` may sign for: ICE with scope all, the agency with its own scope."""
    scope = (
        actor.grant_scope("agreements.sign_agreement") if hasattr(actor, "grant_scope") else None
    )
    if scope == "all":
        return Party.ICE
    if scope == "agency" and actor.agency_id == agreement.agency_id:
        return Party.AGENCY
    return None


@audited
def sign(
    actor: Any, agreement: Agreement, *, name: str, title: str, signed_on: date, document: Any
) -> AgreementSignature:
    """Record one party's signature; the second one moves the agreement to signed."""
    _require(actor, agreement, "sign")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    party = party_for(actor, agreement)
    if party is None:
        raise PermissionDenied(f"{actor} may not sign agreement #{agreement.pk}")
    if agreement.status != S.APPROVED:
        raise TransitionRefused(
            f'Cannot sign: the agreement\'s status is "{S.label(agreement.status)}"; it can be '
            'signed only with the status "Approved for signature".'
        )
    if agreement.signatures.filter(party=party).exists():
        raise TransitionRefused(f"{Party.label(party)} has already signed this agreement.")
    check_signed_on(signed_on)
    validate_pdf(document)
    document.name = stored_pdf_name()
    before = events.snapshot(agreement)
    version = agreement.current_version
    signature = AgreementSignature(
        agreement=agreement,
        party=party,
        name=name,
        title=title,
        signed_on=signed_on,
        version_number=version.number if version else 0,
        document=document,
        recorded_by=actor,
    )
    signature.full_clean()
    signature.save()
    notified: list[str] = []
    if can_proceed(agreement.complete_signatures):
        agreement.signed_on = max(agreement.signatures.values_list("signed_on", flat=True))
        agreement.complete_signatures()
        agreement.save()
        notified = waiting.notify(agreement, actor)
    events.record(
        Event.SIGN,
        obj=agreement,
        before=before,
        after=events.snapshot(agreement),
        details={
            "party": party,
            "name": name,
            "title": title,
            "signed_on": signed_on,
            "version": signature.version_number,
            "document": signature.document.name,
            **({"notified": notified} if notified else {}),
        },
    )
    return signature


@audited
def check_expiry(actor: Any, today: date | None = None) -> dict[str, list[int]]:
    """Expire agreements past their end; mark those ending within 90 days as renewal due."""
    today = today or timezone.localdate()
    expired, due = [], []
    past = Agreement.objects.filter(status__in=IN_FORCE, expires_on__lt=today)
    for agreement in past.order_by("pk"):
        apply_transition(
            actor,
            agreement,
            "expire",
            reason=f"Term ended on {agreement.expires_on} (daily check).",
        )
        expired.append(agreement.pk)
    soon = Agreement.objects.filter(
        status=S.ACTIVE, expires_on__gte=today, expires_on__lte=today + RENEWAL_WINDOW
    )
    for agreement in soon.order_by("pk"):
        apply_transition(
            actor,
            agreement,
            "mark_renewal_due",
            reason=f"Term ends on {agreement.expires_on}, within 90 days (daily check).",
        )
        due.append(agreement.pk)
    return {"expired": expired, "renewal_due": due}


@audited
def add_clause_template(actor: Any, **data: Any) -> ClauseTemplate:
    """A new clause template version (data, not code); checked before it is stored."""
    template = ClauseTemplate(**data)
    template.full_clean()
    clauses.check_sections(template.sections, model_code=template.model_code)
    template.save()
    events.record(Event.CLAUSE_TEMPLATE_CREATE, obj=template, after=events.snapshot(template))
    return template
