"""Quotation spans in running text: curly and straight marks, quotes left open at a paragraph's end.

Works on characters, not tokens, so the sentence splitter can use it before parsing.
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import paragraph_spans

OPENING = "\u201c\u00ab\u201e"  # “ « „
CLOSING = "\u201d\u00bb"  # ” »
STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    """Character offsets of a quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    open_ended: bool = False  # no closing mark before the paragraph ended

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end if self.open_ended else self.end - 1


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight quote opens when it starts a word: after a space, a bracket or the start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-/:":
        return not after.isspace()
    return False


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in `text`, in order. Never raises, whatever the marks."""
    quotes: list[Quote] = []
    for p_start, p_end in paragraph_spans(text):
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch in OPENING or (ch == STRAIGHT and open_at is None and _is_opening_straight(text, i)):
                if open_at is None:
                    open_at = i
                # a second opening mark inside a quote is nested or stray: keep the outer one
            elif ch in CLOSING or ch == STRAIGHT:
                if open_at is not None:
                    quotes.append(Quote(open_at, i + 1))
                    open_at = None
                # a closing mark with nothing open is stray: ignore it
        if open_at is not None and p_end - open_at > 1:
            quotes.append(Quote(open_at, p_end, open_ended=True))
    return quotes
