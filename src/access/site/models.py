"""The one record the site app keeps: the progress of a demo population load.

Not a program record: it holds no person data, only how far the background job has got, so
the job updates it in short autocommit writes (the web process reads it for the home page)
rather than through an audited action per percent. Queuing, finishing and failing are audited
(``site.demo_population_*``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from access.core.models import TimestampedModel
from access.site.choices import LoadStatus

# A running load writes its progress at least every few minutes (training, the longest silent
# stage, took 2 minutes for 20,000 persons on a busy machine); silence this long means its
# worker was stopped or died mid-job (django-tasks does not run a claimed job again).
STALLED_AFTER = timedelta(minutes=15)


class DemoPopulationLoad(TimestampedModel):
    persons = models.PositiveIntegerField("persons", help_text="Synthetic persons asked for.")
    seed = models.IntegerField("random seed", default=0)
    status = models.CharField(
        "status", max_length=20, choices=LoadStatus.choices(), default=LoadStatus.QUEUED
    )
    stage = models.CharField("current stage", max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField("percent done", default=0)
    records = models.PositiveIntegerField("records loaded", default=0)
    error = models.TextField("error", blank=True)
    finished_at = models.DateTimeField("finished", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"demo population of {self.persons:,} persons ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (LoadStatus.QUEUED, LoadStatus.RUNNING) and not self.stalled

    @property
    def stalled(self) -> bool:
        """Running, but silent for ``STALLED_AFTER``: its worker stopped mid-job."""
        return (
            self.status == LoadStatus.RUNNING and timezone.now() - self.updated_at > STALLED_AFTER
        )
