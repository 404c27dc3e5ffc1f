"""Status values of a complaint and how it ended."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class ComplaintStatus(ChoiceSet):
    REFERRED = "referred"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    CHOICES = [
        (
            REFERRED,
            "Referred to ICE's Office of Professional Responsibility",
            "bg-accent-warm-darker",
        ),
        (INVESTIGATING, "Under investigation", "bg-primary"),
        (RESOLVED, "Resolved; the complainant was notified", "bg-green"),
    ]


OPEN = [ComplaintStatus.REFERRED, ComplaintStatus.INVESTIGATING]


class Finding(ChoiceSet):
    SUBSTANTIATED = "substantiated"
    NOT_SUSTAINED = "not_sustained"
    UNFOUNDED = "unfounded"
    EXONERATED = "exonerated"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    CHOICES = [
        (SUBSTANTIATED, "Substantiated: the conduct occurred and broke policy or law", ""),
        (NOT_SUSTAINED, "Not sustained: the evidence can neither prove nor disprove it", ""),
        (UNFOUNDED, "Unfounded: the conduct did not occur", ""),
        (EXONERATED, "Exonerated: the conduct occurred and was lawful and within policy", ""),
        (REFERRED_ELSEWHERE, "Referred to another authority (for example the DHS OIG)", ""),
    ]


class Channel(ChoiceSet):
    PUBLIC_FORM = "public_form"
    STAFF = "staff"
    CHOICES = [
        (PUBLIC_FORM, "Public complaint form", ""),
        (STAFF, "Recorded by ICE staff (phone, letter, email, in person)", ""),
    ]
