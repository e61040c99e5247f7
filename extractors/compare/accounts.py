"""An event's accounts across outlets: each party's accusations and statements merged, with
the outlets that carried each, and the disagreements between the sides: tolls that differ,
blame in opposite directions (A blames B, B blames A; sources naming different perpetrators),
and denials that answer an accusation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit
from typing import Sequence

from ..records import Accusation, Report, Statement
from .records import Disagreement, Figure, FigureReport, MergedAccusation, MergedStatement, PartyAccount, SourcedEvidence
from .words import compare_words

# Two wordings of one statement or allegation (a wire copy, a light edit) share at least this
# share of all their content words.
SAME_WORDING = 0.5
_WORDS = re.compile(r"\w+")


def event_accounts(reports: Sequence[Report]) -> list[PartyAccount]:
    """One account per party, in order of first appearance across the reports. A party one
    outlet names by its initials ("ALM") is the party another names in full."""
    named = {a.party for r in reports for a in r.accounts}
    named |= {a.accused.party for r in reports for a in r.accusations if a.accused.party}
    full_names = _full_names(named)
    accounts: dict[str, PartyAccount] = {}
    for report in reports:
        for account in report.accounts:
            party = full_names.get(account.party, account.party)
            merged = accounts.setdefault(party, PartyAccount(party=party))
            _add(merged.carried_by, report.input)
            # the statement an accusation was read from says nothing the accusation does not
            accusing = {report.accusations[i].evidence for i in account.accusations}
            for i in account.statements:
                if report.statements[i].evidence not in accusing:
                    _merge_statement(merged, report.statements[i], report.input)
            for i in account.accusations:
                _merge_accusation(merged, report.accusations[i], report.input, full_names)
    return list(accounts.values())


def _full_names(parties: set[str]) -> dict[str, str]:
    """Initials -> the one party they abbreviate: "ALM" -> "Azawad Liberation Movement"."""
    found: dict[str, str] = {}
    for short in parties:
        if not (short.isupper() and 2 <= len(short) <= MAX_INITIALS):
            continue
        matches = [p for p in parties if p != short and _initials(p) == short]
        if len(matches) == 1:
            found[short] = matches[0]
    return found


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


MAX_INITIALS = 6


def is_denial(statement: Statement) -> bool:
    """A statement denying something: a verb of denial ("denied", "rejected") or words that
    deny a part ("not responsible", "baseless")."""
    words = compare_words()
    if statement.cue in words.denial_cues:
        return True
    content = statement.content.lower()
    return any(re.search(rf"\b{re.escape(p)}\b", content) for p in words.denial_phrases)


def disagreements(accounts: list[PartyAccount], figures: list[Figure]) -> list[Disagreement]:
    return [*_figure_disagreements(figures), *_opposite_blame(accounts), *_perpetrators(figures), *_denials(accounts, figures)]


# --- merging -------------------------------------------------------------------------------


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _similar(a: str, b: str) -> bool:
    x, y = _content_words(a), _content_words(b)
    return bool(x and y) and len(x & y) / len(x | y) >= SAME_WORDING


def _content_words(text: str) -> set[str]:
    words = compare_words()
    return {w for w in _WORDS.findall(text.lower()) if w not in words.stopwords and w not in words.not_names}


def _merge_statement(account: PartyAccount, statement: Statement, input: str) -> None:
    evidence = SourcedEvidence.of(input, statement.evidence)
    for known in account.statements:
        if _similar(known.content, statement.content):
            _add(known.carried_by, input)
            if evidence not in known.evidence:
                known.evidence.append(evidence)
            known.denial = known.denial or is_denial(statement)
            return
    speaker = statement.speaker.name or statement.speaker.text
    account.statements.append(MergedStatement(
        speaker=speaker, content=statement.content, direct=statement.direct, denial=is_denial(statement),
        carried_by=[input], evidence=[evidence],
    ))


def _merge_accusation(account: PartyAccount, accusation: Accusation, input: str, full_names: dict[str, str]) -> None:
    evidence = SourcedEvidence.of(input, accusation.evidence)
    accused = accusation.accused.name or accusation.accused.text
    party = full_names.get(accusation.accused.party, accusation.accused.party)
    for known in account.accusations:
        same_target = (known.accused_party or known.accused.lower()) == (party or accused.lower())
        if same_target and _similar(known.allegation, accusation.allegation):
            _add(known.carried_by, input)
            if evidence not in known.evidence:
                known.evidence.append(evidence)
            return
    accuser = accusation.accuser.name or accusation.accuser.text if accusation.accuser else None
    account.accusations.append(MergedAccusation(
        accuser=accuser, accused=accused, accused_party=party, allegation=accusation.allegation,
        carried_by=[input], evidence=[evidence],
    ))


# --- disagreements -------------------------------------------------------------------------


def _figure_label(figure: Figure) -> str:
    return f"{figure.outcome} ({figure.victims or 'all'})"


def _figure_disagreements(figures: list[Figure]) -> list[Disagreement]:
    found = []
    for figure in figures:
        if not figure.disagree:
            continue
        by_source: dict[str, list[str]] = {}
        names = {}
        for r in figure.reports:
            if r.count is not None:
                said = by_source.setdefault(r.input, [])
                if (text := _figure_text(r.count, r.min, r.max, r.approximate)) not in said:
                    said.append(text)
                names[r.input] = source_name(r.input, r.source)
        said = "; ".join(f"{', '.join(values)} ({names[input]})" for input, values in by_source.items())
        found.append(Disagreement(
            kind="figures", summary=f"{_figure_label(figure)}: {figure.low:,} to {figure.high:,} — {said}",
            inputs=list(by_source), outcome=figure.outcome, victims=figure.victims,
            evidence=[r.evidence for r in figure.reports],
        ))
    return found


def source_name(input: str, outlet: str | None) -> str:
    """A source as people name it: its outlet, else its file's name or its site."""
    if outlet:
        return outlet
    if "://" in input:
        return urlsplit(input).netloc or input
    return PurePath(input).name or input


def _figure_text(count: int, low: int | None, high: int | None, approximate: bool) -> str:
    prefix = "at least " if low is not None else "up to " if high is not None else "about " if approximate else ""
    return f"{prefix}{count:,}"


def _blame_edges(accounts: list[PartyAccount]) -> dict[tuple[str, str], list[MergedAccusation]]:
    edges: dict[tuple[str, str], list[MergedAccusation]] = {}
    for account in accounts:
        for accusation in account.accusations:
            target = accusation.accused_party
            if target and target != account.party:
                edges.setdefault((account.party, target), []).append(accusation)
    return edges


def _opposite_blame(accounts: list[PartyAccount]) -> list[Disagreement]:
    edges = _blame_edges(accounts)
    found = []
    for (a, b), forward in edges.items():
        backward = edges.get((b, a))
        if backward is None or a > b:
            continue  # each pair once
        found.append(Disagreement(
            kind="blame", summary=f"{a} blames {b} ({forward[0].allegation}); {b} blames {a} ({backward[0].allegation})",
            parties=[a, b], inputs=_inputs([*forward, *backward]),
            evidence=[e for x in (*forward, *backward) for e in x.evidence],
        ))
    return found


def _perpetrators(figures: list[Figure]) -> list[Disagreement]:
    """Sources naming different perpetrators of one toll."""
    found = []
    for figure in figures:
        if figure.victims is not None:
            continue
        named: dict[str, list[FigureReport]] = {}
        for r in figure.reports:
            if r.perpetrator is not None and r.perpetrator.party:
                named.setdefault(r.perpetrator.party, []).append(r)
        if len(named) > 1:
            said = "; ".join(f"{party} ({', '.join(_unique(source_name(r.input, r.source) for r in rs))})" for party, rs in named.items())
            found.append(Disagreement(
                kind="blame", summary=f"{_figure_label(figure)}: the sources name different perpetrators: {said}",
                parties=list(named), inputs=_unique(r.input for rs in named.values() for r in rs),
                outcome=figure.outcome, victims=figure.victims,
                evidence=[r.evidence for rs in named.values() for r in rs],
            ))
    return found


@dataclass(frozen=True)
class _Charge:
    """What a party is accused of: by another party's accusation, or as the perpetrator a
    source names for the event's toll."""

    by: str
    what: str
    inputs: tuple[str, ...]
    evidence: tuple[SourcedEvidence, ...]


def _charges(accounts: list[PartyAccount], figures: list[Figure]) -> dict[str, list[_Charge]]:
    charges: dict[str, list[_Charge]] = {}
    for account in accounts:
        for a in account.accusations:
            if a.accused_party and a.accused_party != account.party:
                charges.setdefault(a.accused_party, []).append(
                    _Charge(account.party, a.allegation, tuple(a.carried_by), tuple(a.evidence)))
    for figure in figures:
        for r in figure.reports:
            if figure.victims is None and r.perpetrator is not None and r.perpetrator.party:
                what = f"{figure.outcome} {_figure_text(r.count, r.min, r.max, r.approximate) if r.count is not None else ''}".strip()
                charges.setdefault(r.perpetrator.party, []).append(
                    _Charge(source_name(r.input, r.source), what, (r.input,), (r.evidence,)))
    return charges


def _denials(accounts: list[PartyAccount], figures: list[Figure]) -> list[Disagreement]:
    """A party's denial, where another party accuses it or a source blames it for the toll."""
    charges = _charges(accounts, figures)
    found = []
    for account in accounts:
        denials = [s for s in account.statements if s.denial]
        against = charges.get(account.party, [])
        if not denials or not against:
            continue
        accusers = _unique(c.by for c in against)
        found.append(Disagreement(
            kind="denial",
            summary=f"{account.party} denies: {denials[0].content!r}; accused by {', '.join(accusers)}: {against[0].what!r}",
            parties=[account.party, *[a for a in accusers if a in {x.party for x in accounts}]],
            inputs=_unique([*(i for c in against for i in c.inputs), *(i for d in denials for i in d.carried_by)]),
            evidence=[*(e for c in against for e in c.evidence), *(e for d in denials for e in d.evidence)],
        ))
    return found


def _unique(values) -> list:
    seen: list = []
    for value in values:
        _add(seen, value)
    return seen


def _inputs(items) -> list[str]:
    return _unique(input for item in items for input in item.carried_by)
