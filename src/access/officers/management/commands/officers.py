"""``access officers authority BADGE --agency ID --function NAME [--on DATETIME]`` (exit 0
allowed, 3 denied, 2 bad input) and ``access officers list [--agency ID] [--format json|csv]``
(each officer with what the authority check allows today)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from access.officers import authority
from access.officers.models import Officer

DENIED = 3


def _moment(text: str | None) -> datetime:
    if not text:
        return timezone.now()
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise CommandError(f"--on {text!r} is not a date or date and time", returncode=2)
        moment = datetime.combine(day, datetime.min.time())
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _officer(badge: str, agency_id: int) -> Officer:
    officer = (
        Officer.objects.filter(agency_id=agency_id, badge_number=badge)
        .select_related("agreement__partnership_type")
        .order_by("-nominated_on", "-pk")
        .first()
    )
    if officer is None:
        raise CommandError(f"no officer with badge {badge!r} in agency {agency_id}", returncode=2)
    return officer


class Command(BaseCommand):
    help = "287(g) and LESC officers: the authority check and the roster with today's functions."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        check = commands.add_parser(
            "authority",
            help="May this officer perform this function? JSON {allowed, reasons}; exit 0 "
            "allowed, 3 denied, 2 unknown officer or function.",
        )
        check.add_argument("badge", help="The officer's badge or employee number.")
        check.add_argument("--agency", type=int, required=True, help="The agency's ID.")
        check.add_argument("--function", required=True, help="A function code, e.g. interview.")
        check.add_argument(
            "--on", help="A date or ISO date and time (UTC if no offset); now by default."
        )
        listing = commands.add_parser(
            "list", help="Every officer with badge, agency_id, status and functions allowed today."
        )
        listing.add_argument("--agency", type=int, help="Only this agency's officers.")
        listing.add_argument(
            "--format",
            choices=["json", "csv"],
            default="json",
            help="Output format (default json).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "authority":
            self._authority(options)
        else:
            self._list(options)

    def _authority(self, options: dict[str, Any]) -> None:
        when = _moment(options["on"])
        officer = _officer(options["badge"], options["agency"])
        try:
            decision = authority.check(officer, options["function"], when=when)
        except authority.UnknownFunction as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(json.dumps(decision.as_dict(), indent=2))
        if not decision.allowed:
            sys.exit(DENIED)

    def _list(self, options: dict[str, Any]) -> None:
        rows = Officer.objects.select_related("agreement__partnership_type", "agency").order_by(
            "agency_id", "badge_number"
        )
        if options["agency"] is not None:
            rows = rows.filter(agency_id=options["agency"])
        now = timezone.now()
        records = [
            {
                "badge": o.badge_number,
                "agency_id": o.agency_id,
                "agency": o.agency.name,
                "name": o.full_name,
                "model": o.agreement.partnership_type.code,
                "status": o.status,
                "functions": authority.functions_allowed(o, now),
            }
            for o in rows
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(records, indent=2))
            return
        writer = csv.writer(self.stdout)
        writer.writerow(["badge", "agency_id", "agency", "name", "model", "status", "functions"])
        for r in records:
            writer.writerow([*(r[k] for k in list(r)[:-1]), " ".join(r["functions"])])
