"""Making an `Article` from text or HTML (trafilatura): cleaning, the headline, metadata,
datelines, the length bound and the language. Raises `InputError` / `ExtractionError`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dateline, normalize_date
from .errors import ExtractionError, InputError, SetupError
from .language import detect_language
from .reading import cap_bytes, decode, looks_binary, looks_like_html, without_preamble
from .records import Article

# The analysed text is cut here, with a warning. The longest article in the corpora is 22,000
# characters; parsing costs about 3 MB of memory per 1,000 characters, and some extraction
# rules grow faster than the text does.
MAX_TEXT_CHARS = 100_000
# A page whose extracted text is shorter than this holds navigation or boilerplate, not an article.
MIN_PAGE_WORDS = 15
# A headline is a short first line set off by a blank line.
MAX_HEADLINE_WORDS = 30


@dataclass
class Loaded:
    """An article, what went wrong on the way without stopping it, and for a fetched page
    where and when it was fetched."""

    article: Article
    warnings: list[str]
    final_url: str | None = None  # the page's URL after redirects
    fetched_at: str | None = None  # UTC, ISO 8601


# What HTML extraction imports, by module and the distribution that provides it: trafilatura,
# and what its fallback extractors (readability, jusText) import. A missing one breaks every
# page, so it is found once, before any work (lxml_html_clean is what pip 23.2 has left out).
HTML_MODULES = (("trafilatura", "trafilatura"), ("justext", "jusText"), ("lxml_html_clean", "lxml_html_clean"))


def check_html_support() -> None:
    """SetupError naming what to install if HTML extraction cannot import what it needs;
    looks the modules up without importing them, so it costs nothing."""
    import importlib.util

    missing = [package for module, package in HTML_MODULES if importlib.util.find_spec(module) is None]
    if missing:
        raise SetupError(f"reading web pages needs {', '.join(missing)}, which is not installed: pip install {' '.join(missing)}")



def article_from_bytes(data: bytes, *, url: str | None = None, html: bool | None = None,
                       charset: str | None = None) -> Loaded:
    """An article from raw bytes: HTML (extracted) or plain text, detected unless `html` says."""
    data, warnings = cap_bytes(data)
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary data, not an article")
    is_html = looks_like_html(data) if html is None else html
    text = decode(data, declared=charset, html=is_html)
    if not text.strip():
        raise InputError("empty input")
    loaded = article_from_html(text, url=url) if is_html else article_from_text(text, url=url)
    loaded.warnings[:0] = warnings
    return loaded


def article_from_text(raw: str, *, url: str | None = None, title: str | None = None,
                      published: str | None = None) -> Loaded:
    """A plain-text article. A short first line set off by a blank line is its headline."""
    text = _clean(raw)
    if title is None:
        title, text = _split_headline(text)
    return _finish(Article(text=text, title=title, url=url, published=normalize_date(published) or find_dateline(text)))


def article_from_html(html: str, *, url: str | None = None) -> Loaded:
    """The article inside a web page, with its metadata."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            without_preamble(html), url=url, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=False,
        )
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise ExtractionError(f"cannot parse the page: {error}") from None
    if document is None or len((document.text or "").split()) < MIN_PAGE_WORDS:
        raise ExtractionError("no article text found in the page")
    # trafilatura separates paragraphs with one newline; a blank line keeps them apart for
    # the sentence splitter and reads better in the JSON.
    text = "\n\n".join(line.strip() for line in _clean(document.text).split("\n") if line.strip())
    article = Article(
        text=text,
        title=(_clean(document.title) or None) if document.title else None,
        url=document.url or url,
        source=document.sitename or document.hostname or None,
        published=normalize_date(document.date) or find_dateline(text),
        author=byline(document.author),
    )
    return _finish(article)


def byline(value: str | None) -> str | None:
    """The page's author metadata, each name once ("Ann Lee; ANN LEE" is one name)."""
    names: dict[str, str] = {}
    for name in _clean(value or "").split(";"):
        name = " ".join(name.split())
        if name:
            names.setdefault(name.casefold(), name)
    return "; ".join(names.values()) or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters (C0 and C1, escape included), which are
    never article text and which a terminal would obey."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _split_headline(text: str) -> tuple[str | None, str]:
    first, sep, rest = text.partition("\n\n")
    if sep and rest.strip() and "\n" not in first.strip() and len(first.split()) <= MAX_HEADLINE_WORDS:
        return first.strip(), rest.strip()
    return None, text


def _finish(article: Article) -> Loaded:
    warnings = []
    if not article.text.strip():
        raise ExtractionError("no article text")
    if len(article.text) > MAX_TEXT_CHARS:
        # at a space, so the last word stays whole
        cut = article.text.rfind(" ", MAX_TEXT_CHARS - 1000, MAX_TEXT_CHARS)
        article.text = article.text[: cut if cut > 0 else MAX_TEXT_CHARS].rstrip()
        warnings.append(f"article text longer than {MAX_TEXT_CHARS:,} characters: cut there")
    article.language = detect_language(article.text)
    return Loaded(article, warnings)
