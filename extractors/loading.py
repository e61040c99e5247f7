"""One input to an `Article`, wherever it runs (this process or a worker): a `Source` as the
CLI built it, a local path or a URL. The flow: reading (bytes) or fetching (a page) →
articles (text or HTML to an Article)."""
from __future__ import annotations

from pathlib import Path

from .articles import Loaded, article_from_bytes, article_from_html, article_from_text
from .errors import FetchError, InputError
from .fetching import HTML_TYPES, FetchOptions, Page, fetch, is_url
from .published import read_published
from .reading import MAX_PAGE_BYTES, read_file
from .records import Source

READINGS = {"html": True, "text": False, None: None}  # Source.reading -> article_from_bytes(html=)


def article_from_url(url: str, options: FetchOptions = FetchOptions(), *, reading: str | None = None) -> Loaded:
    page = fetch(url, options)
    return _from_page(page, reading)


def _from_page(page: Page, reading: str | None = None) -> Loaded:
    html = _html_type(page.content_type) if reading is None else READINGS[reading]
    try:
        loaded = article_from_bytes(page.data, url=page.url, html=html, charset=page.charset)
    except InputError as error:
        raise FetchError(str(error)) from None
    if page.truncated:
        loaded.warnings.insert(0, f"page larger than {MAX_PAGE_BYTES:,} bytes: cut there")
    loaded.final_url, loaded.fetched_at = page.url, page.fetched_at
    return loaded


def _html_type(content_type: str | None) -> bool | None:
    return None if content_type is None else content_type in HTML_TYPES


def load_source(source: Source, options: FetchOptions = FetchOptions()) -> Loaded:
    """The article a source stands for, read, fetched or taken as given."""
    if source.error:
        raise InputError(source.error)
    if source.data is not None:
        html = _html_type(source.content_type) if source.reading is None else READINGS[source.reading]
        try:
            loaded = article_from_bytes(source.data, url=source.url, html=html, charset=source.charset)
        except InputError as error:
            raise (FetchError(str(error)) if source.content_type else error) from None
        if source.fetched_at:  # a page the prefetcher downloaded
            loaded.final_url, loaded.fetched_at = source.url, source.fetched_at
    elif source.html is not None:
        loaded = article_from_html(source.html, url=source.url)
        # like its title and date, a record's URL says more than the page's own canonical link
        loaded.article.url = source.url or loaded.article.url
    elif source.text is not None:
        loaded = article_from_text(source.text, url=source.url, title=source.title)
    elif source.location is not None:
        loaded = load_article(source.location, options, reading=source.reading)
    else:
        raise InputError("nothing to read")
    if source.title:
        loaded.article.title = source.title
    if source.author:
        loaded.article.author = source.author
    loaded.warnings[:0] = source.warnings
    given_date(loaded, source.published)
    return loaded


def given_date(loaded: Loaded, published: str | None) -> None:
    """A date given with the input replaces the page's own only when it can be read; else the
    reader is told, and the page's date (if any) stands."""
    date, warning = read_published(published)
    if date:
        loaded.article.published = date
    if warning:
        loaded.warnings.append(warning)


def load_article(location: str, options: FetchOptions = FetchOptions(), *, reading: str | None = None) -> Loaded:
    """An article from a URL or a local path (HTML by extension or content, else text, unless
    `reading` is "html" or "text")."""
    if is_url(location):
        return article_from_url(location, options, reading=reading)
    data, warnings = read_file(location)
    suffix = Path(location).suffix.lower()
    html = True if suffix in (".html", ".htm", ".xhtml") else (False if suffix == ".txt" else None)
    if reading is not None:
        html = READINGS[reading]
    loaded = article_from_bytes(data, html=html)
    loaded.warnings[:0] = warnings
    return loaded
