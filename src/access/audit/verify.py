from __future__ import annotations

from access.audit.chain import HASHED_FIELDS, Break, verify
from access.audit.models import AuditChainHead, AuditEvent


def verify_chain() -> tuple[int, Break | None]:
    """Check every event in id order against its hash and its link, and the head."""
    fields = ["id", *HASHED_FIELDS, "hash"]
    rows = AuditEvent.objects.order_by("id").values(*fields).iterator(chunk_size=2000)
    head = AuditChainHead.objects.filter(pk=1).values_list("last_event_id", "last_hash").first()
    return verify(rows, head)
