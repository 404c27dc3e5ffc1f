"""Clause templates rendered in a sandbox: template source comes only from ClauseTemplate rows.

Each section is rendered once, when an agreement is drafted, with a ``Context`` that holds only
the agreement's variables. The result is stored as plain text in the agreement's first version;
later edits by users are stored as plain text too and are never rendered as templates again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)

from access.agencies.choices import STATE_NAMES, ContactRole

if TYPE_CHECKING:
    from access.agencies.models import Agency
    from access.agreements.models import Agreement

# Sections every 287(g) template must have (the structure of ICE's MOAs).
REQUIRED_SECTIONS = [
    "purpose",
    "authority",
    "policy",
    "functions",
    "nomination",
    "training",
    "certification",
    "supervision",
    "reporting",
    "complaints",
    "civil_rights",
    "modification",
    "term",
    "appendix_contacts",
    "appendix_complaints",
    "appendix_public_info",
]

TO_COMPLETE = "[to be completed]"


# The tags a clause may use: Django's built-in tags minus those that reach outside the
# variables (debug prints the context and loaded modules; load, url, csrf_token, now, ...).
_UNSAFE_TAGS = {"debug", "load", "url", "csrf_token", "now", "lorem", "resetcycle", "partialdef"}
register = Library()
register.tags = {k: v for k, v in defaulttags.register.tags.items() if k not in _UNSAFE_TAGS}
register.filters = dict(defaultfilters.register.filters)


class ClauseEngine(Engine):
    """Django's template language with this module's tag set only: no loader tags (include,
    extends), no libraries, no file ever read."""

    default_builtins: ClassVar[list[str]] = []


_ENGINE = ClauseEngine(
    dirs=[],
    app_dirs=False,
    libraries={},
    builtins=["access.agreements.clauses"],
    autoescape=False,
    debug=False,
)


def compile_section(source: str) -> Any:
    return _ENGINE.from_string(source)


def check_sections(sections: Any, *, model_code: str) -> None:
    """Refuse a template that is malformed, misses a required section or does not compile."""
    if not isinstance(sections, list) or not all(
        isinstance(s, dict) and {"key", "heading", "text"} <= set(s) for s in sections
    ):
        raise ValidationError("Sections must be a list of {key, heading, text}.")
    keys = [s["key"] for s in sections]
    if len(set(keys)) != len(keys):
        raise ValidationError("Each section key may appear only once.")
    missing = [k for k in REQUIRED_SECTIONS if k not in keys]
    if model_code in ("JEM", "TFM", "WSO") and missing:
        raise ValidationError(f"Missing required sections: {', '.join(missing)}.")
    for section in sections:
        try:
            compile_section(section["text"])
        except TemplateSyntaxError as error:
            raise ValidationError(
                f"Section {section['key']!r} does not compile: {error}"
            ) from error


def _contacts(agency: Agency | None, role: str | None = None) -> list[dict[str, str]]:
    if agency is None:
        return []
    contacts = agency.contacts.all()
    if role:
        contacts = contacts.filter(role=role)
    return [
        {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone} for c in contacts
    ]


def _date(value: date | None, fallback: str) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else fallback


def variables_for(agreement: Agreement) -> dict[str, Any]:
    """The only values a clause template sees (plain strings, numbers and lists of dicts)."""
    agency, office = agreement.agency, agreement.supervising_office
    address = ", ".join(part for part in (agency.street, agency.city, agency.postcode) if part)
    primary = _contacts(agency, ContactRole.PRIMARY) or _contacts(agency)
    return {
        "agency_name": agency.name,
        "agency_state": STATE_NAMES.get(agency.state, agency.state),
        "agency_address": address or STATE_NAMES.get(agency.state, agency.state),
        "agency_contacts": primary,
        "complaint_contacts": _contacts(agency, ContactRole.COMPLAINTS),
        "public_info_contacts": _contacts(agency, ContactRole.PUBLIC_INFORMATION),
        "ice_office_name": office.name if office else "the responsible ICE field office",
        "ice_contacts": _contacts(office, ContactRole.PRIMARY) or _contacts(office),
        "model_name": agreement.partnership_type.name,
        # The agency's jails (the CAP template lists those CAP officers may enter).
        "facilities": [
            {"name": f.name, "city": f.city} for f in agency.facilities.order_by("name", "pk")
        ],
        "officer_limit": agreement.officer_limit if agreement.officer_limit else TO_COMPLETE,
        "effective_date": _date(agreement.effective_on, "the date of the last signature"),
        "expiry_date": _date(agreement.expires_on, "the end of its term"),
    }


def render_sections(sections: list[dict[str, Any]], variables: dict[str, Any]) -> list[dict]:
    """Render each section's text with a Context of only ``variables``."""
    return [
        {
            "key": s["key"],
            "heading": s["heading"],
            "text": compile_section(s["text"])
            .render(Context(dict(variables), autoescape=False))
            .strip(),
        }
        for s in sections
    ]
