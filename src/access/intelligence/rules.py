"""The rules of 28 CFR Part 23 as this app applies them, and where they are configured.

* Retention (23.20(h)): a record is kept at most ``INTELLIGENCE_RETENTION_YEARS`` (settings;
  5, the regulation's maximum, by default; a smaller number is allowed, a larger one is an
  error) from its entry or its last validation. That date is the record's *review date*: the
  last day it may be kept without a new validation. The daily job purges a record still not
  validated on the day after its review date; on the review date itself it is kept.
* Review queue: the daily job queues a record ``INTELLIGENCE_REVIEW_NOTICE_DAYS`` (settings,
  90 by default) before its review date and tells the task force's ICE lead and supervisors.
* Entry (23.20(a), (b)): a reasonable-suspicion statement of at least
  ``MIN_SUSPICION_WORDS`` words, a definable criminal activity, a source with its
  reliability, and the submitter's attestation that the record does not rest on political,
  religious or social views, associations or activities alone.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The most 28 CFR 23.20(h) allows.
MAX_RETENTION_YEARS = 5
DEFAULT_NOTICE_DAYS = 90
MIN_SUSPICION_WORDS = 12
MIN_SUSPICION_CHARS = 60
MIN_REASON_CHARS = 20

ATTESTATION = (
    "This record does not rest on the subject's political, religious or social views, "
    "associations or activities alone: it is based on reasonable suspicion of the criminal "
    "activity named."
)


def retention_years() -> int:
    years = getattr(settings, "INTELLIGENCE_RETENTION_YEARS", MAX_RETENTION_YEARS)
    if not isinstance(years, int) or not 1 <= years <= MAX_RETENTION_YEARS:
        raise ImproperlyConfigured(
            f"INTELLIGENCE_RETENTION_YEARS must be a whole number from 1 to "
            f"{MAX_RETENTION_YEARS} (28 CFR 23.20(h)); it is {years!r}."
        )
    return years


def notice_days() -> int:
    days = getattr(settings, "INTELLIGENCE_REVIEW_NOTICE_DAYS", DEFAULT_NOTICE_DAYS)
    if not isinstance(days, int) or days < 0:
        raise ImproperlyConfigured(
            f"INTELLIGENCE_REVIEW_NOTICE_DAYS must be a whole number of days; it is {days!r}."
        )
    return days


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_date(since: dt.date) -> dt.date:
    """The review date of a record entered or last validated on ``since``."""
    return add_years(since, retention_years())


def is_past_review(review_on: dt.date, today: dt.date) -> bool:
    """True from the day after the review date: the record is purged then."""
    return today > review_on


def suspicion_problem(text: str) -> str | None:
    """Why a reasonable-suspicion statement is not enough, or None."""
    words = re.findall(r"[A-Za-z0-9']+", text or "")
    if len(text.strip()) < MIN_SUSPICION_CHARS or len(words) < MIN_SUSPICION_WORDS:
        return (
            "State the facts that give reasonable suspicion that the subject is involved in "
            f"the criminal activity (at least {MIN_SUSPICION_WORDS} words): what was seen or "
            "reported, when, and how it ties the subject to the activity."
        )
    if len({w.lower() for w in words}) < len(words) // 3:
        return "The statement repeats itself; state the facts that give reasonable suspicion."
    return None
