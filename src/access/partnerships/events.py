"""The partnerships app's audit events (intake)."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    REQUEST_CREATE = "accessrequest.create"
    REQUEST_UPDATE = "accessrequest.update"
    REQUEST_SUBMIT = "accessrequest.submit"
    REQUEST_ASSIGN = "accessrequest.assign"
    REQUEST_START_ASSESSMENT = "accessrequest.start_assessment"
    REQUEST_AGREE_PLAN = "accessrequest.agree_plan"
    REQUEST_START_AGREEMENT = "accessrequest.start_agreement"
    REQUEST_WITHDRAW = "accessrequest.withdraw"
    REQUEST_CLOSE = "accessrequest.close"
    ASSESSMENT_SAVE = "needsassessment.save"
    MEETING_CREATE = "assessmentmeeting.create"
    DECISION_SAVE = "partnershipdecision.save"
    PLAN_SAVE = "planofaction.save"
    MILESTONE_CREATE = "milestone.create"
    SETTINGS_CREATE = "recommendationsettings.create"
    CHOICES = [
        (REQUEST_CREATE, "Partnership request started", ""),
        (REQUEST_UPDATE, "Partnership request changed", ""),
        (REQUEST_SUBMIT, "Partnership request submitted", ""),
        (REQUEST_ASSIGN, "Partnership request assigned to an ICE agent", ""),
        (REQUEST_START_ASSESSMENT, "Needs assessment started", ""),
        (REQUEST_AGREE_PLAN, "Plan of action agreed", ""),
        (REQUEST_START_AGREEMENT, "Agreement drafting started", ""),
        (REQUEST_WITHDRAW, "Partnership request withdrawn", ""),
        (REQUEST_CLOSE, "Partnership request closed", ""),
        (ASSESSMENT_SAVE, "Needs assessment saved", ""),
        (MEETING_CREATE, "Assessment meeting recorded", ""),
        (DECISION_SAVE, "Partnership type chosen", ""),
        (PLAN_SAVE, "Plan of action saved", ""),
        (MILESTONE_CREATE, "Plan milestone added", ""),
        (SETTINGS_CREATE, "Recommendation settings changed", ""),
    ]
