"""The gist of a report, for a person scanning a story: who accused whom, the figures, each
side's statements, with the count of facts behind each part. Format-neutral records of plain
(cleaned) strings; the terminal and markdown views lay them out (`--details` shows the rest).

For a batch, one `ArticleRow` per article and the `Totals` of the run."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...extractors.records import OUTCOMES, Casualty, Mention, Report

from .cells import figure_text, heading
from .safe import clean

# Beyond these, a summary says how many more there are (all are in --details).
MAX_ACCUSATIONS = 10
MAX_CASUALTIES = 10
MAX_STATEMENTS_PER_SIDE = 4


@dataclass
class Claim:
    """An accusation: accuser → accused: allegation."""

    accuser: str
    accused: str
    allegation: str


@dataclass
class Figure:
    outcome: str
    figure: str
    victims: str
    context: str  # by whom, according to whom, where, when


@dataclass
class Side:
    party: str | None  # None: speakers the article gives no side
    statements: list[str]
    total_statements: int
    accusations: int = 0
    speakers: list[str] = field(default_factory=list)


@dataclass
class Gist:
    heading: str
    counts: str
    warnings: list[str]
    claims: list[Claim]
    more_claims: int
    figures: list[Figure]
    more_figures: int
    sides: list[Side]


def who(mention: Mention | None) -> str:
    """The shortest name that says who: the side, else the person or body, else the words."""
    if mention is None:
        return "—"
    return clean(mention.party or mention.name or mention.text)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def gist(report: Report) -> Gist:
    claims = [Claim(who(a.accuser), who(a.accused), clean(a.allegation)) for a in report.accusations]
    figures = [_figure(c) for c in report.casualties]
    return Gist(
        heading=heading(report), counts=counts(report), warnings=[clean(w) for w in report.warnings],
        claims=claims[:MAX_ACCUSATIONS], more_claims=max(0, len(claims) - MAX_ACCUSATIONS),
        figures=figures[:MAX_CASUALTIES], more_figures=max(0, len(figures) - MAX_CASUALTIES),
        sides=_sides(report),
    )


def counts(report: Report) -> str:
    parties = len(report.accounts)
    return " · ".join([
        plural(len(report.accusations), "accusation"), plural(len(report.casualties), "casualty figure"),
        plural(len(report.statements), "statement"), plural(parties, "party", "parties"),
    ])


def _figure(c: Casualty) -> Figure:
    victims = clean(c.victims or "")
    if c.names:
        victims += (": " if victims else "") + ", ".join(clean(n) for n in c.names)
    context = []
    if c.perpetrator:
        context.append(f"blamed on {who(c.perpetrator)}")
    if c.reported_by:
        context.append(f"according to {who(c.reported_by)}")
    context += [clean(x) for x in (c.location, c.date) if x]
    return Figure(c.outcome, figure_text(c), victims, " · ".join(context))


def _sides(report: Report) -> list[Side]:
    sides = []
    for account in report.accounts:
        said = [_said(report.statements[i]) for i in account.statements]
        sides.append(Side(clean(account.party), said[:MAX_STATEMENTS_PER_SIDE], len(said), len(account.accusations)))
    sided = {i for account in report.accounts for i in account.statements}
    rest = [s for i, s in enumerate(report.statements) if i not in sided]
    if rest:
        speakers = list(dict.fromkeys(clean(s.speaker.text) for s in rest))
        said = [_said(s) for s in rest]
        sides.append(Side(None, said[:MAX_STATEMENTS_PER_SIDE], len(said), 0, speakers))
    return sides


def _said(statement) -> str:
    content = clean(statement.content)
    return f"“{content}”" if statement.direct else content


# --- a batch: one row per article -------------------------------------------------------------


@dataclass
class ArticleRow:
    article: str  # the title, or the input
    date: str
    outlet: str
    toll: str  # the largest figure of each outcome
    accusations: str  # "A → B", each pair once
    parties: str


def article_row(report: Report) -> ArticleRow:
    article = report.article
    pairs = dict.fromkeys(f"{who(a.accuser)} → {who(a.accused)}" for a in report.accusations)
    return ArticleRow(
        article=clean(article.title) or clean(report.input), date=clean(article.published),
        outlet=clean(article.source), toll=main_toll(report.casualties), accusations=", ".join(pairs),
        parties=", ".join(clean(a.party) for a in report.accounts),
    )


def main_toll(casualties: list[Casualty]) -> str:
    """The largest figure of each outcome, in the order killed, injured, missing, ...:
    "≥12 killed, 30 injured"."""
    parts = []
    for outcome in OUTCOMES:
        figures = [c for c in casualties if c.outcome == outcome]
        if figures:
            parts.append(f"{figure_text(max(figures, key=_size))} {outcome}")
    return ", ".join(parts)


def _size(c: Casualty) -> int:
    return max(x for x in (c.count, c.max, c.min, c.conservative, 0) if x is not None)


@dataclass
class Totals:
    articles: int = 0
    accusations: int = 0
    casualties: int = 0
    statements: int = 0
    parties: dict[str, None] = field(default_factory=dict)  # in the order first heard

    def add(self, report: Report) -> None:
        self.articles += 1
        self.accusations += len(report.accusations)
        self.casualties += len(report.casualties)
        self.statements += len(report.statements)
        self.parties.update(dict.fromkeys(clean(a.party) for a in report.accounts))

    def __str__(self) -> str:
        parts = [plural(self.articles, "article"), plural(self.accusations, "accusation"),
                 plural(self.casualties, "casualty figure"), plural(self.statements, "statement"),
                 plural(len(self.parties), "party", "parties")]
        return " · ".join(parts)
