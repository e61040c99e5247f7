"""The whole analysis: an Article and its parse in, a Report out.

`analyze` does one article; `analyze_many` streams many through `nlp.pipe`, so the model parses
in batches (and, with `n_process`, in several processes) while reports come out in input order.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .accounts import group_accounts
from .accusations import find_accusations
from .actors import ActorModel
from .casualties import find_casualties
from .records import Article, Report
from .statements import find_attributions

# Articles not in English are reported with their language but not analysed: English rules on
# another language find only noise.
ANALYZED_LANGUAGES = {"en", None}


def report_from_doc(doc, article: Article, *, input: str, id: str | None = None,
                    warnings: Iterable[str] = ()) -> Report:
    """Run every extractor over a parsed article."""
    report = Report(input=input, article=article, id=id, warnings=list(warnings))
    if article.language not in ANALYZED_LANGUAGES:
        report.warnings.append(f"the article is in {article.language!r}, not English: nothing extracted")
        return report
    actors = ActorModel.from_doc(doc)
    attributions = find_attributions(doc, actors)
    report.statements = [a.record(doc) for a in attributions]
    report.accusations = find_accusations(doc, actors, attributions, article.published)
    report.casualties = find_casualties(doc, actors, attributions, article.published)
    report.accounts = group_accounts(report.statements, report.accusations)
    return report


def analyze(article: Article, nlp, *, input: str = "-", id: str | None = None,
            warnings: Iterable[str] = ()) -> Report:
    """Parse and analyse one article."""
    return report_from_doc(nlp(_parse_text(article)), article, input=input, id=id, warnings=warnings)


def analyze_many(items: Iterable[tuple[Article, dict]], nlp, *, batch_size: int = 8,
                 n_process: int = 1) -> Iterator[Report]:
    """Reports for (article, context) pairs, in order; context holds input, id and warnings."""
    stream = ((_parse_text(article), (article, context)) for article, context in items)
    for doc, (article, context) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield report_from_doc(doc, article, **context)


def _parse_text(article: Article) -> str:
    # A foreign-language article is not parsed at all; an empty text parses cheaply.
    return article.text if article.language in ANALYZED_LANGUAGES else ""
