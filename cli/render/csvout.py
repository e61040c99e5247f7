"""Reports as CSV and TSV for spreadsheets and conflict-data coding sheets: one row per fact
(accusation, casualty figure, statement), its `kind` in the first column, the article's fields
repeated on each row, the header once per run.

Quoting is RFC 4180's (a field with the delimiter, a quote or a line break is quoted, quotes
doubled), in TSV too, so no field is ever cut or changed. A text cell that a spreadsheet would
read as a formula (beginning with =, +, -, @, a tab or a carriage return) is prefixed with a
single quote, as OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection): article
text is data, never a formula. Numbers are written as numbers.

The rows are read from `Report.to_dict()`, the JSON contract, so CSV and JSON always agree."""
from __future__ import annotations

import csv
import io
from typing import Callable

from .base import Renderer
from .safe import clean

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
NAMES_SEPARATOR = "; "  # a casualty's named victims, in one cell
# --kind's values (the report's lists) -> the `kind` column's values
KINDS = {"accusations": "accusation", "casualties": "casualty", "statements": "statement"}


def _who(mention: dict | None) -> str | None:
    return mention and (mention.get("name") or mention.get("text"))


def _party(mention: dict | None) -> str | None:
    return mention and mention.get("party")


Getter = Callable[[dict], object]

# The article's columns, then each kind's; a column a kind does not have is left empty.
ARTICLE_COLUMNS: dict[str, Getter] = {
    "id": lambda r: r.get("id"),
    "input": lambda r: r["input"],
    "title": lambda r: r["article"].get("title"),
    "source": lambda r: r["article"].get("source"),
    "published": lambda r: r["article"].get("published"),
    "url": lambda r: r["article"].get("url"),
}
FACT_COLUMNS: dict[str, Getter] = {
    "outcome": lambda f: f.get("outcome"),
    "count": lambda f: f.get("count"),
    "min": lambda f: f.get("min"),
    "max": lambda f: f.get("max"),
    "conservative": lambda f: f.get("conservative"),
    "victims": lambda f: f.get("victims"),
    "names": lambda f: NAMES_SEPARATOR.join(f.get("names") or []),
    "perpetrator": lambda f: _who(f.get("perpetrator")),
    "perpetrator_party": lambda f: _party(f.get("perpetrator")),
    "reported_by": lambda f: _who(f.get("reported_by")),
    "reported_by_party": lambda f: _party(f.get("reported_by")),
    "accuser": lambda f: _who(f.get("accuser")),
    "accuser_party": lambda f: _party(f.get("accuser")),
    "accused": lambda f: _who(f.get("accused")),
    "accused_party": lambda f: _party(f.get("accused")),
    "allegation": lambda f: f.get("allegation"),
    "code": lambda f: f.get("code"),
    "speaker": lambda f: _who(f.get("speaker")),
    "party": lambda f: _party(f.get("speaker")),
    "content": lambda f: f.get("content"),
    "direct": lambda f: f.get("direct"),
    "place": lambda f: f.get("location"),
    "date": lambda f: f.get("date"),
    "evidence": lambda f: f["evidence"]["text"],
    "start": lambda f: f["evidence"]["start"],
    "end": lambda f: f["evidence"]["end"],
}
# Who wrote the article and what the report was made with, last, so the columns before keep
# their places.
def _model(report: dict) -> str | None:
    model = (report.get("provenance") or {}).get("model")
    return model and f"{model['name']} {model['version']}"


SOURCE_COLUMNS: dict[str, Getter] = {
    "author": lambda r: r["article"].get("author"),
    "final_url": lambda r: (r.get("provenance") or {}).get("final_url"),
    "fetched_at": lambda r: (r.get("provenance") or {}).get("fetched_at"),
    "rashomon": lambda r: (r.get("provenance") or {}).get("rashomon"),
    "model": _model,
}
COLUMNS = ["kind", *ARTICLE_COLUMNS, *FACT_COLUMNS, *SOURCE_COLUMNS]


def inert(value) -> str | int | float:
    """A cell as a spreadsheet shows it: text cleaned of control codes and never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = clean(str(value))  # (a carriage return goes with the other control codes)
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text


def fact_rows(report: dict, kinds: list[str] | None = None):
    """Each fact of a report (its JSON form) as a row of COLUMNS' values, not yet made inert."""
    article = [get(report) for get in ARTICLE_COLUMNS.values()]
    source = [get(report) for get in SOURCE_COLUMNS.values()]
    for plural, kind in KINDS.items():
        if kinds and plural not in kinds:
            continue
        for fact in report.get(plural, []):
            yield [kind, *article, *(get(fact) for get in FACT_COLUMNS.values()), *source]


class CsvRenderer(Renderer):
    delimiter = ","
    line_end = "\r\n"  # RFC 4180

    def begin(self, count: int) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, delimiter=self.delimiter, lineterminator=self.line_end,
                                 quoting=csv.QUOTE_MINIMAL)
        self.kinds = [self.output.options.kind] if self.output.options.kind else None
        self._write([COLUMNS])

    def item(self, report) -> None:
        self._write(fact_rows(report.to_dict(), self.kinds))

    def _write(self, rows) -> None:
        self.writer.writerows([inert(cell) for cell in row] for row in rows)
        self.output.write(self.buffer.getvalue())
        self.buffer.seek(0)
        self.buffer.truncate()


class TsvRenderer(CsvRenderer):
    delimiter = "\t"
    line_end = "\n"
