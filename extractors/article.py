"""From bytes or a URL to an `Article`: decoding, HTML extraction (trafilatura), metadata,
datelines, language. Raises `InputError` / `FetchError` / `ExtractionError` with messages meant
for the user."""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .dates import find_dateline, normalize_date
from .errors import ExtractionError, FetchError, InputError
from .lexicon import load_lexicon
from .records import Article

# Bounds that keep one hostile page from taking the run's time or memory (see README).
MAX_PAGE_BYTES = 5_000_000  # an HTML page or text file is cut here, with a warning
MAX_TEXT_CHARS = 200_000  # the analyzed text is cut here, with a warning
DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = f"rashomon/{__version__} (news analysis; +https://pypi.org/project/rashomon/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
# A page whose extracted text is shorter than this holds navigation or boilerplate, not an article.
MIN_PAGE_WORDS = 15
# A headline is a short first line set off by a blank line.
MAX_HEADLINE_WORDS = 30
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<title|<!--|<div|<p[\s>]|<article)", re.I)


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False  # fetch loopback and private addresses (tests, intranets)


@dataclass(frozen=True)
class Page:
    data: bytes
    url: str
    content_type: str | None = None


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
    if len(data) > MAX_PAGE_BYTES:
        return data[:MAX_PAGE_BYTES], [f"input larger than {MAX_PAGE_BYTES:,} bytes: cut there"]
    return data, []


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:2048]))


def decode(data: bytes) -> str:
    """UTF-8 when it is; otherwise the detected legacy encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from trafilatura.utils import decode_file

        return decode_file(data)


# --- building an Article -----------------------------------------------------


def article_from_bytes(data: bytes, *, url: str | None = None, html: bool | None = None) -> Loaded:
    """An article from raw bytes: HTML (extracted) or plain text, detected unless `html` says."""
    data, warnings = _cap(data)
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary data, not an article")
    is_html = looks_like_html(data) if html is None else html
    text = decode(data)
    loaded = article_from_html(text, url=url) if is_html else article_from_text(text, url=url)
    loaded.warnings[:0] = warnings
    return loaded


def article_from_text(raw: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Loaded:
    """A plain-text article. A short first line set off by a blank line is its headline."""
    text = _clean(raw)
    if title is None:
        title, text = _split_headline(text)
    return _finish(Article(text=text, title=title, url=url, published=published or find_dateline(text)))


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
        title=(document.title or None),
        url=document.url or url,
        source=document.sitename or document.hostname or None,
        published=normalize_date(document.date) or find_dateline(text),
    )
    return _finish(article)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters, which are never article text."""
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
        article.text = article.text[:MAX_TEXT_CHARS]
        warnings.append(f"article text longer than {MAX_TEXT_CHARS:,} characters: cut there")
    article.language = detect_language(article.text)
    return Loaded(article, warnings)


def detect_language(text: str) -> str | None:
    """The article's language (ISO 639-1) by script and function words; None if unsure."""
    lex = load_lexicon()
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    for lang, (first, last) in lex.scripts.items():
        if sum(1 for ch in letters if first <= ch <= last) > len(letters) * 0.3:
            return lang
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 8:
        return "en" if any(w in lex.stopwords["en"] for w in words) else None
    scores = {lang: sum(1 for w in words if w in stops) / len(words) for lang, stops in lex.stopwords.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.05 else None


# --- fetching ----------------------------------------------------------------


class _ThreadLog(logging.Handler):
    """Collects trafilatura's download errors raised on this thread: its only account of why."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def _reason(messages: list[str]) -> str:
    text = " ".join(messages)
    for pattern, reason in (
        (r"SSRF protection|non-public address", "refused: a private or loopback address (use --allow-private)"),
        (r"Name or service not known|getaddrinfo failed|nodename nor servname|NameResolutionError", "host not found"),
        (r"Connection refused", "connection refused"),
        (r"timed out|TimeoutError|ReadTimeout|ConnectTimeout", "timed out"),
        (r"too many redirects|redirect", "too many redirects"),
        (r"too many (\d{3}) error", r"HTTP \1"),
        (r"Connection reset|ProtocolError|RemoteDisconnected|IncompleteRead", "connection reset"),
        (r"SSL|CERTIFICATE", "TLS error"),
    ):
        match = re.search(pattern, text, re.I)
        if match:
            return match.expand(reason)
    return "unreachable"


def _config(options: FetchOptions):
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(max(1, round(options.timeout)))
    config["DEFAULT"]["USER_AGENTS"] = options.user_agent
    config["DEFAULT"]["SSRF_PROTECTION"] = "off" if options.allow_private else "on"
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(MAX_PAGE_BYTES)
    config["DEFAULT"]["INSECURE_SSL_FALLBACK"] = "off"
    return config


def fetch(url: str, options: FetchOptions = FetchOptions()) -> Page:
    """Download a page with trafilatura. A whole-request deadline bounds slow servers, which a
    per-read timeout alone would not."""
    if not re.match(r"^https?://[^/\s]+", url, re.I):
        raise FetchError("only http:// and https:// URLs are fetched")
    from trafilatura.downloads import fetch_response

    outcome: dict = {}

    def download() -> None:
        log = _ThreadLog()
        logger = logging.getLogger("trafilatura")
        logger.addHandler(log)
        try:
            outcome["response"] = fetch_response(url, decode=False, config=_config(options))
        except Exception as error:  # urllib3 and socket errors that trafilatura lets through
            log.messages.append(str(error))
        finally:
            logger.removeHandler(log)
            outcome["messages"] = log.messages

    # A daemon thread: if the server drips forever, the run goes on without it.
    worker = threading.Thread(target=download, daemon=True, name=f"fetch {url}")
    worker.start()
    worker.join(options.timeout * 3 + 5)
    if worker.is_alive():
        raise FetchError("timed out")
    response = outcome.get("response")
    if response is None:
        raise FetchError(_reason(outcome.get("messages", [])))
    if response.status != 200:
        raise FetchError(f"HTTP {response.status}")
    content_type = (response.headers or {}).get("content-type", "").split(";")[0].strip().lower() or None
    if content_type and content_type not in HTML_TYPES + TEXT_TYPES:
        raise FetchError(f"not an HTML page ({content_type})")
    if not response.data:
        raise FetchError("empty response")
    return Page(bytes(response.data), response.url or url, content_type)


def article_from_url(url: str, options: FetchOptions = FetchOptions()) -> Loaded:
    page = fetch(url, options)
    html = None if page.content_type is None else page.content_type in HTML_TYPES
    try:
        return article_from_bytes(page.data, url=page.url, html=html)
    except InputError as error:
        raise FetchError(str(error)) from None


def is_url(location: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I))


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
