from access.core.choices import ChoiceSet


class GrantScope(ChoiceSet):
    AGENCY = "agency"
    ALL = "all"
    CHOICES = [
        (AGENCY, "Own agency", ""),
        (ALL, "All agencies", "bg-primary"),
    ]


class AccountStatus(ChoiceSet):
    PENDING = "pending"
    ACTIVE = "active"
    DISABLED = "disabled"
    CHOICES = [
        (PENDING, "Awaiting approval", "bg-gold"),
        (ACTIVE, "Active", "bg-green"),
        (DISABLED, "Disabled", "bg-secondary-dark"),
    ]
