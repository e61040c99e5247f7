"""Paragraphs of plain text: one rule shared by the sentence splitter and the quote finder."""
from __future__ import annotations

import re

# A blank line always ends a paragraph. A single newline does too, unless it looks like a hard
# wrap inside a sentence: a letter, comma or hyphen before it and a lowercase letter after it.
_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?![ \t]*[a-z])\s*|(?<![A-Za-z,\-])\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, in order."""
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def doc_text(doc) -> str:
    """A Doc's text, read once: `Doc.text` rebuilds the string on every access."""
    cached = doc.user_data.get("rashomon.text")
    if cached is None:
        cached = doc.user_data["rashomon.text"] = doc.text
    return cached


def sentence_floor(token, sentences: int) -> int:
    """Index of the first token of the sentence `sentences` before the token's own."""
    doc = token.doc
    floor = token.sent.start
    for _ in range(sentences):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    return floor
