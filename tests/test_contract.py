"""The JSON Schema is derived from the records: the generator on records written here, and the
report's schema holding real reports to every field (none missing, none extra)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import jsonschema
import pytest

from rashomon.extractors.contract import ISO_DATE, described, def_name, object_schema, record_defs
from rashomon.extractors.records import Article, Evidence, Report
from rashomon.extractors.schema import report_schema


@dataclass
class Place:
    """Where it happened.

    A second paragraph the schema leaves out."""

    name: str
    population: int | None = None


@dataclass
class Sighting:
    kind: Literal["seen", "heard"]
    place: Place | None
    where: list[Place] = field(default_factory=list)
    on: str | None = described("The day.", default=None, pattern=ISO_DATE)
    tag: str | None = described(default=None, omitted_when_none=True)
    score: float = 0.0
    sure: bool = False


def test_each_field_is_a_required_typed_property():
    found: list[type] = []
    schema = object_schema(Sighting, found)
    assert schema["required"] == ["kind", "place", "where", "on", "score", "sure"]  # tag may be left out
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert props["kind"] == {"enum": ["seen", "heard"]}
    assert props["place"] == {"anyOf": [{"$ref": "#/$defs/place"}, {"type": "null"}]}
    assert props["where"] == {"type": "array", "items": {"$ref": "#/$defs/place"}}
    assert props["on"] == {"type": ["string", "null"], "pattern": ISO_DATE, "description": "The day."}
    assert props["tag"] == {"type": "string"}
    assert props["score"] == {"type": "number"} and props["sure"] == {"type": "boolean"}
    assert found == [Place, Place]


def test_records_reached_are_defined_once_with_their_docstring():
    defs = record_defs(Sighting)
    assert sorted(defs) == ["place", "sighting"]
    assert defs["place"]["description"] == "Where it happened."
    assert "description" not in defs["sighting"]  # no docstring: not dataclass's signature either
    assert defs["place"]["properties"]["population"] == {"type": ["integer", "null"]}
    assert def_name(Sighting) == "sighting" and def_name(Evidence) == "evidence"


def test_an_annotation_without_a_schema_is_an_error():
    @dataclass
    class Odd:
        mapping: dict[str, int]

    with pytest.raises(TypeError, match="no JSON Schema"):
        object_schema(Odd)


def _report() -> dict:
    evidence = Evidence("Rebels shelled the town, the army said.", 0, 39)
    report = Report(input="story.txt", article=Article(text=evidence.text))
    return report.to_dict() | {"statements": [{
        "speaker": {"text": "the army", "name": "army", "party": None, "role": None},
        "content": "Rebels shelled the town", "direct": False, "cue": "said", "anonymous": False,
        "via": None, "evidence": {"text": evidence.text, "start": 0, "end": 39}}]}


def test_the_report_schema_holds_reports_to_every_field():
    validator = jsonschema.Draft202012Validator(report_schema())
    good = _report()
    assert not list(validator.iter_errors(good))
    extra = {**good, "comment": "x"}
    missing = {k: v for k, v in good.items() if k != "warnings"}
    wrong_speaker = {**good, "statements": [{**good["statements"][0], "speaker": {"text": "x"}}]}
    bad_offset = {**good, "statements": [{**good["statements"][0], "evidence": {"text": "x", "start": -1, "end": 1}}]}
    for bad in (extra, missing, wrong_speaker, bad_offset, {**good, "schema_version": 0}):
        assert list(validator.iter_errors(bad)), bad
    assert not list(validator.iter_errors({**good, "id": "a1"}))  # an id is written when given
    assert not list(validator.iter_errors({"input": "gone.html", "error": "HTTP 404"}))

