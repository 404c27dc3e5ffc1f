"""Base models: timestamps, actor-checked writes, and scoped querysets."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from access.core.actors import require_actor
from access.core.typing import ProgramUser


class RestrictedQuerySet(models.QuerySet):
    """``Model.objects.restrict(user, action)``: the one path that decides what a user sees.

    The user's roles carry grants (``app.action_model`` with a scope). A grant with scope
    ``all`` returns everything; scope ``agency`` filters on the model's ``agency_scope``
    lookup; scope ``team`` filters on the model's ``team_scope`` lookup, the path from the row
    to the users of the team that covers it (CAP teams and their facilities); no grant returns
    nothing. Callers turn "nothing" into a 404.
    """

    def restrict(self, user: ProgramUser | Any, action: str = "view") -> RestrictedQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        opts = self.model._meta
        scope = user.grant_scope(f"{opts.app_label}.{action}_{opts.model_name}")
        if scope == "all":
            return self
        if scope == "agency" and user.agency_id is not None:
            lookup = getattr(self.model, "agency_scope", None)
            if lookup:
                return self.filter(**{lookup: user.agency_id})
        if scope == "team":
            lookup = getattr(self.model, "team_scope", None)
            if lookup:
                # A row is seen once even when the user sits on two teams that cover it.
                return self.filter(
                    pk__in=self.model._base_manager.filter(**{lookup: user.pk}).values("pk")
                )
        return self.none()


class TimestampedModel(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True, help_text="When created (UTC).")
    updated_at = models.DateTimeField("updated", auto_now=True, help_text="Last change (UTC).")

    class Meta:
        abstract = True


class ProgramRecord(TimestampedModel):
    """A program record: every write needs an actor bound by an audited action.

    A save or delete outside ``access.audit.actions.audited`` raises ``MissingActorError``
    instead of going unlogged.
    """

    agency_scope: ClassVar[str | None] = None

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        require_actor(f"save {self._meta.label}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        require_actor(f"delete {self._meta.label}")
        return super().delete(*args, **kwargs)
