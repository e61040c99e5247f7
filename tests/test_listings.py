"""--feed and --sitemap (issue 18 item 3): the articles an RSS, Atom or JSON feed or a sitemap
lists, in its order, with --max, through the same fetching rules as any URL; on a local server."""
from __future__ import annotations

import gzip
import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from rashomon.extractors.listings import feed_links, is_listing_type, sitemap_links

from conftest import _serve

STORIES = {
    "/news/a.html": ("Port strike", "Dockworkers in the port of Velmar walked out on Monday after the harbour authority "
                     "cut their wages, the union said. The authority said the cut was forced by falling trade."),
    "/news/b.html": ("Border clash", "Two soldiers were killed in a clash on the northern border on Tuesday, the defence "
                     "ministry said, and it accused the rebels of starting the fight at dawn."),
    "/news/c.html": ("Flood relief", "Aid workers reached the flooded valley of Orsa on Wednesday, where the regional "
                     "council said about 300 families had lost their homes to the rising river."),
}


def _page(title: str, text: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>").encode()


def _rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link><guid isPermaLink=\"false\">id{p}</guid></item>"
                    for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
            f"<link>{base}/</link><description>All stories</description>{items}</channel></rss>").encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<link rel="self" href="/atom.xml"/><link rel="alternate" href="/"/>
<entry><title>b</title><link rel="alternate" href="/news/b.html"/><link rel="edit" href="/edit/b"/></entry>
<entry><title>a</title><link href="news/a.html"/></entry>
</feed>"""
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/news/c.html</loc></url><url><loc>{base}/news/a.html</loc></url><url><loc>{base}/news/b.html</loc></url>
</urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/missing-sitemap.xml</loc></sitemap><sitemap><loc>{base}/sitemap.xml.gz</loc></sitemap>
</sitemapindex>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><link>http://example.org/&secret;</link></item></channel></rss>"""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        base = f"http://127.0.0.1:{self.server.server_port}"
        urlset = URLSET.replace(b"{base}", base.encode())
        routes = {
            **{path: ("text/html; charset=utf-8", _page(*story)) for path, story in STORIES.items()},
            "/feed.rss": ("application/rss+xml", _rss(base, ["/news/c.html", "/news/a.html", "/news/b.html"])),
            "/gone.rss": ("application/x-rss+xml", _rss(base, ["/news/a.html", "/news/gone.html"])),
            "/atom.xml": ("application/atom+xml", ATOM),
            "/feed.json": ("application/feed+json", json.dumps({"version": "https://jsonfeed.org/version/1.1",
                                                               "items": [{"id": "1", "url": f"{base}/news/b.html"}]}).encode()),
            "/sitemap.xml": ("application/xml", urlset),
            "/sitemap.xml.gz": ("application/x-gzip", gzip.compress(urlset)),
            "/index.xml": ("application/xml", INDEX.replace(b"{base}", base.encode())),
            "/empty.rss": ("application/rss+xml", b"<rss><channel><title>Nothing yet</title></channel></rss>"),
            "/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        }
        if self.path == "/slow.rss":
            time.sleep(3)
        content_type, body = routes.get(self.path, ("text/html", b"<html><body>not found</body></html>"))
        self.send_response(200 if self.path in routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up on the slow feed
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    yield from _serve(_Site)


def _titles(result) -> list[str]:
    return [r["article"]["title"] for r in result.lines() if "article" in r]


# --- parsing, no network ---------------------------------------------------------------------------


def test_a_feed_gives_its_items_links_in_order_not_the_channel_link():
    links = feed_links(_rss("http://n.example", ["/3", "/1", "/2"]).decode(), "http://n.example/feed")
    assert links == ["http://n.example/3", "http://n.example/1", "http://n.example/2"]


def test_an_atom_feed_gives_each_entry_alternate_link_resolved():
    assert feed_links(ATOM.decode(), "http://n.example/atom.xml") == ["http://n.example/news/b.html", "http://n.example/news/a.html"]


def test_a_sitemap_index_gives_its_sitemaps_and_a_text_sitemap_its_lines():
    pages, sitemaps = sitemap_links(INDEX.replace(b"{base}", b"http://n.example").decode(), "http://n.example/i.xml")
    assert pages == [] and sitemaps == ["http://n.example/missing-sitemap.xml", "http://n.example/sitemap.xml.gz"]
    assert sitemap_links("http://n.example/a\nnot a url\nhttp://n.example/b\n", "http://n.example/s.txt") == (
        ["http://n.example/a", "http://n.example/b"], [])


@pytest.mark.parametrize("content_type, listing", [
    ("application/rss+xml", True), ("application/x-rss+xml", True), ("text/xml", True), ("application/feed+json", True),
    ("application/x-gzip", True), ("text/plain", True), ("image/png", False), ("application/pdf", False), ("video/mp4", False),
])
def test_what_a_server_may_call_a_listing(content_type, listing):
    assert is_listing_type(content_type) is listing


def test_an_external_entity_in_a_feed_is_never_read():
    links = feed_links(XXE.decode(), "http://n.example/feed")
    assert all("root:" not in link for link in links)


# --- end to end -----------------------------------------------------------------------------------


def test_a_feed_of_three_local_pages_is_analysed_in_its_order(cli, site):
    result = cli("analyze", "--feed", f"{site}/feed.rss", "--allow-private")
    assert result.code == 0, result.stderr
    assert [r["input"] for r in result.lines()] == [f"{site}/news/c.html", f"{site}/news/a.html", f"{site}/news/b.html"]
    assert _titles(result) == ["Flood relief", "Port strike", "Border clash"]
    killed = [c["count"] for r in result.lines() for c in r["casualties"] if c["outcome"] == "killed"]
    assert killed == [2]  # the articles are analysed, not only listed


def test_max_takes_the_first_articles_of_each_listing(cli, site):
    result = cli("analyze", "--feed", f"{site}/feed.rss", "--feed", f"{site}/atom.xml", "--max", "1", "--allow-private")
    assert result.code == 0, result.stderr
    assert _titles(result) == ["Flood relief", "Border clash"]


def test_max_without_a_feed_or_sitemap_is_a_usage_error(cli, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORIES["/news/a.html"][1], encoding="utf-8")
    result = cli("analyze", story, "--max", "3")
    assert result.code == 2 and "--max is for --feed and --sitemap" in result.stderr and result.stdout == ""


def test_atom_and_json_feeds(cli, site):
    atom = cli("analyze", "--feed", f"{site}/atom.xml", "--allow-private")
    assert _titles(atom) == ["Border clash", "Port strike"]
    assert _titles(cli("analyze", "--feed", f"{site}/feed.json", "--allow-private")) == ["Border clash"]


def test_a_sitemap_and_a_sitemap_index_with_a_missing_and_a_gzipped_sitemap(cli, site):
    plain = cli("analyze", "--sitemap", f"{site}/sitemap.xml", "--max", "2", "--allow-private")
    assert plain.code == 0 and _titles(plain) == ["Flood relief", "Port strike"]
    index = cli("analyze", "--sitemap", f"{site}/index.xml", "--allow-private")
    assert _titles(index) == ["Flood relief", "Port strike", "Border clash"]
    (failure,) = [r for r in index.lines() if "error" in r]
    assert failure == {"input": f"{site}/missing-sitemap.xml", "error": "HTTP 404"}
    assert index.code == 1 and f"rashomon: {site}/missing-sitemap.xml: HTTP 404" in index.stderr


def test_each_article_that_fails_is_one_error_line_and_the_others_run(cli, site):
    result = cli("analyze", "--feed", f"{site}/gone.rss", "--allow-private")
    assert result.code == 1
    assert _titles(result) == ["Port strike"]
    assert result.stderr.splitlines() == [f"rashomon: {site}/news/gone.html: HTTP 404"]


def test_a_listing_follows_the_fetching_rules_of_any_url(cli, site):
    refused = cli("analyze", "--feed", f"{site}/feed.rss")  # a loopback address, not allowed
    assert refused.code == 1 and refused.lines() == [{"input": f"{site}/feed.rss",
                                                      "error": "refused: a private or loopback address (use --allow-private)"}]
    slow = cli("analyze", "--feed", f"{site}/slow.rss", "--allow-private", "--timeout", "0.5")
    assert slow.code == 1 and slow.lines()[0]["error"] == "timed out"
    image = cli("analyze", "--sitemap", f"{site}/logo.png", "--allow-private")
    assert image.lines()[0]["error"] == "not a sitemap (image/png)"
    empty = cli("analyze", "--feed", f"{site}/empty.rss", "--allow-private")
    assert empty.code == 1 and "no article links in the feed" in empty.lines()[0]["error"]


def test_feed_articles_go_through_the_page_cache(cli, site, tmp_path):
    cache = tmp_path / "pages"
    first = cli("analyze", "--feed", f"{site}/feed.rss", "--max", "2", "--allow-private", "--cache", cache)
    again = cli("analyze", "--feed", f"{site}/feed.rss", "--max", "2", "--allow-private", "--cache", cache)
    assert [r["provenance"]["fetched_at"] for r in again.lines()] == [r["provenance"]["fetched_at"] for r in first.lines()]
    assert len(list(cache.rglob("*.body"))) == 2  # the articles are kept, not the feed


def test_compare_takes_a_feed(cli, site):
    result = cli("compare", "--feed", f"{site}/feed.rss", "--allow-private", "-f", "json")
    assert result.code == 0, result.stderr
    titles = {a["title"] for e in json.loads(result.stdout)["events"] for a in e["articles"]}
    assert titles == {"Flood relief", "Port strike", "Border clash"}
