"""Receiving a roster (contract; the roster work fills this in).

``receive_roster(actor, cap_facility, *, data=None, rows=None, filename="", source,
as_of=None) -> tuple[Roster, bool]``: all-or-nothing import of a CSV/XLSX file (``data``,
bytes) or of rows already read (``rows``: list of dicts keyed by the roster's column names,
the API's JSON), with the facility's saved column mapping. Refuses with ``RosterRefused``
(a ``ValidationError`` carrying ``row_errors``: list of ``{"row", "column", "message"}``)
and stores nothing. The same content sent twice returns ``(existing roster, False)`` and
queues nothing. On success stores the roster, its new and updated bookings, marks bookings
absent from it as released at ``as_of``, queues screening (``actions.screening``) and
returns ``(roster, True)``.
"""
