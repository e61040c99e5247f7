"""Quotation spans in running text: curly and straight marks, the doubled apostrophes of
newswire archives (''like this''), quotes left open at a paragraph's end.

Works on characters, not tokens, so the sentence splitter can use it before parsing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .text import doc_text, paragraph_spans, token_offsets

OPENING = "\u201c\u00ab\u201e"  # “ « „
CLOSING = "\u201d\u00bb"  # ” »
# Marks of either kind: a straight quote, doubled apostrophes, doubled backticks (openers).
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u00ab\u00bb\u201e]")


@dataclass(frozen=True)
class Quote:
    """Character offsets of a quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    open_ended: bool = False  # no closing mark before the paragraph ended


def _opens(text: str, i: int, mark: str) -> bool:
    """A mark that could go either way opens when it starts a word: after a space, a bracket,
    a dash or the start of the text, and before a non-space."""
    before = text[i - 1] if i > 0 else " "
    j = i + len(mark)
    after = text[j] if j < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-/:") and not after.isspace()


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Every quotation in `text`, in order. Never raises, whatever the marks."""
    quotes: list[Quote] = []
    for p_start, p_end in paragraph_spans(text):
        open_at: tuple[int, int] | None = None  # (position, length) of the opening mark
        for match in _MARK.finditer(text, p_start, p_end):
            i, mark = match.start(), match.group()
            opening = mark in OPENING or mark == "``" or (mark in ('"', "''") and open_at is None and _opens(text, i, mark))
            if opening:
                if open_at is None:
                    open_at = (i, len(mark))
                # a second opening mark inside a quote is nested or stray: keep the outer one
            elif open_at is not None:
                start, length = open_at
                quotes.append(Quote(start, i + len(mark), start + length, i))
                open_at = None
            # a closing mark with nothing open is stray: ignore it
        if open_at is not None and p_end - open_at[0] > open_at[1]:
            start, length = open_at
            quotes.append(Quote(start, p_end, start + length, p_end, open_ended=True))
    return tuple(quotes)


def doc_quotes(doc) -> tuple[Quote, ...]:
    """The quotations in a Doc's text, found once: the sentence splitter finds them first."""
    found = doc.user_data.get(QUOTES_KEY)
    if found is None:
        found = doc.user_data[QUOTES_KEY] = find_quotes(doc_text(doc))
    return found


QUOTES_KEY = "rashomon.quotes"


def quote_mask(doc) -> list[bool]:
    """Whether each token of a Doc lies in a quotation (its marks included)."""
    quotes = doc_quotes(doc)
    mask = [False] * len(doc)
    if not quotes or not len(doc):
        return mask
    offsets = token_offsets(doc)
    for quote in quotes:
        # tokens that overlap [start, end): from the one holding `start` to the last before `end`
        first = max(0, bisect.bisect_right(offsets, quote.start) - 1)
        last = bisect.bisect_left(offsets, quote.end)
        for i in range(first, last):
            mask[i] = True
    return mask
