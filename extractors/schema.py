"""The JSON Schema of a report (contract version `SCHEMA_VERSION`), and of a failed input."""
from __future__ import annotations

from .records import OUTCOMES, SCHEMA_VERSION

_STRING_OR_NULL = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}

_EVIDENCE = {
    "type": "object",
    "description": "The sentence a fact was read from, with character offsets into article.text.",
    "required": ["text", "start", "end"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}
_MENTION = {
    "type": "object",
    "description": "An actor as the article names it (text), who that is (name) and its side (party).",
    "required": ["text", "name", "party", "role"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string"},
        "name": _STRING_OR_NULL,
        "party": _STRING_OR_NULL,
        "role": _STRING_OR_NULL,
    },
}
_MENTION_OR_NULL = {"anyOf": [{"$ref": "#/$defs/mention"}, {"type": "null"}]}
_MORE_EVIDENCE = {"type": "array", "items": {"$ref": "#/$defs/evidence"}}
_UTC_TIME = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"}
_PROVENANCE = {
    "type": "object",
    "description": "What the report was made with and from, to cite and reproduce it.",
    "required": ["rashomon", "model", "final_url", "fetched_at"],
    "additionalProperties": False,
    "properties": {
        "rashomon": {**_STRING_OR_NULL, "description": "The version of rashomon that wrote the report."},
        "model": {
            "anyOf": [
                {
                    "type": "object",
                    "description": "The spaCy pipeline that parsed the article.",
                    "required": ["name", "version", "spacy"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string", "description": "As spacy.load takes it: en_core_web_sm."},
                        "version": {"type": "string", "description": "The pipeline's version."},
                        "spacy": {"type": "string", "description": "The version of spaCy that ran it."},
                    },
                },
                {"type": "null"},
            ],
        },
        "final_url": {**_STRING_OR_NULL, "description": "A fetched page: its URL after redirects."},
        "fetched_at": {**_UTC_TIME, "description": "A fetched page: when it was downloaded, UTC."},
    },
}


def report_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://rashomon.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "rashomon report",
        "description": "One analysed article, or {input, error} for an input that failed.",
        "oneOf": [{"$ref": "#/$defs/report"}, {"$ref": "#/$defs/failure"}],
        "$defs": {
            "evidence": _EVIDENCE,
            "mention": _MENTION,
            "failure": {
                "type": "object",
                "required": ["input", "error"],
                "additionalProperties": False,
                "properties": {"input": {"type": "string"}, "error": {"type": "string"}, "id": {"type": "string"}},
            },
            "report": {
                "type": "object",
                "required": ["schema_version", "input", "article", "accusations", "casualties", "statements", "accounts", "warnings", "provenance"],
                "additionalProperties": False,
                "properties": {
                    "schema_version": {"const": SCHEMA_VERSION},
                    "id": {"type": "string"},
                    "input": {"type": "string", "description": "The input as given: path, URL, - or FILE:LINE."},
                    "article": {
                        "type": "object",
                        "required": ["text", "title", "url", "source", "published", "language", "author"],
                        "additionalProperties": False,
                        "properties": {
                            "text": {"type": "string", "description": "The analysed text; evidence offsets index it."},
                            "title": _STRING_OR_NULL,
                            "url": _STRING_OR_NULL,
                            "source": {**_STRING_OR_NULL, "description": "The outlet (site name)."},
                            "published": _DATE,
                            "language": {**_STRING_OR_NULL, "description": "ISO 639-1 code, as detected."},
                            "author": {**_STRING_OR_NULL, "description": "The byline, when the page gives one (names separated by '; ')."},
                        },
                    },
                    "accusations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["accuser", "accused", "allegation", "cue", "code", "date", "evidence", "more_evidence"],
                            "additionalProperties": False,
                            "properties": {
                                "accuser": _MENTION_OR_NULL,
                                "accused": {"$ref": "#/$defs/mention"},
                                "allegation": {"type": "string"},
                                "cue": {"type": "string"},
                                "code": {**_STRING_OR_NULL, "description": "CAMEO event code: 112 accuse (1121-1125 by topic), 111 criticize or denounce."},
                                "date": _DATE,
                                "evidence": {"$ref": "#/$defs/evidence"},
                                "more_evidence": _MORE_EVIDENCE,
                            },
                        },
                    },
                    "casualties": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["outcome", "count", "min", "max", "approximate", "conservative", "victims", "names", "perpetrator", "reported_by", "location", "date", "evidence", "more_evidence", "background"],
                            "additionalProperties": False,
                            "properties": {
                                "outcome": {"enum": list(OUTCOMES)},
                                "count": _INT_OR_NULL,
                                "min": _INT_OR_NULL,
                                "max": _INT_OR_NULL,
                                "approximate": {"type": "boolean"},
                                "conservative": {**_INT_OR_NULL, "description": "For a vague quantity, the figure conflict-data coders record (dozens = 12)."},
                                "victims": _STRING_OR_NULL,
                                "names": {"type": "array", "items": {"type": "string"}},
                                "perpetrator": _MENTION_OR_NULL,
                                "reported_by": _MENTION_OR_NULL,
                                "location": _STRING_OR_NULL,
                                "date": _DATE,
                                "evidence": {"$ref": "#/$defs/evidence"},
                                "more_evidence": _MORE_EVIDENCE,
                                "background": {"type": "boolean", "description": "Of an earlier or other event than the article's own (rashomon compare leaves it out)."},
                            },
                        },
                    },
                    "statements": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["speaker", "content", "direct", "cue", "anonymous", "via", "evidence"],
                            "additionalProperties": False,
                            "properties": {
                                "speaker": {"$ref": "#/$defs/mention"},
                                "content": {"type": "string"},
                                "direct": {"type": "boolean", "description": "Quoted (true) or reported (false)."},
                                "cue": {"type": "string"},
                                "anonymous": {"type": "boolean"},
                                "via": _STRING_OR_NULL,
                                "evidence": {"$ref": "#/$defs/evidence"},
                            },
                        },
                    },
                    "accounts": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["party", "statements", "accusations"],
                            "additionalProperties": False,
                            "properties": {
                                "party": {"type": "string"},
                                "statements": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                                "accusations": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                            },
                        },
                    },
                    "warnings": {"type": "array", "items": {"type": "string"}},
                    "provenance": _PROVENANCE,
                },
            },
        },
    }
