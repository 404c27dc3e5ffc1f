"""CAP pages, one module per part of the work: facilities, rosters, screening, queue."""
