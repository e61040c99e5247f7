"""Fetching one page over HTTP(S): a whole-download timeout, a size bound, redirects followed
with every hop checked, and loopback/private peers refused after connecting (SSRF guards).
Raises `FetchError` with a short reason for the user."""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from http.client import HTTPException
from typing import Callable
from functools import cache

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
    warnings: tuple[str, ...] = ()  # what went wrong without stopping it (a body longer than declared)


def utc_now() -> str:
    """The time now, UTC, to the second: 2026-12-02T13:50:07Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def is_url(location: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I))


def fetch(url: str, options: FetchOptions = FetchOptions(), *,
          types: tuple[str, ...] | Callable[[str], bool] = HTML_TYPES + TEXT_TYPES, kind: str = "an HTML page") -> Page:
    """Download one page. `options.timeout` bounds the whole download, redirects included, so
    a server that drips bytes (of its headers or its body) cannot hold the run; a failed request
    is not retried (a re-run with --cache fetches only what failed). A response of a content
    type not in `types` is refused unread, as not `kind`."""
    from urllib3.exceptions import HTTPError as Urllib3Error

    if not _WEB_URL.match(url):
        raise FetchError("only http:// and https:// URLs are fetched")
    deadline = time.monotonic() + options.timeout
    fetched_at = utc_now()
    with _Watchdog(options.timeout) as watch:
        try:
            response, final = _follow(url, options, deadline)
        except (Urllib3Error, OSError, ValueError, HTTPException) as error:
            raise FetchError("timed out" if watch.fired else _network_reason(error)) from None
        whole = False
        try:
            if response.status != 200:
                raise FetchError(f"HTTP {response.status}")
            content_type, charset = _content_type(response.headers.get("content-type", ""))
            if content_type and not (types(content_type) if callable(types) else content_type in types):
                raise FetchError(f"not {kind} ({content_type})")
            declared = _DeclaredLength(response)
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
            overlong = whole and declared.more
        except (Urllib3Error, OSError, HTTPException) as error:
            raise FetchError("timed out" if watch.fired else _network_reason(error)) from None
        finally:
            if not whole or watch.fired:
                # never drain: the rest of an oversized, unwanted or dripping page is not worth the wait
                response.close()
            response.release_conn()
    data = b"".join(chunks)
    if truncated:
        data = utf8_boundary(data[:MAX_PAGE_BYTES])
    if not data.strip():
        raise FetchError("empty response")
    warnings = (LONGER_THAN_DECLARED,) if overlong else ()
    return Page(data, final, content_type, charset, truncated, fetched_at, warnings)


# A server that sends more than its Content-Length says: the page is read only as far as that.
LONGER_THAN_DECLARED = "the server sent more than its Content-Length: the page may be cut short"
_WEB_URL = re.compile(r"^https?://[^/\s?#]+", re.I)
_REDIRECTS = (301, 302, 303, 307, 308)


def _follow(url: str, options: FetchOptions, deadline: float):
    """The response at the end of `url`'s redirects, and its address. Each hop gets what is left
    of the time; a redirect may go from http to https, never from https to http (what was
    asked over TLS stays there) or to another scheme."""
    import urllib3

    current = url
    for _ in range(MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError("timed out")
        response = _pool(options.allow_private).request(
            "GET", current, headers=_headers(options), preload_content=False, redirect=False, retries=False,
            timeout=urllib3.Timeout(connect=left, read=left),
        )
        location = response.headers.get("location") if response.status in _REDIRECTS else None
        if not location:
            return response, current
        response.close()  # a redirect's body is not worth reading
        response.release_conn()
        current = redirect_target(current, location)
    raise FetchError("too many redirects")


def redirect_target(current: str, location: str) -> str:
    """Where a redirect from `current` to `location` (its Location header) leads, if it may be
    followed: http or https, and from https only to https."""
    from urllib.parse import urljoin

    target = urljoin(current, location.strip())
    if not _WEB_URL.match(target):
        raise FetchError(f"not a URL that can be fetched: a redirect to {target[:200]}")
    if current[:6].lower() == "https:" and target[:6].lower() != "https:":
        raise FetchError("refused: a redirect from https to http")
    return target


class _DeclaredLength:
    """Watches for bytes past the Content-Length a server declared: http.client stops reading
    there and drops the rest with its buffer, so a page whose header says too little would be
    cut short without a word. Wraps http.client's reader and looks, as it closes, for more."""

    def __init__(self, response) -> None:
        self.more, self.reader, self.sock = False, None, None
        raw = getattr(response, "_fp", None)  # http.client's response
        reader = getattr(raw, "fp", None)  # a buffered reader over the socket
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
        if sock is None or response.headers.get("content-length") is None or response.headers.get("transfer-encoding"):
            return
        self.reader, self.sock = reader, sock
        raw.fp = self

    def __getattr__(self, name: str):  # read, read1, readinto, readline: the reader's own
        return getattr(self.__dict__["reader"], name)

    def close(self) -> None:
        try:
            timeout = self.sock.gettimeout()
            self.sock.settimeout(0)  # only what has arrived: never wait here
            try:
                self.more = bool(self.reader.peek(1))
            finally:
                self.sock.settimeout(timeout)
        except (OSError, ValueError):
            pass
        self.reader.close()


_CURRENT = threading.local()  # the watchdog of the download this thread is doing


class _Watchdog:
    """Shuts the sockets of one download when its time is up: a server that drips its status
    line or headers a byte at a time never lets a read time out, and http.client reads them
    before any of our code runs again. The connection classes (below) report to it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self.connections: list = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def __enter__(self):
        _CURRENT.watchdog = self
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()
        with self.lock:  # a timer already firing must not shut connections back in the pool
            self.connections.clear()
        _CURRENT.watchdog = None

    def watch(self, connection) -> None:
        with self.lock:
            self.connections.append(connection)
            if self.fired:
                _shut(connection)

    def _fire(self) -> None:
        with self.lock:
            self.fired = True
            for connection in self.connections:
                _shut(connection)


def _shut(connection) -> None:
    import socket

    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _watched(connection) -> None:
    watchdog = getattr(_CURRENT, "watchdog", None)
    if watchdog is not None:
        watchdog.watch(connection)


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
    if not is_public(address):
        raise _Refused(f"non-public address {address}")


def is_public(address) -> bool:
    """A global address, that embeds no private IPv4 address either: IPv4-mapped (::ffff:10.0.0.1),
    IPv4-compatible (::10.0.0.1), 6to4 (2002:0a00:0001::), Teredo, and NAT64 (64:ff9b::10.0.0.1,
    which a NAT64 gateway turns into 10.0.0.1 on its side; 64:ff9b:1::/48 is for local use)."""
    if address.version == 6:
        if address in _nat64()[1]:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None and not embedded.is_global:
            return False
    return address.is_global


def _embedded_ipv4(address):
    import ipaddress

    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _nat64()[0] or int(address) >> 32 == 0:  # NAT64, or IPv4-compatible (::a.b.c.d)
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@cache
def _nat64() -> tuple:
    """The well-known NAT64 prefix (RFC 6052) and the local-use one (RFC 8215)."""
    import ipaddress

    return ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48")


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
    vet = not allow_private

    class WatchedHTTP(HTTPConnection):
        def _new_conn(self):
            sock = super()._new_conn()
            if vet:
                try:
                    _vet_peer(sock)
                except _Refused as error:
                    sock.close()
                    raise NewConnectionError(self, str(error)) from error
            return sock

        def getresponse(self, *args, **kwargs):
            _watched(self)  # a reused connection too: this is where the headers are read
            return super().getresponse(*args, **kwargs)

    class WatchedHTTPS(WatchedHTTP, HTTPSConnection):
        pass

    class WatchedHTTPPool(urllib3.HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    # every hop of a redirect goes through these, so a redirect cannot reach a private address
    manager.pool_classes_by_scheme = {"http": WatchedHTTPPool, "https": WatchedHTTPSPool}
    return manager
