"""Records jobs, run by the tasks worker (``access db_worker``).

- ``check_model_drift``: daily, compare the active matching model's bands with the analysts'
  decisions (``model_drift.compare``) and alert the program managers when a band drifted.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from access.accounts.choices import AccountStatus
from access.accounts.models import User
from access.core.actors import SystemActor
from access.records import actions, model_drift
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion

DRIFT_CHECK = SystemActor("scheduled job: matching model drift check")
PROGRAM_MANAGER = "ice_program_manager"


def program_managers() -> Any:
    return (
        User.objects.filter(
            is_active=True, status=AccountStatus.ACTIVE, roles__slug=PROGRAM_MANAGER
        )
        .distinct()
        .order_by("pk")
    )


@task()
def check_model_drift() -> dict[str, Any]:
    """Alert program managers when the active model's bands drifted from the decisions
    (daily, queued by the scheduler). Returns the bands compared and who was told."""
    version = MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).first()
    result: dict[str, Any] = {"version": None, "drifted": [], "alerted": []}
    if version is not None:
        rows = model_drift.compare(version)
        result["version"] = version.version
        result["drifted"] = [row["band"] for row in rows if row["drifted"]]
        if result["drifted"]:
            told = actions.alert_drift(DRIFT_CHECK, version, rows, list(program_managers()))
            result["alerted"] = [notice.recipient.get_username() for notice in told]
    return result
