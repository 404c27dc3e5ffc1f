"""A rich progress bar over the named steps of a long job (used by the CLI commands)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def steps(total: int, stream: IO[str] | None = None) -> Iterator[Callable[[str], None]]:
    """Yield ``step(message)``; each call completes the previous step and names the next.

    Not on a terminal (a log file, CI), each step is one line with the elapsed time instead."""
    console = Console(file=stream, stderr=stream is None)
    if not console.is_terminal:
        started = time.perf_counter()
        count = 0

        def line(message: str) -> None:
            nonlocal count
            count += 1
            console.print(f"[{time.perf_counter() - started:7.1f} s] {count}/{total} {message}")

        yield line
        console.print(f"[{time.perf_counter() - started:7.1f} s] done")
        return
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
