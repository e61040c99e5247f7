"""From bytes or a URL to an `Article`: reading, fetching, decoding, HTML extraction
(trafilatura), metadata, datelines, language. Raises `InputError` / `FetchError` /
`ExtractionError` with messages meant for the user.

Many inputs at once: `Prefetcher` fetches the URLs among them ahead of their turn (a few
threads, polite to each host, through an optional `PageCache`), and `load_source` turns one
`Source` into an article wherever it runs (this process or a worker).
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import queue
import re
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__
from .dates import find_dateline, normalize_date
from .errors import ExtractionError, FetchError, InputError, SetupError
from .lexicon import load_lexicon
from .records import Article, Source
from .text import MAX_CHUNK_CHARS, MAX_PUNCT_RUN, long_runs

# Bounds that keep one hostile page from taking the run's time or memory (see README).
MAX_PAGE_BYTES = 5_000_000  # an HTML page or text file is cut here, with a warning
# The analysed text is cut here, with a warning. The longest article in the corpora is 22,000
# characters; parsing costs about 3 MB of memory per 1,000 characters, and some extraction
# rules grow faster than the text does.
MAX_TEXT_CHARS = 100_000
DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = f"rashomon/{__version__} (news analysis; +https://pypi.org/project/rashomon/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
MAX_REDIRECTS = 5
# Fetching many URLs: threads in all, connections open to one host at once, and the pause
# between two requests to one host.
FETCH_THREADS = 8
PER_HOST = 2
HOST_INTERVAL = 0.25
# A page whose extracted text is shorter than this holds navigation or boilerplate, not an article.
MIN_PAGE_WORDS = 15
# A headline is a short first line set off by a blank line.
MAX_HEADLINE_WORDS = 30
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<title|<!--|<div|<p[\s>]|<article|<\?xml)", re.I)


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole download of one page
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False  # fetch loopback and private addresses (tests, intranets)


@dataclass(frozen=True)
class Page:
    data: bytes
    url: str
    content_type: str | None = None
    charset: str | None = None  # as the server declared it
    truncated: bool = False  # cut at MAX_PAGE_BYTES


@dataclass
class Loaded:
    """An article and what went wrong on the way without stopping it."""

    article: Article
    warnings: list[str]


# --- reading -----------------------------------------------------------------


def read_file(path: str | Path) -> tuple[bytes, list[str]]:
    """The bytes of a local file, cut at MAX_PAGE_BYTES."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not an article")
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    return _cap(data)


def _cap(data: bytes) -> tuple[bytes, list[str]]:
    if len(data) <= MAX_PAGE_BYTES:
        return data, []
    return _utf8_boundary(data[:MAX_PAGE_BYTES]), [f"input larger than {MAX_PAGE_BYTES:,} bytes: cut there"]


def _utf8_boundary(data: bytes) -> bytes:
    """Drop a UTF-8 character the cut split in two, so UTF-8 text still decodes as UTF-8."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back for the lead
            continue
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data[:-back] if needed > back else data
        return data
    return data


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    if data.startswith(_UTF16_BOMS):
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


_HIGH_RUN = re.compile(rb"[\x80-\xff]{3}")
_MULTIBYTE = re.compile("[\u0080-\ufffc]")  # a character UTF-8 encodes in several bytes
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as windows-1252.
_AS_WINDOWS_1252 = {"latin_1", "ascii", "iso8859_1"}


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Bytes to text: a byte-order mark, else UTF-8 when the bytes are valid UTF-8 (pages
    mislabelled Latin-1 often are), else the charset the server or the page declares, else the
    detected legacy encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 text with a few stray bytes (a bad paste, a cut): more characters decode as UTF-8
    # than fail to; keep it UTF-8 and drop the strays
    text = data.decode("utf-8", errors="replace")
    if len(_MULTIBYTE.findall(text)) >= 2 * text.count("\ufffd"):
        return text.replace("\ufffd", "")
    labels = [declared]
    if html:
        head = data[:4096]
        labels += [m.group(1).decode("ascii") for m in (_XML_ENCODING.search(head), _META_CHARSET.search(head)) if m]
    for label in labels:
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    # In Latin-script text the bytes above 127 stand alone or in pairs (é, “, ção), and then
    # windows-1252 is by far the likeliest; detection guesses wildly on them (café as cafщ) and
    # is kept for other scripts, whose words are runs of such bytes.
    if not _HIGH_RUN.search(data, 0, 65536):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from trafilatura.utils import decode_file

    return decode_file(data)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # declared, but without a byte-order mark: not to be trusted
        return None
    return "cp1252" if name.replace("-", "_") in _AS_WINDOWS_1252 else name


# --- building an Article -----------------------------------------------------

# What HTML extraction imports, by module and the distribution that provides it: trafilatura,
# and what its fallback extractors (readability, jusText) import. A missing one breaks every
# page, so it is found once, before any work (lxml_html_clean is what pip 23.2 has left out).
HTML_MODULES = (("trafilatura", "trafilatura"), ("justext", "jusText"), ("lxml_html_clean", "lxml_html_clean"))


def check_html_support() -> None:
    """SetupError naming what to install if HTML extraction cannot import what it needs;
    looks the modules up without importing them, so it costs nothing."""
    import importlib.util

    missing = [package for module, package in HTML_MODULES if importlib.util.find_spec(module) is None]
    if missing:
        raise SetupError(f"reading web pages needs {', '.join(missing)}, which is not installed: pip install {' '.join(missing)}")



def article_from_bytes(data: bytes, *, url: str | None = None, html: bool | None = None,
                       charset: str | None = None) -> Loaded:
    """An article from raw bytes: HTML (extracted) or plain text, detected unless `html` says."""
    data, warnings = _cap(data)
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary data, not an article")
    is_html = looks_like_html(data) if html is None else html
    text = decode(data, declared=charset, html=is_html)
    if not text.strip():
        raise InputError("empty input")
    loaded = article_from_html(text, url=url) if is_html else article_from_text(text, url=url)
    loaded.warnings[:0] = warnings
    return loaded


def article_from_text(raw: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Loaded:
    """A plain-text article. A short first line set off by a blank line is its headline."""
    text = _clean(raw)
    if title is None:
        title, text = _split_headline(text)
    return _finish(Article(text=text, title=title, url=url, published=normalize_date(published) or find_dateline(text)))


def article_from_html(html: str, *, url: str | None = None) -> Loaded:
    """The article inside a web page, with its metadata."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=False,
        )
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise ExtractionError(f"cannot parse the page: {error}") from None
    if document is None or len((document.text or "").split()) < MIN_PAGE_WORDS:
        raise ExtractionError("no article text found in the page")
    # trafilatura separates paragraphs with one newline; a blank line keeps them apart for
    # the sentence splitter and reads better in the JSON.
    text = "\n\n".join(line.strip() for line in _clean(document.text).split("\n") if line.strip())
    article = Article(
        text=text,
        title=(_clean(document.title) or None) if document.title else None,
        url=document.url or url,
        source=document.sitename or document.hostname or None,
        published=normalize_date(document.date) or find_dateline(text),
    )
    return _finish(article)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters (C0 and C1, escape included), which are
    never article text and which a terminal would obey."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _split_headline(text: str) -> tuple[str | None, str]:
    first, sep, rest = text.partition("\n\n")
    if sep and rest.strip() and "\n" not in first.strip() and len(first.split()) <= MAX_HEADLINE_WORDS:
        return first.strip(), rest.strip()
    return None, text


def _finish(article: Article) -> Loaded:
    warnings = []
    if not article.text.strip():
        raise ExtractionError("no article text")
    if len(article.text) > MAX_TEXT_CHARS:
        # at a space, so the last word stays whole
        cut = article.text.rfind(" ", MAX_TEXT_CHARS - 1000, MAX_TEXT_CHARS)
        article.text = article.text[: cut if cut > 0 else MAX_TEXT_CHARS].rstrip()
        warnings.append(f"article text longer than {MAX_TEXT_CHARS:,} characters: cut there")
    if long_runs(article.text):  # parsed as hyphens, in bounded time (see text.tokenizable)
        warnings.append(f"a run of over {MAX_PUNCT_RUN} punctuation marks, or over {MAX_CHUNK_CHARS:,} characters"
                        " without a space: read as one word per 1,000 characters")
    article.language = detect_language(article.text)
    return Loaded(article, warnings)


_NOT_LETTERS = re.compile(r"[\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _script_patterns() -> dict[str, re.Pattern]:
    return {lang: re.compile(f"[{re.escape(first)}-{re.escape(last)}]") for lang, (first, last) in load_lexicon().scripts.items()}


def detect_language(text: str) -> str | None:
    """The article's language (ISO 639-1) by script and function words; None if unsure."""
    lex = load_lexicon()
    sample = text[:5000]
    letters = len(_NOT_LETTERS.sub("", sample))
    if not letters:
        return None
    # a script other than Latin needs letters outside ASCII: most English pages have none
    if not sample.isascii():
        for lang, pattern in _script_patterns().items():
            if len(pattern.findall(sample)) > letters * 0.3:
                return lang
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return "en" if any(w in lex.stopwords["en"] for w in words) else None
    scores = {lang: sum(1 for w in words if w in stops) / len(words) for lang, stops in lex.stopwords.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.05 else None


# --- fetching ----------------------------------------------------------------


def is_url(location: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I))


def fetch(url: str, options: FetchOptions = FetchOptions()) -> Page:
    """Download one page. `options.timeout` bounds the whole download, so a server that drips
    bytes cannot hold the run; a failed request is not retried (a re-run with --cache fetches
    only what failed)."""
    import urllib3
    from urllib3.exceptions import HTTPError as Urllib3Error

    if not re.match(r"^https?://[^/\s?#]+", url, re.I):
        raise FetchError("only http:// and https:// URLs are fetched")
    deadline = time.monotonic() + options.timeout
    try:
        response = _pool(options.allow_private).request(
            "GET", url, headers=_headers(options), preload_content=False, redirect=True,
            timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout),
            retries=urllib3.Retry(
                total=MAX_REDIRECTS, redirect=MAX_REDIRECTS, connect=0, read=0, status=0, other=0,
                raise_on_redirect=True, raise_on_status=False, respect_retry_after_header=False,
            ),
        )
    except (Urllib3Error, OSError, ValueError) as error:
        raise FetchError(_network_reason(error)) from None
    whole = False
    try:
        if response.status != 200:
            raise FetchError(f"HTTP {response.status}")
        content_type, charset = _content_type(response.headers.get("content-type", ""))
        if content_type and content_type not in HTML_TYPES + TEXT_TYPES:
            raise FetchError(f"not an HTML page ({content_type})")
        chunks, size, truncated = [], 0, False
        while True:
            if time.monotonic() > deadline:
                raise FetchError("timed out")
            # read1 returns what has arrived, so the deadline is checked however slow the drip
            chunk = response.read1(1 << 16)
            if not chunk:
                whole = True
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_PAGE_BYTES:
                truncated = True
                break
    except (Urllib3Error, OSError) as error:
        raise FetchError(_network_reason(error)) from None
    finally:
        if not whole:
            # never drain: the rest of an oversized, unwanted or dripping page is not worth the wait
            response.close()
        response.release_conn()
    data = b"".join(chunks)
    if truncated:
        data = _utf8_boundary(data[:MAX_PAGE_BYTES])
    if not data.strip():
        raise FetchError("empty response")
    final = response.url or url
    if not is_url(final):  # a relative Location, as the server sent it
        from urllib.parse import urljoin

        final = urljoin(url, final)
    return Page(data, final, content_type, charset, truncated)


def _content_type(header: str) -> tuple[str | None, str | None]:
    kind, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", params, re.I)
    return (kind.strip().lower() or None), (charset.group(1) if charset else None)


def _headers(options: FetchOptions) -> dict[str, str]:
    return {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }


def _network_reason(error: BaseException) -> str:
    """A urllib3 or socket error as a short reason for the user."""
    from urllib3 import exceptions as e

    if isinstance(error, e.MaxRetryError):
        if isinstance(error.reason, e.ResponseError) and "redirect" in str(error.reason):
            return "too many redirects"
        error = error.reason or error
    if isinstance(error, _Refused):
        return "refused: a private or loopback address (use --allow-private)"
    if isinstance(error, e.NewConnectionError) and isinstance(error.__cause__, _Refused):
        return "refused: a private or loopback address (use --allow-private)"
    if isinstance(error, (e.LocationValueError, e.URLSchemeUnknown, ValueError)):
        return f"not a URL that can be fetched: {error}"
    if isinstance(error, e.NameResolutionError):
        return "host not found"
    # NewConnectionError is a ConnectTimeoutError in urllib3 2: tell a refusal from a timeout
    if isinstance(error, e.NewConnectionError) and re.search(r"refused", str(error), re.I):
        return "connection refused"
    if isinstance(error, (e.TimeoutError, TimeoutError)) and not isinstance(error, e.NewConnectionError):
        return "timed out"
    if re.search(r"timed out", str(error), re.I):
        return "timed out"
    if isinstance(error, e.SSLError):
        return "TLS error"
    text = str(error)
    if isinstance(error, ConnectionRefusedError) or "Connection refused" in text:
        return "connection refused"
    if "IncompleteRead" in text or isinstance(error, e.IncompleteRead):
        return "connection closed before the whole page arrived"
    if isinstance(error, (e.ProtocolError, ConnectionError)) or re.search(r"reset|aborted|closed", text, re.I):
        return "connection reset"
    return f"unreachable ({text[:120]})"


class _Refused(OSError):
    """A connection to a loopback, private or otherwise non-public address."""


def _vet_peer(sock) -> None:
    """Refuse a non-public peer, checked after connecting, so DNS rebinding cannot slip past."""
    import ipaddress

    address = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
    address = getattr(address, "ipv4_mapped", None) or address
    if not address.is_global:
        raise _Refused(f"non-public address {address}")


_POOLS: dict[bool, object] = {}
_POOLS_LOCK = threading.Lock()


def _pool(allow_private: bool):
    """One urllib3 pool manager per process and setting; they are thread-safe."""
    with _POOLS_LOCK:
        pool = _POOLS.get(allow_private)
        if pool is None:
            pool = _POOLS[allow_private] = _make_pool(allow_private)
        return pool


def _make_pool(allow_private: bool):
    import urllib3
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.exceptions import NewConnectionError

    try:
        import certifi

        tls = {"ca_certs": certifi.where()}
    except ImportError:  # the system's trust store
        tls = {}
    manager = urllib3.PoolManager(num_pools=64, maxsize=PER_HOST, cert_reqs="CERT_REQUIRED", **tls)
    if allow_private:
        return manager

    class SafeHTTP(HTTPConnection):
        def _new_conn(self):
            sock = super()._new_conn()
            try:
                _vet_peer(sock)
            except _Refused as error:
                sock.close()
                raise NewConnectionError(self, str(error)) from error
            return sock

    class SafeHTTPS(SafeHTTP, HTTPSConnection):
        pass

    class SafeHTTPPool(urllib3.HTTPConnectionPool):
        ConnectionCls = SafeHTTP

    class SafeHTTPSPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = SafeHTTPS

    # every hop of a redirect goes through these, so a redirect cannot reach a private address
    manager.pool_classes_by_scheme = {"http": SafeHTTPPool, "https": SafeHTTPSPool}
    return manager


def article_from_url(url: str, options: FetchOptions = FetchOptions()) -> Loaded:
    page = fetch(url, options)
    return _from_page(page)


def _from_page(page: Page) -> Loaded:
    html = None if page.content_type is None else page.content_type in HTML_TYPES
    try:
        loaded = article_from_bytes(page.data, url=page.url, html=html, charset=page.charset)
    except InputError as error:
        raise FetchError(str(error)) from None
    if page.truncated:
        loaded.warnings.insert(0, f"page larger than {MAX_PAGE_BYTES:,} bytes: cut there")
    return loaded


# --- a cache of fetched pages ------------------------------------------------


class PageCache:
    """Fetched pages kept on disk by URL, so a re-run does not download them again. Only pages
    that arrived whole or cut at the size limit are kept; errors are tried again next time.
    Entries never expire: delete the folder to fetch afresh."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot use {folder} as a cache: {error.strerror or error}") from None
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise InputError(f"cannot use {folder} as a cache: not writable")

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        base = self.folder / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def get(self, url: str) -> Page | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("size") != len(data):
            return None  # another URL's entry (a hash collision) or a torn write
        return Page(data, meta["final_url"], meta.get("content_type"), meta.get("charset"), bool(meta.get("truncated")))

    def put(self, url: str, page: Page) -> None:
        meta_path, body_path = self._paths(url)
        meta = {"url": url, "final_url": page.url, "content_type": page.content_type, "charset": page.charset,
                "truncated": page.truncated, "size": len(page.data), "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        try:
            meta_path.parent.mkdir(exist_ok=True)
            # body first, then the metadata that vouches for it; each replaced atomically
            _write_atomic(body_path, page.data)
            _write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a download next time


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


# --- many inputs -------------------------------------------------------------


class _HostGate:
    """At most PER_HOST requests to one host at a time, starting HOST_INTERVAL apart."""

    def __init__(self) -> None:
        self.slots = threading.BoundedSemaphore(PER_HOST)
        self.lock = threading.Lock()
        self.next_start = 0.0

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.slots:
            with self.lock:
                now = time.monotonic()
                start = max(now, self.next_start)
                self.next_start = start + HOST_INTERVAL
            if start > now:
                time.sleep(start - now)
            yield


class Prefetcher:
    """The sources in their order, each URL among them fetched ahead of its turn.

    A window of at most `ahead` sources is open at once, which bounds memory on long lists;
    FETCH_THREADS daemon threads download the URLs in it (a stalled server never holds up the
    exit). A fetched page comes back as its source with `data` set; a failed one with `error`.
    """

    def __init__(self, sources: Iterable[Source], options: FetchOptions = FetchOptions(), *,
                 cache: PageCache | None = None, ahead: int = 64, threads: int = FETCH_THREADS) -> None:
        self.options = options
        self.cache = cache
        self.ahead = max(1, ahead)
        self.max_threads = threads
        self._sources = iter(sources)
        self._window: deque[tuple[Source, Future | None]] = deque()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._closed = False

    def _fill(self) -> None:
        while not self._closed and len(self._window) < self.ahead:
            source = next(self._sources, None)
            if source is None:
                return
            future = None
            if source.data is None and source.error is None and source.location and is_url(source.location):
                future = Future()
                self._jobs.put((future, source))
                if len(self._threads) < self.max_threads:
                    thread = threading.Thread(target=self._work, daemon=True, name="rashomon-fetch")
                    self._threads.append(thread)
                    thread.start()
            self._window.append((source, future))

    def take(self, limit: int, *, block: bool = True, timeout: float | None = None) -> list[Source]:
        """Up to `limit` next sources that are ready, in order. With `block`, wait (at most
        `timeout`) for the first; never wait for the ones after it."""
        self._fill()
        taken: list[Source] = []
        while self._window and len(taken) < limit:
            source, future = self._window[0]
            if future is not None and not future.done():
                if taken or not block:
                    break
                try:
                    future.result(timeout)
                except Exception:  # the TimeoutError of futures: nothing ready yet
                    break
            self._window.popleft()
            taken.append(source if future is None else future.result())
            self._fill()
        return taken

    def ready(self) -> bool:
        self._fill()
        return bool(self._window) and (self._window[0][1] is None or self._window[0][1].done())

    def pending_future(self) -> Future | None:
        """The download the next source waits for, if any."""
        self._fill()
        return self._window[0][1] if self._window else None

    def done(self) -> bool:
        self._fill()
        return not self._window

    def close(self) -> None:
        self._closed = True
        for _, future in list(self._window):
            if future is not None:
                future.cancel()
        self._window.clear()
        for _ in self._threads:
            self._jobs.put(None)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, source = job
            if future.set_running_or_notify_cancel():
                future.set_result(self._fetch(source))

    def _fetch(self, source: Source) -> Source:
        url = source.location
        try:
            page = self.cache.get(url) if self.cache else None
            if page is None:
                with self._gate(url).turn():
                    page = fetch(url, self.options)
                if self.cache:
                    self.cache.put(url, page)
        except FetchError as error:
            return replace(source, error=str(error))
        except Exception as error:  # a bug must cost one input, not the run
            return replace(source, error=f"internal error while fetching: {type(error).__name__}: {error}")
        warnings = source.warnings + ((f"page larger than {MAX_PAGE_BYTES:,} bytes: cut there",) if page.truncated else ())
        return replace(source, data=page.data, url=page.url, content_type=page.content_type,
                       charset=page.charset, warnings=warnings)

    def _gate(self, url: str) -> _HostGate:
        from urllib.parse import urlsplit

        host = urlsplit(url).netloc.lower()
        with self._gates_lock:
            return self._gates.setdefault(host, _HostGate())


# --- one input, wherever it runs ----------------------------------------------


def load_source(source: Source, options: FetchOptions = FetchOptions()) -> Loaded:
    """The article a source stands for, read, fetched or taken as given."""
    if source.error:
        raise InputError(source.error)
    if source.data is not None:
        html = None if source.content_type is None else source.content_type in HTML_TYPES
        try:
            loaded = article_from_bytes(source.data, url=source.url, html=html, charset=source.charset)
        except InputError as error:
            raise (FetchError(str(error)) if source.content_type else error) from None
    elif source.html is not None:
        loaded = article_from_html(source.html, url=source.url)
        # like its title and date, a record's URL says more than the page's own canonical link
        loaded.article.url = source.url or loaded.article.url
    elif source.text is not None:
        loaded = article_from_text(source.text, url=source.url, title=source.title)
    elif source.location is not None:
        loaded = load_article(source.location, options)
    else:
        raise InputError("nothing to read")
    if source.title:
        loaded.article.title = source.title
    if source.published:
        loaded.article.published = normalize_date(source.published) or loaded.article.published
    loaded.warnings[:0] = source.warnings
    return loaded


def load_article(location: str, options: FetchOptions = FetchOptions()) -> Loaded:
    """An article from a URL or a local path (HTML by extension or content, else text)."""
    if is_url(location):
        return article_from_url(location, options)
    data, warnings = read_file(location)
    suffix = Path(location).suffix.lower()
    html = True if suffix in (".html", ".htm", ".xhtml") else (False if suffix == ".txt" else None)
    loaded = article_from_bytes(data, html=html)
    loaded.warnings[:0] = warnings
    return loaded
