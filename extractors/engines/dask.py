"""On a Dask cluster (`--dask ADDRESS`, `--dask local:N`): each batch of sources is one task.

The client (this process) lists the inputs, downloads the URLs among them (politely, with the
page cache) and reads the local files, so the workers need no access to either; each worker
loads the pipeline once (a worker plugin, and a per-process cache behind it) and extracts,
parses and analyses the batches it is given; the results come back as the tasks finish and are
written in input order.

A worker that dies takes its task with it: the scheduler runs the task again on another worker
(once on a local cluster, which rashomon starts with `allowed-failures` 1; on a cluster of your
own as often as its scheduler's `distributed.scheduler.allowed-failures` says, 3 by default),
and if that worker dies too, the batch's inputs get error lines.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable, Iterator

from distributed import WorkerPlugin

from ..fetching import FetchOptions
from ..records import Failure, Source
from . import ClusterError, parse_dask_address
from .base import Engine, Result
from .cache import read_ahead

# Retries of a task whose worker died, on a cluster rashomon starts (see the module's docstring).
LOCAL_ALLOWED_FAILURES = 1
# A worker silent this long (stopped, hung, its machine gone) is dropped by a local cluster's
# scheduler and its task run elsewhere.
LOCAL_WORKER_TTL = "60s"
# Seconds to reach a scheduler, and to wait for its first worker.
CONNECT_TIMEOUT = 15
WORKERS_TIMEOUT = 60
# Tasks waiting per worker thread besides the one running: the next batch is there at once.
QUEUED_PER_THREAD = 1

_ANALYSING = threading.Lock()


def analyze_partition(sources: list[Source], model: str | None, options: FetchOptions, version: str) -> list[Result]:
    """A task: a batch of sources analysed on a worker, with the pipeline its process loaded."""
    from .. import __version__
    from ..analyze import analyze_batch
    from ..pipeline import load_pipeline

    if version != __version__:
        raise ClusterError(f"a Dask worker runs rashomon {__version__}, this is {version}: install the same version everywhere")
    nlp = load_pipeline(model)  # once per process (functools.cache); the plugin did it at start
    with _ANALYSING:  # threads of one worker take turns: the parser holds the GIL, and is not thread-safe
        return list(analyze_batch(lambda: nlp, sources, options))


class LoadPipeline(WorkerPlugin):
    """Loads the pipeline as a worker starts (and as a restarted one does), not at its first task."""

    name = "rashomon-pipeline"

    def __init__(self, model: str | None, local: bool) -> None:
        self.model, self.local = model, local

    def setup(self, worker) -> None:
        import signal

        from ..errors import ModelError
        from ..pipeline import load_pipeline

        if self.local and threading.current_thread() is threading.main_thread():
            # Ctrl-C reaches every process of the terminal's group: the client alone decides
            # what stops, and stops its workers itself
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            load_pipeline(self.model)
        except ModelError:
            pass  # the first task says so, as a ModelError the client reports


def _local_cluster(workers: int):
    """A LocalCluster of `workers` processes of one thread, quiet, with no dashboard."""
    import dask
    import distributed
    import distributed.utils

    from .pool import worker_context

    settings = {"distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES,
                "distributed.scheduler.worker-ttl": LOCAL_WORKER_TTL, "logging.distributed": "critical",
                # the workers' statistical profiler wakes every 10 ms and wants the GIL the parser
                # holds: off, as is the GIL monitor
                "distributed.worker.profile.enabled": False,
                "distributed.admin.system-monitor.gil.enabled": False,
                # Dask sets MALLOC_TRIM_THRESHOLD_=65536 for its workers, so that they hand memory
                # back at once: the parser then faults its pages in afresh on every batch, a fifth
                # more CPU in all (in system time). glibc's own thresholds, as with --jobs.
                "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}}
    if worker_context().get_start_method() == "forkserver":
        # Forked from a server that has imported spaCy, the extractors and distributed once, a
        # worker starts in a fraction of the time a fresh interpreter takes. distributed sets
        # the server's imports the first time it asks for the context: ours after it.
        with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
            distributed.utils.get_mp_context()
        worker_context(__name__, "distributed")
        settings["distributed.worker.multiprocessing-method"] = "forkserver"
    with dask.config.set(settings):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.CRITICAL, scheduler_port=0)


class DaskEngine(Engine):
    def __init__(self, address: str, *, model: str | None, options: FetchOptions, stage: Callable[[str], None],
                 batch: int, lazy: bool = False) -> None:
        super().__init__(batch)
        self.address, self.model, self.options, self.stage = address, model, options, stage
        self.client = self.cluster = None
        self.futures: dict = {}  # future -> batch number
        self.width = 1
        if not lazy:
            self._connect()

    def _connect(self) -> None:
        import distributed

        from .. import __version__
        from ..analyze import ANALYSING, LOADING_MODEL

        self.version = __version__
        where, workers = parse_dask_address(self.address)
        logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its warnings are not ours to print
        self.stage(LOADING_MODEL)
        try:
            if workers is not None:
                self.cluster = _local_cluster(workers)
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(where, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            self.close(abort=True)
            raise ClusterError(f"cannot reach the Dask scheduler at {self.address}: {error}") from None
        except Exception as error:  # noqa: BLE001 (distributed says "Nanny failed to start" and more)
            self.close(abort=True)
            raise ClusterError(f"cannot start a Dask cluster ({self.address}): {type(error).__name__}: {error}") from None
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except (OSError, TimeoutError):
            self.close(abort=True)
            raise ClusterError(f"no Dask worker joined the scheduler at {self.address} within {WORKERS_TIMEOUT} s") from None
        self.client.register_plugin(LoadPipeline(self.model, local=self.cluster is not None))
        threads = sum(self.client.nthreads().values())
        self.width = max(1, threads)
        self.stage(ANALYSING)

    # --- the engine ------------------------------------------------------------------------

    def room(self) -> bool:
        return len(self.futures) < self.width * (1 + QUEUED_PER_THREAD)

    def busy(self) -> int:
        return len(self.futures)

    def submit(self, number: int, sources: list[Source]) -> None:
        if self.client is None:
            self._connect()
        sources = [read_ahead(source) for source in sources]  # the workers may not see our files
        future = self.client.submit(analyze_partition, sources, self.model, self.options, self.version, pure=False)
        self.futures[future] = (number, sources)

    def completed(self, timeout: float | None) -> Iterator[tuple[int, int, Result]]:
        import distributed

        if not self.futures:
            return
        try:
            done, _ = distributed.wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return
        for future in done:
            number, sources = self.futures.pop(future)
            for k, result in enumerate(self._results(future, sources)):
                yield number, k, result

    def _results(self, future, sources: list[Source]) -> list[Result]:
        from distributed import KilledWorker

        from ..errors import ModelError

        try:
            return future.result()
        except (ModelError, ClusterError):
            raise
        except KilledWorker:
            reason = "the Dask workers analysing this batch stopped unexpectedly (died or were lost)"
        except Exception as error:  # noqa: BLE001 (a task cut short, a result that cannot travel)
            reason = f"internal error (a bug in rashomon, please report it): {type(error).__name__}: {error}"
        finally:
            future.release()
        return [Failure(s.label, reason, s.id) for s in sources]

    def close(self, *, abort: bool = False) -> None:
        if self.client is not None:
            try:
                if self.futures:
                    self.client.cancel(list(self.futures), force=True)
                self.futures.clear()
                self.client.close(timeout=5)
            except Exception:  # noqa: BLE001 (a scheduler gone already)
                pass
        if self.cluster is not None:
            try:
                self.cluster.close(timeout=10)
            except Exception:  # noqa: BLE001
                pass
        self.client = self.cluster = None
