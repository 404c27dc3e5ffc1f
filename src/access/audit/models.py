"""Append-only, hash-chained audit events."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from access.audit.choices import Outcome


class AppendOnlyError(RuntimeError):
    """Audit events are never changed or deleted."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")

    def restrict(self, user: Any, action: str = "view") -> AuditEventQuerySet:
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        scope = user.grant_scope(f"audit.{action}_auditevent")
        if scope == "all":
            return self
        if scope == "agency" and user.agency_id:
            return self.filter(agency_id=user.agency_id)
        return self.none()


class AuditEvent(models.Model):
    """One thing that happened, who did it, and its place in the hash chain.

    ``hash`` is SHA-256 over the canonical form of every other field, including
    ``prev_hash``: a changed row breaks its own hash, a removed or inserted row breaks the
    link of the row after it, and a removed tail is caught against ``AuditChainHead``.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField("time (UTC)", db_index=True, help_text="Microseconds.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="The signed-in user; empty for system actors and unknown sign-in names.",
    )
    actor_name = models.CharField("actor name", max_length=200, help_text="Copied at the time.")
    agency_id = models.BigIntegerField("agency id", null=True, blank=True, db_index=True)
    agency_name = models.CharField("agency name", max_length=200, blank=True)
    source_ip = models.GenericIPAddressField("source address", null=True, blank=True)
    request_id = models.CharField("request id", max_length=64, blank=True, db_index=True)
    action = models.CharField("action", max_length=100, db_index=True)
    object_type = models.CharField("object type", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("object id", max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=300, blank=True)
    outcome = models.CharField("outcome", max_length=20, choices=Outcome.choices())
    before = models.JSONField("before", null=True, blank=True)
    after = models.JSONField("after", null=True, blank=True)
    details = models.JSONField(
        "details",
        default=dict,
        blank=True,
        help_text="Purpose code, reason, case number, requestor, secondary recipient, etc.",
    )
    prev_hash = models.CharField("previous hash", max_length=64)
    hash = models.CharField("hash", max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = "audit event"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditChainHead(models.Model):
    """The last event's id and hash: lets verification notice a removed tail."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_event_id = models.BigIntegerField("last event id", default=0)
    last_hash = models.CharField("last hash", max_length=64)

    class Meta:
        verbose_name = "audit chain head"

    def __str__(self) -> str:
        return f"head at #{self.last_event_id}"


class AuditReview(models.Model):
    """Oversight's review of the trail up to an event: the weekly review queue's memory."""

    reviewed_through = models.BigIntegerField("reviewed through event")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_reviews"
    )
    reviewed_at = models.DateTimeField("reviewed", auto_now_add=True)
    findings = models.TextField(
        "findings", help_text="What the review found, or 'nothing to report'."
    )

    class Meta:
        ordering = ["-reviewed_through"]

    def __str__(self) -> str:
        return f"review through #{self.reviewed_through} by {self.reviewer}"
