"""The word lists, loaded once from the TOML files beside this module.

Rules read these fields (`load_lexicon().speech_verbs`, `.outcome_verbs`...), never literals.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


def _load(name: str) -> dict:
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


def _lower_set(words) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@dataclass(frozen=True)
class Lexicon:
    # actors
    country_aliases: dict[str, str]  # alias (as written) -> country, capitals included
    capitals: dict[str, str]  # "Moscow" -> "Russia"
    institutions: dict[str, str]  # "Pentagon" -> "United States"
    state_media: dict[str, str]
    org_aliases: dict[str, str]  # alias (as written) -> organisation
    state_roles: frozenset[str]
    spokes_roles: frozenset[str]
    person_titles: frozenset[str]
    individual_roles: frozenset[str]
    group_heads: frozenset[str]
    state_heads: frozenset[str]
    generic_official_modifiers: frozenset[str]
    state_media_heads: frozenset[str]
    portfolios: frozenset[str]
    local_offices: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    leader_suffixes: tuple[str, ...]
    affiliation_suffixes: tuple[str, ...]
    person_nouns: frozenset[str]
    compass_words: frozenset[str]
    country_nouns: frozenset[str]
    foreign_presence: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    male_words: frozenset[str]  # honorifics and nouns: "Mr", "spokesman"
    female_words: frozenset[str]
    male_names: frozenset[str]  # given names
    female_names: frozenset[str]
    # speech
    speech_verbs: frozenset[str]
    speech_clause_only: frozenset[str]
    speech_frames: dict[str, tuple[str, ...]]  # cue lemma -> dependents carrying the content
    particle_cues: dict[str, str]  # "rule" -> "out": speech only with its particle
    weak_speech_verbs: frozenset[str]
    documents: frozenset[str]
    according_to: tuple[str, ...]
    channels: frozenset[str]
    anonymity_markers: tuple[str, ...]
    anonymous_heads: frozenset[str]
    not_speakers: frozenset[str]
    page_labels: frozenset[str]
    # accusations
    accusation_verbs: dict[str, str]  # lemma -> CAMEO code
    accusation_nouns: dict[str, str]
    hostile_verbs: frozenset[str]
    hostile_light_verbs: frozenset[str]
    hostile_nouns: frozenset[str]
    hostile_adjectives: frozenset[str]
    hostile_groups: frozenset[str]
    hostile_agents: frozenset[str]
    hostile_labels: frozenset[str]
    naming_verbs: frozenset[str]
    side_nouns: frozenset[str]
    blame_words: frozenset[str]
    cameo_topics: dict[str, tuple[str, ...]]
    # casualties
    outcome_verbs: dict[str, str]  # lemma -> outcome
    outcome_nouns: dict[str, str]
    outcome_adjectives: dict[str, str]
    outcome_phrases: dict[str, str]
    people_nouns: frozenset[str]
    not_people_nouns: frozenset[str]
    breakdown_markers: tuple[str, ...]
    toll_nouns: frozenset[str]
    victim_classes: dict[str, str]  # head lemma -> class
    casualty_words: dict[str, frozenset[str]]  # casualties.toml [words]: list name -> words
    background_cues: dict  # casualties.toml [background]
    # numbers
    number_units: dict[str, int]
    number_tens: dict[str, int]
    number_scales: dict[str, int]
    number_fractions: dict[str, float]  # "half" -> 0.5
    number_multipliers: frozenset[str]  # units that multiply what precedes them: "two dozen"
    vague_quantities: dict[str, int]
    min_qualifiers: tuple[str, ...]
    max_qualifiers: tuple[str, ...]
    approximate_qualifiers: tuple[str, ...]
    # languages
    stopwords: dict[str, frozenset[str]]
    scripts: dict[str, tuple[str, str]]  # language -> (first, last) letter of its script

    # Unions the rules test often, built once rather than on every test.
    @cached_property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.group_pronouns

    @cached_property
    def person_markers(self) -> frozenset[str]:
        """Titles and roles that only a person holds."""
        return self.person_titles | self.individual_roles | self.spokes_roles

    @cached_property
    def body_heads(self) -> frozenset[str]:
        """Heads of a group's or a state's bodies: "militia", "ministry"."""
        return self.group_heads | self.state_heads

    @cached_property
    def actor_heads(self) -> frozenset[str]:
        """Common nouns that can name an actor: "official", "group", "spokesman", "source"."""
        return self.state_roles | self.group_heads | self.spokes_roles | self.anonymous_heads

    @cached_property
    def harm_words(self) -> frozenset[str]:
        return self.hostile_nouns | self.hostile_adjectives | self.hostile_verbs


def _by_outcome(outcomes: dict, key: str) -> dict[str, str]:
    return {word.lower(): outcome for outcome, words in outcomes.items() for word in words[key]}


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in words}, key=lambda w: (-len(w), w)))


@cache
def load_lexicon() -> Lexicon:
    countries = _load("countries.toml")
    orgs = _load("organizations.toml")["organizations"]
    roles = _load("roles.toml")
    speech = _load("speech.toml")
    accusation = _load("accusation.toml")
    casualties = _load("casualties.toml")
    numbers = _load("numbers.toml")
    languages = _load("languages.toml")

    country_aliases: dict[str, str] = {}
    for country, aliases in countries["countries"].items():
        country_aliases[country] = country
        for alias in aliases:
            country_aliases.setdefault(alias, country)
    capitals = dict(countries["capitals"])
    for capital, country in capitals.items():
        country_aliases.setdefault(capital, country)
    org_aliases: dict[str, str] = {}
    for org, aliases in orgs.items():
        org_aliases[org] = org
        for alias in aliases:
            org_aliases.setdefault(alias, org)

    outcomes = casualties["outcomes"]
    hostile = accusation["hostile_acts"]
    return Lexicon(
        country_aliases=country_aliases,
        capitals=capitals,
        institutions=dict(countries["institutions"]),
        state_media=dict(countries["state_media"]),
        org_aliases=org_aliases,
        state_roles=_lower_set(roles["state"]),
        spokes_roles=_lower_set(roles["spokes"]),
        person_titles=_lower_set(roles["person_titles"]),
        individual_roles=_lower_set(roles["individuals"]),
        group_heads=_lower_set(roles["group_heads"]),
        state_heads=_lower_set(roles["state_heads"]),
        generic_official_modifiers=_lower_set(roles["generic_official_modifiers"]),
        state_media_heads=_lower_set(roles["state_media_heads"]),
        portfolios=_lower_set(roles["portfolios"]),
        local_offices=_lower_set(roles["local_offices"]),
        person_pronouns=_lower_set(roles["pronouns_person"]),
        group_pronouns=_lower_set(roles["pronouns_group"]),
        leader_suffixes=tuple(roles["leader_suffixes"]),
        affiliation_suffixes=tuple(roles["affiliation_suffixes"]),
        person_nouns=_lower_set(roles["person_nouns"]),
        compass_words=_lower_set(roles["compass_words"]),
        country_nouns=_lower_set(roles["country_nouns"]),
        foreign_presence=_lower_set(roles["foreign_presence"]),
        male_pronouns=_lower_set(roles["gender"]["male_pronouns"]),
        female_pronouns=_lower_set(roles["gender"]["female_pronouns"]),
        male_words=_lower_set(roles["gender"]["male_words"]),
        female_words=_lower_set(roles["gender"]["female_words"]),
        male_names=_lower_set(roles["gender"]["male_names"]),
        female_names=_lower_set(roles["gender"]["female_names"]),
        speech_verbs=_lower_set(speech["verbs"]),
        speech_clause_only=_lower_set(speech["clause_only"]),
        speech_frames={lemma: tuple(deps) for lemma, deps in speech["frames"].items()},
        particle_cues=dict(speech["particle_cues"]),
        weak_speech_verbs=_lower_set(speech["weak_verbs"]),
        documents=_lower_set(speech["documents"]),
        according_to=_longest_first(speech["according_to"]),
        channels=frozenset(speech["channels"]),
        anonymity_markers=_longest_first(speech["anonymity_markers"]),
        anonymous_heads=_lower_set(speech["anonymous_heads"]),
        not_speakers=_lower_set(speech["not_speakers"]),
        page_labels=_lower_set(speech["page_labels"]),
        accusation_verbs={lemma: frame["code"] for lemma, frame in accusation["frames"].items()},
        accusation_nouns=dict(accusation["nouns"]),
        hostile_verbs=_lower_set(hostile["verbs"]),
        hostile_light_verbs=_lower_set(hostile["light_verbs"]),
        hostile_nouns=_lower_set(hostile["nouns"]) | _lower_set(hostile["instruments"]),
        hostile_adjectives=_lower_set(hostile["adjectives"]),
        hostile_groups=_lower_set(hostile["group_nouns"]),
        hostile_agents=_lower_set(hostile["agent_nouns"]),
        hostile_labels=_lower_set(hostile["labels"]),
        naming_verbs=_lower_set(hostile["naming_verbs"]),
        side_nouns=_lower_set(hostile["side_nouns"]),
        blame_words=_lower_set(hostile["blame_words"]),
        cameo_topics={code: tuple(words) for code, words in accusation["topics"].items()},
        outcome_verbs=_by_outcome(outcomes, "verbs"),
        outcome_nouns=_by_outcome(outcomes, "nouns"),
        outcome_adjectives=_by_outcome(outcomes, "adjectives"),
        outcome_phrases=_by_outcome(outcomes, "phrases"),
        people_nouns=_lower_set(casualties["people"]["nouns"]),
        not_people_nouns=_lower_set(casualties["people"]["not_people"]),
        breakdown_markers=_longest_first(casualties["figures"]["breakdown_markers"]),
        toll_nouns=_lower_set(casualties["figures"]["toll_nouns"]),
        victim_classes={w: c for c, words in casualties["victim_classes"].items() for w in words},
        casualty_words={name: _lower_set(words) for name, words in casualties["words"].items()},
        background_cues=dict(casualties["background"]),
        number_units=dict(numbers["units"]),
        number_tens=dict(numbers["tens"]),
        number_scales=dict(numbers["scales"]),
        number_fractions=dict(numbers["fractions"]),
        number_multipliers=_lower_set(numbers["multipliers"]["units"]),
        vague_quantities=dict(numbers["vague"]),
        min_qualifiers=_longest_first(numbers["qualifiers"]["min"]),
        max_qualifiers=_longest_first(numbers["qualifiers"]["max"]),
        approximate_qualifiers=_longest_first(numbers["qualifiers"]["approximate"]),
        stopwords={lang: frozenset(words) for lang, words in languages["stopwords"].items()},
        scripts={lang: (bounds[0], bounds[1]) for lang, bounds in languages["scripts"].items()},
    )
