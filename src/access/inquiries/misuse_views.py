"""Oversight pages: misuse rules (configure) and misuse flags (review and close)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from access.accounts.typing import AuthedRequest
from access.inquiries import misuse
from access.inquiries.forms import FindingForm, MisuseRuleForm
from access.inquiries.models import MisuseFlag, MisuseRule


class RuleForm(MisuseRuleForm):
    """The rule form with the parameters of the outside-usual-hours rule."""

    lookback_days = forms.IntegerField(
        label="Look-back (days)",
        min_value=1,
        max_value=3650,
        initial=90,
        required=False,
        help_text="Outside-usual-hours rule only: the officer's usual hours are learned from "
        "their inquiries over this period.",
    )
    quiet_percent = forms.IntegerField(
        label="Little activity (percent)",
        min_value=1,
        max_value=100,
        initial=2,
        required=False,
        help_text="Outside-usual-hours rule only: an hour holding less than this share of the "
        "officer's past inquiries is outside their usual hours.",
    )
    min_history = forms.IntegerField(
        label="History needed (inquiries)",
        min_value=1,
        max_value=100_000,
        initial=30,
        required=False,
        help_text="Outside-usual-hours rule only: an officer with fewer past inquiries in the "
        "look-back has no usual hours yet and is not flagged.",
    )


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "none"
    return str(value)


def evidence_rows(flag: MisuseFlag) -> list[tuple[str, str]]:
    """The flag's evidence as (label, text) rows for the page."""
    return [(key.replace("_", " "), _text(value)) for key, value in flag.evidence.items()]


@require_http_methods(["GET", "POST"])
def rules(request: AuthedRequest) -> HttpResponse:
    if request.user.grant_scope("inquiries.configure_misuserule") != "all":
        raise Http404("Not found")
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            misuse.add_rule(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Rule added.")
            return redirect("inquiries:misuse_rules")
    return render(
        request,
        "inquiries/misuse_rules.html",
        {"form": form, "rows": MisuseRule.objects.all()},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def rule_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    if request.user.grant_scope("inquiries.configure_misuserule") != "all":
        raise Http404("Not found")
    rule = MisuseRule.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404("Not found")
    try:
        misuse.deactivate_rule(request.user, rule)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Rule deactivated.")
    return redirect("inquiries:misuse_rules")


def flags(request: AuthedRequest) -> HttpResponse:
    rows = MisuseFlag.objects.restrict(request.user, "review").select_related("rule", "inquiry")
    if request.user.grant_scope("inquiries.review_misuseflag") is None:
        raise Http404("Not found")
    return render(request, "inquiries/misuse_flags.html", {"rows": rows[:500]})


@require_http_methods(["GET", "POST"])
def flag_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    flag = (
        MisuseFlag.objects.restrict(request.user, "review")
        .select_related("rule", "inquiry", "inquiry__agency", "inquiry__submitted_by")
        .filter(pk=pk)
        .first()
    )
    if flag is None:
        raise Http404("Not found")
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            misuse.close_flag(request.user, flag, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Flag #{flag.pk} closed.")
            return redirect("inquiries:misuse_flags")
    return render(
        request,
        "inquiries/misuse_flag.html",
        {"flag": flag, "form": form, "evidence": evidence_rows(flag)},
        status=400 if request.method == "POST" else 200,
    )
