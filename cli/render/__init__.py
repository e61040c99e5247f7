"""Renderers: one class per format and kind of document, each with begin / item / end.

    renderer = renderer_for(Output(env, options))       # a report renderer for --format
    renderer.begin(len(inputs)); renderer.item(report); ...; renderer.end()

Every view reads the same records (`extractors.records`). Article text is data, never markup:
each renderer escapes for its own medium, and terminal control sequences are stripped from
every field before it is shown (`safe.clean`).

A second kind of document (a comparison of reports) registers its own renderers under its own
name in `RENDERERS`, and reuses `Output`, `Renderer` and the formats' shared helpers.
"""
from __future__ import annotations

from .base import Output, OutputOptions, Renderer
from .csvout import CsvRenderer, TsvRenderer
from .html import HtmlRenderer
from .jsonout import JsonLinesRenderer, JsonRenderer, json_document, json_line
from .markdown import MarkdownRenderer
from .options import output_options
from .safe import clean
from .table import TableRenderer

REPORT = "report"

# document kind -> format -> renderer class
RENDERERS: dict[str, dict[str, type[Renderer]]] = {
    REPORT: {
        "table": TableRenderer,
        "markdown": MarkdownRenderer,
        "html": HtmlRenderer,
        "json": JsonRenderer,
        "jsonl": JsonLinesRenderer,
        "csv": CsvRenderer,
        "tsv": TsvRenderer,
    },
}


def resolved_format(output: Output) -> str:
    """`auto` is tables for a person at a terminal, JSON Lines for a program in a pipe."""
    chosen = output.options.format
    if chosen == "auto":
        return "table" if output.terminal else "jsonl"
    return chosen


def renderer_for(output: Output, document: str = REPORT) -> Renderer:
    return RENDERERS[document][resolved_format(output)](output)


__all__ = [
    "Output", "OutputOptions", "Renderer", "RENDERERS", "REPORT", "clean", "json_document", "json_line",
    "output_options", "renderer_for", "resolved_format",
]
