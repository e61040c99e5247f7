"""A progress bar on stderr, only when stderr is a terminal: what the run is doing (loading the
model, analysing), articles done, articles per second, failures; when the run ends, one line
stays: "69 articles, 0 failed, 7.9 s". Messages printed while it runs go above it, so the two
never garble each other."""
from __future__ import annotations

import contextlib
import sys
import time

from .env import Environment


def progress_for(env: Environment, total: int):
    return Progress(env, total) if env.stderr_isatty else Quiet(env)


class Quiet:
    """No bar: messages go straight to stderr."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def say(self, message: str) -> None:
        self.env.stderr.write(message + "\n")
        self.env.stderr.flush()

    def advance(self, failed: bool = False) -> None:
        pass

    def stage(self, name: str) -> None:
        """What the run is doing now (`extractors.analyze`'s stages)."""

    def paused(self, pause: bool = True):
        return contextlib.nullcontext()


class Progress(Quiet):
    def __init__(self, env: Environment, total: int) -> None:
        super().__init__(env)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(file=env.stderr, force_terminal=True, no_color=env.no_color, width=env.width,
                               highlight=False, markup=False, emoji=False)
        self.bar = Bar(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _Rate(),
            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
            console=self.console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.bar.add_task("starting", total=total, failed=0)
        self.total, self.done, self.failed = total, 0, 0
        self.started = time.monotonic()

    def __enter__(self):
        self.started = time.monotonic()
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        from rich.text import Text

        self.bar.stop()
        self.console.print(Text(self.summary()), soft_wrap=True)

    def summary(self) -> str:
        """The line that stays when the bar goes: "69 articles, 0 failed, 7.9 s" ("12 of 69
        articles, ..." when the run was stopped)."""
        count = f"{self.done:,}" if self.done == self.total else f"{self.done:,} of {self.total:,}"
        noun = "article" if self.total == 1 else "articles"
        return f"{count} {noun}, {self.failed:,} failed, {time.monotonic() - self.started:.1f} s"

    def stage(self, name: str) -> None:
        self.bar.update(self.task, description=name)
        if self.bar.live.is_started:
            self.bar.refresh()  # at once: the stage may be over before the next refresh

    def say(self, message: str) -> None:
        from rich.text import Text

        self.console.print(Text(message), soft_wrap=True)

    def advance(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        self.bar.update(self.task, advance=1, failed=self.failed)

    @contextlib.contextmanager
    def paused(self, pause: bool = True):
        """Tables going to the same terminal are printed with the bar out of the way."""
        if not pause:
            yield
            return
        self.bar.stop()
        try:
            yield
        finally:
            sys.stdout.flush()
            self.bar.start()


def _Rate():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Articles per second, over the last half minute."""

        def render(self, task) -> Text:
            speed = task.speed
            return Text(f"{speed:.1f} articles/s" if speed is not None else "– articles/s")

    return Rate()
