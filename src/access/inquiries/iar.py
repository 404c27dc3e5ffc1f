"""The Immigration Alien Response, generated only from a person's determination.

``build`` returns ``None`` until an analyst (or, for a citizenship stop, a supervisor) has
recorded a determination: there is no IAR from an unreviewed score. Only "record found and
verified" names a record, and only the record the analyst verified.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from access.inquiries.choices import Determination, Evidence, InquiryStatus, SupervisorDecision

if TYPE_CHECKING:
    from access.inquiries.models import Inquiry

NARRATIVE = {
    Determination.FOUND_VERIFIED: (
        "LESC located an immigration record and an analyst verified that it relates to the "
        "subject of this inquiry."
    ),
    Determination.NO_RECORD: (
        "LESC found no immigration record for the subject. This is not a finding about the "
        "subject's status."
    ),
    Determination.BIOMETRICS_NEEDED: (
        "LESC found a possible record that it could not verify from biographic data. "
        "Identity can be confirmed only by fingerprints; no action should rest on this response."
    ),
    Determination.US_CITIZEN: (
        "U.S. citizenship is indicated for the subject. An ICE supervisor reviewed the case. "
        "ICE will take no immigration action."
    ),
}


@dataclass
class IAR:
    inquiry_id: int
    ori: str
    attention: str
    case_number: str
    subject: str
    date_of_birth: str
    determination: str
    determination_label: str
    narrative: str
    verified_record: str
    record_status: str
    evidence: list[str] = field(default_factory=list)
    answered_by: str = ""
    answered_at: str = ""
    supervisor_decision: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """The Nlets text form: ``IAR.<ORI>.TXT.`` then ``TAG/value.`` fields."""
        fields = [
            ("ATN", self.attention),
            ("IAQ", str(self.inquiry_id)),
            ("CAS", self.case_number),
            ("NAM", self.subject),
            ("DOB", self.date_of_birth.replace("-", "")),
            ("DET", self.determination_label.upper()),
            ("REC", self.verified_record or "NONE"),
            ("STS", self.record_status),
            ("EVD", "; ".join(self.evidence)),
            ("BY", self.answered_by),
            ("AT", self.answered_at),
            ("NAR", self.narrative),
        ]
        body = "".join(f"{tag}/{_clean(value)}." for tag, value in fields if _clean(value))
        return f"IAR.{self.ori}.TXT.{body}"


def _clean(value: str) -> str:
    return " ".join(str(value).replace(".", " ").split()).upper()


def build(inquiry: Inquiry) -> IAR | None:
    if not inquiry.has_iar or not inquiry.answered_by_id:
        return None
    if inquiry.status == InquiryStatus.SUPERVISOR_DECIDED and (
        inquiry.supervisor_decision != SupervisorDecision.CITIZEN
    ):
        return None
    verified = ""
    status = ""
    determination = inquiry.determination
    if determination == Determination.FOUND_VERIFIED:
        candidate = inquiry.verified_candidate
        if candidate is None:  # cannot happen through actions; never claim a match
            return None
        verified = candidate.record.record_id
        status = candidate.record.get_citizenship_display()
    return IAR(
        inquiry_id=inquiry.pk,
        ori=inquiry.ori,
        attention=inquiry.attention,
        case_number=inquiry.case_number,
        subject=inquiry.subject_name,
        date_of_birth=inquiry.date_of_birth,
        determination=determination,
        determination_label=Determination.label(determination),
        narrative=NARRATIVE[determination],
        verified_record=verified,
        record_status=status,
        evidence=[Evidence.label(e) for e in inquiry.evidence],
        answered_by=str(inquiry.answered_by),
        answered_at=inquiry.answered_at.strftime("%Y-%m-%d %H:%M UTC")
        if inquiry.answered_at
        else "",
        supervisor_decision=SupervisorDecision.label(inquiry.supervisor_decision)
        if inquiry.supervisor_decision
        else "",
    )
