from access.records.models.history import Arrest, Charge, ImmigrationEvent
from access.records.models.index import CandidateKey, FeatureRow
from access.records.models.model_version import MatchModelVersion
from access.records.models.person import Address, BirthDate, Identifier, PersonRecord

__all__ = [
    "Address",
    "Arrest",
    "BirthDate",
    "CandidateKey",
    "Charge",
    "FeatureRow",
    "Identifier",
    "ImmigrationEvent",
    "MatchModelVersion",
    "PersonRecord",
]
