"""ICE's public 287(g) list with the history ICE does not keep.

Stored as the ``ice287g`` library describes: each imported file (snapshot) with its row order,
entries with stable ids, versions of their values exactly as published, and change events.
These rows are written only by ``access.agencies.publiclist.importer.import_files``; they are a
record of what ICE published, so nothing here is ever edited by hand.
"""

from __future__ import annotations

from django.db import models

from access.core.choices import ChoiceSet


class ListKind(ChoiceSet):
    PARTICIPATING = "participating"
    PENDING = "pending"
    CHOICES = [
        (PARTICIPATING, "Participating", "bg-green"),
        (PENDING, "Pending", "bg-gold"),
    ]


class EventKind(ChoiceSet):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    RETURNED = "returned"
    CHOICES = [
        (ADDED, "Added", "bg-green"),
        (REMOVED, "Removed", "bg-secondary-dark"),
        (CHANGED, "Changed", "bg-primary"),
        (MOVED, "Moved between lists", "bg-accent-cool-darker"),
        (RETURNED, "Listed again", "bg-gold"),
    ]


class PublishedSnapshot(models.Model):
    id = models.BigIntegerField(primary_key=True)
    list_kind = models.CharField("list", max_length=20, choices=ListKind.choices())
    taken_at = models.DateTimeField("published as of (UTC)", db_index=True)
    source = models.CharField("file", max_length=255)
    columns = models.JSONField("columns", help_text="The file's own columns, in order.")
    fingerprint = models.CharField("SHA-256 of the rows", max_length=64)
    imported_at = models.DateTimeField("imported", auto_now_add=True)
    imported_by = models.CharField("imported by", max_length=200)
    row_count = models.PositiveIntegerField("rows")

    class Meta:
        ordering = ["-taken_at", "list_kind"]
        constraints = [
            models.UniqueConstraint(fields=["list_kind", "taken_at"], name="unique_snapshot_moment")
        ]

    def __str__(self) -> str:
        return f"{self.get_list_kind_display()} list as of {self.taken_at:%Y-%m-%d %H:%M} UTC"


class PublishedEntry(models.Model):
    """One published row identity (an agency under one support type): the stable id."""

    id = models.BigIntegerField(primary_key=True)
    list_kind = models.CharField("list", max_length=20, choices=ListKind.choices())
    listed = models.BooleanField("listed now", default=True)
    first_seen = models.DateTimeField("first published")
    current_version = models.ForeignKey(
        "PublishedVersion", on_delete=models.PROTECT, related_name="+", null=True
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="published_entries",
        null=True,
        blank=True,
        help_text="The agency record this published row is about.",
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "published entries"

    def __str__(self) -> str:
        values = self.current_version.values if self.current_version else {}
        return f"#{self.id} {values.get('LAW ENFORCEMENT AGENCY', '')} ({values.get('SUPPORT TYPE', '')})"


class PublishedVersion(models.Model):
    id = models.BigIntegerField(primary_key=True)
    entry = models.ForeignKey(PublishedEntry, on_delete=models.PROTECT, related_name="versions")
    list_kind = models.CharField("list", max_length=20, choices=ListKind.choices())
    values = models.JSONField("values as published")
    valid_from = models.DateTimeField("from")
    valid_to = models.DateTimeField("until", null=True, blank=True, help_text="Exclusive.")

    class Meta:
        ordering = ["entry", "valid_from"]
        indexes = [
            models.Index(fields=["list_kind", "valid_from", "valid_to"], name="pubversion_time_idx")
        ]

    def __str__(self) -> str:
        return f"version {self.id} of entry {self.entry_id}"


class PublishedRow(models.Model):
    snapshot = models.ForeignKey(PublishedSnapshot, on_delete=models.PROTECT, related_name="rows")
    position = models.PositiveIntegerField("row")
    version = models.ForeignKey(PublishedVersion, on_delete=models.PROTECT, related_name="rows")

    class Meta:
        ordering = ["snapshot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "position"], name="unique_snapshot_row")
        ]

    def __str__(self) -> str:
        return f"row {self.position} of {self.snapshot}"


class PublishedEvent(models.Model):
    at = models.DateTimeField("published as of (UTC)", db_index=True)
    kind = models.CharField("change", max_length=20, choices=EventKind.choices())
    entry = models.ForeignKey(PublishedEntry, on_delete=models.PROTECT, related_name="events")
    list_kind = models.CharField("list", max_length=20, choices=ListKind.choices())
    from_list = models.CharField("from list", max_length=20, blank=True)
    changes = models.JSONField("changed fields", default=dict, blank=True)
    matched_by = models.CharField("recognised by", max_length=20, blank=True)
    version = models.ForeignKey(
        PublishedVersion, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )

    class Meta:
        ordering = ["-at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} entry {self.entry_id} at {self.at:%Y-%m-%d %H:%M}"


class UploadState(ChoiceSet):
    """Where an upload is: the job worker checks it (a dry run), then imports it on request."""

    CHECKING = "checking"
    CHECKED = "checked"
    REFUSED = "refused"
    IMPORTING = "importing"
    IMPORTED = "imported"
    CHOICES = [
        (CHECKING, "Checking the files", "bg-gold"),
        (CHECKED, "Checked: ready to import", "bg-primary"),
        (REFUSED, "Refused: nothing was imported", "bg-secondary-dark"),
        (IMPORTING, "Importing", "bg-gold"),
        (IMPORTED, "Imported", "bg-green"),
    ]


class PublicListUpload(models.Model):
    """Files uploaded for import. The web request only stores them; the job worker reads them
    (``publiclist.tasks``), keeps the preview or the refusal here, and imports on request."""

    id = models.UUIDField(primary_key=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="public_list_uploads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField("files", help_text="[{name, sha256}] in upload order")
    as_of = models.DateTimeField("published as of", null=True, blank=True)
    content = models.BinaryField("content", help_text="The files, concatenated in order.")
    sizes = models.JSONField("sizes")
    imported_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        "state", max_length=12, choices=UploadState.choices(), default=UploadState.CHECKING
    )
    report = models.JSONField(
        "report", null=True, blank=True, help_text="The preview, then the import's report."
    )
    problems = models.JSONField(
        "problems", default=list, blank=True, help_text="Why the files were refused, file and row."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"upload {self.id} by {self.uploaded_by}"

    def parts(self) -> list[tuple[str, bytes]]:
        data, start, out = bytes(self.content), 0, []
        for meta, size in zip(self.files, self.sizes, strict=True):
            out.append((meta["name"], data[start : start + size]))
            start += size
        return out
