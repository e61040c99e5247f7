"""The names an article opens with, read from its text alone (no parse: `compare --reports`
reads reports, not pages).

A capitalised word is a name when the article writes it capitalised where a common word would
not be: "in Nice" mid-sentence is a name, "Scores killed" at the head of a sentence or in a
Title Case headline is not, unless the article capitalises it elsewhere too.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .words import compare_words

# Words, with the apostrophes and hyphens inside them ("Mazar-i-Sharif", "Nice's").
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?")
# What may stand between two words of one name: a space, no punctuation.
_JOIN = re.compile(r"[ \t]+")
# Characters after which a word begins a sentence (or a headline, or a dateline's body).
_SENTENCE_END = ".!?:;\n—–|"
_OPENING_QUOTES = "\"“‘'([«"
# The part of an article that says what it is about: its headline and its first sentences.
LEAD_CHARS = 600
# A headline is Title Case when at least this share of its words longer than three letters
# are capitalised: then its capitals say nothing about which words are names.
TITLE_CASE_SHARE = 0.75
# A figure in the first sentences of the body is one the article leads with.
LEAD_SENTENCES = 3
# The end of a sentence, or of a paragraph (a headline, a caption), counted once.
_SENTENCE_BREAK = re.compile(r"(?:[.!?][\"”’']?)?[ \t]*\n\s*\n|[.!?][\"”’']?(?=\s+[\"“‘']?[A-Z0-9])")
# Content words shorter than this say little ("war", "day" pass; "in", "of" do not).
MIN_WORD = 3
MIN_STEM = 4


@dataclass(frozen=True)
class Name:
    """A term of an article's opening: `kind` "state", "org" or "name" (a name the lexicon does
    not know: a place, a person, an event), or "word" (a content word, crudely stemmed); `key`
    the state or organisation, else the word(s) in lower case, short joining parts left out
    ("mazar sharif" for Mazar-i-Sharif and Mazar-e-Sharif)."""

    kind: str
    key: str


@dataclass(frozen=True)
class Opening:
    """What an article opens with: its headline's and its lead's terms, counted, and where in
    the text its first sentences end (a figure read before that is one the article leads with)."""

    headline: Counter
    lead: Counter
    lead_end: int  # where the lead's first sentences end (LEAD_SENTENCES, at most LEAD_CHARS)
    places: frozenset[str]  # keys of the names (and states) the article uses as places, anywhere
    headline_places: tuple[tuple[str, frozenset[str]], ...]  # (as written, keys) of the headline's places


def read_opening(title: str | None, text: str) -> Opening:
    """The headline and lead of an article. The headline is `title`, or the text's first line
    when the text begins with it (the first line of `tNNN.txt` files is the headline)."""
    text = text or ""
    title = (title or "").strip()
    if title and text.lstrip().startswith(title):
        body_start = len(text) - len(text.lstrip()) + len(title)
    else:
        body_start = 0 if title else _end_of_first_line(text)
    headline = title or text[:body_start]
    # how the article writes each word, the headline left out: a Title Case headline capitalises all
    usage = _capital_usage(text[body_start:])
    lead_end = min(len(text), body_start + LEAD_CHARS)
    title_case = _is_title_case(headline)
    places = {key for part, caps in ((headline, title_case), (text[body_start:], False))
              for phrase in _phrases(part, usage, caps) if _is_place(part, phrase)
              for key in _place_keys(phrase.words)}
    return Opening(
        headline=_terms(headline, usage, title_case),
        lead=_terms(text[body_start:lead_end], usage, False),
        lead_end=_sentences_end(text, body_start, lead_end),
        places=frozenset(places),
        headline_places=_headline_places(headline, usage, title_case, places),
    )


def _headline_places(headline: str, usage: dict[str, tuple[int, int]], title_case: bool,
                     places: set[str]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The headline's places, as written, with their keys: names the article uses as places,
    and states where the headline puts them as places ("in Mali"; "German consulate" is not in
    Germany)."""
    found = []
    after_place = -1  # where the last place of the headline ended: "in Nice, France"
    for phrase in _phrases(headline, usage, title_case):
        names = phrase_names(phrase.words)
        keys = frozenset(n.key for n in names if n.kind in ("name", "state"))
        listed = after_place >= 0 and headline[after_place:phrase.start].strip() == ","
        if any(n.kind == "state" for n in names):
            is_place = (_is_place(headline, phrase) or listed) and not _is_adjective(headline, phrase)
        else:
            is_place = bool(keys & places)
        if keys and is_place:
            found.append((_bare_phrase(phrase.words), keys))
            after_place = phrase.end
        else:
            after_place = -1
    return tuple(found)


def _sentences_end(text: str, start: int, limit: int) -> int:
    """Where the first LEAD_SENTENCES sentences after `start` end, `limit` at the latest."""
    start += len(text[start:limit]) - len(text[start:limit].lstrip())
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, start, limit)]
    return ends[LEAD_SENTENCES - 1] if len(ends) >= LEAD_SENTENCES else limit


def _is_adjective(text: str, phrase: _Phrase) -> bool:
    """A state's adjective before a noun ("German consulate", "Afghan city"), not its name."""
    written = _bare_phrase(phrase.words).lower()
    lexicon = compare_words()
    if written in {s.lower() for s in lexicon.states.values()} or written in lexicon.capitals:
        return False
    after = text[phrase.end:].split(maxsplit=1)
    return bool(after) and after[0][:1].islower()


def _place_keys(words: list[str]) -> list[str]:
    """The keys of a phrase that can name a place: names and states (not organisations), and a
    capital as the city it is ("Kyiv": Ukraine, and kyiv)."""
    keys = [n.key for n in phrase_names(words) if n.kind in ("name", "state")]
    written = _bare_phrase(words).lower()
    if written in compare_words().capitals:
        keys.append(written)
    return keys


def _bare_phrase(words: list[str]) -> str:
    """A phrase as written, without a possessive: "Nice's" -> "Nice"."""
    last = re.sub(r"['’]s$", "", words[-1])
    return " ".join([*words[:-1], last])


def _terms(part: str, usage: dict[str, tuple[int, int]], title_case: bool) -> Counter:
    terms: Counter = Counter()
    in_names: set[str] = set()
    for phrase in _phrases(part, usage, title_case):
        terms.update(phrase_names(phrase.words))
        in_names.update(_bare(w) for w in phrase.words)
    words = compare_words()
    for match in _WORD.finditer(part):
        word = _bare(match.group())
        if word in in_names or len(word) < MIN_WORD or word in words.not_names or word in words.stopwords:
            continue
        if _known(word) is None and word not in words.outlets:
            terms[Name("word", _stem(word))] += 1
    return terms


def _stem(word: str) -> str:
    """A crude stem, enough to match "killed" with "kills" and "girls" with "girl"."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def phrase_names(phrase: list[str]) -> list[Name]:
    """A run of name words as keys: a state or an organisation the lexicon knows, whole ("North
    Korea", "Boko Haram"), else each word ("Las Vegas Strip" -> las, vegas, strip). A
    hyphenated word is one name ("Mazar-i-Sharif") unless its parts are states or it joins a
    name to a common word ("US-led" -> the United States)."""
    words = compare_words()
    whole = _bare(" ".join(phrase)).removeprefix("the ")
    if whole in words.outlets:
        return []
    if (known := _known(whole)) is not None:
        return [known]
    found = []
    for word in phrase:
        parts = [p for p in re.split(r"[-‐]", _bare(word)) if p]
        capitalised = [p for p, raw in zip(parts, re.split(r"[-‐]", word)) if raw[:1].isupper()]
        joined = " ".join(parts)
        if joined in words.outlets:
            continue
        if (known := _known(joined)) is not None:
            found.append(known)
        elif len(parts) > 1 and (any(_known(p) for p in capitalised) or len(capitalised) < len([p for p in parts if len(p) > 2])):
            found += [_known(p) or Name("name", p) for p in capitalised if _keep(p)]
        elif _keep(joined):
            key = " ".join(p for p in re.split(r"[-'’. ]", joined) if len(p) > 2)
            if key:
                found.append(Name("name", key))
    return found


def _known(word: str) -> Name | None:
    """A state or organisation the lexicon knows, also with an apostrophe lost ("Syrias")."""
    words = compare_words()
    for form in (word, word[:-1] if word.endswith("s") else None):
        if form in words.states:
            return Name("state", words.states[form])
        if form in words.organisations:
            return Name("org", words.organisations[form])
    return None


def _keep(word: str) -> bool:
    words = compare_words()
    return word not in words.place_kinds and word not in words.not_names


def place_key(place: str | None) -> str | None:
    """A casualty's place as a key comparable with `Name.key`: "Kunduz province" -> kunduz,
    "Mazar-e-Sharif" -> mazar sharif, "Paris" -> paris; a state is its name."""
    if not place:
        return None
    words = compare_words()
    whole = place.lower().removeprefix("the ").strip()
    if whole in words.states and whole not in words.capitals:  # a capital is a city here
        return words.states[whole]
    kept = [_bare(w.group()) for w in _WORD.finditer(place)]
    kept = [" ".join(p for p in re.split(r"[-'’.]", w) if len(p) > 2) for w in kept if w not in words.place_kinds]
    return " ".join(k for k in kept if k) or None


# --- reading capitals ----------------------------------------------------------------------


def _bare(word: str) -> str:
    lower = word.lower()
    for suffix in ("'s", "’s"):
        lower = lower.removesuffix(suffix)
    return lower.rstrip("'’.")


def _end_of_first_line(text: str) -> int:
    """Where the body begins in a text that starts with its headline on a line of its own
    (`tNNN.txt`: headline, blank line, body); 0 when the first line is a paragraph."""
    stripped = len(text) - len(text.lstrip())
    line_end = text.find("\n", stripped)
    if line_end < 0 or text[stripped:line_end].rstrip().endswith((".", "!", "?", "”", '"')):
        return 0
    return line_end


def _is_title_case(headline: str) -> bool:
    long_words = [w for w in _WORD.findall(headline) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= TITLE_CASE_SHARE * len(long_words)


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] in " \t\r" or text[i] in _OPENING_QUOTES):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or (text[i] in "-" and i > 0 and text[i - 1] == " ")


def _capital_usage(text: str) -> dict[str, tuple[int, int]]:
    """Each word (lower case) -> (times capitalised where a sentence does not begin, times in
    lower case). All-capitals words count as neither: a dateline or a shout."""
    capital: Counter = Counter()
    lower: Counter = Counter()
    for match in _WORD.finditer(text):
        word = match.group()
        if word.islower():
            lower[_bare(word)] += 1
        elif word[0].isupper() and not (len(word) > 1 and word.isupper()) and not _starts_sentence(text, match.start()):
            capital[_bare(word)] += 1
    return {w: (capital[w], lower[w]) for w in capital.keys() | lower.keys()}


def _is_name(word: str, plain_position: bool, usage: dict[str, tuple[int, int]]) -> bool:
    if not word[0].isupper():
        return False
    capital, lower = usage.get(_bare(word), (0, 0))
    if plain_position and not word.isupper():
        return capital >= lower
    # at a sentence's head, in capitals or in a Title Case headline: a name if written so elsewhere
    return capital > 0 and capital > lower


@dataclass(frozen=True)
class _Phrase:
    words: list[str]
    start: int
    end: int


def _phrases(text: str, usage: dict[str, tuple[int, int]], ambiguous_caps: bool) -> list[_Phrase]:
    """Runs of name words in `text`."""
    phrases: list[_Phrase] = []
    current: list[str] = []
    start = last_end = -1
    for match in _WORD.finditer(text):
        word = match.group()
        plain = not ambiguous_caps and not _starts_sentence(text, match.start())
        if _is_name(word, plain, usage):
            if current and _JOIN.fullmatch(text[last_end:match.start()]):
                current.append(word)
            else:
                if current:
                    phrases.append(_Phrase(current, start, last_end))
                current, start = [word], match.start()
            last_end = match.end()
        elif current:
            phrases.append(_Phrase(current, start, last_end))
            current = []
    if current:
        phrases.append(_Phrase(current, start, last_end))
    return phrases


def _is_place(text: str, phrase: _Phrase) -> bool:
    """A name used as a place: after a preposition of place ("in Nice", "near the town of
    Chibok", "in northern Kunduz") or before a kind of place ("Kunduz province")."""
    words = compare_words()
    after = text[phrase.end:phrase.end + _NEARBY].split(maxsplit=1)
    if after and after[0].lower().strip(".,;:") in _DAYS:
        return False  # "on Bastille Day": a date
    if after and after[0].lower().strip(".,;:") in words.place_kinds - _ARTICLES_AND_DIRECTIONS:
        return True
    if phrase.words[-1].endswith(("'s", "’s")):
        return False  # "in Putin's war": a modifier, not the place
    before = [m.group().lower() for m in _WORD.finditer(text[max(0, phrase.start - _NEARBY):phrase.start])]
    while before and before[-1] in _ARTICLES_AND_DIRECTIONS:
        before.pop()
    if before and before[-1] == "of":
        return len(before) > 1 and before[-2] in words.place_kinds
    return bool(before) and before[-1] in _PLACE_PREPOSITIONS


_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from", "across", "into", "over", "around",
                                 "toward", "towards", "inside", "throughout", "on", "off", "beyond", "within"})
_ARTICLES_AND_DIRECTIONS = frozenset({"the", "northern", "southern", "eastern", "western", "central",
                                      "north", "south", "east", "west", "northeastern", "northwestern",
                                      "southeastern", "southwestern"})
_DAYS = frozenset({"day", "eve"})
_NEARBY = 40  # characters around a name searched for its preposition or kind of place
