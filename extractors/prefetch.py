"""Fetching the URLs among many inputs ahead of their turn: a few threads, polite to each host,
through an optional `PageCache`."""
from __future__ import annotations

import queue
import threading
import time
from collections import deque
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from typing import Iterable, Iterator

from .errors import FetchError
from .fetching import PER_HOST, FetchOptions, fetch, is_url
from .page_cache import PageCache
from .reading import MAX_PAGE_BYTES
from .records import Source

# Fetching many URLs: threads in all (connections to one host at once: PER_HOST), and the pause
# between two requests to one host.
FETCH_THREADS = 8
HOST_INTERVAL = 0.25


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
                       charset=page.charset, fetched_at=page.fetched_at, warnings=warnings)

    def _gate(self, url: str) -> _HostGate:
        from urllib.parse import urlsplit

        host = urlsplit(url).netloc.lower()
        with self._gates_lock:
            return self._gates.setdefault(host, _HostGate())
