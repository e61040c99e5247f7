"""Reports for a person at a terminal (rich). Two levels: a summary that fits one screen (one
row per article for a batch, with the totals), and `--details`: every fact in full tables with
its offsets. Cells are `rich.text.Text` objects, so markup in an article is shown as written,
never interpreted; nothing is cut inside a word or a figure (see `layout`)."""
from __future__ import annotations

from ...extractors.records import Report

from .base import Renderer
from .cells import heading, provenance_line
from .layout import Grid, fit, table_or_stack
from .safe import clean
from .screen import Screen
from .sections import accounts_side_by_side, report_sections
from .summary import ArticleRow, Gist, Side, Totals, article_row, gist, plural

# Up to this many sides, each side's account is a column of its own, next to the others.
MAX_SIDE_BY_SIDE = 4
# A side's column is at least this wide, else the sides are shown one under the other.
MIN_SIDE_WIDTH = 28
SUMMARY_LINES = 2  # lines a summarised accusation, figure or statement takes at most
BULLET = "• "
PANEL_MARGIN = 4  # a panel's border and padding, both sides

# Prose narrower than this reads a word a line: the table is stacked instead.
_MIN_WIDTHS = {"Says": 20, "Allegation": 20, "Victims": 16, "Accuser": 14, "Accused": 14, "Speaker": 14}
_COLUMN_STYLES = {"Party": "magenta", "Chars": "dim", "#": "dim", "Date": "green"}
OUTCOME_STYLES = {"killed": "bold red", "injured": "yellow", "missing": "blue", "abducted": "magenta", "detained": "cyan"}
BATCH_HEADERS = ["Article", "Published", "Toll", "Accusations", "Parties"]


class TableRenderer(Renderer):
    def begin(self, count: int) -> None:
        self.screen = Screen(self.output)
        self.batch = count > 1 and not self.output.options.details
        self.rows: list[ArticleRow] = []
        self.totals = Totals()

    def item(self, report: Report) -> None:
        if self.output.options.details:
            self.screen.print(details_view(report, self.screen))
        elif self.batch:
            self.rows.append(article_row(report))
            self.totals.add(report)
        else:
            self.screen.print(summary_view(gist(report), self.screen))

    def end(self) -> None:
        if self.rows:
            self.screen.print(batch_view(self.rows, self.totals, self.screen))
        self.screen.close()


def _cell_style(header: str, cell: str) -> str:
    return OUTCOME_STYLES.get(cell, "") if header == "Outcome" else ""


# --- details: every fact --------------------------------------------------------------------


def details_view(report: Report, screen: Screen):
    """The full tables of one report in a panel; tables too wide for the terminal stacked."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    inner = screen.width - PANEL_MARGIN if screen.width else None
    title = heading(report)
    parts = []
    if inner is None or len(title) + 2 > inner:  # a panel's title is cut to fit: put it inside
        parts.append(Text(title, style="bold"))
        title = None
    if made := provenance_line(report):
        parts.append(Text(made, style="dim"))
    parts += [Text(f"warning: {clean(warning)}", style="yellow") for warning in report.warnings]
    sections = report_sections(report)
    if 2 <= len(report.accounts) <= MAX_SIDE_BY_SIDE:
        sections[-1] = accounts_side_by_side(report)
    for section in sections:
        if not section.rows:
            parts.append(Text(f"{section.name}: none found", style="dim"))
            continue
        grid = Grid(section.headers, section.rows, _COLUMN_STYLES, section.name, _MIN_WIDTHS)
        parts.append(table_or_stack(screen.console, grid, inner or screen.console.width, inner is not None, _cell_style))
    return Panel(Group(*parts), title=Text(title) if title else None, title_align="left", box=box.ROUNDED,
                 expand=inner is not None)


# --- the summary of one article -------------------------------------------------------------


def summary_view(summary: Gist, screen: Screen):
    from rich.console import Group
    from rich.text import Text

    width = screen.text_width
    parts = [Text(summary.heading, style="bold"), Text(f"{summary.counts} · --details for the evidence", style="dim")]
    parts += [Text(f"warning: {w}", style="yellow") for w in summary.warnings]
    if summary.claims:
        parts += [Text(""), Text(f"Accusations ({len(summary.claims) + summary.more_claims})", style="bold")]
        for claim in summary.claims:
            head = Text.assemble((claim.accuser, "magenta"), " → ", (claim.accused, "magenta"), ": ")
            parts.append(_bullet(screen, width, head, claim.allegation))
        parts += _more(summary.more_claims, "accusation")
    if summary.figures:
        parts += [Text(""), Text(f"Casualties ({len(summary.figures) + summary.more_figures})", style="bold")]
        for figure in summary.figures:
            head = Text.assemble((f"{figure.figure} {figure.outcome}", OUTCOME_STYLES.get(figure.outcome, "bold")),
                                 " — " if figure.victims else "")
            tail = Text(f" · {figure.context}" if figure.context else "", style="dim")
            parts.append(_bullet(screen, width, head, figure.victims, tail))
        parts += _more(summary.more_figures, "casualty figure")
    if summary.sides:
        parts += [Text(""), Text("Accounts", style="bold"), _sides(summary.sides, screen, width)]
    return Group(*parts)


def _bullet(screen: Screen, width: int, head, body: str, tail=None):
    """"• " and the text, shortened to two lines; the second line starts under the first's text."""
    from rich.table import Table

    row = Table.grid()
    row.add_column(width=len(BULLET))
    row.add_column(width=width - len(BULLET))
    row.add_row(BULLET, fit(screen.console, width - len(BULLET), head, body, tail, SUMMARY_LINES))
    return row


def _more(count: int, word: str) -> list:
    from rich.text import Text

    return [Text(f"{BULLET}… {plural(count, 'more ' + word)} (--details)", style="dim")] if count else []


def _sides(sides: list[Side], screen: Screen, width: int):
    """Each side's statements, in columns next to each other when they fit."""
    from rich.console import Group
    from rich.table import Table

    parties = [s for s in sides if s.party]
    others = [s for s in sides if not s.party]
    gap = 2
    column = (width - gap * (len(parties) - 1)) // max(1, len(parties))
    blocks = []
    if parties and len(parties) <= MAX_SIDE_BY_SIDE and column >= MIN_SIDE_WIDTH:
        grid = Table.grid(padding=(0, gap))
        for _ in parties:
            grid.add_column(width=column)
        grid.add_row(*(_side(side, screen, column) for side in parties))
        blocks.append(grid)
    else:
        blocks += [_side(side, screen, width) for side in parties]
    blocks += [_side(side, screen, width) for side in others]
    return Group(*blocks)


def _side(side: Side, screen: Screen, width: int):
    from rich.console import Group
    from rich.text import Text

    counts = plural(side.total_statements, "statement")
    if side.accusations:
        counts += ", " + plural(side.accusations, "accusation")
    if side.party:
        title = Text.assemble((side.party, "bold magenta"), f" ({counts})")
    else:
        title = Text.assemble(("Not on a side", "bold"), f" ({counts}): ", ", ".join(side.speakers))
    lines = [title] + [_bullet(screen, width, "", said) for said in side.statements]
    more = side.total_statements - len(side.statements)
    if more:
        lines.append(Text(f"{BULLET}… {plural(more, 'more statement')}", style="dim"))
    return Group(*lines)


# --- a batch: one row per article, then the totals ------------------------------------------


def batch_view(rows: list[ArticleRow], totals: Totals, screen: Screen):
    from rich.console import Group
    from rich.text import Text

    cells = [[row.article, "\n".join(x for x in (row.date, row.outlet) if x), row.toll, row.accusations, row.parties]
             for row in rows]
    grid = Grid(BATCH_HEADERS, cells, {"Toll": "bold", "Parties": "magenta"})
    width = screen.width or screen.console.width
    table = table_or_stack(screen.console, grid, width, screen.width is not None)
    return Group(table, Text(f"{totals} · --details for each article", style="bold"))
