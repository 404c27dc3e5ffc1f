"""The removal step: recorded by ICE (an ICE supervisor) with its date, once, only for an
identified subject; counted by the funnel's last step by priority level and severity."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency
from access.audit.models import AuditEvent
from access.enforcement import actions, funnel
from access.enforcement.choices import EncounterStatus, StepKind
from access.enforcement.models import Encounter, EncounterStep

pytestmark = pytest.mark.django_db


def _nothing_changed(call: Callable[[], Any], error: type[Exception]) -> Exception:
    before = (EncounterStep.objects.count(), AuditEvent.objects.count())
    with pytest.raises(error) as raised:
        call()
    assert (EncounterStep.objects.count(), AuditEvent.objects.count()) == before
    return raised.value


def test_an_ice_supervisor_records_the_removal(
    make_identified: Callable[..., Encounter], supervisor: User
) -> None:
    encounter = make_identified()
    day = timezone.localdate() - timedelta(days=3)
    step = actions.record_removal(
        supervisor, encounter, occurred_on=day, document="I-205", reference=" R-1 "
    )
    assert (step.kind, step.occurred_on, step.document, step.reference) == (
        StepKind.REMOVED,
        day,
        "I-205",
        "R-1",
    )
    event = AuditEvent.objects.get(action="encounter.removal_recorded")
    assert event.object_id == str(encounter.pk)
    assert event.details == {"document": "I-205", "occurred_on": day.isoformat()}


def test_the_agency_and_other_roles_may_not_record_it(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    make_user: Callable[..., User],
    agency_a: Agency,
) -> None:
    encounter = make_identified()
    day = timezone.localdate()
    for user in (
        officer_user,
        make_user("agency_liaison", agency_a),
        make_user("ice_program_manager"),
        make_user("oversight_auditor"),
    ):
        _nothing_changed(
            lambda u=user: actions.record_removal(u, encounter, occurred_on=day), Http404
        )
    # Nor through the officers' own step action.
    error = _nothing_changed(
        lambda: actions.record_step(officer_user, encounter, kind="removed", occurred_on=day),
        actions.Refused,
    )
    assert "A removal is recorded by ICE" in str(error)


def test_bad_input_names_each_reason_and_changes_nothing(
    make_identified: Callable[..., Encounter], supervisor: User
) -> None:
    encounter = make_identified(occurred_at=timezone.now() - timedelta(days=2))
    error = _nothing_changed(
        lambda: actions.record_removal(
            supervisor,
            encounter,
            occurred_on=timezone.localdate() + timedelta(days=1),
            document="I-862",
        ),
        actions.Refused,
    )
    assert isinstance(error, actions.Refused)
    assert "is in the future" in " ".join(error.message_dict["occurred_on"])
    assert error.message_dict["document"] == [
        "A removal names I-205 Warrant of Removal/Deportation or no form."
    ]
    error = _nothing_changed(
        lambda: actions.record_removal(
            supervisor, encounter, occurred_on=timezone.localdate() - timedelta(days=5)
        ),
        actions.Refused,
    )
    assert "is before the encounter" in str(error)


def test_only_once_and_only_after_identification(
    make_identified: Callable[..., Encounter], supervisor: User
) -> None:
    day = timezone.localdate()
    encounter = make_identified()
    actions.record_removal(supervisor, encounter, occurred_on=day)
    error = _nothing_changed(
        lambda: actions.record_removal(supervisor, encounter, occurred_on=day), actions.Refused
    )
    assert "already recorded" in str(error)
    unverified = make_identified(status=EncounterStatus.AWAITING_SUPERVISOR)
    error = _nothing_changed(
        lambda: actions.record_removal(supervisor, unverified, occurred_on=day), actions.Refused
    )
    assert "identified (verified)" in str(error)


def test_the_funnel_counts_removals_by_priority_level_and_severity(
    make_identified: Callable[..., Encounter], supervisor: User
) -> None:
    day = timezone.localdate()
    cases = [("1", "felony"), ("3", "misdemeanor"), ("3", "infraction"), ("2", "felony")]
    made = [make_identified(priority_level=lv, severity=sev) for lv, sev in cases]
    for encounter in made[:3]:  # the level-2 felony is identified, not removed
        actions.record_removal(supervisor, encounter, occurred_on=day)
    # Another step on a removed encounter does not count it twice.
    actions.record_step(made[0].recorded_by, made[0], kind="referral_to_ice", occurred_on=day)
    rows = {row.stage.key: row for row in funnel.compute(Encounter.objects.all())}
    removed = rows["removed"]
    assert removed.stage.label == "Removed"
    assert removed.total == 3
    assert removed.by_level == {"1": 1, "2": 0, "3": 2}
    assert removed.by_severity == {"felony": 1, "misdemeanor": 1, "infraction": 1}
    assert removed.lowest_level_share == round(2 / 3, 3)
    assert [r.stage.key for r in funnel.compute(Encounter.objects.all())][-1] == "removed"
    assert "Removed" not in funnel.missing_stages()
    table = dict((r[0], r) for r in funnel.table(list(rows.values())))
    assert table["Removed"][1:4] == [1, 0, 2]
