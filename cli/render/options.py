"""The output options, shared by every command that prints documents: one decorator adds them
to a Typer command and hands the command one `OutputOptions` (as sqlite-utils shares its output
options between commands with decorators)."""
from __future__ import annotations

import functools
import inspect
from enum import Enum
from typing import Callable, Optional

from .base import OutputOptions

REPORT_FORMATS = ("auto", "table", "markdown", "html", "json", "jsonl", "csv", "tsv")
VIEW_FORMATS = ("auto", "table", "markdown")  # the formats with a summary and --details
SHEET_FORMATS = ("csv", "tsv")  # one row per fact
FACT_KINDS = ("accusations", "casualties", "statements")

FORMAT_HELP = {
    "auto": "auto (a summary on a terminal, JSON Lines in a pipe)",
    "html": "html (one page, the evidence highlighted)",
    "csv": "csv (a row per fact)",
}


def format_help(formats: tuple[str, ...]) -> str:
    return "One of " + ", ".join(FORMAT_HELP.get(name, name) for name in formats) + "."


def output_options(formats: tuple[str, ...] = REPORT_FORMATS, parameter: str = "output") -> Callable:
    """Add --format (and the other output options its formats have) to a command whose function
    takes `output: OutputOptions`; Typer sees them as ordinary options of that command."""
    import typer

    format_choice = Enum("Format", {name: name for name in formats}, type=str)
    added = {
        "format": (format_choice, typer.Option(
            formats[0], "--format", "-f", metavar="FORMAT", help=format_help(formats))),
    }
    if set(formats) & set(VIEW_FORMATS):
        added["details"] = (bool, typer.Option(
            False, "--details", "-v", help="Every fact in full, with its evidence offsets (table, markdown)."))
        added["pager"] = (Optional[bool], typer.Option(
            None, "--pager/--no-pager", show_default=False,
            help="Always / never page the terminal view ($PAGER, else less). Default: page what is longer than the terminal."))
    if set(formats) & set(SHEET_FORMATS):
        kind_choice = Enum("Kind", {name: name for name in FACT_KINDS}, type=str)
        added["kind"] = (Optional[kind_choice], typer.Option(
            None, "--kind", metavar="KIND", show_default=False,
            help="Only this kind of fact in csv and tsv: " + ", ".join(FACT_KINDS) + "."))

    def decorate(command: Callable) -> Callable:
        signature = inspect.signature(command, eval_str=True)
        own = list(signature.parameters.values())
        at = [p.name for p in own].index(parameter)  # the options are listed in its place
        new = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=info, annotation=kind)
               for name, (kind, info) in added.items()]
        parameters = own[:at] + new + own[at + 1:]

        @functools.wraps(command)
        def wrapper(**values):
            chosen = {}
            for name in added:  # an Enum's choice as its plain string
                value = values.pop(name)
                chosen[name] = getattr(value, "value", value)
            if chosen.get("kind") and chosen["format"] not in SHEET_FORMATS:
                raise typer.BadParameter("only with --format csv or tsv", param_hint="--kind")
            return command(**values, **{parameter: OutputOptions(**chosen)})

        wrapper.__signature__ = signature.replace(parameters=parameters)
        # typer reads annotations too: give it the evaluated ones, not the command's strings
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        return wrapper

    return decorate
