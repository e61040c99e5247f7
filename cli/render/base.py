"""What every renderer is: one object per run, told `begin` once, `item` for each result in
input order, and `end` once, also after Ctrl-C, so that what it wrote is a whole document (a
closed JSON array, a CSV with its header, an HTML page with its foot).

A renderer knows one format of one kind of document (a report of an article today; a comparison
of reports later): `Output` is all it may touch, so a new format or document kind is a new class
and one line in the registry (`render/__init__.py`), with no change to the commands."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..env import Environment, write_whole


@dataclass(frozen=True)
class OutputOptions:
    """The output options a command was given (see `options.output_options`)."""

    format: str = "auto"
    details: bool = False  # every fact with its offsets, not the summary
    pager: bool | None = None  # None: page on a terminal when the output is longer than it
    kind: str | None = None  # csv, tsv: only this list of facts ("casualties", ...)


@dataclass
class Output:
    """Where a renderer writes: stdout, as the environment describes it."""

    env: Environment
    options: OutputOptions = field(default_factory=OutputOptions)

    @property
    def terminal(self) -> bool:
        return bool(self.env.stdout_isatty)

    def write(self, text: str) -> None:
        """Written and flushed at once: each result reaches the reader when it is ready."""
        try:
            write_whole(self.env.stdout, text)
            self.env.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the run ends quietly
        except (OSError, ValueError) as error:  # a full disk (`> /dev/full`), a closed descriptor
            raise OutputLost(f"cannot write the output: {getattr(error, 'strerror', None) or error}") from None


class OutputLost(Exception):
    """stdout cannot take what is written to it: the run stops, as nothing more can be said."""


class Renderer:
    # the kinds of result this renderer shows; others (failures, for people's formats) are left
    # to stderr, where the run reports them
    shows_failures = False

    def __init__(self, output: Output) -> None:
        self.output = output

    def begin(self, count: int) -> None:
        """Before the first result; `count` is how many inputs the run has."""

    def item(self, result) -> None:
        raise NotImplementedError

    def end(self) -> None:
        """After the last result, or after the run was stopped."""
