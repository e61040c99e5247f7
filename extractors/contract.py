"""JSON Schema derived from the record dataclasses, so the records are the one source of truth
for the JSON contract: a field added to a record is in `rashomon schema` without another edit.

Each field becomes a required property (`to_dict` writes every field), typed from its
annotation; `described(...)` adds a description and schema keywords (pattern, minimum) to a
field, `omitted_when_none` marks one `to_dict` leaves out when it is None (a report's `id`).
Every record type is one entry of `$defs`, named in snake case, referenced where it is used."""
from __future__ import annotations

import re
import types
import typing
from dataclasses import MISSING, Field, field, fields, is_dataclass

SCHEMA_KEY = "rashomon.schema"  # a field's metadata: extra JSON Schema keywords
OMITTED_WHEN_NONE = "rashomon.omitted_when_none"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_SCALARS = {str: "string", int: "integer", bool: "boolean", float: "number"}


def described(description: str | None = None, *, default=MISSING, default_factory=MISSING,
              omitted_when_none: bool = False, **keywords) -> Field:
    """A dataclass field with its JSON Schema description and keywords:
    `published: str | None = described("ISO date", default=None, pattern=ISO_DATE)`."""
    schema = dict(keywords)
    if description:
        schema["description"] = description
    metadata = {SCHEMA_KEY: schema, OMITTED_WHEN_NONE: omitted_when_none}
    if default_factory is not MISSING:
        return field(default_factory=default_factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def def_name(record: type) -> str:
    """`FigureReport` -> `figure_report`: the record's key in `$defs`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", record.__name__).lower()


def record_defs(*roots: type) -> dict[str, dict]:
    """The `$defs` of the records reachable from `roots`, each an object schema."""
    defs: dict[str, dict] = {}
    pending = list(roots)
    while pending:
        record = pending.pop()
        name = def_name(record)
        if name in defs:
            continue
        found: list[type] = []
        defs[name] = object_schema(record, found)
        pending.extend(found)
    return dict(sorted(defs.items()))


def object_schema(record: type, found: list[type] | None = None) -> dict:
    """The closed object schema of one record; the record types it refers to are appended to
    `found` (to be defined beside it)."""
    found = [] if found is None else found
    hints = typing.get_type_hints(record)
    properties, required = {}, []
    for f in fields(record):
        omittable = f.metadata.get(OMITTED_WHEN_NONE, False)
        hint = _without_none(hints[f.name]) if omittable else hints[f.name]
        properties[f.name] = {**type_schema(hint, found), **f.metadata.get(SCHEMA_KEY, {})}
        if not omittable:
            required.append(f.name)
    schema = {"type": "object"}
    description = _docstring(record)
    if description:
        schema["description"] = description
    schema.update({"required": required, "additionalProperties": False, "properties": properties})
    return schema


def type_schema(hint, found: list[type]) -> dict:
    """The schema of one annotation: scalars, `X | None`, `list[X]`, `Literal[...]`, records."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if is_dataclass(hint):
        found.append(hint)
        return {"$ref": f"#/$defs/{def_name(hint)}"}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (list, tuple):
        return {"type": "array", "items": type_schema(args[0], found)}
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        inner = type_schema(_without_none(hint), found)
        if set(inner) == {"type"} and isinstance(inner["type"], str):
            return {"type": [inner["type"], "null"]}  # {"type": ["string", "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    raise TypeError(f"no JSON Schema for the annotation {hint!r}")


def _without_none(hint):
    rest = tuple(a for a in typing.get_args(hint) if a is not type(None))
    if not rest:
        return hint
    return rest[0] if len(rest) == 1 else typing.Union[rest]


def _docstring(record: type) -> str | None:
    """The record's docstring, first paragraph, on one line; None for the signature that
    dataclass writes when there is no docstring."""
    doc = record.__doc__ or ""
    if not doc or doc.startswith(record.__name__ + "("):
        return None
    return " ".join(doc.strip().split("\n\n")[0].split())


def versioned(document: dict, version: int) -> dict:
    """`document`'s object schema with the contract version that `to_dict` writes first."""
    document["properties"] = {"schema_version": {"const": version}, **document["properties"]}
    document["required"] = ["schema_version", *document["required"]]
    return document
