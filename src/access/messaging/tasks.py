"""Messaging jobs, run by the tasks worker (``access db_worker``).

- ``deliver_message``: one delivery attempt of an outbound message (queued after the commit
  that created it; a failed attempt queues the next one with backoff).
"""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor

OUTBOX = SystemActor("job worker: Nlets outbox")


@task()
def deliver_message(message_id: int) -> str:
    """Deliver one outbound message; returns its status afterwards."""
    from access.messaging.actions import deliver

    return deliver(OUTBOX, message_id)
