from access.core.choices import ChoiceSet


class Outcome(ChoiceSet):
    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"
    CHOICES = [
        (SUCCESS, "Success", "bg-green"),
        (FAILURE, "Failure", "bg-secondary-dark"),
        (DENIED, "Denied", "bg-secondary"),
    ]
