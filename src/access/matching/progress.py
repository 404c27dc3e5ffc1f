"""A rich progress bar over the named steps of a long job (used by the CLI commands)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def steps(total: int, stream: IO[str] | None = None) -> Iterator[Callable[[str], None]]:
    """Yield ``step(message)``; each call completes the previous step and names the next."""
    console = Console(file=stream, stderr=stream is None)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=console, transient=False,
    )  # fmt: skip
    with bar:
        task = bar.add_task("starting", total=total)
        started = False

        def step(message: str) -> None:
            nonlocal started
            bar.update(task, description=message, advance=1 if started else 0)
            started = True

        yield step
        bar.update(task, description="done", completed=total)
