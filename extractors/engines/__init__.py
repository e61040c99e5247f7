"""Where the analysis runs: in this process, in worker processes, or on a Dask cluster.

Every engine has one interface, `Engine.results(prefetch, total, reports=...)`: a Report or
Failure per source, in input order, each as soon as it and those before it are done. An engine
only says how a batch of sources gets analysed (`submit`, `completed`); the order, the batches'
sizes, how far ahead of the output work runs, and the report cache are `Engine`'s, the same for
all of them.
"""
from __future__ import annotations

from typing import Callable

from ..fetching import FetchOptions
from ..errors import RashomonError
from .base import Engine

LOCAL_PREFIX = "local:"


class ClusterError(RashomonError):
    """The Dask cluster cannot be reached or started, or has no worker to analyse with."""


def engine_for(count: int, *, jobs: int = 1, dask: str | None = None, model: str | None = None,
               options: FetchOptions = FetchOptions(), stage: Callable[[str], None] = lambda name: None,
               batch: int = 16, lazy: bool = False) -> Engine:
    """The engine for `count` sources: a Dask cluster if `dask` names one, worker processes if
    `jobs` and `count` make them worth starting, else this process. `lazy`: start nothing until
    a batch needs it (a re-run served by the report cache may need none)."""
    from ..analyze import processes_for

    if dask:
        from .dask import DaskEngine

        return DaskEngine(dask, model=model, options=options, stage=stage, batch=batch, lazy=lazy)
    processes = processes_for(count, jobs)
    if processes > 1:
        from .pool import ProcessEngine

        return ProcessEngine(processes, model=model, options=options, stage=stage, batch=batch, lazy=lazy)
    from .local import LocalEngine

    return LocalEngine(model=model, options=options, stage=stage, batch=batch)


def parse_dask_address(value: str) -> tuple[str, int | None]:
    """("local", N) for "local:N", else (address, None). ValueError for a "local:" without a
    whole number of workers of at least 1."""
    if value.startswith(LOCAL_PREFIX):
        count = value[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask {value!r}: expected local:N with N a number of worker processes (1 or more)")
        return "local", int(count)
    if not value.strip():
        raise ValueError("--dask: expected a scheduler address (tcp://HOST:8786) or local:N")
    return value.strip(), None


def dask_available() -> bool:
    """Whether dask.distributed is installed (the optional extra `rashomon[dask]`)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed"))
