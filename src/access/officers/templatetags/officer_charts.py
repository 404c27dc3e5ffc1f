"""``{% agency_officer_charts agency %}``: the officers-by-status and training-currency charts
on the agency page. A template tag, because the agencies app sits below officers and may not
import it; the tag shows only the officers the signed-in user may see."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from access.officers import charts
from access.officers.models import Officer

register = template.Library()


@register.inclusion_tag("officers/_agency_charts.html", takes_context=True)
def agency_officer_charts(context: template.Context, agency: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.can("officers.view_officer"):
        return {"show": False}
    result = charts.counts(Officer.objects.restrict(user).filter(agency=agency))
    return {
        "show": True,
        "total": result.total,
        "charts": charts.charts_for(result),
        "list_url": f"{reverse('officers:list')}?agency={agency.pk}",
    }
