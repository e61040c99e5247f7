"""Fetching one page over HTTP(S): a whole-download timeout, a size bound, redirects followed
with every hop checked, and loopback/private peers refused after connecting (SSRF guards).
Raises `FetchError` with a short reason for the user."""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Callable

from . import __version__
from .errors import FetchError
from .reading import MAX_PAGE_BYTES, utf8_boundary

DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = f"rashomon/{__version__} (news analysis; +https://pypi.org/project/rashomon/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
MAX_REDIRECTS = 5
# Connections open to one host at once (the prefetcher's threads share them).
PER_HOST = 2


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
    fetched_at: str | None = None  # when the response came (UTC, ISO 8601)


def utc_now() -> str:
    """The time now, UTC, to the second: 2026-12-02T13:50:07Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def is_url(location: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I))


def fetch(url: str, options: FetchOptions = FetchOptions(), *,
          types: tuple[str, ...] | Callable[[str], bool] = HTML_TYPES + TEXT_TYPES, kind: str = "an HTML page") -> Page:
    """Download one page. `options.timeout` bounds the whole download, so a server that drips
    bytes cannot hold the run; a failed request is not retried (a re-run with --cache fetches
    only what failed). A response of a content type not in `types` is refused unread, as not
    `kind`."""
    import urllib3
    from urllib3.exceptions import HTTPError as Urllib3Error

    if not re.match(r"^https?://[^/\s?#]+", url, re.I):
        raise FetchError("only http:// and https:// URLs are fetched")
    deadline = time.monotonic() + options.timeout
    fetched_at = utc_now()
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
        if content_type and not (types(content_type) if callable(types) else content_type in types):
            raise FetchError(f"not {kind} ({content_type})")
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
        data = utf8_boundary(data[:MAX_PAGE_BYTES])
    if not data.strip():
        raise FetchError("empty response")
    final = response.url or url
    if not is_url(final):  # a relative Location, as the server sent it
        from urllib.parse import urljoin

        final = urljoin(url, final)
    return Page(data, final, content_type, charset, truncated, fetched_at)


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
