"""Signals of the agreements app, for the apps above it (which connect; agreements never
imports them)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by ``actions.apply_transition`` when an agreement is activated, inside the audited
# transaction, with ``agreement`` and ``actor`` (an amendment's ``agreement.amends`` is the one
# it replaced): the task-force app opens the task force a task-force agreement runs, or moves
# it onto the modification or renewal now in force (``taskforces.intake``). A receiver that
# raises undoes the activation.
agreement_activated = Signal()
