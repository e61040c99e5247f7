"""The process's I/O as one injectable object, so terminal and pipe paths are both testable."""
from __future__ import annotations

import io
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
        if not isinstance(self.stderr, Messages):
            self.stderr = Messages(self.stderr)

    def stdin_stream(self) -> BinaryIO:
        """stdin as bytes (empty when it is closed)."""
        if self.stdin is not None:
            return self.stdin
        return sys.stdin.buffer if sys.stdin is not None else io.BytesIO()

    def read_stdin(self, limit: int | None = None) -> bytes:
        """All of stdin, or its first `limit` bytes."""
        stream = self.stdin_stream()
        if limit is None:
            return stream.read()
        return read_at_most(stream, limit)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Messages:
    """stderr as the run writes to it: a message that cannot be written (its reader gone, as in
    `2> >(head -1)`, or stderr closed) is dropped, and so are the ones after it. Messages must
    never stop the data."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.gone = stream is None

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self.stream.write(text)
            except (OSError, ValueError):
                self._lost()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except (OSError, ValueError):
                self._lost()

    def isatty(self) -> bool:
        return not self.gone and _isatty(self.stream)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)

    def _lost(self) -> None:
        """Stop writing; for the process's own stderr, put /dev/null in its place, or Python's
        last flush at exit fails on the same pipe and turns the exit code into 120."""
        self.gone = True
        if self.stream is sys.stderr:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stderr.fileno())
                os.close(devnull)
            except (OSError, ValueError):
                pass


def write_whole(stream, text: str) -> None:
    """Write all of `text` to a text stream. When a signal (SIGTERM held until the result is
    whole) arrives while a large write waits on a full pipe, the binary buffer's write returns
    after part of the data and TextIOWrapper drops the rest (CPython): a 1 MB JSON document came
    out as its first 64 KB. So the bytes go through the binary buffer, in a loop, which goes on
    after such a short write."""
    buffer = getattr(stream, "buffer", None)
    if not isinstance(stream, io.TextIOWrapper) or buffer is None or os.linesep != "\n":
        stream.write(text)
        return
    stream.flush()  # what the text layer still holds goes first
    data = memoryview(text.encode(stream.encoding, stream.errors or "strict"))
    while data:
        data = data[buffer.write(data) or 0 :]


def read_at_most(stream, limit: int) -> bytes:
    """The first `limit` bytes of a stream, or all of it if shorter."""
    chunks, size = [], 0
    while size < limit:  # a pipe hands over its bytes a piece at a time
        chunk = stream.read(limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
