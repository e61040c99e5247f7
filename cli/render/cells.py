"""The text of a report's values as people read them, shared by the table, markdown and HTML
views: who (with the side they speak for), figures, quotations, offsets. Every value that comes
from the article is cleaned here, so no view can forget it."""
from __future__ import annotations

from ...extractors.records import Accusation, Casualty, Mention, Report, Statement

from .safe import clean

MAX_CELL = 400  # characters of a long quotation shown in a table cell


def actor_text(mention: Mention | None) -> str:
    if mention is None:
        return "—"
    text = mention.text
    if mention.name and mention.name.lower() not in text.lower():
        text += f" ({mention.name})"
    return clean(text)


def party_text(mention: Mention | None) -> str:
    return clean(mention.party) if mention and mention.party else ""


def with_party(mention: Mention | None) -> str:
    text = actor_text(mention)
    party = party_text(mention)
    return f"{text} [{party}]" if party and party.lower() not in text.lower() else text


def figure_text(c: Casualty) -> str:
    if c.count is None and c.min is not None and c.max is not None:
        return f"{c.min:,}–{c.max:,}"
    if c.count is None:
        return f"vague (≈{c.conservative:,})" if c.conservative else "vague"
    prefix = "≥" if c.min is not None else "≤" if c.max is not None else "~" if c.approximate else ""
    return f"{prefix}{c.count:,}"


def victims_text(c: Casualty) -> str:
    text = clean(c.victims or "")
    if c.names:
        text += (": " if text else "") + ", ".join(clean(n) for n in c.names)
    return text


def quote_text(s: Statement) -> str:
    content = clean(shorten(s.content))
    return f"“{content}”" if s.direct else content


def how_text(s: Statement) -> str:
    parts = ["quoted" if s.direct else "reported", s.cue]
    if s.via:
        parts.append(f"via {clean(s.via)}")
    if s.anonymous:
        parts.append("anonymous")
    return ", ".join(p for p in parts if p)


def where_text(start: int, end: int) -> str:
    return f"{start}–{end}"


def accusation_line(a: Accusation) -> str:
    return f"{actor_text(a.accused)}: {clean(shorten(a.allegation))}"


def shorten(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1].rstrip() + "…"


def heading(report: Report) -> str:
    article = report.article
    title = clean(article.title) or clean(report.input)
    details = [clean(x) for x in (article.source, article.author and f"by {article.author}", article.published, article.url) if x]
    return title + (f" — {' · '.join(details)}" if details else "")


def provenance_line(report: Report) -> str:
    """What the report was made with and from: "rashomon 0.1.0 · en_core_web_sm 3.8.0 (spaCy
    3.8.2) · fetched 2026-12-02T13:50:07Z from https://...". """
    made = report.provenance
    parts = [f"rashomon {made.rashomon}" if made.rashomon else None,
             made.model and f"{made.model.name} {made.model.version} (spaCy {made.model.spacy})"]
    if made.fetched_at or made.final_url:
        parts.append(" ".join(x for x in ("fetched", made.fetched_at, made.final_url and f"from {made.final_url}") if x))
    return clean(" · ".join(p for p in parts if p))
