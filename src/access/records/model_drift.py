"""The active model's bands against what analysts decided, and the alert when they part.

For each band ("probable", "possible"), the analysts' decided pairs (``model_lifecycle
.decisions``) scored and banded under the active version: the *observed* rate is the share
the analysts verified, the *expected* rate the mean calibrated probability of those pairs
(what the calibration promises). The band has *drifted* when the two differ by more than the
model's stated margin: two standard errors of a rate over ``n`` pairs at the expected rate
(``calibrate.reliability``'s margin), never less than ``MIN_MARGIN``, and only once
``MIN_DECISIONS`` pairs are in the band (a handful of decisions proves nothing).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from access.matching import calibrate
from access.records import model_lifecycle
from access.records.models import MatchModelVersion

MIN_DECISIONS = 20
MIN_MARGIN = 0.02
BANDS = (calibrate.PROBABLE, calibrate.POSSIBLE)


def compare(version: MatchModelVersion) -> list[dict[str, Any]]:
    """One row per band: decided pairs, verified, observed and expected rate, margin, drift."""
    model = version.model()
    pairs = model_lifecycle.Pairs()
    model_lifecycle.decision_pairs(model, model_lifecycle.decisions(), pairs)
    probs, labels, bands = pairs.banded(model)
    found = np.asarray(bands)
    rows = []
    for band in BANDS:
        mask = found == band
        n = int(mask.sum())
        verified = int(labels[mask].sum()) if n else 0
        expected = float(probs[mask].mean()) if n else None
        observed = verified / n if n else None
        margin = (
            max(MIN_MARGIN, 2 * math.sqrt(expected * (1 - expected) / n))
            if expected is not None
            else None
        )
        drifted = bool(
            n >= MIN_DECISIONS
            and observed is not None
            and expected is not None
            and margin is not None
            and abs(observed - expected) > margin
        )
        rows.append(
            {
                "band": band,
                "decided": n,
                "verified": verified,
                "observed": observed,
                "expected": expected,
                "margin": margin,
                "enough": n >= MIN_DECISIONS,
                "drifted": drifted,
            }
        )
    return rows
