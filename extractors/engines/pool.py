"""Worker processes on this machine (`--jobs N`), each with its own pipe, so the parent always
knows which batch a process holds: if one dies or stalls, its batch's inputs are reported
failed and a new one takes its place."""
from __future__ import annotations

import os
import signal
import time
from typing import Callable, Iterator

from ..fetching import FetchOptions
from ..errors import ModelError
from ..pipeline import load_pipeline
from ..records import Failure, Source
from .base import Engine, Result

# A worker that holds a batch and has used no CPU for this long is stopped (SIGSTOP, a debugger)
# or blocked for good: it is killed and its batch fails, rather than stalling the run. Parsing
# never waits (the main process downloads), so a working process always uses CPU.
STALL_SECONDS = 60.0
# How often the parent looks at its busy workers, at most, while waiting for results.
WATCH_EVERY = 1.0


def worker_context(*preload: str):
    """forkserver where there is one: safe with the download threads, and the server imports
    spaCy (and `preload`) once for every worker it forks."""
    import multiprocessing

    from ..analyze import _EXTRACTORS

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["rashomon.extractors.analyze", __name__, "spacy", *_EXTRACTORS, *preload])
        return context
    return multiprocessing.get_context("spawn")


def _worker(conn, model: str | None, options: FetchOptions) -> None:
    """A worker process: load the model once, then analyse the batches the parent sends."""
    from ..analyze import analyze_batch

    # Ctrl-C reaches every process of the terminal's group: the parent alone decides what
    # stops, and stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        conn.send(("error", None, str(error)))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent has gone
            return
        if message is None:
            return
        _, number, sources = message
        conn.send(("done", number, list(analyze_batch(lambda: nlp, sources, options))))


class ProcessEngine(Engine):
    def __init__(self, count: int, *, model: str | None, options: FetchOptions, stage: Callable[[str], None],
                 batch: int, lazy: bool = False) -> None:
        super().__init__(batch)
        self.width, self.model, self.options = count, model, options
        self.stage, self.loaded = stage, False
        self.context = None
        self.processes: dict = {}  # connection -> Process
        self.starting: set = set()
        self.idle: list = []
        self.held: dict = {}  # connection -> (batch number, sources, when it was sent)
        self.queued: list[tuple[int, list[Source]]] = []  # submitted, not yet sent to a worker
        self.failed_starts = 0
        self.cpu: dict = {}  # connection -> (CPU seconds last seen, when they last grew)
        if not lazy:
            self._start_all()

    def _start_all(self) -> None:
        from ..analyze import LOADING_MODEL

        self.context = worker_context()
        self.stage(LOADING_MODEL)  # each worker loads it as it starts
        for _ in range(self.width):
            self._start()

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.model, self.options), daemon=True,
                                       name="rashomon-worker")
        process.start()
        child.close()
        self.processes[parent] = process
        self.starting.add(parent)

    # --- the engine ------------------------------------------------------------------------

    def room(self) -> bool:
        # a batch for every worker not busy (one starting counts: it will be soon)
        return len(self.queued) + len(self.held) < self.width

    def busy(self) -> int:
        return len(self.queued) + len(self.held)

    def submit(self, number: int, sources: list[Source]) -> None:
        if self.context is None:
            self._start_all()
        self.queued.append((number, sources))
        self._dispatch()

    def _dispatch(self) -> None:
        while self.idle and self.queued:
            conn = self.idle.pop()
            number, sources = self.queued.pop(0)
            try:
                conn.send(("batch", number, sources))
            except (OSError, ValueError):  # it died while idle: the batch waits for the next worker
                self.queued.insert(0, (number, sources))
                self._replace(conn)
                continue
            self.held[conn] = (number, sources)
            self.cpu[conn] = (None, time.monotonic())

    def completed(self, timeout: float | None) -> Iterator[tuple[int, int, Result]]:
        from multiprocessing.connection import wait

        from ..analyze import ANALYSING

        waiting = list(self.held) + list(self.starting)
        if not waiting:
            return
        finished: list[tuple[int, list[Result]]] = []
        limit = WATCH_EVERY if timeout is None else min(timeout, WATCH_EVERY)
        for conn in wait(waiting, limit):
            try:
                kind, number, payload = conn.recv()
            except Exception:  # noqa: BLE001 (EOF, a reset pipe, a message cut short: it died)
                finished.extend(self._replace(conn))
                continue
            if kind == "error":
                raise ModelError(payload)
            if kind == "done":
                self.held.pop(conn)
                self.cpu.pop(conn, None)
                finished.append((number, payload))
            elif not self.loaded:  # the first worker ready
                self.loaded = True
                self.stage(ANALYSING)
            self.starting.discard(conn)
            self.idle.append(conn)
        finished.extend(self._watch())
        self._dispatch()
        for number, results in finished:
            for k, result in enumerate(results):
                yield number, k, result

    def _watch(self) -> list[tuple[int, list[Result]]]:
        """Kill the busy or starting workers that have made no progress for STALL_SECONDS."""
        failed = []
        now = time.monotonic()
        for conn in [*self.held, *self.starting]:
            if conn not in self.processes:
                continue
            used = _cpu_seconds(self.processes[conn].pid)
            if used is None:
                continue  # no /proc: no watchdog
            seen, since = self.cpu.setdefault(conn, (None, now))
            if seen is None or used > seen:
                self.cpu[conn] = (used, now)
            elif now - since >= STALL_SECONDS:
                self.processes[conn].kill()  # SIGKILL: the one signal a stopped process obeys
                failed.extend(self._replace(conn, f"the analysis process stopped responding (no progress for "
                                                  f"{STALL_SECONDS:.0f} s) while analysing this batch; it was ended"))
        return failed

    def _replace(self, conn, reason: str | None = None) -> list[tuple[int, list[Result]]]:
        """A worker died (killed, out of memory, a crash in native code) or was ended: its batch
        fails, a new worker takes its place."""
        process = self.processes.pop(conn)
        process.join(1)
        conn.close()
        self.cpu.pop(conn, None)
        if conn in self.idle:
            self.idle.remove(conn)
        failed = []
        if conn in self.starting:
            self.starting.discard(conn)
            self.failed_starts += 1
            if self.failed_starts > self.width + 2:  # not one bad moment: workers cannot start here
                raise ModelError(f"the analysis processes die as they start (exit code {process.exitcode}); try --jobs 1")
        if conn in self.held:
            number, sources = self.held.pop(conn)
            reason = reason or f"the analysis process stopped unexpectedly ({_exit_text(process.exitcode)}) while analysing this batch"
            failed.append((number, [Failure(s.label, reason, s.id) for s in sources]))
        self._start()
        return failed

    def close(self, *, abort: bool = False) -> None:
        for conn in self.processes:
            if not abort:
                try:
                    conn.send(None)
                except OSError:
                    pass
        for conn, process in self.processes.items():
            if not abort:
                process.join(2)
            if process.is_alive():
                process.terminate()
                process.join(2)
            if process.is_alive():  # stopped (SIGSTOP): only SIGKILL ends it
                process.kill()
                process.join(2)
            conn.close()
        self.processes.clear()


def _exit_text(code: int | None) -> str:
    if code == -signal.SIGKILL:
        return "killed: out of memory, or by someone"
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit code {code}"


def _cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used (user + system), from /proc; None where there is none."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
