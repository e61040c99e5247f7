"""The JSON Schema of a comparison (`rashomon compare --format json`), contract version
`COMPARISON_SCHEMA_VERSION`."""
from __future__ import annotations

from ..records import OUTCOMES
from ..schema import report_schema
from .records import COMPARISON_SCHEMA_VERSION

_STRING_OR_NULL = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_INPUTS = {"type": "array", "items": {"type": "string"}}
_EVIDENCE_LIST = {"type": "array", "items": {"$ref": "#/$defs/evidence"}}


def _closed(properties: dict, description: str | None = None) -> dict:
    """An object with exactly these properties, all required."""
    schema = {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}
    if description:
        schema["description"] = description
    return schema


_EVIDENCE = _closed({
    "input": {"type": "string"}, "text": {"type": "string"},
    "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
}, "A sentence of one article, with character offsets into that article's text.")

_FIGURE_REPORT = _closed({
    "input": {"type": "string"}, "source": {**_STRING_OR_NULL, "description": "The outlet."},
    "count": _INT_OR_NULL, "min": _INT_OR_NULL, "max": _INT_OR_NULL, "approximate": {"type": "boolean"},
    "conservative": _INT_OR_NULL, "victims": _STRING_OR_NULL,
    "reported_by": {"anyOf": [{"$ref": "#/$defs/mention"}, {"type": "null"}], "description": "Who the article says gives the figure."},
    "perpetrator": {"anyOf": [{"$ref": "#/$defs/mention"}, {"type": "null"}]},
    "location": _STRING_OR_NULL, "date": _DATE, "evidence": {"$ref": "#/$defs/evidence"},
}, "One source's figure.")

_FIGURE = _closed({
    "outcome": {"enum": list(OUTCOMES)},
    "victims": {**_STRING_OR_NULL, "description": "null: the toll of all victims; else the group counted (civilians, children, combatants, a head noun)."},
    "part_of": {**_STRING_OR_NULL, "description": "For a subgroup, the group it is part of ('all' for the toll); null otherwise."},
    "low": {**_INT_OR_NULL, "description": "The smallest precise figure (vague ones left out)."},
    "high": {**_INT_OR_NULL, "description": "The largest precise figure."},
    "best": {**_INT_OR_NULL, "description": "The median of the sources' figures, one per source (its largest exact figure, else its largest)."},
    "conservative": {**_INT_OR_NULL, "description": "ACLED's rule: the lowest precise figure; for vague reports only, the smallest coded figure (dozens = 12)."},
    "disagree": {"type": "boolean", "description": "The precise figures differ."},
    "sources": {"type": "integer", "minimum": 1, "description": "Articles giving a figure of this group."},
    "reports": {"type": "array", "items": _FIGURE_REPORT},
})

_ACCUSATION = _closed({
    "accuser": _STRING_OR_NULL, "accused": {"type": "string"}, "accused_party": _STRING_OR_NULL,
    "allegation": {"type": "string"}, "carried_by": _INPUTS, "evidence": _EVIDENCE_LIST,
})
_STATEMENT = _closed({
    "speaker": {"type": "string"}, "content": {"type": "string"}, "direct": {"type": "boolean"},
    "denial": {"type": "boolean", "description": "The statement denies something (a verb of denial, or 'not responsible', 'baseless'...)."},
    "carried_by": _INPUTS, "evidence": _EVIDENCE_LIST,
})
_ACCOUNT = _closed({
    "party": {"type": "string"},
    "accusations": {"type": "array", "items": _ACCUSATION},
    "statements": {"type": "array", "items": _STATEMENT},
    "carried_by": {**_INPUTS, "description": "The inputs whose articles carry this party's account."},
})
_DISAGREEMENT = _closed({
    "kind": {"enum": ["figures", "blame", "denial"]},
    "summary": {"type": "string"},
    "parties": {"type": "array", "items": {"type": "string"}},
    "inputs": _INPUTS,
    "outcome": {"anyOf": [{"enum": list(OUTCOMES)}, {"type": "null"}]},
    "victims": _STRING_OR_NULL,
    "evidence": _EVIDENCE_LIST,
}, "figures: tolls that differ; blame: accusations in opposite directions, or sources naming different perpetrators; denial: a party denies what it is accused of.")
_ARTICLE = _closed({
    "input": {"type": "string"}, "title": _STRING_OR_NULL, "source": _STRING_OR_NULL,
    "published": _DATE, "id": _STRING_OR_NULL,
})
_EVENT = _closed({
    "articles": {"type": "array", "minItems": 1, "items": _ARTICLE},
    "date": {**_DATE, "description": "The earliest date of its tolls, else of its articles' publication."},
    "places": {"type": "array", "items": {"type": "string"}, "description": "The event's places, the most often named first."},
    "figures": {"type": "array", "items": _FIGURE},
    "accounts": {"type": "array", "items": _ACCOUNT},
    "disagreements": {"type": "array", "items": _DISAGREEMENT},
})


def comparison_schema() -> dict:
    report_defs = report_schema()["$defs"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://rashomon.invalid/schema/comparison-v{COMPARISON_SCHEMA_VERSION}.json",
        "title": "rashomon comparison",
        "description": "Articles grouped into events; each event's figures, accounts and disagreements across the sources.",
        **_closed({
            "schema_version": {"const": COMPARISON_SCHEMA_VERSION},
            "events": {"type": "array", "items": _EVENT},
            "failures": {"type": "array", "items": {"$ref": "#/$defs/failure"}},
        }),
        "$defs": {"evidence": _EVIDENCE, "mention": report_defs["mention"], "failure": report_defs["failure"]},
    }
