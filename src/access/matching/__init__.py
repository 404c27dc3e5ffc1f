"""The identity-matching engine: a library with no Django imports.

Plain records in (``access.matching.schema.Record`` or columns of the same names), ranked,
calibrated, explained candidates out. A name match is a *candidate*, never an identification:
bands are "no match", "possible" (review) and "probable" (verify), and a person verifies.
"""
