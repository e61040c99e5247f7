"""The JSON Schema of a report (contract version `SCHEMA_VERSION`), and of a failed input:
derived from the records (extractors/contract.py), so the two cannot drift apart."""
from __future__ import annotations

from .contract import def_name, record_defs, versioned
from .records import SCHEMA_VERSION, Failure, Report


def report_schema() -> dict:
    defs = record_defs(Report, Failure)
    versioned(defs[def_name(Report)], SCHEMA_VERSION)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://rashomon.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "rashomon report",
        "description": "One analysed article, or {input, error} for an input that failed.",
        "oneOf": [{"$ref": f"#/$defs/{def_name(Report)}"}, {"$ref": f"#/$defs/{def_name(Failure)}"}],
        "$defs": defs,
    }
