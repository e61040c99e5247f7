"""A publication date given with an input (a record's "published", the API's `published=`): read
as an ISO date, or left out with a warning; never silently replaced by another date."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from .dates import normalize_date

COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)$")  # 20170502
EPOCH = re.compile(r"^(\d{9,10}|\d{12,13})(?:\.\d+)?$")  # seconds (or milliseconds) since 1970
MILLISECOND_DIGITS = 12
NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")  # 05/01/2016
MONTHS_IN_YEAR = 12
# dateparser reads a value against each anchor: a value read differently against the two is
# relative ("yesterday", "3 days ago") or has no day ("May 2017"), and is no publication date.
ANCHORS = (datetime(2001, 1, 10), datetime(2011, 7, 25))


def read_published(value: str | None) -> tuple[str | None, str | None]:
    """(the ISO date `value` names, a warning for the reader): ("2016-05-01", "... read as
    month/day ...") for 05/01/2016; (None, "... left out") for "yesterday"; (None, None) for
    nothing given."""
    text = (value or "").strip()
    if not text:
        return None, None
    exact = normalize_date(text) or _compact(text) or _epoch(text)
    if exact:
        return exact, None
    readings = [_dateparser(text, anchor) for anchor in ANCHORS]
    if readings[0] is None or readings[1] is None:
        return None, f"published {text!r} is not a date rashomon can read: left out"
    if readings[0] != readings[1]:
        return None, f"published {text!r} is relative or has no day, not a publication date: left out"
    return readings[0], _ambiguity(text, readings[0])


def _compact(text: str) -> str | None:
    match = COMPACT.match(text)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _epoch(text: str) -> str | None:
    match = EPOCH.match(text)
    if not match:
        return None
    seconds = int(match.group(1)) / (1000 if len(match.group(1)) >= MILLISECOND_DIGITS else 1)
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


def _dateparser(text: str, anchor: datetime) -> str | None:
    try:
        import dateparser
    except ImportError:  # installed with htmldate, trafilatura's; without it only exact forms are read
        return None
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": anchor, "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # noqa: BLE001 (dateparser raises on odd input; it is then no date)
        return None
    return parsed.date().isoformat() if parsed else None


def _ambiguity(text: str, read: str) -> str | None:
    """A warning when day and month could be either way round: 05/01/2016 (read month first)."""
    match = NUMERIC.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first == second or first > MONTHS_IN_YEAR or second > MONTHS_IN_YEAR:
        return None
    return f"published {text!r} could be day/month or month/day: read as {read} (month first)"
