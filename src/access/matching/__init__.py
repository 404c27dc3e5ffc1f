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
- ``search.Matcher(model, store).search(record)`` -> ``Candidate`` list (online, in-process);
  ``search.compare(model, a, b)`` for one pair.
- ``calibrate.fit_isotonic / choose_thresholds / reliability / band``; ``explain.explain``;
  ``rules.conflicts / caps`` (the safety rules every banding applies: a name alone is never
  probable, possible twins are capped at possible); ``model.DEFAULT_THRESHOLDS``.
- ``link.link / link.dedupe`` (batch on DuckDB or Spark, with a given model or one trained
  on the inputs), ``link.read_records``, ``link.load_model``.
- ``bench.run`` (``access bench matching``).
"""
