"""``access iaq parse [FILE|-]``: read one IAQ (Nlets text or NIEM XML), print it normalised.
``access iaq train [--force]``: train, calibrate and activate a matching model version now
(``access matching`` does each step on its own; this is the one-step shortcut).

``parse`` prints the inquiry as JSON on stdout and exits 0; what a standard IAQ lacks, in Nlets
text or NIEM XML (a reason, a case number: LESC asks the agency for them), is a warning on
stderr, and the exit is still 0. An agency's reply giving those details (``ADM.<ORI>.AX.TXT.IAQ/n.RSN/...CAS/....``)
prints as JSON too. Only a message that cannot be read (or whose ORI is no known agency) is
an error: each field-level error on stderr, status 2.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from access.agencies.models import Agency
from access.core.actors import SystemActor
from access.inquiries import niem, nlets
from access.inquiries.message import InquiryInvalid, Reading
from access.records import search
from access.records.actions import ModelRefused, prepare_first_model
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion

MAX_BYTES = 64 * 1024


def parse_any(raw: bytes) -> Reading:
    """Text or XML, decided by the first non-blank character; the inquiry and its warnings."""
    if len(raw) > MAX_BYTES:
        raise InquiryInvalid({"message": [f"The message is larger than {MAX_BYTES} bytes."]})
    if raw.lstrip().startswith(b"<"):
        return niem.read(raw)
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise InquiryInvalid(
            {"message": ["The message may hold only printable ASCII characters."]}
        ) from None
    return nlets.read(text)


class Command(BaseCommand):
    help = "LESC inquiries: parse and validate an IAQ message."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        parse = commands.add_parser(
            "parse",
            help="Print one IAQ (text or XML), or an agency's ADM reply giving an inquiry's "
            "reason and case number, as JSON; a missing reason or case number is a warning "
            "on stderr (exit 0); a message that cannot be read exits 2.",
        )
        parse.add_argument("file", nargs="?", default="-", help="FILE, or - for stdin.")
        train = commands.add_parser(
            "train",
            help=(
                "Train, calibrate and activate a matching model version now, when none is "
                "active (the steps of `access matching`)."
            ),
        )
        train.add_argument(
            "--force",
            action="store_true",
            help="Prepare and activate a new version even if one is active.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "train":
            self.train(force=options["force"])
            return
        source = options["file"]
        try:
            if source == "-":
                raw = sys.stdin.buffer.read(MAX_BYTES + 1)
            else:
                with Path(source).open("rb") as handle:
                    raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            self._fail({"file": [f"cannot read {source}: {error.strerror or error}"]})
        if raw.lstrip()[:4].upper() == b"ADM.":
            self.parse_reply(raw)
            return
        try:
            reading = parse_any(raw)
        except InquiryInvalid as error:
            self._fail(error.errors)
        data = reading.data
        if not Agency.objects.filter(ori__iexact=data.ori).exists():
            self._fail({"ori": [f"No agency has the ORI {data.ori}."]})
        self.stdout.write(json.dumps(data.as_dict(), indent=2, sort_keys=True))
        for field, message in reading.warnings.items():
            self.stderr.write(f"warning: {field}: {message}")

    def parse_reply(self, raw: bytes) -> None:
        """An agency's reply giving an inquiry's missing reason and case number (``ADM.``)."""
        try:
            reply = nlets.parse_details(raw.decode("ascii"))
        except UnicodeDecodeError:
            self._fail({"message": ["The message may hold only printable ASCII characters."]})
        except InquiryInvalid as error:
            self._fail(error.errors)
        if not Agency.objects.filter(ori__iexact=reply.ori).exists():
            self._fail({"ori": [f"No agency has the ORI {reply.ori}."]})
        self.stdout.write(json.dumps(asdict(reply), indent=2, sort_keys=True))

    def train(self, *, force: bool) -> None:
        active = MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).first()
        if active is None or force:
            try:
                active = prepare_first_model(SystemActor("access iaq train"))
            except ModelRefused as error:
                self._fail({"model": [str(error)]})
        search.reset()
        self.stdout.write(
            f"matching model version {active.version} is active (trained on "
            f"{active.sample_size:,} of {active.store_size:,} records)"
        )

    def _fail(self, errors: dict[str, list[str]]) -> NoReturn:
        for field, messages in errors.items():
            for message in messages:
                self.stderr.write(f"error: {field}: {message}")
        sys.exit(2)
