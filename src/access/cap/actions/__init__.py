"""CAP operations, each audited (one transaction, one actor, one typed event) and checking the
actor's grant itself: facilities, rosters, screening, queue (review, stops, interviews)."""
