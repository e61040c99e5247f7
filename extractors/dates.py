"""Dates: datelines at the head of an article, and dates in a sentence resolved against it."""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1}
_RELATIVE_RE = re.compile(r"\b(today|tonight|yesterday|last night)\b", re.I)
# How far into an article's opening its dateline may sit.
DATELINE_WINDOW = 160


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _absolute(match: re.Match) -> date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["d"] if groups.get("d") else groups["day"])
    return _make(int(groups["year"]), month, day)


def find_dateline(text: str) -> str | None:
    """The publication date an article states at its head ("Published October 12 2016")."""
    head = text[:DATELINE_WINDOW]
    found = []
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(head):
            value = _absolute(match)
            if value:
                found.append((match.start(), value))
    return min(found)[1].isoformat() if found else None


def normalize_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value, or None."""
    if not value:
        return None
    match = _ISO.search(value)
    if match:
        parsed = _absolute(match)
        return parsed.isoformat() if parsed else None
    return find_dateline(value)


def resolve_date(text: str, published: str | None) -> str | None:
    """The ISO date a phrase names ("on Tuesday", "July 30, 2024", "yesterday"), resolved
    against the publication date where the phrase is relative; None when it names none."""
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match and (value := _absolute(match)):
            return value.isoformat()
    anchor = date.fromisoformat(published) if published else None
    if anchor is None:
        return None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group("month").lower().rstrip(".")]
            value = _make(anchor.year, month, int(match.group("day")))
            if value and value > anchor + timedelta(days=1):
                value = _make(anchor.year - 1, month, int(match.group("day")))
            if value:
                return value.isoformat()
    match = _RELATIVE_RE.search(text)
    if match:
        return (anchor + timedelta(days=_RELATIVE[match.group(1).lower()])).isoformat()
    match = _WEEKDAY.search(text)
    if match:
        # News speaks of the past week: the latest such weekday on or before publication.
        back = (anchor.weekday() - WEEKDAYS.index(match.group("weekday").lower())) % 7
        return (anchor - timedelta(days=back)).isoformat()
    return None


# --- how long before the article a phrase is ---------------------------------------------

_YEAR_ONLY = re.compile(r"\b(?P<year>(?:19|20)\d\d)s?\b")
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_ONLY = re.compile(r"^(?:(?:early|late|mid|in|since|last|this|the|of)[\s-]+)*" + _MONTH + r"$", re.I)
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?P<unit>years?|decades?|months?)\s+(?:ago|earlier|before)\b", re.I)
_LAST = re.compile(r"\b(?:last|previous|past)\s+(?P<unit>year|decade|month|century)\b", re.I)


def years_in(text: str) -> list[int]:
    """The years a phrase names: "in 2002" -> [2002]; "the 1990s" -> [1990]."""
    return [int(m.group("year")) for m in _YEAR_ONLY.finditer(text)]


def is_earlier(text: str, published: str | None, year: int | None, days: int) -> bool:
    """Whether a date phrase names a time `days` or more before the article: a date that long
    before `published`, a year before the article's `year` ("in 2002"), "last year", "two
    months ago". Relative phrases need `published`; a bare year needs `year` or `published`."""
    anchor = date.fromisoformat(published) if published else None
    reference = anchor.year if anchor else year
    if _AGO.search(text) or _LAST.search(text):
        return True
    exact = resolve_date(text, published)
    if exact:
        value = date.fromisoformat(exact)
        return (anchor - value).days >= days if anchor else reference is not None and value.year < reference
    match = _MONTH_YEAR.search(text)
    if match:
        month, when = MONTHS[match.group("month").lower().rstrip(".")], int(match.group("year"))
        if anchor:
            return (anchor.year, anchor.month) > (when, month) and (anchor - _month_end(when, month)).days >= days
        return reference is not None and when < reference
    match = _MONTH_ONLY.search(text.strip())
    if match and anchor:
        month = MONTHS[match.group("month").lower().rstrip(".")]
        when = anchor.year if month <= anchor.month else anchor.year - 1  # the latest such month
        return (anchor - date(when, month, 1)).days >= days
    years = years_in(text)
    return bool(years) and reference is not None and max(years) < reference


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
