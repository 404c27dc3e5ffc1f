"""``access matching train|calibrate|evaluate|activate|list``: the matching model's lifecycle.

Every identification (inquiries, and later CAP screening and ``access link``) bands with the
one *active* version. A version is trained by EM on a bounded sample of the store, calibrated
on labelled pairs (synthetic probes of a synthetic store, and the analysts' recorded
decisions), evaluated on held-out pairs, and activated by an operator; a version without a
calibration cannot be activated. Each step is audited. docs/records.md, "Model versions".
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from access.core.actors import SystemActor
from access.records import actions, model_lifecycle
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion

OPERATOR = SystemActor("access matching")


class Command(BaseCommand):
    help = (
        "The matching model's lifecycle: train a version on the store, calibrate it on "
        "labelled pairs, evaluate it, activate it for identification, list the versions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        train = commands.add_parser(
            "train",
            help="Train a new version by EM on a bounded sample of the stored records.",
            description=(
                "Train a new model version (status 'trained') by EM on at most --sample "
                "stored feature rows, every k-th record of the store. It is not used until "
                "it is calibrated and activated."
            ),
        )
        train.add_argument(
            "--sample",
            type=int,
            default=model_lifecycle.TRAIN_SAMPLE,
            metavar="N",
            help=f"Most feature rows read for training (default {model_lifecycle.TRAIN_SAMPLE:,}).",
        )
        for name, text in (
            (
                "calibrate",
                "Fit the isotonic calibration and the band thresholds ('probable' at "
                f"{model_lifecycle.PROBABLE_PRECISION:.2%} precision) on labelled pairs, then "
                "evaluate on held-out pairs.",
            ),
            (
                "evaluate",
                "Measure precision and recall per band and the reliability table on held-out "
                "labelled pairs.",
            ),
        ):
            # argparse %-formats help strings (not descriptions): a percent sign is doubled.
            step = commands.add_parser(name, help=text.replace("%", "%%"), description=text)
            step.add_argument("version", type=int, help="The version number (see `list`).")
            step.add_argument(
                "--probes",
                type=int,
                default=model_lifecycle.PROBES,
                metavar="N",
                help=(
                    "Most stored synthetic records searched as labelled probes (half fit, "
                    f"half evaluate; default {model_lifecycle.PROBES:,}). Analysts' decisions "
                    "are always all used."
                ),
            )
        activate = commands.add_parser(
            "activate",
            help="Make a calibrated version the one every identification uses.",
            description=(
                "Activate a calibrated version; the active one is retired. A version without "
                "a calibration is refused."
            ),
        )
        activate.add_argument("version", type=int, help="The version number (see `list`).")
        listing = commands.add_parser("list", help="The stored versions, newest first.")
        listing.add_argument(
            "--json", action="store_true", help="Print the versions as JSON instead of a table."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.console = Console(file=sys.stderr)
        name = options["subcommand"]
        try:
            if name == "train":
                self.train(options["sample"])
            elif name == "list":
                self.list(options["json"])
            else:
                version = self.version(options["version"])
                if name == "calibrate":
                    self.calibrate(version, options["probes"])
                elif name == "evaluate":
                    self.evaluate(version, options["probes"])
                else:
                    self.activate(version)
        except actions.ModelRefused as error:
            raise CommandError(str(error)) from None

    def version(self, number: int) -> MatchModelVersion:
        found = MatchModelVersion.objects.filter(version=number).first()
        if found is None:
            known = list(MatchModelVersion.objects.values_list("version", flat=True)[:10])
            raise CommandError(
                f"no model version {number} (stored: {', '.join(map(str, known)) or 'none'})"
            )
        return found

    def _probes(self, probes: int) -> int:
        if probes < 2:
            raise CommandError(f"--probes must be at least 2 (got {probes})")
        return probes

    def train(self, sample: int) -> None:
        self.console.print(f"training on at most {sample:,} stored feature rows ...")
        version = actions.train_model(OPERATOR, sample=sample)
        self.stdout.write(
            f"version {version.version} trained on {version.sample_size:,} of "
            f"{version.store_size:,} records ({version.sample_description}); next: "
            f"`access matching calibrate {version.version}`"
        )

    def calibrate(self, version: MatchModelVersion, probes: int) -> None:
        self.console.print(f"calibrating version {version.version} on labelled pairs ...")
        version = actions.calibrate_model(OPERATOR, version, probes=self._probes(probes))
        pairs = version.calibration_pairs
        self.stdout.write(
            f"version {version.version} calibrated on {pairs['pairs']:,} labelled pairs "
            f"({pairs['true_pairs']:,} true): possible >= "
            f"{version.thresholds['possible']:.4f}, probable >= "
            f"{version.thresholds['probable']:.4f}"
        )
        self._metrics(version)

    def evaluate(self, version: MatchModelVersion, probes: int) -> None:
        version = actions.evaluate_model(OPERATOR, version, probes=self._probes(probes))
        self._metrics(version)

    def _metrics(self, version: MatchModelVersion) -> None:
        evaluation = version.evaluation
        if not evaluation:
            return
        self.stdout.write(
            f"evaluated on {evaluation['pairs']:,} held-out pairs: probable precision "
            f"{evaluation['probable_precision']:.2%}, recall {evaluation['probable_recall']:.2%}; "
            f"possible or better precision {evaluation['possible_precision']:.2%}, recall "
            f"{evaluation['possible_recall']:.2%}"
        )

    def activate(self, version: MatchModelVersion) -> None:
        version = actions.activate_model(OPERATOR, version)
        self.stdout.write(f"version {version.version} is active")

    def list(self, as_json: bool) -> None:
        versions = list(MatchModelVersion.objects.order_by("-version"))
        if as_json:
            rows = [
                {
                    "version": v.version,
                    "status": v.status,
                    "created": v.created_at.isoformat(),
                    "sample_size": v.sample_size,
                    "store_size": v.store_size,
                    "thresholds": v.thresholds,
                    "calibrated": bool(v.calibration),
                    "evaluation": {k: e for k, e in v.evaluation.items() if k != "reliability"},
                    "activated_by": v.activated_by_name,
                    "activated_at": v.activated_at.isoformat() if v.activated_at else None,
                }
                for v in versions
            ]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not versions:
            self.stdout.write("no model versions yet: run `access matching train`")
            return
        table = Table("version", "status", "created", "sample", "possible", "probable", "active")
        for v in versions:
            table.add_row(
                str(v.version),
                ModelStatus.label(v.status),
                v.created_at.strftime("%Y-%m-%d %H:%M"),
                f"{v.sample_size:,} of {v.store_size:,}",
                f"{v.thresholds.get('possible', 0):.4f}" if v.calibration else "-",
                f"{v.thresholds.get('probable', 0):.4f}" if v.calibration else "-",
                f"{v.activated_by_name} {v.activated_at:%Y-%m-%d}" if v.activated_at else "",
            )
        text = io.StringIO()
        Console(file=text, width=120).print(table)
        self.stdout.write(text.getvalue(), ending="")
