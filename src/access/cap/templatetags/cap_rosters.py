"""Template tags of the roster pages."""

from __future__ import annotations

from typing import Any

from django import template

from access.cap.models import CapFacility

register = template.Library()


@register.simple_tag
def roster_facilities(user: Any) -> Any:
    """The facilities the user may send rosters to (their team's), for the list's links."""
    if not getattr(user, "is_authenticated", False) or not user.can("cap.add_roster"):
        return CapFacility.objects.none()
    return CapFacility.objects.restrict(user).select_related("facility")
