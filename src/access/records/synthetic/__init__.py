"""A synthetic population of person records with ground truth (plain Python + numpy).

    population = generate(persons=10_000, seed=7)
    population.records   # pyarrow Table, one row per record (COLUMNS)
    population.persons   # pyarrow Table, one row per true person
    probes(population, n=1_000, seed=7, absent_share=0.2)

No Django imports here: the matching engine's benchmarks use this package directly.
"""

from access.records.synthetic.errors import ERROR_KINDS, ERROR_RATES, ORIGINAL_FACTOR
from access.records.synthetic.io import (
    FORMATS,
    FormatError,
    file_format,
    read_table,
    record_from_row,
    records_from_table,
    write_csv,
    write_parquet,
    write_table,
)
from access.records.synthetic.population import (
    COLUMNS,
    EXTRA_RECORDS_P,
    PROBE_COLUMNS,
    RECORD_COLUMNS,
    TRUTH_COLUMNS,
    Population,
    generate,
    persons_table,
    probes,
)

__all__ = [
    "COLUMNS",
    "ERROR_KINDS",
    "ERROR_RATES",
    "EXTRA_RECORDS_P",
    "FORMATS",
    "ORIGINAL_FACTOR",
    "PROBE_COLUMNS",
    "RECORD_COLUMNS",
    "TRUTH_COLUMNS",
    "FormatError",
    "Population",
    "file_format",
    "generate",
    "persons_table",
    "probes",
    "read_table",
    "record_from_row",
    "records_from_table",
    "write_csv",
    "write_parquet",
    "write_table",
]
