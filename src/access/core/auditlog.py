"""The audit recorder that core's generic views write through.

Core imports no other app, yet its list view's export must be audited. The audit app installs
its ``events.record`` here when Django starts (``AuditConfig.ready``); with no recorder
installed a write fails loudly instead of going unlogged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_recorder: Callable[..., Any] | None = None


def install(recorder: Callable[..., Any]) -> None:
    global _recorder
    _recorder = recorder


def record(action: str, **details: Any) -> Any:
    if _recorder is None:
        raise ImproperlyConfigured(
            "No audit recorder is installed: add access.audit to INSTALLED_APPS."
        )
    return _recorder(action, **details)
