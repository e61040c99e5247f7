"""Reports as rich tables, for a person at a terminal. Cells are `rich.text.Text` objects, so
markup in an article is shown as written, never interpreted."""
from __future__ import annotations

from ...extractors.records import Report

from .base import Output, Renderer
from .cells import heading
from .safe import clean
from .sections import accounts_side_by_side, report_sections

# Up to this many sides, each side's account is a column of its own, next to the others.
MAX_SIDE_BY_SIDE = 4

_MIN_WIDTHS = {"Says": 16, "Allegation": 16}
_COLUMN_STYLES = {"Party": "magenta", "Chars": "dim", "#": "dim", "Date": "green"}
_OUTCOME_STYLES = {"killed": "bold red", "injured": "yellow", "missing": "blue", "abducted": "magenta", "detained": "cyan"}


def console_for(output: Output):
    from rich.console import Console

    env = output.env
    return Console(
        file=env.stdout, force_terminal=env.stdout_isatty, no_color=env.no_color,
        width=env.width, highlight=False, markup=False, emoji=False, soft_wrap=False,
    )


class TableRenderer(Renderer):
    def begin(self, count: int) -> None:
        self.console = console_for(self.output)

    def item(self, report: Report) -> None:
        render_table(report, self.console)
        self.output.env.stdout.flush()


def render_table(report: Report, console) -> None:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts = [Text(f"warning: {clean(warning)}", style="yellow") for warning in report.warnings]
    sections = report_sections(report)
    if 2 <= len(report.accounts) <= MAX_SIDE_BY_SIDE:
        sections[-1] = accounts_side_by_side(report)
    for section in sections:
        if not section.rows:
            parts.append(Text(f"{section.name}: none found", style="dim"))
        else:
            parts.append(_table(section))
    console.print(Panel(Group(*parts), title=Text(heading(report)), title_align="left", box=box.ROUNDED))


def _table(section):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=section.name, title_justify="left", title_style="bold", header_style="bold cyan",
        box=box.SIMPLE_HEAVY, expand=True, show_lines=section.name == "Accounts",
    )
    for header in section.headers:
        table.add_column(header, no_wrap=header in ("#", "Outcome"), style=_COLUMN_STYLES.get(header),
                         min_width=_MIN_WIDTHS.get(header), overflow="fold")
    for row in section.rows:
        table.add_row(*(Text(cell, style=_cell_style(header, cell)) for header, cell in zip(section.headers, row)))
    return table


def _cell_style(header: str, cell: str) -> str:
    return _OUTCOME_STYLES.get(cell, "") if header == "Outcome" else ""
