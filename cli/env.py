"""The process's I/O as one injectable object, so terminal and pipe paths are both testable."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO


@dataclass
class Environment:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: BinaryIO | None = None  # bytes; defaults to sys.stdin.buffer when read
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    no_color: bool | None = None
    width: int | None = None  # terminal columns for tables; None = ask the terminal
    height: int | None = None  # terminal lines, to know when to page; None = ask the terminal
    pager: str | None = None  # the pager's command ("" for none); None = $PAGER, else less

    def __post_init__(self) -> None:
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = _isatty(self.stderr)
        if self.pager is None:
            # a pager shows the real terminal: an injected stdout has none unless given one
            self.pager = os.environ.get("PAGER", "less") if self.stdout is sys.stdout else ""
        if self.no_color is None:
            # https://no-color.org: any non-empty value turns colour off
            self.no_color = bool(os.environ.get("NO_COLOR"))

    def read_stdin(self, limit: int | None = None) -> bytes:
        """All of stdin, or its first `limit` bytes."""
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        if limit is None:
            return stream.read()
        chunks, size = [], 0
        while size < limit:  # a pipe hands over its bytes a piece at a time
            chunk = stream.read(limit - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
