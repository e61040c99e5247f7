"""Paragraphs of plain text: one rule shared by the sentence splitter and the quote finder."""
from __future__ import annotations

import bisect
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


# spaCy's tokenizer splits prefixes and suffixes off a chunk of text without spaces one at a time,
# scanning the rest again after each: 8,000 "(" in a row take some 18 s, 100,000 most of an hour,
# and then a token each to parse. Before tokenizing, a run of more than MAX_PUNCT_RUN punctuation
# marks, and any chunk without spaces longer than MAX_CHUNK_CHARS ("'s's's...", a data: URL;
# no word is that long), is read as hyphens, which the tokenizer keeps together, with a space in
# place of every MAX_CHUNK_CHARS + 1st. Each keeps the text's length, so every offset holds.
MAX_PUNCT_RUN = 50
MAX_CHUNK_CHARS = 1000
# anchored at a run's start (the lookbehind), so a text of many shorter runs is scanned once
_PUNCT_RUN = re.compile(r"(?<![^\w\s])[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))
_LONG_CHUNK = re.compile(r"(?<!\S)\S{%d,}" % (MAX_CHUNK_CHARS + 1))


def long_runs(text: str) -> int:
    """How many runs of punctuation or chunks without spaces `tokenizable` rewrites."""
    return sum(1 for _ in _PUNCT_RUN.finditer(text)) + sum(1 for _ in _LONG_CHUNK.finditer(text))


def tokenizable(text: str) -> str:
    """`text` as the tokenizer can take it in time in proportion to its length, with the same
    length: 60 "(" become 60 "-", one token; 3,000 "'s" three tokens of 1,000 hyphens."""
    if _PUNCT_RUN.search(text):
        text = _PUNCT_RUN.sub(lambda match: "-" * len(match.group()), text)
    if _LONG_CHUNK.search(text):
        text = _LONG_CHUNK.sub(lambda match: _hyphens(len(match.group()), MAX_CHUNK_CHARS), text)
    return text


def _hyphens(length: int, every: int) -> str:
    piece = "-" * every + " "
    return (piece * (length // len(piece) + 1))[:length]


TEXT_KEY = "rashomon.text"


def doc_text(doc) -> str:
    """A Doc's text, read once: `Doc.text` rebuilds the string on every access."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


def tokenized(nlp, text: str):
    """The Doc a pipeline's tokenizer makes of `text`, which it keeps, as tokenizing loses no
    character: the components and extractors after it need not rebuild the text."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def sentence_starts(doc) -> list:
    """Token index of every sentence's start, read once per Doc."""
    cached = doc.user_data.get("rashomon.sentences")
    if cached is None:
        cached = doc.user_data["rashomon.sentences"] = [s.start for s in doc.sents]
    return cached


def sentence_floor(token, sentences: int) -> int:
    """Index of the first token of the sentence `sentences` before the token's own."""
    starts = sentence_starts(token.doc)
    own = bisect.bisect_right(starts, token.i) - 1
    return starts[max(0, own - sentences)] if starts else 0


def doc_ents(doc) -> tuple:
    """A Doc's entities, read once: `Doc.ents` (and `Span.ents`) rebuild them on every access."""
    cached = doc.user_data.get("rashomon.ents")
    if cached is None:
        cached = doc.user_data["rashomon.ents"] = tuple(doc.ents)
    return cached


def ents_in(span) -> list:
    """The entities inside a span, from the Doc's cached list (in order, so a binary search
    finds the first)."""
    doc = span.doc
    ents = doc_ents(doc)
    starts = doc.user_data.get("rashomon.ent_starts")
    if starts is None:
        starts = doc.user_data["rashomon.ent_starts"] = [e.start for e in ents]
    found = []
    for k in range(bisect.bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found


def _hashes(words: frozenset):
    import numpy as np
    from spacy.strings import get_string_id

    found = _HASHES.get(words)
    if found is None:
        found = _HASHES[words] = np.array(sorted(get_string_id(w) for w in words), dtype="uint64")
    return found


_HASHES: dict = {}


def find_tokens(doc, *, lemmas: frozenset = frozenset(), lowers: frozenset = frozenset(),
                pos: frozenset = frozenset()) -> list:
    """Tokens whose lemma, lower-case form or part of speech is among those given. Scans the
    Doc's arrays instead of creating a Token object for every word, which costs more than the
    rules that look at the few candidates."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER, POS

    arrays = doc.user_data.get("rashomon.arrays")
    if arrays is None:
        arrays = doc.user_data["rashomon.arrays"] = doc.to_array([LEMMA, LOWER, POS])
    if len(doc) == 0:
        return []
    mask = np.zeros(len(doc), dtype=bool)
    for column, words in ((0, lemmas), (1, lowers), (2, pos)):
        if words:
            mask |= _among(arrays[:, column], _hashes(words))
    return [doc[int(i)] for i in np.flatnonzero(mask)]


def _among(column, wanted):
    """`numpy.isin` for a sorted `wanted`: a binary search per cell, without isin's sorting of
    both arrays together, which costs more than the search for a Doc-sized column."""
    import numpy as np

    if not len(wanted):
        return np.zeros(len(column), dtype=bool)
    at = wanted.searchsorted(column)
    at[at == len(wanted)] = 0
    return wanted[at] == column


def span_text(span) -> str:
    """A span's text from the Doc's cached text (`Span.text` walks its tokens)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def token_offsets(doc) -> list:
    """The character offset of every token, read once per Doc."""
    cached = doc.user_data.get("rashomon.offsets")
    if cached is None:
        from spacy.attrs import IDX

        cached = doc.user_data["rashomon.offsets"] = doc.to_array(IDX).reshape(-1).tolist() if len(doc) else []
    return cached


def punct_or_space(doc) -> list:
    """Whether each token is punctuation or whitespace, read once per Doc: trimming phrases
    asks this of their edges over and over."""
    return _flags(doc)[2]


def is_punct(doc) -> list:
    """Whether each token is punctuation, read once per Doc."""
    return _flags(doc)[0]


def _flags(doc) -> tuple[list, list, list]:
    cached = doc.user_data.get("rashomon.flags")
    if cached is None:
        from spacy.attrs import IS_PUNCT, IS_SPACE

        if len(doc):
            cells = doc.to_array([IS_PUNCT, IS_SPACE]).astype(bool)
            cached = (cells[:, 0].tolist(), cells[:, 1].tolist(), cells.any(axis=1).tolist())
        else:
            cached = ([], [], [])
        doc.user_data["rashomon.flags"] = cached
    return cached


def sentence_bounds(doc, i: int) -> tuple[int, int]:
    """Token range [start, end) of the sentence holding token `i`, from the cached starts
    (`Token.sent` builds a Span each time)."""
    starts = sentence_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def subject_of(verb, excluded: tuple[int, int] = (0, 0)):
    """A verb's subject (nsubj) outside the `excluded` token range. When the parse gives it two,
    one is a stray fragment: page furniture run into the sentence ("Date of publication 19
    October Russia has accused ...", "Image caption The Taliban claimed ..."), a heading, a
    description set beside a name. A name is the subject then, else the first of them."""
    lo, hi = excluded
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not lo <= c.i < hi]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
