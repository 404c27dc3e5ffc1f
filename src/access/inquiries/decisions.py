"""Analysts' decisions as labelled pairs for the next calibration of the matching model.

Registered with ``records.model_lifecycle.register_decisions`` (records cannot import this
app). From each answered inquiry: "record found and verified" makes the verified candidate a
true pair and the inquiry's other candidates false pairs; "no record found" makes every
candidate a false pair. Other determinations (biometrics needed, U.S. citizen indicated) say
nothing certain about the pairs and are left out. The query is the inquiry as entered.
"""

from __future__ import annotations

from collections.abc import Iterator

from access.inquiries.choices import Determination
from access.inquiries.engine import inquiry_record
from access.inquiries.message import InquiryData
from access.inquiries.models import Inquiry
from access.records.model_lifecycle import Decision

MOST_RECENT = 50_000  # inquiries read per calibration at most, newest first
_FIELDS = tuple(InquiryData.__dataclass_fields__)


def analyst_decisions() -> Iterator[Decision]:
    decided = (
        Inquiry.objects.filter(
            determination__in=[Determination.FOUND_VERIFIED, Determination.NO_RECORD]
        )
        .order_by("-answered_at", "-pk")
        .prefetch_related("candidates")[:MOST_RECENT]
    )
    for inquiry in decided:
        data = InquiryData(**{name: getattr(inquiry, name) for name in _FIELDS})
        query = inquiry_record(data, record_id=f"inquiry-{inquiry.pk}")
        verified = (
            inquiry.verified_candidate_id
            if inquiry.determination == Determination.FOUND_VERIFIED
            else None
        )
        if inquiry.determination == Determination.FOUND_VERIFIED and verified is None:
            continue  # no recorded candidate: nothing to label
        for candidate in inquiry.candidates.all():
            yield Decision(query, candidate.record_id, candidate.pk == verified)
