"""The agreements app's audit events."""

from __future__ import annotations

from access.agreements.choices import AgreementStatus, AmendmentKind, Party
from access.audit.registry import EventSet


class Event(EventSet):
    CREATE = "agreement.create"
    EDIT = "agreement.edit"
    SIGN = "agreement.sign"
    PRINT = "agreement.print"
    DOWNLOAD_SIGNED = "agreement.download_signed"
    EXPORT = "agreement.export"
    SYNC_PUBLIC_LIST = "agreement.sync_public_list"
    SYNC_CREATE = "agreement.sync_create"
    SYNC_UPDATE = "agreement.sync_update"
    CLAUSE_TEMPLATE_CREATE = "clausetemplate.create"
    # One per lifecycle transition: ``agreement.<transition name>``.
    SUBMIT_FOR_LEGAL_REVIEW = "agreement.submit_for_legal_review"
    APPROVE_LEGAL_REVIEW = "agreement.approve_legal_review"
    RETURN_FROM_LEGAL_REVIEW = "agreement.return_from_legal_review"
    APPROVE_AGENCY_REVIEW = "agreement.approve_agency_review"
    RETURN_FROM_AGENCY_REVIEW = "agreement.return_from_agency_review"
    COMPLETE_SIGNATURES = "agreement.complete_signatures"
    ACTIVATE = "agreement.activate"
    START_MODIFICATION = "agreement.start_modification"
    COMPLETE_MODIFICATION = "agreement.complete_modification"
    SUSPEND = "agreement.suspend"
    REINSTATE = "agreement.reinstate"
    MARK_RENEWAL_DUE = "agreement.mark_renewal_due"
    RENEW = "agreement.renew"
    SUPERSEDE = "agreement.supersede"
    START_AMENDMENT = "agreement.start_amendment"
    TERMINATE = "agreement.terminate"
    EXPIRE = "agreement.expire"
    RECORD_PUBLISHED_PARTICIPATION = "agreement.record_published_participation"
    # How the coded values these events record read in the audit trail.
    VALUES = {"from": AgreementStatus, "to": AgreementStatus, "party": Party, "kind": AmendmentKind}
    CHOICES = [
        (CREATE, "Agreement drafted", ""),
        (EDIT, "Agreement text edited", ""),
        (SIGN, "Agreement signed", ""),
        (PRINT, "Agreement printed (PDF)", ""),
        (DOWNLOAD_SIGNED, "Signed agreement downloaded", ""),
        (EXPORT, "Agreement list exported", ""),
        (SYNC_PUBLIC_LIST, "Agreements updated from ICE's public list", ""),
        (SYNC_CREATE, "Agreement recorded from ICE's public list", ""),
        (SYNC_UPDATE, "Agreement updated from ICE's public list", ""),
        (CLAUSE_TEMPLATE_CREATE, "Clause template version added", ""),
        (SUBMIT_FOR_LEGAL_REVIEW, "Sent to ICE legal review", ""),
        (APPROVE_LEGAL_REVIEW, "ICE legal review approved", ""),
        (RETURN_FROM_LEGAL_REVIEW, "Returned to draft by ICE legal review", ""),
        (APPROVE_AGENCY_REVIEW, "Agency review approved", ""),
        (RETURN_FROM_AGENCY_REVIEW, "Returned to draft by the agency", ""),
        (COMPLETE_SIGNATURES, "All signatures complete", ""),
        (ACTIVATE, "Agreement activated", ""),
        (START_MODIFICATION, "Modification started", ""),
        (COMPLETE_MODIFICATION, "Modification completed", ""),
        (SUSPEND, "Agreement suspended", ""),
        (REINSTATE, "Agreement reinstated", ""),
        (MARK_RENEWAL_DUE, "Renewal due", ""),
        (RENEW, "Agreement renewed", ""),
        (SUPERSEDE, "Replaced by its modification or renewal", ""),
        (START_AMENDMENT, "Modification or renewal started", ""),
        (TERMINATE, "Agreement terminated", ""),
        (EXPIRE, "Agreement expired", ""),
        (RECORD_PUBLISHED_PARTICIPATION, "Participation published by ICE", ""),
    ]

    @classmethod
    def transition(cls, name: str) -> str:
        """The event of lifecycle transition ``name`` (refused when not declared)."""
        return cls.named(f"agreement.{name}")
