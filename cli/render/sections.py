"""A report's facts as tables of plain strings (headers and rows): the one source of the
terminal tables and the markdown tables, so the two always show the same cells."""
from __future__ import annotations

from dataclasses import dataclass

from ...extractors.records import Report

from .cells import (
    accusation_line, actor_text, figure_text, how_text, party_text, quote_text, shorten, victims_text,
    where_text, with_party,
)
from .safe import clean


@dataclass
class Section:
    name: str
    headers: list[str]
    rows: list[list[str]]


def report_sections(report: Report) -> list[Section]:
    return [accusations(report), casualties(report), statements(report), accounts(report)]


def accusations(report: Report) -> Section:
    rows = [
        [with_party(a.accuser), with_party(a.accused), clean(shorten(a.allegation)), a.date or "",
         where_text(a.evidence.start, a.evidence.end)]
        for a in report.accusations
    ]
    return Section("Accusations", ["Accuser", "Accused", "Allegation", "Date", "Chars"], rows)


def casualties(report: Report) -> Section:
    rows = [
        [c.outcome, figure_text(c), victims_text(c), with_party(c.perpetrator) if c.perpetrator else "",
         with_party(c.reported_by) if c.reported_by else "", clean(c.location), c.date or "",
         where_text(c.evidence.start, c.evidence.end)]
        for c in report.casualties
    ]
    headers = ["Outcome", "Figure", "Victims", "Perpetrator", "Reported by", "Place", "Date", "Chars"]
    return Section("Casualties", headers, rows)


def statements(report: Report) -> Section:
    rows = [
        [str(i), actor_text(s.speaker), party_text(s.speaker), quote_text(s), how_text(s),
         where_text(s.evidence.start, s.evidence.end)]
        for i, s in enumerate(report.statements)
    ]
    return Section("Statements", ["#", "Speaker", "Party", "Says", "How", "Chars"], rows)


def accounts(report: Report) -> Section:
    rows = [
        [clean(account.party),
         "\n".join(f"[{i}] {quote_text(report.statements[i])}" for i in account.statements),
         "\n".join(accusation_line(report.accusations[i]) for i in account.accusations)]
        for account in report.accounts
    ]
    return Section("Accounts", ["Party", "Says", "Accuses"], rows)


def accounts_side_by_side(report: Report) -> Section:
    """The accounts as columns, one a side: what each said and whom it accused."""
    headers, cells = [], []
    for account in report.accounts:
        lines = [f"[{i}] {quote_text(report.statements[i])}" for i in account.statements]
        lines += [f"accuses {accusation_line(report.accusations[i])}" for i in account.accusations]
        headers.append(clean(account.party))
        cells.append("\n".join(lines))
    return Section("Accounts", headers, [cells])
