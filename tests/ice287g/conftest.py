"""Fixtures for the ICE 287(g) library tests; they need no Django.

The real downloads live outside the repository (they must never be copied into it), in
``../shared/data/ice-287g/`` next to the project, or wherever ICE287G_DATA points.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from access.agencies.publiclist.ice287g import Event, History, Snapshot, load_snapshot

DATA_DIR = Path(
    os.environ.get(
        "ICE287G_DATA", Path(__file__).resolve().parents[3] / "shared" / "data" / "ice-287g"
    )
)


@pytest.fixture(scope="session")
def ice_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(
            f"ICE 287(g) downloads not found at {DATA_DIR}: put them there (or set "
            "ICE287G_DATA) to run the tests on real data"
        )
    return DATA_DIR


@pytest.fixture(scope="session")
def real_files(ice_dir: Path) -> list[Path]:
    return sorted(ice_dir.glob("*/*.xlsx"))


@pytest.fixture(scope="session")
def real_snapshots(real_files: list[Path]) -> list[Snapshot]:
    return [load_snapshot(path) for path in real_files]


@pytest.fixture(scope="session")
def real_history(real_snapshots: list[Snapshot]) -> tuple[History, list[Event]]:
    """All real snapshots imported once; tests must not apply more to this history."""
    history = History()
    events = history.import_snapshots(real_snapshots)
    return history, events
