"""The frames of accusation cues and the words that read harm in what a speaker says, from
accusation.toml: `load_frames()` for the verbs of accusing, `load_reading()` for the rest."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import _load, _lower_set


@dataclass(frozen=True)
class Frame:
    """How one verb of accusing says who is accused and of what (see accusation.toml)."""

    lemma: str
    code: str
    accused: tuple[str, ...]  # slots tried in order: "object", "clause", or a preposition
    allegation: tuple[str, ...] = ()  # prepositions whose object is the allegation
    any_accused: bool = False
    needs: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    passive: bool = True


@dataclass(frozen=True)
class Reading:
    act_nouns: frozenset[str]
    instrument_nouns: frozenset[str]
    possession_verbs: frozenset[str]
    relative_pronouns: frozenset[str]
    self_pronouns: frozenset[str]
    negative_determiners: frozenset[str]
    hypothetical_heads: frozenset[str]
    ending_verbs: frozenset[str]
    stopping_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    denial_cues: frozenset[str]
    opinion_cues: frozenset[str]
    instrument_preps: frozenset[str]
    citing_verbs: frozenset[str]
    acknowledging_cues: frozenset[str]
    not_accusers: frozenset[str]
    not_speaker_heads: frozenset[str]
    outlet_determiners: frozenset[str]
    reporter_nouns: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    lie_words: frozenset[str]
    calling_verbs: frozenset[str]
    carrier_nouns: frozenset[str]
    captivity_verbs: frozenset[str]
    captivity_words: frozenset[str]
    lying_forms: frozenset[str]
    allegiance_words: frozenset[str]
    leading_participles: frozenset[str]
    backing_participles: frozenset[str]
    side_epithets: frozenset[str]
    breaking_verbs: frozenset[str]
    undertakings: frozenset[str]
    claimant_lookback: int
    lying_with_verbs: frozenset[str]
    authorship_nouns: frozenset[str]


@cache
def load_frames() -> dict[str, Frame]:
    frames = _load("accusation.toml")["frames"]
    return {
        lemma: Frame(
            lemma=lemma,
            code=f["code"],
            accused=tuple(f["accused"]),
            allegation=tuple(f.get("allegation", ())),
            any_accused=bool(f.get("any_accused", False)),
            needs=_lower_set(f.get("needs", ())),
            not_with=_lower_set(f.get("not_with", ())),
            passive=bool(f.get("passive", True)),
        )
        for lemma, f in frames.items()
    }


@cache
def load_reading() -> Reading:
    data = _load("accusation.toml")
    hostile, reading, lying = data["hostile_acts"], data["reading"], data["lying"]
    return Reading(
        act_nouns=_lower_set(hostile["nouns"]),
        instrument_nouns=_lower_set(hostile["instruments"]),
        possession_verbs=_lower_set(reading["possession_verbs"]),
        relative_pronouns=_lower_set(reading["relative_pronouns"]),
        self_pronouns=_lower_set(reading["self_pronouns"]),
        negative_determiners=_lower_set(reading["negative_determiners"]),
        hypothetical_heads=_lower_set(reading["hypothetical_heads"]),
        ending_verbs=_lower_set(reading["ending_verbs"]),
        stopping_verbs=_lower_set(reading["stopping_verbs"]),
        future_auxiliaries=_lower_set(reading["future_auxiliaries"]),
        denial_cues=_lower_set(reading["denial_cues"]),
        opinion_cues=_lower_set(reading["opinion_cues"]),
        instrument_preps=_lower_set(reading["instrument_preps"]),
        citing_verbs=_lower_set(reading["citing_verbs"]),
        acknowledging_cues=_lower_set(reading["acknowledging_cues"]),
        not_accusers=_lower_set(reading["not_accusers"]),
        not_speaker_heads=_lower_set(reading["not_speaker_heads"]),
        outlet_determiners=_lower_set(reading["outlet_determiners"]),
        reporter_nouns=_lower_set(reading["reporter_nouns"]),
        responsibility_verbs=_lower_set(hostile["responsibility_verbs"]),
        responsibility_nouns=_lower_set(hostile["responsibility_nouns"]),
        claim_nouns=_lower_set(lying["claim_nouns"]),
        lie_words=_lower_set(lying["lie_words"]),
        calling_verbs=_lower_set(lying["calling_verbs"]),
        carrier_nouns=_lower_set(hostile["carrier_nouns"]),
        captivity_verbs=_lower_set(hostile["captivity_verbs"]),
        captivity_words=_lower_set(hostile["captivity_words"]),
        lying_forms=_lower_set(hostile["lying_forms"]),
        allegiance_words=_lower_set(hostile["allegiance_words"]),
        leading_participles=_lower_set(hostile["leading_participles"]),
        backing_participles=_lower_set(hostile["backing_participles"]),
        side_epithets=_lower_set(hostile["side_epithets"]),
        breaking_verbs=_lower_set(hostile["breaking_verbs"]),
        undertakings=_lower_set(hostile["undertakings"]),
        claimant_lookback=int(lying["claimant_lookback"]),
        lying_with_verbs=_lower_set(hostile["lying_with_verbs"]),
        authorship_nouns=_lower_set(hostile["authorship_nouns"]),
    )
