"""A comparison rendered for people (rich tables, markdown) and for programs (one JSON document).

Per event: its articles, its figures (one row per outcome and victims, one column per source),
each party's account (one column per party, up to a few), and the disagreements. As in every
view, article text is data: table cells are `rich.text.Text`, markdown cells are escaped, and
control sequences are stripped before anything is shown.
"""
from __future__ import annotations

import re

from ..extractors.compare import Comparison, Event, Figure, PartyAccount
from .render.cells import figure_text
from .render.jsonout import dumps
from .render.safe import clean

# Up to this many parties, each party's account is a column of its own.
MAX_PARTY_COLUMNS = 4
# Characters of a statement or allegation shown in a cell.
MAX_QUOTE = 200


def json_document(comparison: Comparison) -> str:
    """One document, with the same escaping as reports (U+2028 and the like never break a line)."""
    return dumps(comparison.to_dict(), indent=2)


# --- the tables, as plain strings (the one source of rich tables and markdown) ---------------


def source_label(event: Event, input: str) -> str:
    """A source as a column header: "[2] Reuters", or "[2]" (the Articles table says which)."""
    number = next(i for i, a in enumerate(event.articles, start=1) if a.input == input)
    outlet = event.articles[number - 1].source
    return f"[{number}] {clean(outlet)}" if outlet else f"[{number}]"


def heading(number: int, event: Event) -> str:
    details = [x for x in (event.date, ", ".join(clean(p) for p in event.places)) if x]
    count = len(event.articles)
    details.append(f"{count} article{'s' if count != 1 else ''}")
    return f"Event {number} — " + " · ".join(details)


def article_rows(event: Event) -> tuple[list[str], list[list[str]]]:
    headers = ["#", "Title", "Outlet", "Published", "Input"]
    rows = [[str(i), clean(a.title or ""), clean(a.source or ""), a.published or "", clean(a.input)]
            for i, a in enumerate(event.articles, start=1)]
    return headers, rows


def figure_rows(event: Event) -> tuple[list[str], list[list[str]]]:
    """Outcome × source: the reconciled range, best and conservative figures, then what each
    source says (every figure it gives for that outcome and victims)."""
    sources = [a.input for a in event.articles if any(r.input == a.input for f in event.figures for r in f.reports)]
    headers = ["Outcome", "Victims", "Low–high", "Best", "Conservative", *[source_label(event, s) for s in sources]]
    rows = []
    for figure in event.figures:
        cells = [figure.outcome, _victims(figure), _range(figure), _number(figure.best), _number(figure.conservative)]
        for source in sources:
            cells.append(", ".join(figure_text(r) for r in figure.reports if r.input == source))
        rows.append(cells)
    return headers, rows


def account_lines(event: Event, account: PartyAccount) -> list[str]:
    lines = [f"{_quote(s.content, s.direct)}{' (denies)' if s.denial else ''} — {_carried(event, s.carried_by)}"
             for s in account.statements]
    lines += [f"accuses {_accused(a)}: {_shorten(clean(a.allegation))} — {_carried(event, a.carried_by)}"
              for a in account.accusations]
    return lines


def _accused(accusation) -> str:
    """The accused with the side it stands for: "army artillery [Mali]"."""
    text, party = clean(accusation.accused), clean(accusation.accused_party)
    return f"{text} [{party}]" if party and party.lower() not in text.lower() else text


def account_rows(event: Event) -> tuple[list[str], list[list[str]]]:
    """One column per party when there are a few; else one row per party."""
    if 2 <= len(event.accounts) <= MAX_PARTY_COLUMNS:
        return [clean(a.party) for a in event.accounts], [["\n".join(account_lines(event, a)) for a in event.accounts]]
    return ["Party", "Says and accuses", "Carried by"], [
        [clean(a.party), "\n".join(account_lines(event, a)), _carried(event, a.carried_by)] for a in event.accounts
    ]


def disagreement_rows(event: Event) -> tuple[list[str], list[list[str]]]:
    return ["Kind", "Disagreement"], [[d.kind, clean(d.summary)] for d in event.disagreements]


def tables(event: Event) -> dict[str, tuple[list[str], list[list[str]]]]:
    return {"Articles": article_rows(event), "Figures": figure_rows(event),
            "Accounts": account_rows(event), "Disagreements": disagreement_rows(event)}


def _victims(figure: Figure) -> str:
    victims = clean(figure.victims) if figure.victims else "all"
    return f"{victims} (of {figure.part_of})" if figure.part_of else victims


def _range(figure: Figure) -> str:
    if figure.low is None:
        return "vague"
    text = f"{figure.low:,}" if figure.low == figure.high else f"{figure.low:,}–{figure.high:,}"
    return text + (" (disagree)" if figure.disagree else "")


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _quote(text: str, direct: bool) -> str:
    text = _shorten(clean(text))
    return f"“{text}”" if direct else text


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def _carried(event: Event, inputs: list[str]) -> str:
    numbers = [str(i) for i, a in enumerate(event.articles, start=1) if a.input in inputs]
    return "in " + ", ".join(f"[{n}]" for n in numbers)


# --- rich -------------------------------------------------------------------------------------


def render_table(comparison: Comparison, console) -> None:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    if not comparison.events:
        console.print(Text("No events: no article was analysed.", style="dim"))
    for number, event in enumerate(comparison.events, start=1):
        parts = []
        for name, (headers, rows) in tables(event).items():
            if not rows:
                parts.append(Text(f"{name}: none found", style="dim"))
                continue
            table = Table(title=name, title_justify="left", title_style="bold", header_style="bold cyan",
                          box=box.SIMPLE_HEAVY, expand=True, show_lines=name == "Accounts")
            for header in headers:
                table.add_column(header, overflow="fold", no_wrap=header in ("#", "Outcome"))
            for row in rows:
                table.add_row(*(Text(cell, style=_style(header, cell)) for header, cell in zip(headers, row)))
            parts.append(table)
        console.print(Panel(Group(*parts), title=Text(heading(number, event)), title_align="left", box=box.ROUNDED))


_STYLES = {"killed": "bold red", "injured": "yellow", "missing": "blue", "abducted": "magenta", "detained": "cyan"}


def _style(header: str, cell: str) -> str:
    if header in ("Outcome", "Kind"):
        return _STYLES.get(cell, "bold" if header == "Kind" else "")
    return "bold" if header == "Low–high" and cell.endswith("(disagree)") else ""


# --- markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """A markdown table cell: special characters escaped, line breaks as <br>."""
    return "<br>".join(_MD_SPECIAL.sub(r"\\\1", line) for line in re.split(r"\s*\n\s*", text))


def render_markdown(comparison: Comparison) -> str:
    lines: list[str] = []
    if not comparison.events:
        lines += ["No events: no article was analysed.", ""]
    for number, event in enumerate(comparison.events, start=1):
        lines += [f"## {_md(heading(number, event))}", ""]
        for name, (headers, rows) in tables(event).items():
            lines += [f"### {name}", ""]
            if not rows:
                lines += ["None found.", ""]
                continue
            lines.append("| " + " | ".join(_md(h) for h in headers) + " |")
            lines.append("|" + "|".join("---" for _ in headers) + "|")
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines)
