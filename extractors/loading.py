"""One input to an `Article`, wherever it runs (this process or a worker): a `Source` as the
CLI built it, a local path or a URL. The flow: reading (bytes) or fetching (a page) →
articles (text or HTML to an Article)."""
from __future__ import annotations

from pathlib import Path

from .articles import Loaded, article_from_bytes, article_from_html, article_from_text
from .dates import normalize_date
from .errors import FetchError, InputError
from .fetching import HTML_TYPES, FetchOptions, Page, fetch, is_url
from .reading import MAX_PAGE_BYTES, read_file
from .records import Source


def article_from_url(url: str, options: FetchOptions = FetchOptions()) -> Loaded:
    page = fetch(url, options)
    return _from_page(page)


def _from_page(page: Page) -> Loaded:
    html = None if page.content_type is None else page.content_type in HTML_TYPES
    try:
        loaded = article_from_bytes(page.data, url=page.url, html=html, charset=page.charset)
    except InputError as error:
        raise FetchError(str(error)) from None
    if page.truncated:
        loaded.warnings.insert(0, f"page larger than {MAX_PAGE_BYTES:,} bytes: cut there")
    return loaded


def load_source(source: Source, options: FetchOptions = FetchOptions()) -> Loaded:
    """The article a source stands for, read, fetched or taken as given."""
    if source.error:
        raise InputError(source.error)
    if source.data is not None:
        html = None if source.content_type is None else source.content_type in HTML_TYPES
        try:
            loaded = article_from_bytes(source.data, url=source.url, html=html, charset=source.charset)
        except InputError as error:
            raise (FetchError(str(error)) if source.content_type else error) from None
    elif source.html is not None:
        loaded = article_from_html(source.html, url=source.url)
        # like its title and date, a record's URL says more than the page's own canonical link
        loaded.article.url = source.url or loaded.article.url
    elif source.text is not None:
        loaded = article_from_text(source.text, url=source.url, title=source.title)
    elif source.location is not None:
        loaded = load_article(source.location, options)
    else:
        raise InputError("nothing to read")
    if source.title:
        loaded.article.title = source.title
    if source.published:
        loaded.article.published = normalize_date(source.published) or loaded.article.published
    loaded.warnings[:0] = source.warnings
    return loaded


def load_article(location: str, options: FetchOptions = FetchOptions()) -> Loaded:
    """An article from a URL or a local path (HTML by extension or content, else text)."""
    if is_url(location):
        return article_from_url(location, options)
    data, warnings = read_file(location)
    suffix = Path(location).suffix.lower()
    html = True if suffix in (".html", ".htm", ".xhtml") else (False if suffix == ".txt" else None)
    loaded = article_from_bytes(data, html=html)
    loaded.warnings[:0] = warnings
    return loaded
