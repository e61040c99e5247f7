"""The Python API, for notebooks and scripts: `rashomon.analyze(...)`.

One call analyses one article, given as text, as an HTML page or as a URL; the pipeline is
loaded on the first call and kept. Bad input raises a `RashomonError` subclass whose message is
meant for the reader (the same messages the command line prints).
"""
from __future__ import annotations

from .analyze import analyze as _analyze_article
from .articles import article_from_html, article_from_text
from .errors import InputError
from .fetching import FetchOptions, is_url
from .loading import article_from_url, given_date
from .pipeline import load_pipeline
from .reading import looks_like_html
from .records import Report


def analyze(content: str, *, html: bool | None = None, title: str | None = None, url: str | None = None,
            published: str | None = None, model: str | None = None,
            fetch: FetchOptions | None = None) -> Report:
    """Analyse one article and return its `Report` (`report.to_dict()` is the JSON contract).

    `content` is the article's text, a whole HTML page, or an http(s) URL to fetch. HTML is
    recognised by its markup unless `html` says which it is. `title`, `url` and `published`
    override what the page says (a `published` that is no date is left out, with a warning); `model` names another spaCy pipeline; `fetch` sets the
    timeout, user agent and whether private addresses may be fetched.
    """
    if not isinstance(content, str):
        raise TypeError(f"analyze() takes the article as a str, not {type(content).__name__}")
    if not content.strip():
        raise InputError("empty input")
    stripped = content.strip()
    if html is None and " " not in stripped and is_url(stripped):
        loaded = article_from_url(stripped, fetch or FetchOptions())
    elif html or (html is None and looks_like_html(content.encode("utf-8", "surrogatepass"))):
        loaded = article_from_html(content, url=url)
    else:
        loaded = article_from_text(content, url=url, title=title)
    article = loaded.article
    if title:
        article.title = title
    if url:
        article.url = url
    given_date(loaded, published)  # an unreadable date is left out, with a warning in the report
    label = url or (stripped if article.url == stripped else "-")
    return _analyze_article(article, load_pipeline(model), input=label, warnings=loaded.warnings,
                            final_url=loaded.final_url, fetched_at=loaded.fetched_at)
