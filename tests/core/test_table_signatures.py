"""django-tables2 reads a column's ``render`` signature once per method, not once per cell
(issue 15 item 21), and still passes each method exactly the arguments it takes."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
import pytest
from django_tables2 import utils

from access.core import tables as core_tables


class Greeting(tables.Table):
    name = tables.Column()
    times = tables.Column()

    def render_name(self, value: str) -> str:
        return f"Hello {value}"

    def render_times(self, value: int, record: dict[str, Any], **rest: Any) -> str:
        return f"{record['name']} x{value} ({'bound_column' in rest})"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    seen: list[Any] = []
    original = core_tables._read

    def counting(fn: Any) -> Any:
        seen.append(fn)
        return original(fn)

    monkeypatch.setattr(core_tables, "_read", counting)
    monkeypatch.setattr(core_tables, "_known", {})
    return seen


def test_installed_for_every_table() -> None:
    assert utils.signature is core_tables.signature


def test_one_read_per_method_whatever_the_rows(reads: list[Any]) -> None:
    rows = [{"name": f"n{i}", "times": i} for i in range(30)]
    table = Greeting(rows)
    cells = [(row.get_cell("name"), row.get_cell("times")) for row in table.rows]
    assert cells[0] == ("Hello n0", "n0 x0 (True)")
    assert cells[29] == ("Hello n29", "n29 x29 (True)")
    # Two render methods, each read once for 60 cells (a fresh table reads none again).
    assert sorted(fn.__name__ for fn in reads) == ["render_name", "render_times"]
    again = Greeting(rows)
    assert [row.get_cell("name") for row in again.rows][5] == "Hello n5"
    assert len(reads) == 2


def test_the_remembered_answer_is_the_library_s_own(reads: list[Any]) -> None:
    table = Greeting([])
    for method in (table.render_name, table.render_times):
        assert core_tables.signature(method) == core_tables._read(method)
        assert core_tables.signature(method) == core_tables.signature(method)
    assert core_tables.signature(table.render_times) == (("value", "record"), "rest")


def test_plain_functions_are_read_each_time(reads: list[Any]) -> None:
    def plain(value: int) -> int:
        return value

    core_tables.signature(plain)
    core_tables.signature(plain)
    assert reads == [plain, plain]
