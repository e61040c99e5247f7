"""The whole analysis: an Article and its parse in, a Report out.

`analyze` does one article. `analyze_sources` does many: it fetches the URLs among them ahead
of their turn, loads, parses (`nlp.pipe`, in batches) and analyses them in this process, in
`jobs` worker processes or on a Dask cluster (see `engines`), and yields one Report or Failure
per source, in input order. `analyze_batch` is what each of those runs on a batch;
`report_from_doc` is the one place where the extractors run.
"""
from __future__ import annotations

import gc
import os
from typing import Callable, Iterable, Iterator, Sequence

from .errors import RashomonError
from .fetching import FetchOptions
from .loading import load_source
from .page_cache import PageCache
from .pipeline import model_of, parse_texts
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
                    batch: int = BATCH_ARTICLES, dask: str | None = None, reports_cache=None,
                    on_stage: Callable[[str], None] | None = None) -> Iterator[Report | Failure]:
    """One Report or Failure per source, in order, each as soon as it and those before it are
    done. Raises ModelError before yielding anything if the pipeline cannot be loaded (and
    engines.dask.ClusterError if `dask` names a cluster that cannot be reached).

    Where the work runs: in this process, in `jobs` worker processes, or on the Dask cluster
    `dask` names (an address, or "local:N"). With `reports_cache` (an engines.cache.ReportCache)
    a source whose report is kept there is not analysed again.
    `on_stage(LOADING_MODEL)` is called when the model starts loading, `on_stage(ANALYSING)` once
    it is loaded (in the first worker to be ready, with worker processes).

    Close the generator to stop early (Ctrl-C, a closed pipe): worker processes are stopped,
    Dask tasks cancelled and downloads abandoned."""
    from .engines import engine_for

    sources = list(sources)
    stage = on_stage or (lambda name: None)
    # Workers start before any download thread does, and load the model while pages download
    # (with a report cache, only once an article needs them: a re-run may need none).
    engine = engine_for(len(sources), jobs=jobs, dask=dask, model=model, options=options, stage=stage,
                        batch=batch, lazy=reports_cache is not None)
    prefetch = Prefetcher(sources, options, cache=cache, ahead=max(64, 4 * batch * engine.width))
    try:
        prefetch.take(0)  # start the downloads now; they overlap with loading the model
        yield from engine.results(prefetch, len(sources), reports=reports_cache)
    except BaseException:
        engine.close(abort=True)
        raise
    finally:
        prefetch.close()
    engine.close()


def analyze_batch(nlp: Callable, sources: list[Source], options: FetchOptions) -> Iterator[Report | Failure]:
    """Load, parse and analyse a few sources together, wherever they run (`nlp()` gives the
    pipeline). A bad input becomes a Failure; so does an unexpected error, which costs its own
    input and names itself as a bug, not the batch."""
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
        if isinstance(doc, BaseException):
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
        pass  # retried below, outside this block: the failed parse's frames (and memory) go first
    # Out of memory on the whole batch (one huge article among small ones): what the failed
    # parse held is freed before each text is tried alone, so the small ones get their memory.
    gc.collect()
    docs = []
    for text in texts:
        try:
            docs.extend(parse_texts(pipeline, [text]))
        except Exception as error:  # noqa: BLE001
            docs.append(_detached(error))
    return docs


def _detached(error: BaseException) -> BaseException:
    """The error without its traceback, which would keep the failed parse's memory alive."""
    return error.with_traceback(None)


def _internal_error(source: Source, error: BaseException) -> Failure:
    if isinstance(error, MemoryError):  # not a bug: this article needs more memory than there is
        return Failure(source.label, "out of memory while analysing this article (it is too large for the memory "
                                     "this process may use)", source.id)
    return Failure(source.label, f"internal error (a bug in rashomon, please report it): {type(error).__name__}: {error}", source.id)
