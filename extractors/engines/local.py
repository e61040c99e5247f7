"""In this process: no worker to start, the model loaded when the first article needs it."""
from __future__ import annotations

from typing import Callable, Iterator

from ..fetching import FetchOptions
from ..pipeline import load_pipeline
from ..records import Source
from .base import Engine, Result


class LocalEngine(Engine):
    """One batch at a time, analysed when its results are asked for, report by report."""

    def __init__(self, *, model: str | None, options: FetchOptions, stage: Callable[[str], None], batch: int) -> None:
        from ..analyze import SINGLE_PROCESS_BATCH

        super().__init__(max(batch, SINGLE_PROCESS_BATCH))
        self.options = options
        self.nlp = _Lazy(lambda: _load(model, stage))  # a run of only bad inputs needs no model
        self.pending: tuple[int, list[Source]] | None = None

    @property
    def window(self) -> int:
        return 2  # the batch being analysed, and one the report cache may have answered whole

    def batch_size(self, remaining: int) -> int:
        return self.batch

    def room(self) -> bool:
        return self.pending is None

    def busy(self) -> int:
        return int(self.pending is not None)

    def submit(self, number: int, sources: list[Source]) -> None:
        self.pending = (number, sources)

    def completed(self, timeout: float | None) -> Iterator[tuple[int, int, Result]]:
        from ..analyze import analyze_batch

        if self.pending is None:
            return
        number, sources = self.pending
        try:
            for k, result in enumerate(analyze_batch(self.nlp, sources, self.options)):
                yield number, k, result
        finally:
            self.pending = None


def _load(model: str | None, stage: Callable[[str], None]):
    from ..analyze import ANALYSING, LOADING_MODEL

    stage(LOADING_MODEL)
    nlp = load_pipeline(model)
    stage(ANALYSING)
    return nlp


class _Lazy:
    def __init__(self, make: Callable) -> None:
        self.make, self.value = make, None

    def __call__(self):
        if self.value is None:
            self.value = self.make()
        return self.value
