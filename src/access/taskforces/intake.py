"""The intake hook: when an agreement of a task-force partnership type (the type a request
chose in intake) is activated, its task force opens here, planned, linked to the request and
the agreement. Program staff then name the ICE lead, the objectives and the other agencies.

Connected in ``apps.ready`` to ``agreements.signals.agreement_activated`` (the agreements
app sits below this one and never imports it)."""

from __future__ import annotations

from typing import Any

from access.agreements.actions import add_months
from access.audit import events
from access.partnerships.choices import Challenge
from access.taskforces.actions.charter import Charter, _open
from access.taskforces.choices import TASK_FORCE_TYPES
from access.taskforces.events import Event
from access.taskforces.models import TaskForce

CHALLENGE_OF_TYPE = {
    "tf_gangs": Challenge.GANGS,
    "tf_fraud": Challenge.DOCUMENT_FRAUD,
    "ocs": Challenge.TRANSNATIONAL_GANGS,
}
# The first charter review comes a year after the start.
REVIEW_AFTER_MONTHS = 12


def name_for(agreement: Any) -> str:
    return f"{agreement.agency.name}: {agreement.partnership_type.name} (agreement #{agreement.pk})"


def open_for_agreement(sender: Any, agreement: Any, actor: Any, **kwargs: Any) -> TaskForce | None:
    """Open the task force of a newly active task-force agreement (once per agreement); for a
    modification or renewal, move the task forces of the agreement it replaced onto it."""
    partnership_type = agreement.partnership_type
    if partnership_type.code not in TASK_FORCE_TYPES:
        return None
    if TaskForce.objects.filter(agreement=agreement).exists():
        return None
    if agreement.amends_id is not None:
        return _follow_amendment(agreement)
    agency = agreement.agency
    starts_on = agreement.effective_on
    area = f"{agency.county_name}, {agency.state}" if agency.county_name else agency.state
    charter = Charter(
        name=name_for(agreement),
        partnership_type=partnership_type,
        challenge=CHALLENGE_OF_TYPE[partnership_type.code],
        area=area,
        lead_agency=agency,
        starts_on=starts_on,
        review_on=add_months(starts_on, REVIEW_AFTER_MONTHS),
        agreement=agreement,
        access_request=agreement.access_request,
        community_shield=partnership_type.code == "ocs",
    )
    return _open(charter, Event.OPEN_FROM_AGREEMENT)


def _follow_amendment(agreement: Any) -> TaskForce | None:
    """The task force runs under the agreement now in force: its link moves from the replaced
    agreement to the modification or renewal, recorded as a charter change."""
    moved = None
    for task_force in TaskForce.objects.filter(agreement_id=agreement.amends_id):
        before = events.snapshot(task_force)
        task_force.agreement = agreement
        task_force.save(update_fields=["agreement", "updated_at"])
        events.record(
            Event.CHANGE_CHARTER,
            obj=task_force,
            before=before,
            after=events.snapshot(task_force),
            details={
                "reason": f"Agreement #{agreement.amends_id} replaced by its "
                f"{agreement.amendment_kind}, agreement #{agreement.pk}.",
                "agreement": agreement.pk,
                "replaces": agreement.amends_id,
            },
        )
        moved = task_force
    return moved
