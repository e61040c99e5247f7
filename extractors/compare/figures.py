"""An event's casualty figures, every source's side by side, reconciled per outcome and victims.

Which figures are the event's: not those marked `background`; not those placed somewhere the
event is not (the earlier strikes in another province an article recalls) or dated outside the
event's days; and, past the article's lead, only those whose sentence names the event's place or
what the headline names (a toll deep in an article with nothing tying it to the event may be of
another). Which group a figure counts: an article's first figure of an outcome is its toll, as
are figures of people in general ("84 people", "the dead"); a figure that breaks down a larger
one in its sentence ("including 10 children") is a subgroup of it; others count their victims.

Reconciled as conflict-data coders do: `low` and `high` the smallest and largest precise figure
(vague ones, "dozens", left out); `best` the median of the sources' figures, one per source (its
largest exact figure, else its largest); `conservative` ACLED's choice, the lowest precise
figure, or for vague reports only, the smallest figure a coder records for them ("dozens" 12).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..lexicon import load_lexicon
from ..records import OUTCOMES, Casualty, Report
from .names import Opening, place_key
from .records import Figure, FigureReport, SourcedEvidence
from .words import compare_words

TOTAL = "all"  # the group of a toll, in `part_of`


@dataclass(frozen=True)
class EventScope:
    """What ties a figure to the event: its places (keys), its headline names, its dates."""

    places: frozenset[str]
    states: frozenset[str]
    names: frozenset[str]
    dates: frozenset[date]
    window_days: int


@dataclass(frozen=True)
class _Kept:
    report: Report
    casualty: Casualty
    group: str | None  # victims group; None for the toll
    part_of: str | None


def event_figures(reports: Sequence[Report], openings: Sequence[Opening], scope: EventScope) -> list[Figure]:
    """The event's figures: one per outcome and victims group, in the order of OUTCOMES, each
    outcome's toll first."""
    kept: list[_Kept] = []
    for report, opening in zip(reports, openings):
        mine = [c for c in report.casualties if belongs(c, opening, scope)]
        kept += _grouped(report, mine)
    figures: dict[tuple[str, str | None], list[_Kept]] = {}
    for item in kept:
        figures.setdefault((item.casualty.outcome, item.group), []).append(item)
    order = {o: i for i, o in enumerate(OUTCOMES)}
    keys = sorted(figures, key=lambda k: (order.get(k[0], len(order)), k[1] is not None, figures[k][0].part_of is not None))
    return [_reconcile(outcome, group, figures[(outcome, group)]) for outcome, group in keys]


def belongs(casualty: Casualty, opening: Opening, scope: EventScope) -> bool:
    """Whether a figure of an article of the event is a figure of the event."""
    if casualty.background:
        return False
    if not _place_fits(casualty.location, scope):
        return False
    if casualty.date and scope.dates and not _date_fits(casualty.date, scope):
        return False
    if casualty.evidence.start < opening.lead_end:
        return True
    return _names_any(casualty.evidence.text, scope.places | scope.names)


# --- which figures ---------------------------------------------------------------------------


def _place_fits(location: str | None, scope: EventScope) -> bool:
    key = place_key(location)
    if key is None:
        return True
    if key in compare_words().states.values():
        return not scope.states or key in scope.states
    words = set(key.split())
    return not scope.places or any(words & set(p.split()) for p in scope.places)


def _date_fits(value: str, scope: EventScope) -> bool:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return True
    return any(abs((day - d).days) <= scope.window_days for d in scope.dates)


def _names_any(text: str, keys: frozenset[str]) -> bool:
    """Whether `text` names one of `keys`, capitalised as a name is ("Nice", not "nice")."""
    for key in keys:
        first = key.split()[0]
        for match in re.finditer(rf"\b{re.escape(first)}", text, re.IGNORECASE):
            if match.group()[0].isupper():
                return True
    return False


# --- which group -----------------------------------------------------------------------------


def _grouped(report: Report, casualties: list[Casualty]) -> list[_Kept]:
    kept: list[_Kept] = []
    has_toll: set[str] = set()
    groups: dict[int, str | None] = {}
    for c in casualties:
        whole = _broken_down(c, casualties)
        if whole is not None:
            parent = groups.get(id(whole), victim_group(whole.victims))
            group, part_of = victim_group(c.victims) or "people", parent or TOTAL
        elif c.outcome not in has_toll or victim_group(c.victims) is None:
            group, part_of = None, None
        else:
            group, part_of = victim_group(c.victims), None
        if group is None and _is_precise(c):
            has_toll.add(c.outcome)
        groups[id(c)] = group
        kept.append(_Kept(report, c, group, part_of))
    return kept


def _broken_down(c: Casualty, casualties: list[Casualty]) -> Casualty | None:
    """The larger figure `c` breaks down in its sentence ("100 wounded, including 10 children"),
    if it does."""
    markers = load_lexicon().breakdown_markers
    for whole in casualties:
        if whole is c or whole.outcome != c.outcome or whole.evidence.start != c.evidence.start:
            continue
        if whole.count is not None and c.count is not None and whole.count > c.count:
            text = c.evidence.text.lower()
            at = text.find((c.victims or "").lower()) if c.victims else -1
            if any(0 <= text.find(m) < (at if at >= 0 else len(text)) for m in markers):
                return whole
    return None


def victim_group(victims: str | None) -> str | None:
    """The group a figure counts: None for people in general ("84 people", "the dead"), else
    "children" or "combatants" for the words the lexicon files under them ("girls", "soldiers"),
    else its victims' head noun ("women", "civilians", "journalists")."""
    if not victims:
        return None
    words = compare_words()
    head = victims.lower().split()[-1].strip(".,;:'’\"")
    singular = _singular(head)
    if head in words.general_victims or singular in words.general_victims:
        return None
    group = load_lexicon().victim_classes.get(singular)
    # "civilians" files people, men and women alike: as a group it would make rivals of "7 women"
    # and "21 civilians"
    return group if group in _CLASS_GROUPS else head


_CLASS_GROUPS = frozenset({"children", "combatants"})
_IRREGULAR = {"children": "child", "men": "man", "women": "woman", "people": "person", "policemen": "policeman"}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- reconciled ------------------------------------------------------------------------------


def _is_precise(c: Casualty) -> bool:
    return c.count is not None or c.min is not None or c.max is not None


def _reconcile(outcome: str, group: str | None, items: list[_Kept]) -> Figure:
    precise = [i.casualty for i in items if _is_precise(i.casualty)]
    lows = [c.count if c.count is not None else c.min if c.min is not None else c.max for c in precise]
    highs = [c.count if c.count is not None else c.max if c.max is not None else c.min for c in precise]
    vague = [i.casualty.conservative for i in items if not _is_precise(i.casualty) and i.casualty.conservative]
    low, high = (min(lows), max(highs)) if precise else (None, None)
    return Figure(
        outcome=outcome, victims=group, part_of=next((i.part_of for i in items if i.part_of), None),
        low=low, high=high, best=_best(items), conservative=low if precise else (min(vague) if vague else None),
        disagree=len(set(lows) | set(highs)) > 1, sources=len({i.report.input for i in items}),
        reports=[_figure_report(i) for i in items],
    )


def _best(items: list[_Kept]) -> int | None:
    """The median of the sources' figures, one per source: its largest exact figure (tolls are
    revised upwards as the dead are counted), else its largest. Of two middle values, the higher."""
    per_source: dict[str, list[Casualty]] = {}
    for i in items:
        if i.casualty.count is not None:
            per_source.setdefault(i.report.input, []).append(i.casualty)
    values = []
    for figures in per_source.values():
        exact = [c.count for c in figures if not c.approximate and c.min is None and c.max is None]
        values.append(max(exact) if exact else max(c.count for c in figures))
    if not values:
        return None
    values.sort()
    return values[len(values) // 2]


def _figure_report(item: _Kept) -> FigureReport:
    c, article = item.casualty, item.report.article
    return FigureReport(
        input=item.report.input, source=article.source, count=c.count, min=c.min, max=c.max,
        approximate=c.approximate, conservative=c.conservative, victims=c.victims, reported_by=c.reported_by,
        perpetrator=c.perpetrator, location=c.location, date=c.date, evidence=SourcedEvidence.of(item.report.input, c.evidence),
    )
