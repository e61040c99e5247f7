"""Reports read back from `rashomon analyze` JSON Lines, so an archive analysed once can be
compared many times without parsing it again.

Strict where a comparison needs a value (article text, evidence offsets, counts), lenient where
a field was added after the report was written (a missing `background` is False).
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..errors import InputError
from ..records import (
    SCHEMA_VERSION, Account, Accusation, Article, Casualty, Evidence, Failure, Mention, Model,
    Provenance, Report, Statement,
)


class ReportFormatError(InputError):
    """A line that is not a report `rashomon analyze` writes."""


def read_reports(lines: Iterable[str], source: str) -> Iterator[Report | Failure]:
    """Each non-blank line as a Report, or as a Failure: the failed input a line records, or
    the line itself (`source:LINE`) when it cannot be read as a report."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(input=f"{source}:{number}", error=f"not JSON: {error.msg} (column {error.colno})")
            continue
        try:
            if isinstance(data, dict) and "error" in data and "article" not in data:
                yield Failure(input=_text(data, "input"), error=_text(data, "error"), id=_optional_text(data, "id"))
            else:
                yield report_from_dict(data)
        except ReportFormatError as error:
            yield Failure(input=f"{source}:{number}", error=f"not a rashomon report: {error}")


def report_from_dict(data) -> Report:
    """A Report from its `to_dict()` form. Raises ReportFormatError naming the field at fault."""
    if not isinstance(data, dict):
        raise ReportFormatError(f"expected a JSON object, got {_kind(data)}")
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise ReportFormatError(f"schema_version {version!r}; this rashomon reads {SCHEMA_VERSION}")
    article = _object(data, "article")
    report = Report(
        input=_text(data, "input"),
        id=_optional_text(data, "id"),
        article=Article(
            text=_text(article, "text", "article."), title=_optional_text(article, "title"),
            url=_optional_text(article, "url"), source=_optional_text(article, "source"),
            published=_optional_text(article, "published"), language=_optional_text(article, "language"),
            author=_optional_text(article, "author"),
        ),
        accusations=[_accusation(item, f"accusations[{i}].") for i, item in enumerate(_list(data, "accusations"))],
        casualties=[_casualty(item, f"casualties[{i}].") for i, item in enumerate(_list(data, "casualties"))],
        statements=[_statement(item, f"statements[{i}].") for i, item in enumerate(_list(data, "statements"))],
        accounts=[_account(item, f"accounts[{i}].") for i, item in enumerate(_list(data, "accounts"))],
        warnings=[str(w) for w in _list(data, "warnings")],
        provenance=_provenance(data.get("provenance")),
    )
    for i, account in enumerate(report.accounts):
        if any(k >= len(report.statements) for k in account.statements) or any(k >= len(report.accusations) for k in account.accusations):
            raise ReportFormatError(f"accounts[{i}]: an index past the end of statements or accusations")
    return report


# --- the records --------------------------------------------------------------------------


def _accusation(data, where: str) -> Accusation:
    data = _as_object(data, where)
    return Accusation(
        accuser=_mention(data.get("accuser"), where + "accuser"), accused=_required_mention(data, "accused", where),
        allegation=_text(data, "allegation", where), cue=_optional_text(data, "cue") or "",
        evidence=_evidence(data.get("evidence"), where + "evidence"), code=_optional_text(data, "code"),
        date=_optional_text(data, "date"), more_evidence=_more_evidence(data, where),
    )


def _casualty(data, where: str) -> Casualty:
    data = _as_object(data, where)
    casualty = Casualty(
        outcome=_text(data, "outcome", where), count=_integer(data, "count", where),
        evidence=_evidence(data.get("evidence"), where + "evidence"), min=_integer(data, "min", where),
        max=_integer(data, "max", where), approximate=bool(data.get("approximate", False)),
        conservative=_integer(data, "conservative", where), victims=_optional_text(data, "victims"),
        names=[str(n) for n in _list(data, "names", where)], perpetrator=_mention(data.get("perpetrator"), where + "perpetrator"),
        reported_by=_mention(data.get("reported_by"), where + "reported_by"), location=_optional_text(data, "location"),
        date=_optional_text(data, "date"), more_evidence=_more_evidence(data, where),
        background=data.get("background") is True,
    )
    return casualty


def _statement(data, where: str) -> Statement:
    data = _as_object(data, where)
    return Statement(
        speaker=_required_mention(data, "speaker", where), content=_text(data, "content", where),
        direct=bool(data.get("direct", False)), cue=_optional_text(data, "cue") or "",
        evidence=_evidence(data.get("evidence"), where + "evidence"), anonymous=bool(data.get("anonymous", False)),
        via=_optional_text(data, "via"),
    )


def _account(data, where: str) -> Account:
    data = _as_object(data, where)
    return Account(
        party=_text(data, "party", where),
        statements=[_index(v, where + "statements") for v in _list(data, "statements", where)],
        accusations=[_index(v, where + "accusations") for v in _list(data, "accusations", where)],
    )


def _provenance(data) -> Provenance:
    """As written; a report from before the contract had provenance says nothing of it."""
    if not isinstance(data, dict):
        return Provenance(rashomon=None)
    model = data.get("model")
    model = Model(name=model["name"], version=model["version"], spacy=model["spacy"]) if (
        isinstance(model, dict) and all(isinstance(model.get(k), str) for k in ("name", "version", "spacy"))) else None
    return Provenance(rashomon=_optional_text(data, "rashomon"), model=model, final_url=_optional_text(data, "final_url"),
                      fetched_at=_optional_text(data, "fetched_at"))


def _mention(data, where: str) -> Mention | None:
    if data is None:
        return None
    data = _as_object(data, where)
    return Mention(text=_text(data, "text", where + "."), name=_optional_text(data, "name"),
                   party=_optional_text(data, "party"), role=_optional_text(data, "role"))


def _required_mention(data: dict, key: str, where: str) -> Mention:
    mention = _mention(data.get(key), where + key)
    if mention is None:
        raise ReportFormatError(f"{where}{key}: missing")
    return mention


def _evidence(data, where: str) -> Evidence:
    data = _as_object(data, where)
    return Evidence(text=_text(data, "text", where + "."), start=_integer(data, "start", where + ".", required=True),
                    end=_integer(data, "end", where + ".", required=True))


def _more_evidence(data: dict, where: str) -> list[Evidence]:
    return [_evidence(e, f"{where}more_evidence[{i}]") for i, e in enumerate(_list(data, "more_evidence", where))]


# --- the values -----------------------------------------------------------------------------


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


def _as_object(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise ReportFormatError(f"{where}: expected an object, got {_kind(value)}")
    return value


def _object(data: dict, key: str) -> dict:
    return _as_object(data.get(key), key)


def _list(data: dict, key: str, where: str = "") -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ReportFormatError(f"{where}{key}: expected a list, got {_kind(value)}")
    return value


def _text(data: dict, key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ReportFormatError(f"{where}{key}: expected a string, got {_kind(value)}")
    return value


def _optional_text(data: dict, key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _integer(data: dict, key: str, where: str, required: bool = False) -> int | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportFormatError(f"{where}{key}: expected an integer, got {_kind(value)}")
    return value


def _index(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReportFormatError(f"{where}: expected indices, got {_kind(value)}")
    return value
