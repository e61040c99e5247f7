"""The JSON Schema of a comparison (`rashomon compare --format json`), contract version
`COMPARISON_SCHEMA_VERSION`: derived from the records (extractors/contract.py)."""
from __future__ import annotations

from ..contract import object_schema, record_defs, versioned
from ..records import Failure
from .records import COMPARISON_SCHEMA_VERSION, Comparison


def comparison_schema() -> dict:
    found: list[type] = []
    document = versioned(object_schema(Comparison, found), COMPARISON_SCHEMA_VERSION)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://rashomon.invalid/schema/comparison-v{COMPARISON_SCHEMA_VERSION}.json",
        "title": "rashomon comparison",
        "description": "Articles grouped into events; each event's figures, accounts and disagreements across the sources.",
        **document,
        "$defs": record_defs(*found, Failure),
    }
