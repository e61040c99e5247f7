"""Numbers and qualified figures: "at least twenty-one" -> Quantity(count=21, min=21)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import load_lexicon

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u00a0 ]\d{3})+$|^\d+(?:\.\d+)?$")
_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2013]+")
# Thousands set apart by a space, a no-break space or a thin space: "3 000", "12\u00a0500".
_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}(?!\d))")
# A figure beyond this is not a count of people (a year, a phone number, a fuzzed input).
MAX_COUNT = 10_000_000_000


@dataclass(frozen=True)
class Quantity:
    count: int | None
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    conservative: int | None = None


def parse_number(text: str) -> int | None:
    """The integer a number phrase names: "1,200", "4.5 million", "twenty-one", "a dozen"."""
    lex = load_lexicon()
    text = _SPACED_THOUSANDS.sub("", text.strip().lower().replace("\u2019", "'"))
    if not text:
        return None
    words = [w for w in _WORD_SPLIT.split(text) if w and w != "and"]
    if not words:
        return None
    total = 0
    current: float = 0
    share = 1.0  # "half a dozen": a fraction of all that follows
    seen = False
    for word in words:
        if _DIGITS.match(word):
            digits = re.sub(r"[,\u00a0 ]", "", word)
            if len(digits) > 15:
                return None  # a figure no count of people reaches (and beyond a float's range)
            current += float(digits)
            seen = True
        elif word in ("a", "an"):
            continue  # "a hundred", "a dozen": the scale that follows counts once
        elif word in lex.number_fractions:
            if current:
                current += lex.number_fractions[word]  # "two and a half thousand"
            elif not total:
                share = lex.number_fractions[word]  # "half a dozen", "half a million"
            else:
                return None  # "a thousand and a half": no count of people is written so
        elif word in lex.number_multipliers:
            current = (current or 1) * lex.number_units[word]  # "a dozen", "two dozen"
            seen = True
        elif word in lex.number_units:
            current += lex.number_units[word]
            seen = True
        elif word in lex.number_tens:
            current += lex.number_tens[word]
            seen = True
        elif word in lex.number_scales:
            scale = lex.number_scales[word]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            seen = True
        elif word.endswith("s") and word[:-1] in lex.number_multipliers:
            return None  # "dozens" is vague, not 12
        else:
            return None
    if not seen:
        return None
    value = (total + current) * share
    if value != int(value) or value > MAX_COUNT:
        return None
    return int(value)


def qualify(count: int | None, prefix: str, vague: str | None = None) -> Quantity:
    """Apply the qualifier that ends `prefix` (the words before the number) to `count`."""
    lex = load_lexicon()
    prefix = " " + re.sub(r"\s+", " ", prefix.lower()).strip()
    if vague is not None:
        return Quantity(None, approximate=True, conservative=lex.vague_quantities.get(vague.lower()))
    if count is None:
        return Quantity(None)
    at_least = any(prefix.endswith(" " + q) for q in lex.min_qualifiers)
    at_most = any(prefix.endswith(" " + q) for q in lex.max_qualifiers)
    approximate = any(prefix.endswith(" " + q) for q in lex.approximate_qualifiers)
    return Quantity(
        count,
        min=count if at_least else None,
        max=count if at_most and not at_least else None,
        approximate=approximate,
    )


def vague_quantity(text: str) -> str | None:
    """The vague quantity a phrase names ("dozens", "hundreds"), normalised, or None."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    lex = load_lexicon()
    return text if text in lex.vague_quantities else None
