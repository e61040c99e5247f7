"""The console a person's view is printed on: how wide, and whether it goes through a pager.

- On a terminal: the terminal's width (or the Environment's), colour unless NO_COLOR. Output
  longer than the terminal is shown in a pager, as git does: $PAGER, else `less` with LESS=FRX
  (R keeps the colours); `--pager` always pages, `--no-pager` never.
- To a file or a pipe: as wide as the tables need (nothing wraps or is cut), or $COLUMNS when it
  is set; never a pager, never escape codes.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

from .base import Output
from .layout import UNBOUNDED

# Text we lay out ourselves (a summary's lines) wraps at this width in a file or a pipe, where
# there is no terminal to ask; tables there take the width they need.
FILE_TEXT_WIDTH = 100
SHELL_NOT_FOUND = 127  # the shell's exit code for a command it cannot find
_TRAILING_SPACES = re.compile(r" +$", re.MULTILINE)
PAGER_LESS = "FRX"  # git's default: quit if one screen, keep colours, do not clear the screen


class Screen:
    """A rich console onto stdout; on a terminal that may page, its output is held in memory
    and shown at the end, whole or through the pager."""

    def __init__(self, output: Output) -> None:
        from rich.console import Console

        self.output = output
        env = output.env
        self.width = _width(output)  # None: as wide as needed
        self.pages = output.terminal and output.options.pager is not False
        self.held: list[str] | None = [] if self.pages else None
        self.buffer = io.StringIO()  # each renderable is laid out here, then written or held
        self.console = Console(
            file=self.buffer, force_terminal=env.stdout_isatty, no_color=env.no_color,
            width=self.width or UNBOUNDED, highlight=False, markup=False, emoji=False, soft_wrap=False,
        )
        if env.stdout_isatty:
            self.console.height = _height(output)

    @property
    def text_width(self) -> int:
        """Where our own text lines wrap."""
        return self.width or FILE_TEXT_WIDTH

    def print(self, renderable) -> None:
        self.console.print(renderable)
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        if not self.output.terminal:  # rich pads cells with spaces: a file gets none at line ends
            text = _TRAILING_SPACES.sub("", text)
        if self.held is None:
            self.output.write(text)
        else:
            self.held.append(text)

    def close(self) -> None:
        """Show what was held: through the pager when asked for, or when it is longer than the
        terminal; else straight to the terminal."""
        if self.held is None:
            return
        text, self.held = "".join(self.held), None
        pager = _pager_command(self.output.env)
        forced = self.output.options.pager is True
        if pager and (forced or text.count("\n") > self.console.height):
            if page(pager, text):
                return
        self.output.write(text)


def _width(output: Output) -> int | None:
    env = output.env
    if env.width:
        return env.width
    if output.terminal:
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def _height(output: Output) -> int:
    return output.env.height or shutil.get_terminal_size().lines


def _pager_command(env) -> str | None:
    """The pager as git reads $PAGER (see `Environment.pager`): empty or "cat" means none."""
    command = (env.pager or "").strip()
    return None if command in ("", "cat") else command


def page(command: str, text: str) -> bool:
    """Show `text` in the pager, waiting for the person to leave it; False if it cannot start.
    Ctrl-C belongs to the pager while it runs (less uses it to stop a search)."""
    import signal
    import threading

    environ = dict(os.environ)
    environ.setdefault("LESS", PAGER_LESS)
    environ.setdefault("LV", "-c")  # lv, another pager: keep colours too
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        try:
            process.stdin.write(text.encode("utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the person left the pager before reading it all
        process.wait()
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
    return process.returncode != SHELL_NOT_FOUND
