"""The article URLs a feed (RSS, Atom, JSON Feed) or a sitemap (XML, a sitemap index, plain
text; gzipped or not) lists, in the order it lists them.

The listing is downloaded with `fetching.fetch`, so the SSRF guards, the timeout and the size
bound hold for it as for a page. It is parsed here, as trafilatura's `feeds` and `sitemaps`
modules do (lxml without entities or network access; JSON Feed's `items[].url`), rather than by
them: they download with their own client, which has none of those guards, drop hosts that are
IP addresses, keep only links on the listing's own domain and sort the links, which loses a
feed's newest-first order that `--max` relies on.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .errors import FetchError
from .reading import MAX_PAGE_BYTES, decode

if TYPE_CHECKING:  # fetching (http.client, ssl) loads when a listing is read, not for --help
    from .fetching import FetchOptions

# What servers call a feed or a sitemap varies (application/rss+xml, application/x-rss+xml,
# text/xml, application/feed+json, text/plain, application/x-gzip, ...): a listing is refused
# unread only for a type that is plainly something else.
LISTING_WORDS = ("xml", "rss", "atom", "rdf", "json", "gzip", "octet-stream")


def is_listing_type(content_type: str) -> bool:
    """A content type a feed or a sitemap may come as (text/*, or one naming XML, RSS, JSON...)."""
    return content_type.startswith("text/") or any(word in content_type for word in LISTING_WORDS)

DEFAULT_MAX_ARTICLES = 100  # from one feed or sitemap, unless --max says
MAX_SITEMAPS = 20  # sitemaps read from one sitemap index (and its nested indexes)
MAX_LINKS = 100_000  # links read from one listing, at most
_GZIP_MAGIC = b"\x1f\x8b"
_SITEMAP_LINK = re.compile(r"\.xml(?:\.gz)?(?:[?#].*)?$", re.I)  # a sitemap in a plain-text list
_TEXT_URL = re.compile(r"^https?://\S+$")


@dataclass
class Listing:
    """The article URLs found, in order, and the nested sitemaps that could not be read, with
    the reason."""

    urls: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def feed_articles(url: str, options: FetchOptions | None = None, *, limit: int = DEFAULT_MAX_ARTICLES) -> Listing:
    """The first `limit` articles a feed lists. FetchError if it cannot be fetched or lists none."""
    from .fetching import FetchOptions, fetch

    page = fetch(url, options or FetchOptions(), types=is_listing_type, kind="a feed")
    links = _first(feed_links(_text(page.data, page.charset), page.url), page.url, limit)
    if not links:
        raise FetchError("no article links in the feed (not RSS, Atom or JSON Feed?)")
    return Listing(links)


def sitemap_articles(url: str, options: FetchOptions | None = None, *, limit: int = DEFAULT_MAX_ARTICLES) -> Listing:
    """The first `limit` page URLs a sitemap lists, the sitemaps of an index read in order (at
    most MAX_SITEMAPS). FetchError if the sitemap itself cannot be fetched or lists nothing."""
    from .fetching import FetchOptions, fetch

    options = options or FetchOptions()
    listing = Listing()
    queue, seen = [url], set()
    while queue and len(listing.urls) < limit and len(seen) < MAX_SITEMAPS:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            page = fetch(current, options, types=is_listing_type, kind="a sitemap")
        except FetchError as error:
            if current == url:
                raise
            listing.failed.append((current, str(error)))
            continue
        pages, sitemaps = sitemap_links(_text(page.data, page.charset), page.url)
        queue += [s for s in sitemaps if s not in seen]
        listing.urls = _first(listing.urls + pages, url, limit)
    if queue and len(seen) >= MAX_SITEMAPS and len(listing.urls) < limit:
        listing.failed += [(s, f"not read: more than {MAX_SITEMAPS} sitemaps in the index") for s in queue if s not in seen]
    if not listing.urls and not listing.failed:
        raise FetchError("no page links in the sitemap")
    return listing


# --- parsing -----------------------------------------------------------------------------------


def feed_links(text: str, base: str) -> list[str]:
    """The links of a feed's items or entries, in the feed's order (not the channel's own link)."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _json_feed_links(stripped, base)
    root = _xml(text)
    if root is None:
        return []
    links = []
    for element in root.iter():
        name = _local(element)
        if name == "item":  # RSS 0.9x, 1.0 (RDF) and 2.0
            link = _child_text(element, "link") or _permalink(element) or element.get(_RDF_ABOUT)
        elif name == "entry":  # Atom
            link = _atom_link(element)
        else:
            continue
        if link:
            links.append(urljoin(base, link.strip()))
    return links[:MAX_LINKS]


def sitemap_links(text: str, base: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap: <urlset><url><loc>, <sitemapindex><sitemap><loc>,
    or a plain-text list of URLs, one a line."""
    root = _xml(text) if text.lstrip().startswith("<") else None
    if root is None:
        urls = [line.strip() for line in text.splitlines() if _TEXT_URL.match(line.strip())][:MAX_LINKS]
        return [u for u in urls if not _SITEMAP_LINK.search(u)], [u for u in urls if _SITEMAP_LINK.search(u)]
    pages, sitemaps = [], []
    for element in root.iter():
        if _local(element) != "loc" or not (element.text or "").strip():
            continue
        parent = element.getparent()
        target = sitemaps if parent is not None and _local(parent) == "sitemap" else pages
        target.append(urljoin(base, element.text.strip()))
        if len(pages) + len(sitemaps) >= MAX_LINKS:
            break
    return pages, sitemaps


_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def _xml(text: str):
    """The root element, parsed without entities, DTDs or network access (no XXE, no billion
    laughs), recovering from the small errors feeds are full of; None if it is no XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
    try:
        return etree.fromstring(text.strip().encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child) == name and (child.text or "").strip():
            return child.text
    return None


def _permalink(item) -> str | None:
    """An RSS item's <guid> when it is its address (isPermaLink is true unless it says not)."""
    for child in item:
        if _local(child) == "guid" and child.get("isPermaLink", "true").lower() != "false":
            value = (child.text or "").strip()
            return value if value.lower().startswith(("http://", "https://")) else None
    return None


def _atom_link(entry) -> str | None:
    """An Atom entry's page: its rel="alternate" link (the default rel), not self, edit or enclosure."""
    for child in entry:
        if _local(child) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
    return None


def _json_feed_links(text: str, base: str) -> list[str]:
    try:
        items = json.loads(text).get("items", [])
    except (ValueError, AttributeError, RecursionError):
        return []
    links = []
    for item in items if isinstance(items, list) else []:
        link = item.get("url") or item.get("external_url") if isinstance(item, dict) else None
        if isinstance(link, str) and link.strip():
            links.append(urljoin(base, link.strip()))
    return links[:MAX_LINKS]


def _text(data: bytes, charset: str | None) -> str:
    """A listing's text: gunzipped if it is gzip (a .xml.gz sitemap), at most MAX_PAGE_BYTES."""
    if data.startswith(_GZIP_MAGIC):
        try:
            # bounded: a small gzip can inflate without end
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_PAGE_BYTES)
        except (zlib.error, gzip.BadGzipFile) as error:
            raise FetchError(f"a broken gzip file: {error}") from None
    return decode(data, declared=charset, html=True)


def _first(links: list[str], listing: str, limit: int) -> list[str]:
    """The first `limit` web addresses, each once, leaving out the listing itself."""
    kept: list[str] = []
    for link in links:
        if link == listing or link in kept or urlsplit(link).scheme.lower() not in ("http", "https"):
            continue
        kept.append(link)
        if len(kept) >= limit:
            break
    return kept
