"""Articles into events: which reports tell of the same episode.

Two articles are of one event when their openings (headline and lead) say much the same, by a
tf-idf cosine over their names and content words (weighted by how few of the articles compared
use them), when they share at least one name that is not a state, an organisation or one of the
people quoted (a place, usually: "Mazar-i-Sharif", "Nice"; states alone do not make one event of
two articles about one war), and when their dates, where known, are within a few days. Events
are built by average-link clustering: an article joins an event when it is close to the event's
articles on average, not to one of them only, so one shared city does not chain a war's
reports into one event.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from ..records import Report
from .names import Name, Opening, place_key, read_opening

# The headline says what the article is about more surely than the lead.
HEADLINE_WEIGHT = 2.0
# States and organisations are shared by every report of a war; names and words of the event less.
TERM_WEIGHTS = {"state": 0.5, "org": 0.7, "name": 1.0, "word": 0.6}
# Average score of two events' articles above which they are one event. On the 19 articles of
# the dev clusters the events come out whole from 0.10 to 0.18 and split from 0.20; on all 51 dev
# articles, two Aleppo reports of different days join below 0.18.
SAME_EVENT_SIMILARITY = 0.17
# Two articles that share no place must be this much closer to be one event (two reports of
# one war on different days share its states, its leaders and its words, but rarely a town),
# and closer still when each names places, but not the same.
NO_SHARED_PLACE = 0.5
DIFFERENT_PLACES = 0.25
# A term in more than this share of the reports does not make a pair worth scoring by itself.
BLOCKING_SHARE = 0.5
# Reports more than this many days apart are of different events.
EVENT_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Profile:
    """What grouping reads of one report."""

    terms: dict[Name, float]  # weighted counts of the opening's terms
    anchors: frozenset[str]  # names of the event: not states, organisations or speakers
    dates: frozenset[date]  # publication date and the dates of the harm reported
    opening: Opening


def profile(report: Report, opening: Opening | None = None) -> Profile:
    article = report.article
    opening = opening or read_opening(article.title, article.text)
    terms: dict[Name, float] = defaultdict(float)
    for part, weight in ((opening.headline, HEADLINE_WEIGHT), (opening.lead, 1.0)):
        for term, count in part.items():
            terms[term] += weight * TERM_WEIGHTS[term.kind] * count
    places = opening.places | {k for c in report.casualties if (k := place_key(c.location))}
    anchors = {t.key for t in (*opening.headline, *opening.lead) if t.kind == "name" and t.key in places}
    return Profile(terms=dict(terms), anchors=frozenset(anchors), dates=frozenset(report_dates(report)), opening=opening)


def report_dates(report: Report) -> set[date]:
    """The dates a report is of: its publication date and those of the harm it reports."""
    found = {report.article.published, *(c.date for c in report.casualties if not c.background)}
    return {d for d in (_parse_date(v) for v in found) if d is not None}


def group_events(reports: Sequence[Report], *, openings: Sequence[Opening] | None = None,
                 similarity: float = SAME_EVENT_SIMILARITY, window_days: int = EVENT_WINDOW_DAYS) -> list[list[int]]:
    """The reports' indices, grouped into events; events in order of their first report.
    `openings` are the reports' `read_opening`s, when the caller has them already."""
    profiles = [profile(r, o) for r, o in zip(reports, openings or [None] * len(reports))]
    vectors = _tfidf([p.terms for p in profiles])
    scores = {}
    for i, j in _candidate_pairs(profiles):
        if dates_compatible(profiles[i].dates, profiles[j].dates, window_days):
            scores[(i, j)] = _cosine(vectors[i], vectors[j]) * _place_factor(profiles[i], profiles[j])

    def together(a: list[int], b: list[int]) -> bool:
        return all(dates_compatible(profiles[i].dates, profiles[j].dates, window_days) for i in a for j in b)

    clusters = _average_link(len(profiles), scores, together, similarity)
    return sorted(clusters, key=min)


def dates_compatible(a: frozenset[date] | set[date], b: frozenset[date] | set[date], window_days: int) -> bool:
    """Unknown dates are compatible with any; known ones when some pair is within the window."""
    if not a or not b:
        return True
    return any(abs((x - y).days) <= window_days for x in a for y in b)


# --- the parts ------------------------------------------------------------------------------


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _tfidf(term_counts: list[dict[Name, float]]) -> list[dict[Name, float]]:
    """Unit vectors of sublinear term weights times smoothed inverse document frequency over
    the reports compared."""
    total = len(term_counts)
    frequency = Counter(term for terms in term_counts for term in terms)
    vectors = []
    for terms in term_counts:
        weights = {t: (1 + math.log(w) if w > 1 else w) * (math.log((1 + total) / (1 + frequency[t])) + 1) for t, w in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def _cosine(a: dict[Name, float], b: dict[Name, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _place_factor(a: Profile, b: Profile) -> float:
    if a.anchors & b.anchors:
        return 1.0
    return DIFFERENT_PLACES if a.anchors and b.anchors else NO_SHARED_PLACE


def _candidate_pairs(profiles: list[Profile]) -> set[tuple[int, int]]:
    """The pairs worth scoring: those sharing a place, or a term of their headlines that not
    every other report uses (without one, two articles are not close enough to be one event)."""
    index: dict[object, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in {*p.anchors, *(t for t in p.opening.headline if t.kind != "state")}:
            index[key].append(i)
    most = max(2, int(len(profiles) * BLOCKING_SHARE))
    return {(a, b) for members in index.values() if len(members) <= most
            for k, a in enumerate(members) for b in members[k + 1:]}


def _average_link(count: int, scores: dict[tuple[int, int], float], together, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the two closest clusters (mean pairwise score, unscored
    pairs counting 0) while that mean reaches `threshold`; `together(a, b)` may forbid a merge."""
    members = {i: [i] for i in range(count)}
    between: dict[tuple[int, int], float] = defaultdict(float)  # sums of scores between clusters
    for pair, score in scores.items():
        between[pair] += score
    heap = [(-s, a, b) for (a, b), s in between.items()]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        mean = between[(a, b)] / (len(members[a]) * len(members[b]))
        if abs(mean + negative) > 1e-12:
            continue  # a stale entry: one of the clusters has grown since
        if mean < threshold:
            break
        if together(members[a], members[b]):
            _merge(a, b, members, between, heap)
    return list(members.values())


def _merge(a: int, b: int, members: dict[int, list[int]], between: dict[tuple[int, int], float], heap: list) -> None:
    """Cluster b joins cluster a; its sums of scores to the other clusters are carried over."""
    members[a] += members.pop(b)
    for other in members:
        if other == a:
            continue
        key_a, key_b = (min(a, other), max(a, other)), (min(b, other), max(b, other))
        between[key_a] += between.pop(key_b, 0.0)
        if between[key_a] > 0:
            heapq.heappush(heap, (-between[key_a] / (len(members[a]) * len(members[other])), *key_a))
