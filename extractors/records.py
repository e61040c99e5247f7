"""Typed records of a report. `Report.to_dict()` is the JSON contract (see README, `rashomon schema`).

Every renderer (JSON, table, markdown) reads these records and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Literal

from . import __version__
from .contract import ISO_DATE, described

SCHEMA_VERSION = 1

Outcome = Literal["killed", "injured", "missing", "abducted", "detained"]
OUTCOMES: tuple[str, ...] = ("killed", "injured", "missing", "abducted", "detained")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with character offsets into `Article.text`."""

    text: str
    start: int = described(minimum=0)
    end: int = described(minimum=0)


@dataclass(frozen=True)
class Mention:
    """An actor as the article names it (`text`), who that is (`name`) and the side it speaks for."""

    text: str
    name: str | None = None
    party: str | None = None
    role: str | None = None


@dataclass
class Accusation:
    accuser: Mention | None
    accused: Mention
    allegation: str
    cue: str
    evidence: Evidence
    code: str | None = described(  # CAMEO event code where the cue makes it clear
        "CAMEO event code: 112 accuse (1121-1125 by topic), 111 criticize or denounce.", default=None)
    date: str | None = described(default=None, pattern=ISO_DATE)
    more_evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Casualty:
    outcome: Outcome
    count: int | None
    evidence: Evidence
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    conservative: int | None = described(
        "For a vague quantity, the figure conflict-data coders record (dozens = 12).", default=None)
    victims: str | None = None
    names: list[str] = field(default_factory=list)
    perpetrator: Mention | None = None
    reported_by: Mention | None = None
    location: str | None = None
    date: str | None = described(default=None, pattern=ISO_DATE)
    more_evidence: list[Evidence] = field(default_factory=list)
    # of an earlier or other event than the article's own (an attack in 2002, a list of past
    # shootings): `rashomon compare` leaves it out of the event's figures
    background: bool = described(
        "Of an earlier or other event than the article's own: counted since a war or a date weeks back, "
        "of an earlier attack, dated 14 days or more before publication or in an earlier year, or in a list "
        "of past events (rashomon compare leaves it out).", default=False)


@dataclass
class Statement:
    speaker: Mention
    content: str
    direct: bool = described("Quoted (true) or reported (false).")
    cue: str
    evidence: Evidence
    anonymous: bool = False
    via: str | None = None


@dataclass
class Account:
    """One side's version: indices into the report's `statements` and `accusations`."""

    party: str
    statements: list[int] = described(default_factory=list, items={"type": "integer", "minimum": 0})
    accusations: list[int] = described(default_factory=list, items={"type": "integer", "minimum": 0})


@dataclass
class Article:
    text: str = described("The analysed text; evidence offsets index it.")
    title: str | None = None
    url: str | None = None
    source: str | None = described("The outlet (site name).", default=None)
    published: str | None = described(default=None, pattern=ISO_DATE)
    language: str | None = described("ISO 639-1 code, as detected.", default=None)
    author: str | None = described("The byline, when the page gives one (names separated by '; ').", default=None)


@dataclass(frozen=True)
class Model:
    """The spaCy pipeline that parsed the article."""

    name: str = described("As spacy.load takes it: en_core_web_sm.")
    version: str = described("The pipeline's own version.")
    spacy: str = described("The version of spaCy that ran it.")


@dataclass
class Provenance:
    """What a report was made with and from, to cite and reproduce it."""

    rashomon: str | None = described("The rashomon version that made the report.", default=__version__)
    model: Model | None = described(  # None when nothing was parsed with a known pipeline
        "The spaCy pipeline that parsed the article.", default=None)
    final_url: str | None = described("A fetched page: its URL after redirects.", default=None)
    fetched_at: str | None = described(
        "A fetched page: when it was downloaded (UTC, ISO 8601).", default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@dataclass
class Report:
    input: str = described("The input as given: path, URL, - or FILE:LINE.")
    article: Article
    accusations: list[Accusation] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: str | None = described(default=None, omitted_when_none=True)
    provenance: Provenance = field(default_factory=Provenance)

    def to_dict(self) -> dict:
        data = {"schema_version": SCHEMA_VERSION}
        if self.id is not None:
            data["id"] = self.id
        body = _plain(self)
        body.pop("id")
        data.update(body)
        return data


def _plain(value):
    """Records as dicts and lists, like `dataclasses.asdict`, without its deep copy of every
    value (the values are strings, numbers and records already)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    names = _field_names(type(value))
    if names is None:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(kind)) if hasattr(kind, "__dataclass_fields__") else None


@dataclass(frozen=True)
class Source:
    """One input to analyse, as the user gave it: a path or URL to load, or content given inline.

    Picklable and small, so a batch of them can be sent to a worker process; `data` also carries
    a page fetched ahead of time (with the `content_type` and `charset` the server declared)."""

    label: str  # the input as given; becomes the report's "input"
    location: str | None = None  # a path or URL to load
    data: bytes | None = None  # raw bytes: stdin, or a page already fetched
    text: str | None = None  # article text given inline (a --records record)
    html: str | None = None  # a page given inline (a --records record)
    id: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None  # where inline or fetched content came from
    fetched_at: str | None = None  # when `data` was downloaded (UTC, ISO 8601)
    content_type: str | None = None
    charset: str | None = None
    error: str | None = None  # known to have failed before anything was read
    reading: str | None = None  # "html" or "text": how to read `data` or `location`, else detected
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An input that produced no report; rendered as `{"input": ..., "error": ...}`."""

    input: str
    error: str
    id: str | None = described(default=None, omitted_when_none=True)

    def to_dict(self) -> dict:
        data = {"input": self.input, "error": self.error}
        if self.id is not None:
            data["id"] = self.id
        return data
