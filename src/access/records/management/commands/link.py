"""``access link LEFT RIGHT --map-left F=C... --map-right F=C... --id-left C --id-right C
--out OUT.csv [--engine duckdb|spark] [--model MODEL.json]``: link two CSV files
(ARCHITECTURE.md "Contracts"). A repeated ``--map-left`` / ``--map-right`` adds to the mapping,
as one flag with several values does."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.matching import link
from access.matching.model import DEFAULT_THRESHOLDS
from access.matching.progress import steps

FIELDS_HELP = (
    "FIELD is a canonical field (given_name, middle_name, family_name, full_name, "
    "date_of_birth, sex, place_of_birth, street, city, postcode, state) or id.KIND for an "
    "identifier (id.a_number; id.ssn for 9-digit US SSNs only, other values are dropped; any "
    "other number as a kind of its own, e.g. id.national_id)"
)
MODEL_HELP = (
    "a saved model (JSON, as `access iaq train` or Model.save writes it): its calibration and "
    "thresholds band the pairs. Without it a model is trained by EM on the input(s), "
    "uncalibrated, with the app's default thresholds (possible {possible}, probable "
    "{probable})".format(**DEFAULT_THRESHOLDS)
)
ENGINE_HELP = "where Splink scores the pairs: duckdb (default, in process) or spark (local)"
OUT_HELP = (
    "the CSV file to write: left_id, right_id, match_probability, band, match_weight, each "
    "comparison's level and weight, and notes"
)


def add_mapping(parser: CommandParser, flag: str, side: str) -> None:
    parser.add_argument(
        flag,
        nargs="+",
        action="extend",
        required=True,
        metavar="FIELD=COLUMN",
        help=f"which column of {side} holds each field; repeat the flag or give several "
        f"values, each field at most once. {FIELDS_HELP}",
    )


class Command(BaseCommand):
    help = "Link two CSV files of person records; writes scored, banded, explained pairs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", help="the first CSV file of person records (with a header)")
        parser.add_argument("right", help="the second CSV file of person records (with a header)")
        add_mapping(parser, "--map-left", "LEFT")
        add_mapping(parser, "--map-right", "RIGHT")
        parser.add_argument(
            "--id-left", required=True, metavar="COLUMN", help="the column of LEFT naming each row"
        )
        parser.add_argument(
            "--id-right",
            required=True,
            metavar="COLUMN",
            help="the column of RIGHT naming each row",
        )
        parser.add_argument("--out", required=True, metavar="OUT.csv", help=OUT_HELP)
        parser.add_argument("--engine", choices=link.ENGINES, default="duckdb", help=ENGINE_HELP)
        parser.add_argument("--model", metavar="MODEL.json", help=MODEL_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            left = link.read_records(
                options["left"], link.parse_mapping(options["map_left"]), options["id_left"]
            )
            right = link.read_records(
                options["right"], link.parse_mapping(options["map_right"]), options["id_right"]
            )
            model = link.load_model(options["model"]) if options["model"] else None
            with steps(4, cast(IO[str], self.stderr._out)) as step:
                rows = link.link(left, right, engine=options["engine"], progress=step, model=model)
            link.write_csv(rows, options["out"])
        except (link.InputError, OSError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{len(rows)} pairs written to {options['out']}")
