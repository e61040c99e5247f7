"""`rashomon compare`: one event, many outlets, the competing accounts side by side.

Pure functions over `Report` records (from `analyze`, or read back from its JSON Lines with
`read_reports`): no model, no parse.

    comparison = compare_reports(reports)        # events, their figures, accounts, disagreements
    comparison.to_dict()                         # the JSON contract (`rashomon schema --compare`)
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Iterable, Sequence

from ..records import Failure, Report
from .accounts import disagreements, event_accounts, is_denial, source_name
from .events import EVENT_WINDOW_DAYS, group_events
from .figures import EventScope, event_figures, victim_group
from .names import Opening, place_key, read_opening
from .records import (
    COMPARISON_SCHEMA_VERSION, ArticleRef, Comparison, Disagreement, Event, Figure, FigureReport,
    MergedAccusation, MergedStatement, PartyAccount, SourcedEvidence,
)
from .reports import ReportFormatError, read_reports, report_from_dict
from .words import compare_words

__all__ = [
    "COMPARISON_SCHEMA_VERSION", "ArticleRef", "Comparison", "Disagreement", "Event", "Figure",
    "FigureReport", "MergedAccusation", "MergedStatement", "PartyAccount", "ReportFormatError",
    "SourcedEvidence", "build_event", "compare_reports", "group_events", "is_denial", "read_reports",
    "report_from_dict", "source_name", "victim_group",
]


# How much more a place named in a headline counts than one a figure is placed in.
HEADLINE_PLACE_WEIGHT = 2


def compare_reports(reports: Sequence[Report], failures: Iterable[Failure] = (), *, one_event: bool = False) -> Comparison:
    """The reports grouped into events (all in one with `one_event`), each event's figures,
    accounts and disagreements. `failures` (inputs that gave no report) are carried through."""
    openings = [read_opening(r.article.title, r.article.text) for r in reports]
    groups = [list(range(len(reports)))] if one_event and reports else group_events(reports, openings=openings)
    events = [build_event([reports[i] for i in group], [openings[i] for i in group]) for group in groups]
    return Comparison(events=events, failures=list(failures))


def build_event(reports: Sequence[Report], openings: Sequence[Opening] | None = None) -> Event:
    """One event from the reports of it (and their `read_opening`s, when the caller has them)."""
    openings = openings or [read_opening(r.article.title, r.article.text) for r in reports]
    places, scope = _places_and_scope(reports, openings)
    figures = event_figures(reports, openings, scope)
    accounts = event_accounts(reports)
    return Event(
        articles=[ArticleRef(input=r.input, title=r.article.title, source=r.article.source,
                             published=r.article.published, id=r.id) for r in reports],
        date=_event_date(reports, figures), places=places, figures=figures, accounts=accounts,
        disagreements=disagreements(accounts, figures),
    )


def _places_and_scope(reports: Sequence[Report], openings: Sequence[Opening]) -> tuple[list[str], EventScope]:
    """The event's places, most often named first: those of the headlines and where each
    article's first figure in its lead happened (later figures may be of other places, recalled)."""
    states = set(compare_words().states.values())
    written: Counter = Counter()
    keys_of: dict[str, frozenset[str]] = {}
    for report, opening in zip(reports, openings):
        seen = list(opening.headline_places)
        first = next((c for c in report.casualties
                      if not c.background and c.location and c.evidence.start < opening.lead_end), None)
        if first is not None and (key := place_key(first.location)):
            seen.append((first.location.removeprefix("the ").strip(), frozenset(key.split()) if key not in states else frozenset({key})))
        for k, (surface, keys) in enumerate(dict(seen).items()):
            # a headline's spelling before the extractor's ("Mazar-i-Sharif", not "Mazar")
            written[surface] += HEADLINE_PLACE_WEIGHT if k < len(opening.headline_places) else 1
            keys_of[surface] = keys
    places = _merge_places(written, keys_of, states)
    covered = list(keys_of.values())
    all_keys = {k for keys in covered for k in keys}
    headline_names = {t.key for o in openings for t in o.headline if t.kind == "name"}
    # the days of the event: when its articles came out, else when their first figures happened
    dates = {d for r in reports if (d := _day(r.article.published))}
    if not dates:
        dates = {d for r in reports for c in r.casualties[:1] if (d := _day(c.date))}
    scope = EventScope(places=frozenset(all_keys - states), states=frozenset(all_keys & states),
                       names=frozenset(headline_names), dates=frozenset(dates), window_days=EVENT_WINDOW_DAYS)
    return places, scope


def _merge_places(written: Counter, keys_of: dict[str, frozenset[str]], states: set[str]) -> list[str]:
    """Places as written, one per place ("Mazar", "Mazar-i-Sharif" and "Mazar-e-Sharif" are one,
    shown as most often written), the most often named first, names before states."""
    groups: list[tuple[set[str], list[str]]] = []
    for surface in written:
        words = _words(keys_of[surface])
        home = next((g for g in groups if words <= g[0] or g[0] <= words), None)
        if home is None:
            groups.append((set(words), [surface]))
        else:
            home[0].update(words)
            home[1].append(surface)
    shown = []
    for _, surfaces in groups:
        count = sum(written[s] for s in surfaces)
        best = max(surfaces, key=lambda s: (written[s], len(_words(keys_of[s]))))
        shown.append((-count, best in states, best))
    return [best for _, _, best in sorted(shown)]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _words(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(w for k in keys for w in k.split())


def _event_date(reports: Sequence[Report], figures: list[Figure]) -> str | None:
    """When it happened: the earliest date of its tolls, else the earliest publication."""
    toll_dates = [r.date for f in figures if f.victims is None for r in f.reports if r.date]
    published = [r.article.published for r in reports if r.article.published]
    return min(toll_dates or published) if (toll_dates or published) else None
