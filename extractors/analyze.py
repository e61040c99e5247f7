"""The whole analysis: an Article and its parse in, a Report out.

`analyze` does one article. `analyze_sources` does many: it fetches the URLs among them ahead
of their turn, loads, parses (`nlp.pipe`, in batches) and analyses them in this process or in
`jobs` worker processes, and yields one Report or Failure per source, in input order.
`report_from_doc` is the one place where the extractors run.
"""
from __future__ import annotations

import os
import signal
from typing import Callable, Iterable, Iterator, Sequence

from .errors import ModelError, RashomonError
from .fetching import FetchOptions
from .loading import load_source
from .page_cache import PageCache
from .pipeline import load_pipeline, model_of, parse_texts
from .prefetch import Prefetcher
from .records import Article, Failure, Provenance, Report, Source

# The extractors (and spaCy, which they import) are imported where they run: a parent process
# that hands all the parsing to workers never needs them.
_EXTRACTORS = ("rashomon.extractors.accounts", "rashomon.extractors.accusations", "rashomon.extractors.actors", "rashomon.extractors.casualties",
               "rashomon.extractors.statements")

# Articles not in English are reported with their language but not analysed: English rules on
# another language find only noise.
ANALYZED_LANGUAGES = {"en", None}
# Articles loaded, parsed and analysed together: one task for a worker process. Small enough
# that results stream out steadily and a worker that dies costs little; large enough that the
# parser batches well (8 parsed some 10% slower; see scripts/benchmark.py).
BATCH_ARTICLES = 16
# In one process there is no worker to lose a batch with: bigger batches parse faster (spaCy's
# parser gains from batching), at the cost of the first report coming a little later.
SINGLE_PROCESS_BATCH = 24
# A worker process costs about a second to start (spaCy and the model): fewer articles than
# this per process are analysed faster in this process alone.
MIN_ARTICLES_PER_PROCESS = 4
# What a run is doing, told to `analyze_sources(on_stage=...)`: a progress display says so.
LOADING_MODEL = "loading the model"
ANALYSING = "analysing"


def report_from_doc(doc, article: Article, *, input: str, id: str | None = None,
                    warnings: Iterable[str] = (), provenance: Provenance | None = None) -> Report:
    """Run every extractor over a parsed article."""
    from .accounts import group_accounts
    from .accusations import find_accusations
    from .actors import ActorModel
    from .casualties import find_casualties
    from .statements import find_attributions

    report = Report(input=input, article=article, id=id, warnings=list(warnings), provenance=provenance or Provenance())
    if article.language not in ANALYZED_LANGUAGES:
        report.warnings.append(f"the article is in {article.language!r}, not English: nothing extracted")
        return report
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
        doc.user_data["rashomon.text"] = article.text  # the parsed text: no need to rebuild it
    actors = ActorModel.from_doc(doc)
    attributions = find_attributions(doc, actors)
    report.statements = [a.record(doc) for a in attributions]
    report.accusations = find_accusations(doc, actors, attributions, article.published)
    report.casualties = find_casualties(doc, actors, attributions, article.published)
    report.accounts = group_accounts(report.statements, report.accusations)
    return report


def analyze(article: Article, nlp, *, input: str = "-", id: str | None = None,
            warnings: Iterable[str] = (), final_url: str | None = None, fetched_at: str | None = None) -> Report:
    """Parse and analyse one article (`final_url` and `fetched_at`: where and when its page was
    fetched)."""
    (doc,) = parse_texts(nlp, [_parse_text(article)])
    provenance = Provenance(model=model_of(nlp), final_url=final_url, fetched_at=fetched_at)
    return report_from_doc(doc, article, input=input, id=id, warnings=warnings, provenance=provenance)


def analyze_many(items: Iterable[tuple[Article, dict]], nlp, *, batch_size: int = BATCH_ARTICLES) -> Iterator[Report]:
    """Reports for (article, context) pairs, in order; context holds input, id, warnings and
    provenance."""
    batch: list[tuple[Article, dict]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _reports(batch, nlp)
            batch = []
    yield from _reports(batch, nlp)


def _reports(batch: list[tuple[Article, dict]], nlp) -> Iterator[Report]:
    docs = parse_texts(nlp, [_parse_text(article) for article, _ in batch])
    model = model_of(nlp)
    for (article, context), doc in zip(batch, docs):
        yield report_from_doc(doc, article, **{"provenance": Provenance(model=model), **context})


def _parse_text(article: Article) -> str:
    # A foreign-language article is not parsed at all; an empty text parses cheaply.
    return article.text if article.language in ANALYZED_LANGUAGES else ""


# --- many sources ------------------------------------------------------------------------


def default_jobs() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes_for(count: int, jobs: int) -> int:
    """How many processes are worth starting for `count` articles."""
    return max(1, min(jobs, count // MIN_ARTICLES_PER_PROCESS))


def analyze_sources(sources: Sequence[Source], *, model: str | None = None,
                    options: FetchOptions = FetchOptions(), jobs: int = 1, cache: PageCache | None = None,
                    batch: int = BATCH_ARTICLES,
                    on_stage: Callable[[str], None] | None = None) -> Iterator[Report | Failure]:
    """One Report or Failure per source, in order, each as soon as it and those before it are
    done. Raises ModelError before yielding anything if the pipeline cannot be loaded.
    `on_stage(LOADING_MODEL)` is called when the model starts loading, `on_stage(ANALYSING)` once
    it is loaded (in the first worker to be ready, with worker processes).

    Close the generator to stop early (Ctrl-C, a closed pipe): worker processes are stopped
    and downloads abandoned."""
    sources = list(sources)
    processes = processes_for(len(sources), jobs)
    # Workers start before any download thread does, and load the model while pages download.
    stage = on_stage or (lambda name: None)
    workers = _Workers(processes, model, options, stage) if processes > 1 else None
    prefetch = Prefetcher(sources, options, cache=cache, ahead=max(64, 4 * batch * processes))
    try:
        prefetch.take(0)  # start the downloads now; they overlap with loading the model
        if workers is None:
            nlp = _Lazy(lambda: _load(model, stage))  # a run of only bad inputs needs no model
            while not prefetch.done():
                yield from _analyze_batch(nlp, prefetch.take(max(batch, SINGLE_PROCESS_BATCH)), options)
        else:
            yield from workers.run(prefetch, batch, len(sources))
    except BaseException:
        if workers is not None:
            workers.close(abort=True)
        raise
    finally:
        prefetch.close()
    if workers is not None:
        workers.close()


def _load(model: str | None, stage: Callable[[str], None]):
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


def _analyze_batch(nlp: Callable, sources: list[Source], options: FetchOptions) -> Iterator[Report | Failure]:
    """Load, parse and analyse a few sources together. A bad input becomes a Failure; so does
    an unexpected error, which costs its own input and names itself as a bug, not the batch."""
    results: list[Report | Failure | None] = [None] * len(sources)
    loaded = []
    for k, source in enumerate(sources):
        try:
            loaded.append((k, source, load_source(source, options)))
        except RashomonError as error:
            results[k] = Failure(source.label, str(error), source.id)
        except Exception as error:  # noqa: BLE001 (see docstring)
            results[k] = _internal_error(source, error)
    docs = _parse(nlp, [_parse_text(item.article) for _, _, item in loaded]) if loaded else []
    model = model_of(nlp()) if loaded else None
    done = 0
    for (k, source, item), doc in zip(loaded, docs):
        if isinstance(doc, Exception):
            results[k] = _internal_error(source, doc)
        else:
            try:
                provenance = Provenance(model=model, final_url=item.final_url, fetched_at=item.fetched_at)
                results[k] = report_from_doc(doc, item.article, input=source.label, id=source.id,
                                             warnings=item.warnings, provenance=provenance)
            except Exception as error:  # noqa: BLE001
                results[k] = _internal_error(source, error)
        # stream out what is ready: everything up to the next article still to analyse
        while done < len(results) and results[done] is not None:
            yield results[done]
            done += 1
    while done < len(results):
        yield results[done]
        done += 1


def _parse(nlp: Callable, texts: list[str]) -> list:
    """Docs for the texts; if the batch fails, each text alone, so one cannot sink the others."""
    pipeline = nlp()
    try:
        return list(parse_texts(pipeline, texts))
    except Exception:  # noqa: BLE001
        docs = []
        for text in texts:
            try:
                docs.extend(parse_texts(pipeline, [text]))
            except Exception as error:  # noqa: BLE001
                docs.append(error)
        return docs


def _internal_error(source: Source, error: BaseException) -> Failure:
    return Failure(source.label, f"internal error (a bug in rashomon, please report it): {type(error).__name__}: {error}", source.id)


# --- worker processes ----------------------------------------------------------------------


def _context():
    """forkserver where there is one: safe with the download threads, and the server imports
    spaCy once for every worker it forks."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "spacy", *_EXTRACTORS])
        return context
    return multiprocessing.get_context("spawn")


def _worker(conn, model: str | None, options: FetchOptions) -> None:
    """A worker process: load the model once, then analyse the batches the parent sends."""
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
        conn.send(("done", number, list(_analyze_batch(lambda: nlp, sources, options))))


class _Workers:
    """Worker processes, each with its own pipe, so the parent always knows which batch a
    process holds: if one dies, its batch's inputs are reported failed and a new one starts."""

    def __init__(self, count: int, model: str | None, options: FetchOptions,
                 stage: Callable[[str], None]) -> None:
        self.count, self.model, self.options = count, model, options
        self.stage, self.loaded = stage, False
        self.context = _context()
        stage(LOADING_MODEL)  # each worker loads it as it starts
        self.processes: dict = {}  # connection -> Process
        self.failed_starts = 0
        for _ in range(count):
            self._start()

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.model, self.options), daemon=True,
                                       name="rashomon-worker")
        process.start()
        child.close()
        self.processes[parent] = process
        return parent

    def run(self, prefetch: Prefetcher, batch: int, total: int) -> Iterator[Report | Failure]:
        from multiprocessing.connection import wait

        starting = set(self.processes)
        idle: list = []
        busy: dict = {}  # connection -> (batch number, sources)
        finished: dict[int, list] = {}
        unsent: list = []  # a batch whose worker died before taking it: the next worker's
        sent = emitted = handed = 0
        # ahead of the output by this many batches at most: memory stays flat however long the run
        window = 4 * self.count
        while True:
            while idle and (unsent or sent < emitted + window):
                if unsent:
                    number, sources = unsent.pop()
                else:
                    # near the end, smaller batches, so that the workers finish together
                    size = max(1, min(batch, -(-(total - handed) // self.count)))
                    sources = prefetch.take(size, block=not busy and not starting, timeout=0.1)
                    if not sources:
                        break
                    number, sent, handed = sent, sent + 1, handed + len(sources)
                conn = idle.pop()
                try:
                    conn.send(("batch", number, sources))
                except (OSError, ValueError):  # it died while idle
                    unsent.append((number, sources))
                    self._replace(conn, busy, finished, starting)
                    continue
                busy[conn] = (number, sources)
            while emitted in finished:
                yield from finished.pop(emitted)
                emitted += 1
            if not busy and not starting and prefetch.done():
                return
            waiting = list(busy) + list(starting)
            # poll while pages are still downloading for an idle worker
            timeout = 0.05 if idle and not prefetch.done() else None
            for conn in wait(waiting, timeout) if waiting else []:
                try:
                    kind, number, payload = conn.recv()
                except Exception:  # noqa: BLE001 (EOF, a reset pipe, a message cut short: it died)
                    self._replace(conn, busy, finished, starting)
                    continue
                if kind == "error":
                    raise ModelError(payload)
                if kind == "done":
                    busy.pop(conn)
                    finished[number] = payload
                elif not self.loaded:  # the first worker ready
                    self.loaded = True
                    self.stage(ANALYSING)
                starting.discard(conn)
                idle.append(conn)

    def _replace(self, conn, busy: dict, finished: dict, starting: set) -> None:
        """A worker died (killed, out of memory, a crash in native code): its batch fails, a new
        worker takes its place."""
        process = self.processes.pop(conn)
        process.join(1)
        conn.close()
        if conn in starting:
            starting.discard(conn)
            self.failed_starts += 1
            if self.failed_starts > self.count + 2:  # not one bad moment: workers cannot start here
                raise ModelError(f"the analysis processes die as they start (exit code {process.exitcode}); try --jobs 1")
        if conn in busy:
            number, sources = busy.pop(conn)
            reason = f"the analysis process stopped unexpectedly (exit code {process.exitcode}) while analysing this batch"
            finished[number] = [Failure(s.label, reason, s.id) for s in sources]
        starting.add(self._start())

    def close(self, *, abort: bool = False) -> None:
        for conn, process in self.processes.items():
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
            conn.close()
        self.processes.clear()
