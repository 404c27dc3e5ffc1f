"""Signals of the agreements app, for the apps above it (which connect; agreements never
imports them)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by ``actions.apply_transition`` when an original agreement (not an amendment) is
# activated, inside the audited transaction, with ``agreement`` and ``actor``: the task-force
# app opens the task force a task-force agreement runs (``taskforces.intake``). A receiver
# that raises undoes the activation.
agreement_activated = Signal()
