"""``access detainers deadline --release DATETIME --tz ZONE``: the end of a detainer's hold.

Prints the deadline in ISO 8601 with its UTC offset (exit 0), computed by the same function
the app uses (``access.detention.clock.deadline``). Bad input (a time that cannot be read, a
zone that does not exist) is a message on stderr and exit 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_datetime

from access.detention import clock

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Detainers (Form I-247A): the 48-business-hour hold clock."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        deadline = commands.add_parser(
            "deadline",
            help="When does the hold end? Prints the deadline (ISO 8601 with offset); "
            "exit 0, or 2 on bad input.",
            description="48 hours after the release, not counting Saturdays, Sundays and "
            "U.S. federal holidays (observed dates included), in the facility's time zone. "
            "A release on an excluded day starts the clock at the next business day's "
            "midnight.",
        )
        deadline.add_argument(
            "--release",
            required=True,
            metavar="DATETIME",
            help="When the person would otherwise be released, ISO 8601, e.g. "
            "2026-07-02T17:30 (local to --tz) or 2026-07-02T21:30:00+00:00.",
        )
        deadline.add_argument(
            "--tz",
            required=True,
            metavar="ZONE",
            help="The facility's IANA time zone, e.g. America/New_York or America/Phoenix; "
            "the deadline is printed in it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            zone = clock.zone(options["tz"])
        except clock.UnknownZone:
            raise CommandError(
                f"--tz {options['tz']!r} is not a known IANA time zone (e.g. America/New_York)",
                returncode=BAD_INPUT,
            ) from None
        text = options["release"].strip()
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            raise CommandError(
                f"--release {options['release']!r} is not a date and time "
                "(ISO 8601, e.g. 2026-07-02T17:30 or 2026-07-02T17:30-04:00)",
                returncode=BAD_INPUT,
            )
        due = clock.deadline(clock.local_moment(moment, zone), zone)
        self.stdout.write(due.isoformat())
