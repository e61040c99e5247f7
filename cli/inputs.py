"""What the user asked to analyse, as a list of `Source`s: INPUT arguments, `-i` lists,
folders, `--records` files and stdin. Nothing is read or fetched here but lists and stdin."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..extractors.fetching import FetchOptions
from ..extractors.listings import DEFAULT_MAX_ARTICLES
from ..extractors.records import Source

from .env import Environment

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
InputItem = Source  # the name this module used before the library had one


# The help of the input options analyze and compare share.
RECORDS = 'Read JSON Lines records with "url", "html" or "text" (and "id", "title", "published", "author").'
HTML = "Read stdin, files and pages as HTML, whatever they look like."
TEXT = "Read stdin, files and pages as plain text, markup and all."
FEED = "Analyse the articles an RSS, Atom or JSON feed lists (repeatable)."
SITEMAP = "Analyse the pages a sitemap or sitemap index lists (repeatable)."
MAX = f"Articles to take from each feed or sitemap, in its order (default {DEFAULT_MAX_ARTICLES})."


class InputListError(Exception):
    """The inputs as given cannot be listed (an unreadable -i file, stdin twice, --html with
    --text): exit code 2."""


def reading_of(as_html: bool, as_text: bool) -> str | None:
    """--html / --text as a Source's `reading`; both at once is a usage error."""
    if as_html and as_text:
        raise InputListError("--html and --text cannot be used together")
    return "html" if as_html else "text" if as_text else None


def collect(inputs: list[str], input_file: str | None, records: str | None, env: Environment, *,
            reading: str | None = None, listings: Listings | None = None) -> list[InputItem]:
    """The sources, in order: INPUTs, the -i list, records, then the articles of `listings`
    (feeds and sitemaps, fetched here). `reading` ("html" or "text") forces how stdin, files and
    pages are read instead of detecting it (records say what they hold)."""
    items: list[InputItem] = []
    stdin_used = False

    def stdin_once(what: str, limit: int | None = None) -> bytes:
        nonlocal stdin_used
        if stdin_used:
            raise InputListError(f"stdin ('-') can be read only once, but {what} asks for it again")
        stdin_used = True
        return env.read_stdin(limit)

    for value in inputs:
        if value == "-":
            from ..extractors.reading import MAX_PAGE_BYTES

            # an article is read up to the size limit (and cut there, with a warning)
            items.append(InputItem(label="-", data=stdin_once("INPUT", MAX_PAGE_BYTES + 1), reading=reading))
        else:
            items.extend(_expand(value, reading))
    if input_file is not None:
        raw = stdin_once("-i") if input_file == "-" else _read_list(input_file)
        for line in raw.decode("utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                items.extend(_expand(line, reading))
    if records is not None:
        raw = stdin_once("--records") if records == "-" else _read_list(records)
        items.extend(_records(raw.decode("utf-8", errors="replace"), records))
    if listings is not None:
        if listings.most is not None and not (listings.feeds or listings.sitemaps):
            raise InputListError("--max is for --feed and --sitemap")
        items.extend(listings.sources(reading))
    return items


@dataclass(frozen=True)
class Listings:
    """--feed and --sitemap: URLs of listings whose first `most` articles are the inputs."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    most: int | None = None  # None: DEFAULT_MAX_ARTICLES
    options: FetchOptions = FetchOptions()

    def sources(self, reading: str | None) -> list[InputItem]:
        """An input per article listed; a listing that cannot be read is one failed input, as
        is each nested sitemap that cannot."""
        from ..extractors.errors import FetchError
        from ..extractors.listings import feed_articles, sitemap_articles

        items: list[InputItem] = []
        for read, urls in ((feed_articles, self.feeds), (sitemap_articles, self.sitemaps)):
            for url in urls:
                try:
                    listing = read(url, self.options, limit=self.most or DEFAULT_MAX_ARTICLES)
                except FetchError as error:
                    items.append(InputItem(label=url, error=str(error)))
                    continue
                except Exception as error:  # noqa: BLE001 (a bug costs this listing, not the run)
                    items.append(InputItem(label=url, error=f"internal error while reading the listing: {type(error).__name__}: {error}"))
                    continue
                items += [InputItem(label=u, location=u, reading=reading) for u in listing.urls]
                items += [InputItem(label=u, error=reason) for u, reason in listing.failed]
        return items


def _read_list(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputListError(f"cannot read {path}: {error.strerror or error}") from None


def _expand(value: str, reading: str | None = None) -> list[InputItem]:
    """A folder stands for every article file inside it and its subfolders, in name order;
    hidden files and folders are left out, and links to folders are not followed."""
    path = Path(value)
    if "://" in value or not path.is_dir():
        return [InputItem(label=value, location=value, reading=reading)]
    errors: list[OSError] = []
    files = []
    for folder, subfolders, names in os.walk(path, onerror=errors.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        files += [Path(folder) / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in ARTICLE_SUFFIXES]
    if not files:
        reason = f"cannot read the folder: {errors[0].strerror}" if errors else "a folder with no .html, .htm or .txt files"
        return [InputItem(label=value, error=reason)]
    return [InputItem(label=str(p), location=str(p), reading=reading) for p in sorted(files)]


def _records(text: str, source: str) -> list[InputItem]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            items.append(InputItem(label=label, error=f"not a JSON object: {error.msg}"))
            continue
        if not isinstance(record, dict):
            items.append(InputItem(label=label, error="not a JSON object"))
            continue
        record_id = record.get("id")
        record_id = None if record_id is None else str(record_id)
        url, html, body = record.get("url"), record.get("html"), record.get("text")
        common = dict(id=record_id, title=_str(record.get("title")), published=_published(record.get("published")),
                      author=_str(record.get("author")))
        if isinstance(html, str):
            items.append(InputItem(label=url if isinstance(url, str) else label, html=html, url=_str(url), **common))
        elif isinstance(body, str):
            items.append(InputItem(label=url if isinstance(url, str) else label, text=body, url=_str(url), **common))
        elif isinstance(url, str):
            items.append(InputItem(label=url, location=url, **common))
        else:
            items.append(InputItem(label=label, error='a record needs "url", "html" or "text"', id=record_id))
    return items


def _str(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _published(value) -> str | None:
    """A record's date as text for the loader to read: an epoch given as a number is one too,
    and any other value is kept so that the loader warns about it rather than drop it unseen."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value)
