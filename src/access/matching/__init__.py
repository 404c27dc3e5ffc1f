"""The identity-matching engine: a library with no Django imports.

Plain records in (``access.matching.schema.Record`` or columns of the same names), ranked,
calibrated, explained candidates out. A name match is a *candidate*, never an identification:
bands are "no match", "possible" (review) and "probable" (verify), and a person verifies.

Public API (import from the modules):

- ``normalize.features(record)`` -> feature row; ``dates.parse_date``; ``names.fold`` ...
- ``keys.keys_for(record) -> set[str]`` (the candidate index; store these per record),
  ``keys.KeyIndex`` (in memory), ``store.Store`` / ``store.features_table`` (rows, Arrow).
- ``model.train(features_table) -> Model`` (Splink 5, EM, term frequencies on names);
  ``Model.save/load`` (JSON: Splink settings with m/u, prior, tf tables, band thresholds and
  the isotonic calibration map); ``Model.calibrated(p)``.
- ``search.Scorer(model)``: ``shortlist`` / ``shortlist_online`` (a caller's candidate rows),
  ``search`` (one call), ``score`` (every row explained), ``band`` (probabilities and bands);
  ``search.rank(shortlist, limit)`` (the answer from one or several parts);
  ``search.Matcher(model, store).search(record)`` (the in-memory reference);
  ``search.compare(model, a, b)`` for one pair. In the app, ``access.records.search`` is the
  one front door (model loading and candidate sources).
- ``calibrate.fit_isotonic / choose_thresholds / reliability / band``; ``explain.explain``;
  ``rules.conflicts / caps`` (the safety rules every banding applies: a name alone is never
  probable, possible twins are capped at possible); ``model.DEFAULT_THRESHOLDS``.
- ``link.link / link.dedupe`` (batch on DuckDB or Spark, with a given model or one trained
  on the inputs), ``link.read_records``, ``link.load_model``.
- ``bench.run`` (``access bench matching``).
"""
