"""``access detainers deadline``: the clock from the command line."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> str:
    out = StringIO()
    call_command("detainers", "deadline", *args, stdout=out)
    return out.getvalue().strip()


def test_a_local_release_is_read_in_the_zone() -> None:
    assert run("--release", "2026-07-02T17:30", "--tz", "America/New_York") == (
        "2026-07-07T17:30:00-04:00"
    )


def test_a_release_with_an_offset_is_printed_in_the_zone() -> None:
    assert run("--release", "2026-03-13T23:30:00+00:00", "--tz", "America/Los_Angeles") == (
        "2026-03-17T16:30:00-07:00"
    )


def test_phoenix() -> None:
    assert run("--release", "2026-03-06 10:00", "--tz", "America/Phoenix") == (
        "2026-03-10T10:00:00-07:00"
    )


@pytest.mark.parametrize(
    "release,zone,message",
    [
        ("yesterday", "America/New_York", "--release 'yesterday' is not a date and time"),
        ("2026-02-30T10:00", "America/New_York", "is not a date and time"),
        ("2026-03-10T10:00", "America/Nowhere", "--tz 'America/Nowhere' is not a known"),
        ("2026-03-10T10:00", "", "is not a known IANA time zone"),
    ],
)
def test_bad_input_is_a_clear_error(release: str, zone: str, message: str) -> None:
    with pytest.raises(CommandError, match=message) as error:
        run("--release", release, "--tz", zone)
    assert error.value.returncode == 2


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    script = "from access.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", script, "detainers", "deadline", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_exit_codes_from_the_console_script() -> None:
    ok = _cli("--release", "2027-12-30T12:00", "--tz", "America/New_York")
    assert (ok.returncode, ok.stdout.strip()) == (0, "2028-01-04T12:00:00-05:00")
    bad = _cli("--release", "noon-ish", "--tz", "America/New_York")
    assert bad.returncode == 2
    assert "--release 'noon-ish' is not a date and time" in bad.stderr
    assert bad.stdout == ""


def test_help_describes_every_option() -> None:
    shown = _cli("--help")
    assert shown.returncode == 0
    for option in ("--release", "--tz", "DATETIME", "ZONE", "Saturdays"):
        assert option in shown.stdout
