"""The language of an article's text, by script and function words."""
from __future__ import annotations

import re
from functools import cache

from .lexicon import load_lexicon

_NOT_LETTERS = re.compile(r"[\W\d_]+")
# the share of a script's letters that makes a text that script's language
SCRIPT_SHARE = 0.3
# the share of function words under which no language is named
MIN_FUNCTION_WORDS = 0.05
# Another language must outscore English by this factor: languages share short function words
# ("a", "de", "en"), the pipeline reads English, and a short English text named Portuguese is
# an article lost ("Al Jazeera reported, citing a local activist, that ...").
OVER_ENGLISH = 1.5
SHORT_TEXT_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _script_patterns() -> dict[str, re.Pattern]:
    return {lang: re.compile(f"[{re.escape(first)}-{re.escape(last)}]") for lang, (first, last) in load_lexicon().scripts.items()}


def detect_language(text: str) -> str | None:
    """The article's language (ISO 639-1) by script and function words; None if unsure."""
    lex = load_lexicon()
    sample = text[:5000]
    letters = len(_NOT_LETTERS.sub("", sample))
    if not letters:
        return None
    # a script other than Latin needs letters outside ASCII: most English pages have none
    if not sample.isascii():
        for lang, pattern in _script_patterns().items():
            if len(pattern.findall(sample)) > letters * SCRIPT_SHARE:
                return lang
    words = _WORD.findall(sample.lower())
    if len(words) < SHORT_TEXT_WORDS:
        return "en" if any(w in lex.stopwords["en"] for w in words) else None
    scores = {lang: sum(1 for w in words if w in stops) / len(words) for lang, stops in lex.stopwords.items()}
    best = max(scores, key=scores.get)
    if best != "en" and scores[best] < scores["en"] * OVER_ENGLISH:
        best = "en"
    return best if scores[best] >= MIN_FUNCTION_WORDS else None
