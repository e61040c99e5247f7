"""What every engine shares: the order of the output, the batches, and the report cache."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..records import Failure, Report, Source

# How long to wait for a download when the engine has nothing to do: short, as a result may
# come in meanwhile.
TAKE_WAIT = 0.1
# How long to wait for a result while downloads may still bring work for an idle worker.
POLL = 0.05

Result = Report | Failure


class Engine:
    """Batches of sources analysed somewhere. Subclasses say where: `submit` hands over a batch,
    `completed` gives back results, `busy`, `room` and `close` say what they hold."""

    #: batches analysed at the same time (processes, Dask worker threads)
    width = 1

    def __init__(self, batch: int) -> None:
        self.batch = batch

    # --- what an engine implements -------------------------------------------------------

    @property
    def window(self) -> int:
        """Batches handed out ahead of the output at most: memory stays flat however long the run."""
        return 4 * self.width

    def batch_size(self, remaining: int) -> int:
        """Sources in the next batch; near the end, smaller ones, so that the workers finish together."""
        return max(1, min(self.batch, -(-remaining // self.width)))

    def room(self) -> bool:
        """Whether a batch submitted now would start soon."""
        raise NotImplementedError

    def busy(self) -> int:
        """Batches submitted whose results have not all come back."""
        raise NotImplementedError

    def submit(self, number: int, sources: list[Source]) -> None:
        raise NotImplementedError

    def completed(self, timeout: float | None) -> Iterable[tuple[int, int, Result]]:
        """(batch number, position in the batch submitted, result) for results that are in,
        waiting at most `timeout` seconds (None: until there is one) when there are none yet."""
        raise NotImplementedError

    def close(self, *, abort: bool = False) -> None:
        """Stop what runs (at once with `abort`: Ctrl-C, a closed pipe)."""

    # --- the one interface ------------------------------------------------------------------

    def results(self, prefetch, total: int, *, reports=None) -> Iterator[Result]:
        """A Report or Failure per source `prefetch` gives (a Prefetcher), in input order, each
        as soon as it and every one before it are done. With `reports` (a ReportCache) a source
        whose report is kept is not analysed again, and each new report is kept."""
        batches: dict[int, list[Result | None]] = {}  # batch number -> its results, None until done
        sent: dict[int, list[tuple[int, object]]] = {}  # batch number -> (position, cache key) of each source submitted
        number = emitted = position = handed = 0
        while True:
            while number < emitted + self.window and self.room():
                sources = prefetch.take(self.batch_size(total - handed), block=not self.busy(), timeout=TAKE_WAIT)
                if not sources:
                    break
                handed += len(sources)
                done: list[Result | None] = [None] * len(sources)
                misses: list[tuple[int, object]] = []
                todo: list[Source] = []
                for k, source in enumerate(sources):
                    key = None
                    if reports is not None:
                        source, key, done[k] = reports.lookup(source)
                    if done[k] is None:
                        misses.append((k, key))
                        todo.append(source)
                batches[number] = done
                if todo:
                    sent[number] = misses
                    self.submit(number, todo)
                number += 1
            # everything ready, in order
            while emitted in batches:
                results = batches[emitted]
                while position < len(results) and results[position] is not None:
                    yield results[position]
                    position += 1
                if position < len(results):
                    break
                del batches[emitted]
                sent.pop(emitted, None)
                emitted, position = emitted + 1, 0
            if emitted == number and not self.busy() and prefetch.done():
                return
            more_to_hand = self.room() and not prefetch.done()
            for batch, k, result in self.completed(POLL if more_to_hand else None):
                at, key = sent[batch][k]
                batches[batch][at] = result
                if key is not None and isinstance(result, Report):
                    reports.put(key, result)
                if batch == emitted:  # stream out what is ready at once (one process: report by report)
                    results = batches[batch]
                    while position < len(results) and results[position] is not None:
                        yield results[position]
                        position += 1
