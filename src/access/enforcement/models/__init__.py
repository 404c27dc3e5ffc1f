from access.enforcement.models.encounter import (
    Charge,
    Encounter,
    EncounterCandidate,
    EncounterStep,
    Verification,
)
from access.enforcement.models.reference import OffenseCategory, PriorityRule

__all__ = [
    "Charge",
    "Encounter",
    "EncounterCandidate",
    "EncounterStep",
    "OffenseCategory",
    "PriorityRule",
    "Verification",
]
