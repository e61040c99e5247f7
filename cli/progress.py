"""A progress bar on stderr, only when stderr is a terminal: articles done, articles per second,
failures. Messages printed while it runs go above it, so the two never garble each other."""
from __future__ import annotations

import contextlib
import sys

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
            SpinnerColumn(), TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), _Rate(),
            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
            console=self.console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.bar.add_task("analysing", total=total, failed=0)
        self.failed = 0

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def say(self, message: str) -> None:
        from rich.text import Text

        self.console.print(Text(message), soft_wrap=True)

    def advance(self, failed: bool = False) -> None:
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
