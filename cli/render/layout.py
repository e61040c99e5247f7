"""Laying text out at a terminal's width without losing data: text is shortened only at a word
boundary, with an ellipsis, and only where a summary allows it; a table that cannot show its
columns without cutting a word or a figure is stacked instead (one "Label  value" block per
row), so offsets, figures and dates always print whole."""
from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"
UNBOUNDED = 100_000  # a width no table reaches
# A stacked block's labels take at most this share of the width; the values wrap beside them.
MAX_LABEL_SHARE = 0.4


def shorten_words(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else its first words and an ellipsis, never
    cut inside a word (one word longer than the limit is kept whole)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words, kept = text.split(" "), []
    for word in words:
        if kept and len(" ".join(kept + [word])) + len(ELLIPSIS) > limit:
            break
        kept.append(word)
    return " ".join(kept).rstrip(",;:.") + ELLIPSIS


def lines_needed(console, text, width: int) -> int:
    return len(text.wrap(console, width))


def fit(console, width: int, head, body: str, tail=None, max_lines: int = 2):
    """`head` + `body` + `tail` as one rich Text of at most `max_lines` lines at `width`, the
    body shortened at a word boundary if need be; the head and the tail are never shortened
    (when they alone take more lines, the text takes more lines)."""
    from rich.text import Text

    def assemble(words: list[str], cut: bool) -> Text:
        shown = " ".join(words) + (ELLIPSIS if cut else "")
        return Text.assemble(head, shown, tail or "")

    words = body.split()
    whole = assemble(words, False)
    if lines_needed(console, whole, width) <= max_lines:
        return whole
    low, high = 0, len(words)  # the most words that fit: binary search, the wrap is monotone
    while low < high:
        middle = (low + high + 1) // 2
        if lines_needed(console, assemble(words[:middle], True), width) <= max_lines:
            low = middle
        else:
            high = middle - 1
    return assemble(words[:low], low < len(words))


@dataclass
class Grid:
    """A table as plain strings: headers, rows, and how each column is shown."""

    headers: list[str]
    rows: list[list[str]]
    styles: dict[str, str] | None = None  # column header -> rich style
    title: str | None = None
    min_widths: dict[str, int] | None = None  # column header -> narrowest it may be


def table_or_stack(console, grid: Grid, width: int, expand: bool = True, cell_style=None):
    """A rich Table when every column can show its longest word within `width`, else the rows
    stacked. `cell_style(header, cell)` styles a single cell (an outcome's colour)."""
    table = _table(grid, cell_style)
    widths = column_widths(console, table, width, expand)
    if widths is None:
        return stacked(grid, width, cell_style)
    for column, column_width in zip(table.columns, widths):
        column.width = column_width
    return table


def column_widths(console, table, width: int, expand: bool) -> list[int] | None:
    """Each column's width within `width`: at least its longest word (so no word or figure is
    ever cut), the rest shared out in proportion to what each column's text wants, up to its
    whole text, and beyond it only to fill the line (`expand`). None when the columns' longest
    words alone do not fit. (rich squeezes columns below their longest word when pressed.)"""
    from rich.measure import Measurement

    options = console.options.update_width(UNBOUNDED)
    ranges = []
    for column in table.columns:
        cells = [Measurement.get(console, options, cell) for cell in [column.header, *column.cells]]
        low = max([m.minimum for m in cells] + [column.min_width or 0])
        ranges.append((low, max([m.maximum for m in cells] + [low])))
    overhead = Measurement.get(console, options, table).minimum - sum(low for low, _ in ranges)
    room = width - overhead
    widths = [low for low, _ in ranges]
    if sum(widths) > room:
        return None
    wants = [high - low for low, high in ranges]
    spare = room - sum(widths)
    if sum(wants):
        share = min(1.0, spare / sum(wants))
        widths = [w + int(want * share) for w, want in zip(widths, wants)]
    spare = room - sum(widths)
    if spare > 0 and (expand or sum(wants)):
        # what rounding left, or the rest of the line: to the columns that want the most
        order = sorted(range(len(widths)), key=lambda i: -(wants[i] or (widths[i] if expand else 0)))
        for i in order * (spare // max(1, len(order)) + 1):
            if spare <= 0:
                break
            if expand or widths[i] < ranges[i][1]:
                widths[i] += 1
                spare -= 1
    return widths


def _table(grid: Grid, cell_style):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    styles, min_widths = grid.styles or {}, grid.min_widths or {}
    table = Table(
        title=grid.title, title_justify="left", title_style="bold", header_style="bold cyan",
        box=box.SIMPLE_HEAVY, show_lines=grid.title == "Accounts",
    )
    for header in grid.headers:
        # a column is never narrower than its longest word (rich's minimum), so nothing folds
        table.add_column(header, style=styles.get(header), min_width=min_widths.get(header), overflow="fold")
    for row in grid.rows:
        table.add_row(*(Text(cell, style=cell_style(header, cell) if cell_style else "")
                        for header, cell in zip(grid.headers, row)))
    return table


def stacked(grid: Grid, width: int, cell_style=None):
    """Each row as a block of "Label  value" lines, blocks one under the other."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    styles = grid.styles or {}
    label_width = min(max(len(h) for h in grid.headers), int(width * MAX_LABEL_SHARE))
    parts = [Text(grid.title, style="bold")] if grid.title else []
    for row in grid.rows:
        block = Table.grid(padding=(0, 1))
        block.add_column(style="bold cyan", width=label_width, overflow="fold")
        block.add_column(overflow="fold")
        for header, cell in zip(grid.headers, row):
            if cell:
                style = cell_style(header, cell) if cell_style else ""
                block.add_row(Text(header), Text(cell, style=style or styles.get(header, "")))
        parts += [block, Text("")]
    return Group(*parts)
