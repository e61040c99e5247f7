"""The language of an article's text, by script and function words."""
from __future__ import annotations

import re
from functools import cache

from .lexicon import load_lexicon

_NOT_LETTERS = re.compile(r"[\W\d_]+")
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
            if len(pattern.findall(sample)) > letters * 0.3:
                return lang
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return "en" if any(w in lex.stopwords["en"] for w in words) else None
    scores = {lang: sum(1 for w in words if w in stops) / len(words) for lang, stops in lex.stopwords.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.05 else None
