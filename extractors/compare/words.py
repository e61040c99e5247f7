"""The word lists `rashomon compare` reads: lexicon/compare.toml, with the shared lexicon's
states, organisations and outlets. Loaded once."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..dates import MONTHS, WEEKDAYS
from ..lexicon import load_lexicon


@dataclass(frozen=True)
class CompareWords:
    not_names: frozenset[str]  # capitalised words that name nothing in particular
    place_kinds: frozenset[str]  # "city", "province": what kind of place, not which
    general_victims: frozenset[str]  # "people", "dead": victims not said to be any group
    denial_cues: frozenset[str]
    denial_phrases: tuple[str, ...]
    states: dict[str, str]  # alias, demonym or capital (lower case) -> state
    capitals: frozenset[str]  # lower case
    organisations: dict[str, str]  # alias (lower case) -> organisation
    outlets: frozenset[str]  # lower case
    stopwords: frozenset[str]  # function words and words every conflict report uses


@cache
def compare_words() -> CompareWords:
    lexicon = load_lexicon()
    lexicon_package = __package__.rpartition(".")[0] + ".lexicon"
    table = tomllib.loads(resources.files(lexicon_package).joinpath("compare.toml").read_text("utf-8"))
    number_words = set(lexicon.number_units) | set(lexicon.number_tens) | set(lexicon.number_scales)
    vague = {word for phrase in lexicon.vague_quantities for word in phrase.split()}
    return CompareWords(
        not_names=frozenset(w.lower() for w in table["names"]["not_names"]) | number_words | vague | set(MONTHS) | set(WEEKDAYS),
        place_kinds=frozenset(w.lower() for w in table["places"]["kind_words"]),
        general_victims=frozenset(w.lower() for w in table["victims"]["general"]),
        denial_cues=frozenset(table["denials"]["cues"]),
        denial_phrases=tuple(sorted(table["denials"]["phrases"], key=len, reverse=True)),
        states={alias.lower(): state for alias, state in lexicon.country_aliases.items()},
        capitals=frozenset(c.lower() for c in lexicon.capitals),
        organisations={alias.lower(): org for alias, org in lexicon.org_aliases.items()},
        outlets=frozenset(w.lower().removeprefix("the ") for w in lexicon.channels),
        stopwords=lexicon.stopwords["en"] | frozenset(table["names"]["common_words"]),
    )
