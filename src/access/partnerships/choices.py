from access.core.choices import ChoiceSet


class Challenge(ChoiceSet):
    REMOVABLE_IN_JAIL = "removable_in_jail"
    GANGS = "gangs"
    TRANSNATIONAL_GANGS = "transnational_gangs"
    DOCUMENT_FRAUD = "document_fraud"
    HUMAN_SMUGGLING = "human_smuggling"
    OTHER = "other"
    CHOICES = [
        (REMOVABLE_IN_JAIL, "People in our jail who may be removable", ""),
        (GANGS, "Gangs", ""),
        (TRANSNATIONAL_GANGS, "Transnational gangs", ""),
        (DOCUMENT_FRAUD, "Document or benefit fraud", ""),
        (HUMAN_SMUGGLING, "Human smuggling", ""),
        (OTHER, "Other (describe in the narrative)", ""),
    ]


class RequestStatus(ChoiceSet):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ASSIGNED = "assigned"
    ASSESSING = "assessing"
    PLAN_AGREED = "plan_agreed"
    AGREEMENT_IN_PROGRESS = "agreement_in_progress"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    CHOICES = [
        (DRAFT, "Draft", "bg-base"),
        (SUBMITTED, "Submitted", "bg-gold"),
        (ASSIGNED, "Assigned", "bg-accent-cool-darker"),
        (ASSESSING, "Needs assessment", "bg-primary"),
        (PLAN_AGREED, "Plan of action agreed", "bg-primary-dark"),
        (AGREEMENT_IN_PROGRESS, "Agreement in progress", "bg-green"),
        (CLOSED, "Closed", "bg-base-darker"),
        (WITHDRAWN, "Withdrawn", "bg-secondary-dark"),
    ]
    PHRASES = {
        DRAFT: "is a draft",
        ASSESSING: "is in needs assessment",
        PLAN_AGREED: "has an agreed plan of action",
        AGREEMENT_IN_PROGRESS: "has an agreement in progress",
    }


class PartnershipFamily(ChoiceSet):
    G287 = "287g"
    TASK_FORCE = "task_force"
    CAP = "cap"
    LESC = "lesc"
    CHOICES = [
        (G287, "287(g)", "bg-primary-dark"),
        (TASK_FORCE, "Task force", "bg-accent-cool-darker"),
        (CAP, "Criminal Alien Program", "bg-secondary-dark"),
        (LESC, "LESC access and training", "bg-base-dark"),
    ]
