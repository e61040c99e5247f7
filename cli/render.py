"""Reports rendered for people (rich tables, markdown) and for programs (JSON, JSON Lines).

Every view reads the same `Report` records. Article text is data, never markup: table cells are
`rich.text.Text` objects (markup is not interpreted), markdown cells are escaped, and terminal
control sequences are stripped from every field before it is shown.
"""
from __future__ import annotations

import json
import re

from ..extractors.records import Accusation, Casualty, Failure, Mention, Report, Statement

# ANSI CSI/OSC sequences (colours, cursor moves, OSC 8 hyperlinks) and other C0/C1 controls.
_CONTROL = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
MAX_CELL = 400  # characters of a long quotation shown in a table cell


def clean(text: str | None) -> str:
    """Text safe to put on a terminal: no escape sequences or control characters."""
    return _CONTROL.sub("", text or "")


# --- JSON -------------------------------------------------------------------------


# Characters that JSON may carry raw but that line-splitting readers (Python's splitlines,
# JavaScript before ES2019, many JSON Lines tools) take for line ends: always escaped, so one
# record stays one line.
_LINE_BREAKING = re.compile("[\x85\u2028\u2029]")


def _dumps(data, **options) -> str:
    text = json.dumps(data, ensure_ascii=False, **options)
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(item: Report | Failure) -> str:
    return _dumps(item.to_dict())


def json_document(items: list[Report | Failure]) -> str:
    data = [i.to_dict() for i in items]
    return _dumps(data[0] if len(data) == 1 else data, indent=2)


# --- shared cell text -----------------------------------------------------------------


def actor_text(mention: Mention | None) -> str:
    if mention is None:
        return "—"
    text = mention.text
    if mention.name and mention.name.lower() not in text.lower():
        text += f" ({mention.name})"
    return clean(text)


def party_text(mention: Mention | None) -> str:
    return clean(mention.party) if mention and mention.party else ""


def figure_text(c: Casualty) -> str:
    if c.count is None and c.min is not None and c.max is not None:
        return f"{c.min:,}–{c.max:,}"
    if c.count is None:
        return f"vague (≈{c.conservative:,})" if c.conservative else "vague"
    prefix = "≥" if c.min is not None else "≤" if c.max is not None else "~" if c.approximate else ""
    return f"{prefix}{c.count:,}"


def quote_text(s: Statement) -> str:
    content = clean(_shorten(s.content))
    return f"“{content}”" if s.direct else content


def how_text(s: Statement) -> str:
    parts = ["quoted" if s.direct else "reported", s.cue]
    if s.via:
        parts.append(f"via {clean(s.via)}")
    if s.anonymous:
        parts.append("anonymous")
    return ", ".join(p for p in parts if p)


def where_text(start: int, end: int) -> str:
    return f"{start}–{end}"


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1].rstrip() + "…"


def _rows(report: Report) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each table as (headers, rows of plain strings): the one source of table and markdown."""
    accusations = (
        ["Accuser", "Accused", "Allegation", "Date", "Chars"],
        [
            [
                _with_party(a.accuser), _with_party(a.accused), clean(_shorten(a.allegation)),
                a.date or "", where_text(a.evidence.start, a.evidence.end),
            ]
            for a in report.accusations
        ],
    )
    casualties = (
        ["Outcome", "Figure", "Victims", "Perpetrator", "Reported by", "Place", "Date", "Chars"],
        [
            [
                c.outcome, figure_text(c), _victims(c), _with_party(c.perpetrator) if c.perpetrator else "",
                _with_party(c.reported_by) if c.reported_by else "", clean(c.location), c.date or "",
                where_text(c.evidence.start, c.evidence.end),
            ]
            for c in report.casualties
        ],
    )
    statements = (
        ["#", "Speaker", "Party", "Says", "How", "Chars"],
        [
            [str(i), actor_text(s.speaker), party_text(s.speaker), quote_text(s), how_text(s),
             where_text(s.evidence.start, s.evidence.end)]
            for i, s in enumerate(report.statements)
        ],
    )
    accounts = (
        ["Party", "Says", "Accuses"],
        [
            [
                clean(account.party),
                "\n".join(f"[{i}] {quote_text(report.statements[i])}" for i in account.statements),
                "\n".join(_accusation_line(report.accusations[i]) for i in account.accusations),
            ]
            for account in report.accounts
        ],
    )
    return {"Accusations": accusations, "Casualties": casualties, "Statements": statements, "Accounts": accounts}


def _with_party(mention: Mention | None) -> str:
    text = actor_text(mention)
    party = party_text(mention)
    return f"{text} [{party}]" if party and party.lower() not in text.lower() else text


def _victims(c: Casualty) -> str:
    text = clean(c.victims or "")
    if c.names:
        text += (": " if text else "") + ", ".join(clean(n) for n in c.names)
    return text


def _accusation_line(a: Accusation) -> str:
    return f"{actor_text(a.accused)}: {clean(_shorten(a.allegation))}"


def _heading(report: Report) -> str:
    article = report.article
    title = clean(article.title) or clean(report.input)
    details = [clean(x) for x in (article.source, article.published, article.url) if x]
    return title + (f" — {' · '.join(details)}" if details else "")


# --- rich tables ----------------------------------------------------------------------


def render_table(report: Report, console) -> None:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts = []
    for warning in report.warnings:
        parts.append(Text(f"warning: {clean(warning)}", style="yellow"))
    tables = _rows(report)
    if 2 <= len(report.accounts) <= MAX_SIDE_BY_SIDE:
        tables["Accounts"] = _side_by_side(report)
    for name, (headers, rows) in tables.items():
        if not rows:
            parts.append(Text(f"{name}: none found", style="dim"))
            continue
        table = Table(
            title=name, title_justify="left", title_style="bold", header_style="bold cyan",
            box=box.SIMPLE_HEAVY, expand=True, show_lines=name == "Accounts",
        )
        for header in headers:
            table.add_column(header, no_wrap=header in ("#", "Outcome"), style=_COLUMN_STYLES.get(header),
                             min_width=_MIN_WIDTHS.get(header), overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell, style=_cell_style(header, cell)) for header, cell in zip(headers, row)))
        parts.append(table)
    console.print(Panel(Group(*parts), title=Text(_heading(report)), title_align="left", box=box.ROUNDED))


# Up to this many sides, each side's account is a column of its own, next to the others.
MAX_SIDE_BY_SIDE = 4


def _side_by_side(report: Report) -> tuple[list[str], list[list[str]]]:
    """The accounts as columns, one a side: what each said and whom it accused."""
    headers, cells = [], []
    for account in report.accounts:
        lines = [f"[{i}] {quote_text(report.statements[i])}" for i in account.statements]
        lines += [f"accuses {_accusation_line(report.accusations[i])}" for i in account.accusations]
        headers.append(clean(account.party))
        cells.append("\n".join(lines))
    return headers, [cells]


_MIN_WIDTHS = {"Says": 16, "Allegation": 16}
_COLUMN_STYLES = {"Party": "magenta", "Chars": "dim", "#": "dim", "Date": "green"}
_OUTCOME_STYLES = {"killed": "bold red", "injured": "yellow", "missing": "blue", "abducted": "magenta", "detained": "cyan"}


def _cell_style(header: str, cell: str) -> str:
    return _OUTCOME_STYLES.get(cell, "") if header == "Outcome" else ""


# --- markdown -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " <br> ", text)).replace("\\<br\\>", "<br>")


def render_markdown(report: Report) -> str:
    lines = [f"## {_md(_heading(report))}", ""]
    for warning in report.warnings:
        lines += [f"> warning: {_md(clean(warning))}", ""]
    for name, (headers, rows) in _rows(report).items():
        lines.append(f"### {name}")
        lines.append("")
        if not rows:
            lines += ["None found.", ""]
            continue
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join("---" for _ in headers) + "|")
        for row in rows:
            lines.append("| " + " | ".join(_md(cell) for cell in row) + " |")
        lines.append("")
    return "\n".join(lines)
