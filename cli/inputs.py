"""What the user asked to analyse, as a list of `Source`s: INPUT arguments, `-i` lists,
folders, `--records` files and stdin. Nothing is read or fetched here but lists, stdin and
FIFOs given as inputs (a worker process could not open them)."""
from __future__ import annotations

import json
import os
import re
import select
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator

from ..extractors.listings import DEFAULT_MAX_ARTICLES
from ..extractors.records import Source

from .env import Environment, read_at_most

if TYPE_CHECKING:  # fetching (http.client, ssl) loads when a page is fetched, not for --help
    from ..extractors.fetching import FetchOptions

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
InputItem = Source  # the name this module used before the library had one
# Bounds on what is read to list the inputs, so `-i /dev/zero` is an error, not a MemoryError.
# An -i list: 100 MB in all (about a million URLs), 1 MB a line (no path or URL is that long).
MAX_LIST_BYTES = 100_000_000
MAX_LIST_LINE = 1_000_000
# Records carry whole pages: a line holds one page of up to 5 MB, JSON-escaped (up to 6 bytes
# a character); the file, 1 GB, all of which is held in memory until the run ends.
MAX_RECORD_LINE = 32_000_000
MAX_RECORDS_BYTES = 1_000_000_000
# A FIFO with no program writing to it would block the run forever: wait this long for one.
FIFO_WAIT = 5.0
_SURROGATE = re.compile("[\ud800-\udfff]")
# The help of the input options analyze and compare share.
RECORDS = 'Read JSON Lines records with "url", "html" or "text" (and "id", "title", "published", "author").'
HTML = "Read stdin, files and pages as HTML, whatever they look like."
TEXT = "Read stdin, files and pages as plain text, markup and all."
FEED = "Analyse the articles an RSS, Atom or JSON feed lists (repeatable)."
SITEMAP = "Analyse the pages a sitemap or sitemap index lists (repeatable)."
MAX = f"Articles to take from each feed or sitemap, in its order (default {DEFAULT_MAX_ARTICLES})."


class InputListError(Exception):
    """The inputs as given cannot be listed (an unreadable -i file, stdin twice, --html with
    --text): exit code 2."""


def reading_of(as_html: bool, as_text: bool) -> str | None:
    """--html / --text as a Source's `reading`; both at once is a usage error."""
    if as_html and as_text:
        raise InputListError("--html and --text cannot be used together")
    return "html" if as_html else "text" if as_text else None


def collect(inputs: list[str], input_file: str | None, records: str | None, env: Environment, *,
            reading: str | None = None, listings: Listings | None = None,
            record_files: bool = False) -> list[InputItem]:
    """The sources, in order: INPUTs, the -i list, records, then the articles of `listings`
    (feeds and sitemaps, fetched here). `reading` ("html" or "text") forces how stdin, files and
    pages are read instead of detecting it (records say what they hold). A record's "url" that
    is a local path is read only with `record_files`: records may come from anywhere."""
    items: list[InputItem] = []
    stdin_used = False

    def stdin_once(what: str) -> BinaryIO:
        nonlocal stdin_used
        if stdin_used:
            raise InputListError(f"stdin ('-') can be read only once, but {what} asks for it again")
        stdin_used = True
        return env.stdin_stream()

    for value in inputs:
        if value == "-":
            from ..extractors.reading import MAX_PAGE_BYTES

            # an article is read up to the size limit (and cut there, with a warning)
            items.append(InputItem(label="-", data=read_at_most(stdin_once("INPUT"), MAX_PAGE_BYTES + 1), reading=reading))
        else:
            items.extend(_expand(value, reading))
    if input_file is not None:
        with _list_stream(input_file, stdin_once, "-i") as stream:
            for number, line in _lines(stream, input_file, MAX_LIST_LINE, MAX_LIST_BYTES):
                if line is None:
                    raise InputListError(f"{printable(input_file)}:{number}: a line longer than {MAX_LIST_LINE:,} bytes: not a list of inputs")
                entry = os.fsdecode(line.rstrip(b"\r")).strip()  # a file name is bytes: kept as the system gives it
                if entry and not entry.startswith("#"):
                    items.extend(_expand(entry, reading))
    if records is not None:
        with _list_stream(records, stdin_once, "--records") as stream:
            items.extend(_records(_lines(stream, records, MAX_RECORD_LINE, MAX_RECORDS_BYTES), records, record_files))
    if listings is not None:
        if listings.most is not None and not (listings.feeds or listings.sitemaps):
            raise InputListError("--max is for --feed and --sitemap")
        items.extend(listings.sources(reading))
    return items


@dataclass(frozen=True)
class Listings:
    """--feed and --sitemap: URLs of listings whose first `most` articles are the inputs."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    most: int | None = None  # None: DEFAULT_MAX_ARTICLES
    options: FetchOptions | None = None  # None: the defaults

    def sources(self, reading: str | None) -> list[InputItem]:
        """An input per article listed; a listing that cannot be read is one failed input, as
        is each nested sitemap that cannot."""
        from ..extractors.errors import FetchError
        from ..extractors.listings import feed_articles, sitemap_articles

        items: list[InputItem] = []
        for read, urls in ((feed_articles, self.feeds), (sitemap_articles, self.sitemaps)):
            for url in urls:
                try:
                    listing = read(url, self.options, limit=self.most or DEFAULT_MAX_ARTICLES)
                except FetchError as error:
                    items.append(InputItem(label=url, error=str(error)))
                    continue
                except Exception as error:  # noqa: BLE001 (a bug costs this listing, not the run)
                    items.append(InputItem(label=url, error=f"internal error while reading the listing: {type(error).__name__}: {error}"))
                    continue
                items += [InputItem(label=u, location=u, reading=reading) for u in listing.urls]
                items += [InputItem(label=u, error=reason) for u, reason in listing.failed]
        return items


def text_lines(path: str, env: Environment, what: str) -> list[str]:
    """The lines of a JSON Lines FILE (- for stdin) as text, read as --records is (bounded, split
    at "\n" only, a byte-order mark dropped); a line too long stands as one no parser takes."""
    with _list_stream(path, lambda _: env.stdin_stream(), what) as stream:
        return [f"<a line longer than {MAX_RECORD_LINE:,} bytes>" if line is None else line.decode("utf-8", errors="replace").rstrip("\r\n")
                for _, line in _lines(stream, path, MAX_RECORD_LINE, MAX_RECORDS_BYTES)]


def printable(name: str) -> str:
    """A name as it can be shown and written as UTF-8: a byte of a file name that is not UTF-8
    (which Python keeps as a lone surrogate) as `\\xNN`, any other lone surrogate as U+FFFD."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff" else "\ufffd", name)


# --- reading lists, bounded ------------------------------------------------------------------------


class _list_stream:
    """The bytes of an -i or --records FILE (- for stdin) as a stream; InputListError if unreadable."""

    def __init__(self, path: str, stdin_once, what: str) -> None:
        self.path, self.stdin_once, self.what = path, stdin_once, what
        self.handle = None

    def __enter__(self) -> BinaryIO:
        if self.path == "-":
            return self.stdin_once(self.what)
        self.handle = _open_list(self.path)
        return self.handle

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.close()


def _open_list(path: str) -> BinaryIO:
    shown = printable(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputListError(f"cannot read {shown}: {error.strerror or error}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputListError(f"cannot read {shown}: Is a directory")
        first = _fifo_start(fd, shown) if stat.S_ISFIFO(mode) else b""
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return _Prefixed(first, os.fdopen(fd, "rb"), shown)


def _fifo_start(fd: int, shown: str) -> bytes:
    """The first bytes of a FIFO or pipe, waiting at most FIFO_WAIT for a program to write to
    it: `-i <(find ...)` is a pipe with its writer, `mkfifo list` may have none."""
    for attempt in range(2):
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:  # a writer that has not written yet: it will, or close
            return b""
        if chunk or attempt:
            return chunk  # data, or the end (a writer that came and went)
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(FIFO_WAIT * 1000):
            raise InputListError(f"cannot read {shown}: a FIFO that no program writes to (waited {FIFO_WAIT:g} s)")
    return b""


class _Prefixed:
    """A binary stream with some bytes already read from it put back in front."""

    def __init__(self, first: bytes, rest: BinaryIO, shown: str) -> None:
        import io

        self.stream = io.BufferedReader(_Chain(first, rest)) if first else rest
        self.shown = shown

    def readline(self, limit: int = -1) -> bytes:
        try:
            return self.stream.readline(limit)
        except OSError as error:
            raise InputListError(f"cannot read {self.shown}: {error.strerror or error}") from None

    def read(self, limit: int = -1) -> bytes:
        try:
            return self.stream.read(limit)
        except OSError as error:
            raise InputListError(f"cannot read {self.shown}: {error.strerror or error}") from None

    def close(self) -> None:
        self.stream.close()


def _Chain(first: bytes, rest: BinaryIO):
    import io

    class Chain(io.RawIOBase):
        def __init__(self) -> None:
            self.first = first

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if self.first:
                n = min(len(buffer), len(self.first))
                buffer[:n], self.first = self.first[:n], self.first[n:]
                return n
            data = rest.read(len(buffer))
            buffer[: len(data)] = data
            return len(data)

        def close(self) -> None:
            rest.close()
            super().close()

    return Chain()


def _lines(stream: BinaryIO, source: str, line_limit: int, total_limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line, split at "\\n" only (U+2028 and U+0085 are text, and legal
    inside a JSON string); None for a line longer than `line_limit`, whose rest is skipped.
    InputListError once more than `total_limit` bytes were read."""
    total = 0
    for number in range(1, 1 << 62):
        line = stream.readline(line_limit + 1)
        if not line:
            return
        total += len(line)
        if len(line) > line_limit and not line.endswith(b"\n"):
            yield number, None
            while total <= total_limit:  # the caller goes on: skip the rest of the line
                rest = stream.readline(1 << 20)
                total += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
        elif total <= total_limit:
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark is not part of the first line
            yield number, line
        if total > total_limit:
            raise InputListError(f"{printable(source)} is larger than {total_limit:,} bytes: split it into several runs")


# --- inputs -----------------------------------------------------------------------------------------


def _expand(value: str, reading: str | None = None) -> list[InputItem]:
    """A folder stands for every article file inside it and its subfolders, in name order;
    hidden files and folders are left out, and links to folders are not followed."""
    label = printable(value)
    if "://" in value:
        return [InputItem(label=label, location=value, reading=reading)]
    path = Path(value)
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):  # absent, a name too long, a NUL: reading it says which
        return [InputItem(label=label, location=value, reading=reading)]
    if stat.S_ISFIFO(mode):
        return [_fifo_input(value, label, reading)]
    if not stat.S_ISDIR(mode):
        return [InputItem(label=label, location=value, reading=reading)]
    errors: list[OSError] = []
    files = []
    for folder, subfolders, names in os.walk(path, onerror=errors.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        files += [Path(folder) / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in ARTICLE_SUFFIXES]
    if not files:
        reason = f"cannot read the folder: {errors[0].strerror}" if errors else "a folder with no .html, .htm or .txt files"
        return [InputItem(label=label, error=reason)]
    return [_folder_entry(p, reading) for p in sorted(files)]


def _folder_entry(path: Path, reading: str | None) -> InputItem:
    """A file found in a folder; one that is not a regular file (a FIFO, a socket, a device)
    would block or mean nothing, and fails without being opened."""
    name = str(path)
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = True  # gone or unreadable: reading it says so
    if not regular:
        return InputItem(label=printable(name), error="not a regular file (a FIFO, socket or device): left unread")
    return InputItem(label=printable(name), location=name, reading=reading)


def _fifo_input(path: str, label: str, reading: str | None) -> InputItem:
    """A FIFO named as an input (`rashomon analyze <(curl ...)`): read now, up to the page
    limit, and waiting at most FIFO_WAIT for a writer."""
    from ..extractors.reading import MAX_PAGE_BYTES

    try:
        handle = _open_list(path)
    except InputListError as error:
        return InputItem(label=label, error=str(error).replace(f"cannot read {label}: ", "", 1))
    try:
        data = read_at_most(handle, MAX_PAGE_BYTES + 1)
    except InputListError as error:
        return InputItem(label=label, error=str(error).replace(f"cannot read {label}: ", "", 1))
    finally:
        handle.close()
    return InputItem(label=label, data=data, reading=reading)


# --- records ---------------------------------------------------------------------------------------

# Python refuses to turn more digits than this into an int (CVE-2020-10735): a longer number is
# kept as its digits, which is all an id needs.
_MAX_INT_DIGITS = 4000


def _number(digits: str):
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def _records(lines: Iterator[tuple[int, bytes | None]], source: str, record_files: bool = False) -> list[InputItem]:
    items = []
    shown = printable(source)
    for number, raw in lines:
        label = f"{shown}:{number}"
        if raw is None:
            items.append(InputItem(label=label, error=f"a record longer than {MAX_RECORD_LINE:,} bytes"))
            continue
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_int=_number)
        except json.JSONDecodeError as error:
            items.append(InputItem(label=label, error=f"not a JSON object: {error.msg}"))
            continue
        except RecursionError:
            items.append(InputItem(label=label, error="not a JSON object: nested too deeply"))
            continue
        except ValueError as error:  # a number Python will not convert
            items.append(InputItem(label=label, error=f"not a JSON object: {error}"[:200]))
            continue
        if not isinstance(record, dict):
            items.append(InputItem(label=label, error="not a JSON object"))
            continue
        items.append(_record(record, label, record_files))
    return items


# what a record's "url" must look like to be fetched; anything else is a local path
_WEB_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def _record(record: dict, label: str, record_files: bool = False) -> InputItem:
    record_id = record.get("id")
    record_id = None if record_id is None else _text(str(record_id))
    url, html, body = (_text(record.get(k)) if isinstance(record.get(k), str) else None for k in ("url", "html", "text"))
    common = dict(id=record_id, title=_str(record.get("title")), published=_published(record.get("published")),
                  author=_str(record.get("author")))
    if html is not None:
        return InputItem(label=url or label, html=html, url=url or None, **common)
    if body is not None:
        return InputItem(label=url or label, text=body, url=url or None, **common)
    if url and not (_WEB_URL.match(url) or record_files):
        # {"url": "/etc/passwd"} from an untrusted file must not put a local file in the report
        return InputItem(label=url, error="a record's url is a local path: refused (--record-files reads them)", id=record_id)
    if url:
        return InputItem(label=url, location=url, **common)
    return InputItem(label=label, error='a record needs "url", "html" or "text"', id=record_id)


def _text(value: str) -> str:
    """A JSON string as text: a lone surrogate (`"\\ud800"`, legal JSON, not text) is U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def _str(value) -> str | None:
    return _text(value) if isinstance(value, str) and value else None


def _published(value) -> str | None:
    """A record's date as text for the loader to read: an epoch given as a number is one too,
    and any other value is kept so that the loader warns about it rather than drop it unseen."""
    if value is None or value == "":
        return None
    return _text(value) if isinstance(value, str) else json.dumps(value)
