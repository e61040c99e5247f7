"""Reports as markdown, for a document, at the same two levels as the terminal: a summary (one
table row per article for a batch, then the totals), and `--details`: every fact in full
tables. Every cell is escaped: article text never becomes markup."""
from __future__ import annotations

import re

from ...extractors.records import Report

from .base import Renderer
from .cells import heading, provenance_line
from .layout import shorten_words
from .safe import clean
from .sections import report_sections
from .summary import Gist, Side, Totals, article_row, gist, plural

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
SUMMARY_CHARS = 200  # a summarised allegation, victims list or statement, at most
BATCH_HEADERS = ["Article", "Published", "Outlet", "Toll", "Accusations", "Parties"]


def md(text: str) -> str:
    """Text as markdown shows it literally: specials escaped, line breaks as <br> in a cell."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " <br> ", text)).replace("\\<br\\>", "<br>")


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return lines + [md_row(row) for row in rows]


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(md(cell) for cell in cells) + " |"


class MarkdownRenderer(Renderer):
    def begin(self, count: int) -> None:
        self.batch = count > 1 and not self.output.options.details
        self.totals = Totals()

    def item(self, report: Report) -> None:
        if self.output.options.details:
            self.output.write(render_markdown(report) + "\n")
        elif self.batch:
            if not self.totals.articles:  # the header once, before the first row
                self.output.write("\n".join(md_table(BATCH_HEADERS, [])) + "\n")
            row = article_row(report)
            self.output.write(md_row([row.article, row.date, row.outlet, row.toll, row.accusations, row.parties]) + "\n")
            self.totals.add(report)
        else:
            self.output.write(summary_markdown(gist(report)) + "\n")

    def end(self) -> None:
        if self.batch and self.totals.articles:
            self.output.write(f"\n**{md(str(self.totals))}**\n")


def render_markdown(report: Report) -> str:
    """Every fact of one report, in full tables."""
    lines = [f"## {md(heading(report))}", ""]
    if made := provenance_line(report):
        lines += [f"_{md(made)}_", ""]
    for warning in report.warnings:
        lines += [f"> warning: {md(clean(warning))}", ""]
    for section in report_sections(report):
        lines += [f"### {section.name}", ""]
        if not section.rows:
            lines += ["None found.", ""]
            continue
        lines += md_table(section.headers, section.rows) + [""]
    return "\n".join(lines)


def summary_markdown(summary: Gist) -> str:
    lines = [f"## {md(summary.heading)}", "", md(summary.counts), ""]
    lines += [f"> warning: {md(w)}\n" for w in summary.warnings]
    if summary.claims:
        lines += [f"### Accusations ({len(summary.claims) + summary.more_claims})", ""]
        lines += [f"- **{md(c.accuser)}** → **{md(c.accused)}**: {_short(c.allegation)}" for c in summary.claims]
        lines += _more(summary.more_claims, "accusation") + [""]
    if summary.figures:
        lines += [f"### Casualties ({len(summary.figures) + summary.more_figures})", ""]
        for f in summary.figures:
            victims = f" — {_short(f.victims)}" if f.victims else ""
            context = f" · {md(f.context)}" if f.context else ""
            lines.append(f"- **{md(f.figure)} {f.outcome}**{victims}{context}")
        lines += _more(summary.more_figures, "casualty figure") + [""]
    parties = [s for s in summary.sides if s.party]
    if parties:
        lines += ["### Accounts", ""]
        lines += md_table([f"{s.party} ({_counts(s)})" for s in parties], [])
        lines.append("| " + " | ".join(_side_cell(s) for s in parties) + " |")
        lines.append("")
    for side in summary.sides:
        if not side.party:
            lines += [f"Not on a side ({_counts(side)}): {md(', '.join(side.speakers))}", ""]
            lines += [f"- {_short(said)}" for said in side.statements] + _more(side.total_statements - len(side.statements), "statement") + [""]
    return "\n".join(lines)


def _short(text: str) -> str:
    return md(shorten_words(text, SUMMARY_CHARS))


def _counts(side: Side) -> str:
    text = plural(side.total_statements, "statement")
    return text + (", " + plural(side.accusations, "accusation") if side.accusations else "")


def _side_cell(side: Side) -> str:
    said = [f"• {_short(s)}" for s in side.statements]
    more = side.total_statements - len(side.statements)
    if more:
        said.append(f"… {plural(more, 'more statement')}")
    return "<br>".join(said)


def _more(count: int, word: str) -> list[str]:
    return [f"- … {plural(count, 'more ' + word)} (--details)"] if count else []
