"""JSON for programs: JSON Lines (one result a line, as each is ready) and one JSON document."""
from __future__ import annotations

import json
import re

from .base import Renderer

# Characters that JSON may carry raw but that line-splitting readers (Python's splitlines,
# JavaScript before ES2019, many JSON Lines tools) take for line ends: always escaped, so one
# record stays one line.
_LINE_BREAKING = re.compile("[\x85\u2028\u2029]")


def dumps(data, **options) -> str:
    text = json.dumps(data, ensure_ascii=False, **options)
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(item) -> str:
    """Any result with `to_dict()` (a report, a failure) as one line of JSON."""
    return dumps(item.to_dict())


def json_document(items: list) -> str:
    """Always an array, whatever the number of inputs: a jq script written for one article
    still works on two."""
    return dumps([i.to_dict() for i in items], indent=2)


class JsonLinesRenderer(Renderer):
    shows_failures = True

    def item(self, result) -> None:
        self.output.write(json_line(result) + "\n")


class JsonRenderer(Renderer):
    """One document for the whole run, written at the end (or when the run is stopped)."""

    shows_failures = True

    def begin(self, count: int) -> None:
        self.collected: list = []

    def item(self, result) -> None:
        self.collected.append(result)

    def end(self) -> None:
        self.output.write(json_document(self.collected) + "\n")  # [] when stopped before the first
