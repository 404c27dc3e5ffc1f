"""Template helpers of the training class pages that other officer pages include."""

from __future__ import annotations

from typing import Any

from django import template

from access.officers.models import Enrolment
from access.officers.training import GRANT

register = template.Library()


@register.simple_tag
def classes_of(officer: Any) -> list[Enrolment]:
    """The officer's class enrolments, newest class first (the officer page's "Classes")."""
    return list(
        Enrolment.objects.filter(officer=officer)
        .select_related("training_class__course", "exam")
        .order_by("-training_class__starts_on")
    )


@register.filter
def runs_classes(user: Any) -> bool:
    """Whether the user is training staff (may schedule classes, enrol and record)."""
    return bool(getattr(user, "is_authenticated", False) and user.grant_scope(GRANT) == "all")
