"""``access link LEFT RIGHT --map-left F=C... --map-right F=C... --id-left C --id-right C
--out OUT.csv [--engine duckdb|spark] [--model MODEL.json|VERSION | --train]``: link two CSV
files (ARCHITECTURE.md "Contracts"). A repeated ``--map-left`` / ``--map-right`` adds to the
mapping, as one flag with several values does.

Which model bands the pairs (``chosen_model``, shared with ``access dedupe``): ``--model``
(a saved file, or a stored version by number); otherwise the active stored version
(``records.MatchModelVersion``, its calibration and thresholds), as inquiries use; otherwise,
or with ``--train``, a model trained by EM on the inputs with the default thresholds. The
first line of the output names the model and its thresholds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from access.matching import link
from access.matching.model import DEFAULT_THRESHOLDS, Model
from access.matching.progress import steps
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion

FIELDS_HELP = (
    "FIELD is a canonical field (given_name, middle_name, family_name, full_name, "
    "date_of_birth, sex, place_of_birth, street, city, postcode, state) or id.KIND for an "
    "identifier (id.a_number; id.ssn for 9-digit US SSNs only, other values are dropped; any "
    "other number as a kind of its own, e.g. id.national_id)"
)
MODEL_HELP = (
    "the model that scores and bands the pairs: a saved model file (JSON, as Model.save "
    "writes it) or a stored version number (`access matching list`), with its calibration "
    "and thresholds. Without it the active stored version is used (as inquiries use it); "
    "with no active version a model is trained by EM on the input(s), uncalibrated, with the "
    "app's default thresholds (possible {possible}, probable {probable})".format(
        **DEFAULT_THRESHOLDS
    )
)
TRAIN_HELP = (
    "train a model by EM on the input(s) even when a stored version is active (uncalibrated, "
    "the app's default thresholds); for inputs unlike the records the active model knows"
)
ENGINE_HELP = "where Splink scores the pairs: duckdb (default, in process) or spark (local)"
OUT_HELP = (
    "the CSV file to write: left_id, right_id, match_probability, band, match_weight, each "
    "comparison's level and weight, and notes"
)
_VERSION = re.compile(r"^[vV]?(\d{1,9})$")


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


def add_model_options(parser: CommandParser) -> None:
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--model", metavar="MODEL.json|VERSION", help=MODEL_HELP)
    choice.add_argument("--train", action="store_true", help=TRAIN_HELP)


def _bands(t: dict[str, float]) -> str:
    return f"bands: possible >= {t['possible']:.4g}, probable >= {t['probable']:.4g}"


def _calibrated(model: Model) -> str:
    return "calibrated" if model.calibration else "uncalibrated"


def _stored(version: MatchModelVersion, why: str) -> tuple[Model, str]:
    model = version.model()
    pairs = (version.calibration_pairs or {}).get("pairs")
    on = f" on {pairs:,} labelled pairs" if model.calibration and pairs else ""
    return model, (
        f"Model: matching model v{version.version} ({why}; {_calibrated(model)}{on}); "
        f"{_bands(model.thresholds)}"
    )


def _trained(why: str) -> tuple[None, str]:
    return None, (
        f"Model: {why}, so a model is trained by EM on the input(s) (uncalibrated); "
        f"{_bands(DEFAULT_THRESHOLDS)} (the app's defaults)"
    )


def chosen_model(option: str | None, *, train: bool = False) -> tuple[Model | None, str]:
    """The model to band with (``None``: train on the inputs) and a line naming it."""
    if train:
        return _trained("--train given")
    if option:
        number = _VERSION.match(option.strip())
        if number and not Path(option).exists():
            version = MatchModelVersion.objects.filter(version=int(number.group(1))).first()
            if version is None:
                raise link.InputError(f"no stored model version {number.group(1)}")
            return _stored(version, f"stored version, {version.get_status_display().lower()}")
        model = link.load_model(option)
        return model, f"Model: file {option} ({_calibrated(model)}); {_bands(model.thresholds)}"
    try:
        active = MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).first()
    except DatabaseError:  # a database without the app's tables (not migrated)
        return _trained("no model store in the database (run `access migrate`)")
    if active is None:
        return _trained("no active model version in the database")
    return _stored(active, "the active version")


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
        add_model_options(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            left = link.read_records(
                options["left"], link.parse_mapping(options["map_left"]), options["id_left"]
            )
            right = link.read_records(
                options["right"], link.parse_mapping(options["map_right"]), options["id_right"]
            )
            model, named = chosen_model(options["model"], train=options["train"])
            self.stdout.write(named)
            with steps(4, cast(IO[str], self.stderr._out)) as step:
                rows = link.link(left, right, engine=options["engine"], progress=step, model=model)
            link.write_csv(rows, options["out"])
        except (link.InputError, OSError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{len(rows)} pairs written to {options['out']}")
