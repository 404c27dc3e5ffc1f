"""Site jobs, run by the tasks worker (``access db_worker``, supervised by ``access run_worker``).

- ``load_demo_population``: the demo's synthetic population (``site.demo_population.run``),
  queued by ``access seed_demo`` when it would take more than a few seconds.
"""

from __future__ import annotations

from django_tasks import task

from access.site import demo_population


@task()
def load_demo_population(load_id: int) -> int:
    """Run the queued demo population load; returns the records loaded."""
    return demo_population.run(load_id).records
