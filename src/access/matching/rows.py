"""Online search over candidate feature rows that the caller fetched (a database index).

``search.Matcher`` holds a whole ``Store`` in memory; a store kept in a database hands the
engine only the feature rows (``normalize.features``) of one query's candidates. ``RowMatcher``
scores, bands, orders and explains them exactly as ``Matcher.search`` / ``score_pairs`` do
(tests prove the same candidates and bands), so both back ends answer alike. Keys come from
``keys.query_keys``; the caller applies ``keys.posting_cap`` as ``KeyIndex`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from access.matching import evaluate, search
from access.matching.model import Model
from access.matching.schema import Record
from access.matching.search import Candidate

Row = dict[str, Any]


class RowMatcher:
    """One trained model; candidates arrive as feature rows (with ``unique_id``)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.compiled = evaluate.compile_model(model)

    def score_rows(self, query: Record, rows: Sequence[Row]) -> list[Candidate]:
        """Every row scored, banded and explained (``Matcher.score_pairs``)."""
        return search.candidates(self.model, self.compiled, query, rows) if rows else []

    def search(
        self,
        query: Record,
        rows: Sequence[Row],
        limit: int = 10,
        include_no_match: bool = False,
    ) -> list[Candidate]:
        """The best of the candidate ``rows`` for one inquiry, most likely first
        (``search.best``). ``rows`` in the store's order (``Matcher`` sorts candidates by row
        number), which settles ties in match weight the same way."""
        return search.best(self.model, self.compiled, query, rows, limit, include_no_match)

    def shortlist(
        self,
        query: Record,
        rows: Sequence[Row],
        limit: int = 10,
        record_ids: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """``search.rows_shortlist``: the rows that can reach *possible*, for
        ``search.finish`` (alone, or merged with another part's shortlist), named by
        ``record_ids`` (default: each row's ``unique_id``)."""
        return search.rows_shortlist(
            self.model, self.compiled, query, rows, limit, record_ids=record_ids
        )
