"""Task forces: status of a task force and the roles of its members."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class TaskForceStatus(ChoiceSet):
    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"
    CHOICES = [
        (PLANNED, "Planned", "bg-base"),
        (ACTIVE, "Active", "bg-green"),
        (CLOSED, "Closed", "bg-base-dark"),
    ]


class MemberRole(ChoiceSet):
    ICE_LEAD = "ice_lead"
    ICE_AGENT = "ice_agent"
    AGENCY_SUPERVISOR = "agency_supervisor"
    TASK_FORCE_OFFICER = "task_force_officer"
    ANALYST = "analyst"
    CHOICES = [
        (ICE_LEAD, "ICE lead", "bg-primary"),
        (ICE_AGENT, "ICE agent", ""),
        (AGENCY_SUPERVISOR, "Agency supervisor", ""),
        (TASK_FORCE_OFFICER, "Task force officer", ""),
        (ANALYST, "Analyst", ""),
    ]


class OperationStatus(ChoiceSet):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    CHOICES = [
        (PLANNED, "Planned", "bg-base"),
        (COMPLETED, "Completed", "bg-green"),
        (CANCELLED, "Cancelled", "bg-base-dark"),
    ]


# The partnership types (partnerships/reference.py) that are task forces: a chosen one opens
# a task force here, and each offers the joint task-force agreement template.
TASK_FORCE_TYPES = ("tf_gangs", "tf_fraud", "ocs")
