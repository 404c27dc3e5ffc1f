"""CAP jail screening: facility settings, booking rosters, screening jobs on the matching
engine, the referral queue, interviews and their outcomes (docs/cap.md)."""
