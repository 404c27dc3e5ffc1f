from access.agreements.models.agreement import Agreement, AgreementSignature, AgreementVersion
from access.agreements.models.template import ClauseTemplate

__all__ = ["Agreement", "AgreementSignature", "AgreementVersion", "ClauseTemplate"]
