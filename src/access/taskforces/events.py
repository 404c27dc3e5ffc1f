"""The task-force app's audit events; labels say what happened."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    # The charter
    OPEN = "taskforces.open"
    OPEN_FROM_AGREEMENT = "taskforces.open_from_agreement"
    CHANGE_CHARTER = "taskforces.change_charter"
    ADD_OBJECTIVE = "taskforces.add_objective"
    # Agencies and members
    ADD_AGENCY = "taskforces.add_agency"
    END_AGENCY = "taskforces.end_agency"
    ADD_MEMBER = "taskforces.add_member"
    END_MEMBER = "taskforces.end_member"
    # Operations
    PLAN_OPERATION = "taskforces.plan_operation"
    RECORD_OUTCOMES = "taskforces.record_outcomes"
    CANCEL_OPERATION = "taskforces.cancel_operation"
    EXPORT_OUTCOMES = "taskforces.export_outcomes"
    # The generic list view's exports (``<model>.export``)
    EXPORT = "taskforce.export"
    EXPORT_OPERATIONS = "operation.export"
    CHOICES = [
        (OPEN, "A task force opened with its charter", ""),
        (OPEN_FROM_AGREEMENT, "A task force opened when its agreement was activated", ""),
        (CHANGE_CHARTER, "A task force's charter changed", ""),
        (ADD_OBJECTIVE, "An objective added to a task force's charter", ""),
        (ADD_AGENCY, "An agency joined a task force", ""),
        (END_AGENCY, "An agency left a task force", ""),
        (ADD_MEMBER, "A member added to a task force", ""),
        (END_MEMBER, "A member's time on a task force ended", ""),
        (PLAN_OPERATION, "A task-force operation planned", ""),
        (RECORD_OUTCOMES, "A task-force operation completed with its outcomes", ""),
        (CANCEL_OPERATION, "A task-force operation cancelled", ""),
        (EXPORT_OUTCOMES, "Task-force outcomes downloaded (counts only)", ""),
        (EXPORT, "The list of task forces exported", ""),
        (EXPORT_OPERATIONS, "The list of task-force operations exported", ""),
    ]
