"""Typed records of a comparison. `Comparison.to_dict()` is the JSON contract (see README,
`rashomon schema --compare`); the renderers read these records and nothing else."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from ..contract import ISO_DATE, described
from ..records import Evidence, Failure, Mention, Outcome

COMPARISON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ArticleRef:
    input: str
    title: str | None
    source: str | None  # the outlet
    published: str | None = described(pattern=ISO_DATE)
    id: str | None = None


@dataclass(frozen=True)
class SourcedEvidence:
    """A sentence of one article, with offsets into that article's text."""

    input: str
    text: str
    start: int = described(minimum=0)
    end: int = described(minimum=0)

    @classmethod
    def of(cls, input: str, evidence: Evidence) -> "SourcedEvidence":
        return cls(input=input, text=evidence.text, start=evidence.start, end=evidence.end)


@dataclass(frozen=True)
class FigureReport:
    """One source's figure: what one article says, and who it says gives the figure."""

    input: str
    source: str | None = described("The outlet.")
    count: int | None
    min: int | None
    max: int | None
    approximate: bool
    conservative: int | None
    victims: str | None
    reported_by: Mention | None = described("Who the article says gives the figure.")
    perpetrator: Mention | None
    location: str | None
    date: str | None = described(pattern=ISO_DATE)
    evidence: SourcedEvidence


@dataclass
class Figure:
    """One outcome for one group of victims across the sources, reconciled. `victims` None is
    the toll of all victims; a subgroup ("10 children among the 100 wounded") is `part_of`
    the group it breaks down ("all" for the toll), never a rival toll."""

    outcome: Outcome
    victims: str | None = described(
        "null: the toll of all victims; else the group counted (civilians, children, combatants, a head noun).")
    part_of: str | None = described("For a subgroup, the group it is part of ('all' for the toll); null otherwise.")
    low: int | None = described("The smallest precise figure (vague ones left out).")
    high: int | None = described("The largest precise figure.")
    best: int | None = described(
        "The median of the sources' figures, one per source (its largest exact figure, else its largest).")
    conservative: int | None = described(
        "ACLED's rule: the lowest precise figure; for vague reports only, the smallest coded figure (dozens = 12).")
    disagree: bool = described("The precise figures differ.")
    sources: int = described("Articles giving a figure of this group.", minimum=1)
    reports: list[FigureReport] = field(default_factory=list)


@dataclass
class MergedAccusation:
    """One party's accusation against one actor, as every outlet carrying it words it."""

    accuser: str | None
    accused: str
    accused_party: str | None
    allegation: str
    carried_by: list[str]
    evidence: list[SourcedEvidence]


@dataclass
class MergedStatement:
    speaker: str
    content: str
    direct: bool
    denial: bool = described("The statement denies something (a verb of denial, or 'not responsible', 'baseless'...).")
    carried_by: list[str]
    evidence: list[SourcedEvidence]


@dataclass
class PartyAccount:
    party: str
    accusations: list[MergedAccusation] = field(default_factory=list)
    statements: list[MergedStatement] = field(default_factory=list)
    carried_by: list[str] = described("The inputs whose articles carry this party's account.", default_factory=list)


@dataclass(frozen=True)
class Disagreement:
    """Where the sources part: `kind` "figures" (tolls that differ), "blame" (accusations in
    opposite directions, or sources naming different perpetrators) or "denial" (a party denies
    what another accuses it of)."""

    kind: Literal["figures", "blame", "denial"]
    summary: str
    parties: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    outcome: Outcome | None = None
    victims: str | None = None
    evidence: list[SourcedEvidence] = field(default_factory=list)


@dataclass
class Event:
    articles: list[ArticleRef] = described(minItems=1)
    date: str | None = described("The earliest date of its tolls, else of its articles' publication.", pattern=ISO_DATE)
    places: list[str] = described("The event's places, the most often named first.")
    figures: list[Figure] = field(default_factory=list)
    accounts: list[PartyAccount] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


@dataclass
class Comparison:
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "schema_version": COMPARISON_SCHEMA_VERSION,
            "events": [asdict(e) for e in self.events],
            "failures": [f.to_dict() for f in self.failures],
        }
