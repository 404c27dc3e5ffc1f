"""What intake asks of the agreements app: which agreements an agency already holds in force,
and which partnership types can be drafted here.

Partnerships sits below agreements and never imports it. The agreements app installs its
answers here when Django starts (``AgreementsConfig.ready``); with nothing installed a call
fails loudly rather than letting a duplicate agreement through unchecked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class HeldAgreement:
    """An agreement in force of one agency under one partnership type."""

    partnership_type_id: int
    partnership_type: str
    number: int
    status: str
    url: str
    from_public_list: bool

    def sentence(self, agency: str) -> str:
        source = " (from ICE's published list)" if self.from_public_list else ""
        return (
            f"{agency} already holds a {self.partnership_type} agreement in force: "
            f"agreement #{self.number}{source}, {self.status}. Start a modification or a "
            "renewal of that agreement instead of a new one."
        )


class AgreementLookup(Protocol):
    def in_force(self, agency: Any, partnership_types: Iterable[Any]) -> list[HeldAgreement]: ...

    def draftable(self, partnership_types: Iterable[Any]) -> set[int]: ...


_lookup: AgreementLookup | None = None


def install(lookup: AgreementLookup) -> None:
    global _lookup
    _lookup = lookup


def lookup() -> AgreementLookup:
    if _lookup is None:
        raise ImproperlyConfigured(
            "No agreement lookup is installed: add access.agreements to INSTALLED_APPS."
        )
    return _lookup
