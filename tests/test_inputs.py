"""Reading inputs (issue 12): the --records file, HTML told from text anywhere in its first KB
and forced with --html / --text, a record's date read or left out with a warning, and the
provenance every report carries (version, pipeline, the fetched URL and time, the byline)."""
from __future__ import annotations

import json
import re
import time
from http.server import BaseHTTPRequestHandler

import pytest

from rashomon.extractors import __version__
from rashomon.extractors.published import read_published
from rashomon.extractors.reading import looks_like_html

from conftest import _serve

STORY = ("Militiamen shelled the village of Odrava on Sunday, killing six farmers, the regional "
         "governor said. The militia denied the charge and accused the army of staging the attack.")
PAGE = f"""<!DOCTYPE html><html><head><title>Odrava shelled</title>
<meta name="author" content="Mara Voss"><meta property="article:published_time" content="2024-03-10">
</head><body><article><h1>Odrava shelled</h1><p>{STORY}</p>
<p>Residents said the shells fell for an hour before dawn and that the school was hit.</p></article></body></html>"""


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story.html")
            self.end_headers()
            return
        found = self.path in ("/story.html", "/mislabelled")
        body = PAGE.encode() if found else b"<html><body>gone</body></html>"
        self.send_response(200 if found else 404)
        # a server that calls an HTML page plain text
        self.send_header("Content-Type", "text/plain; charset=utf-8" if self.path == "/mislabelled" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    yield from _serve(_Pages)


def _records(tmp_path, *records) -> str:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


# --- --records ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_the_records_flag_is_records_and_jsonl_is_no_input_flag(cli, tmp_path, command):
    records = _records(tmp_path, {"id": "r1", "text": STORY})
    old = cli(command, "--jsonl", records)
    assert old.code == 2 and "--jsonl" in old.stderr and old.stdout == ""
    new = cli(command, "--records", records, "-f", "json")
    assert new.code == 0, new.stderr
    document = json.loads(new.stdout)
    ids = [r["id"] for r in document] if command == "analyze" else [a["id"] for e in document["events"] for a in e["articles"]]
    assert ids == ["r1"]


# --- HTML or text ----------------------------------------------------------------------------


def test_html_after_a_line_of_text_on_stdin_is_read_as_html(cli):
    report = cli("analyze", "-", stdin=("Saved from the site on Monday:\n\n" + PAGE).encode()).one()
    assert report["article"]["title"] == "Odrava shelled"
    assert "<p>" not in report["article"]["text"] and "Saved from" not in report["article"]["text"]
    assert report["article"]["author"] == "Mara Voss"


def test_markup_deep_in_the_first_kb_is_html_but_a_tag_named_in_prose_is_not():
    assert looks_like_html(b"A note about this page.\n" * 40 + b"<div><p>Shelling</p></div>")
    assert not looks_like_html(b"Editors wrap headlines in <b> tags. " + STORY.encode())
    assert not looks_like_html(STORY.encode())


def test_html_and_text_force_the_reading_of_files_and_stdin(cli, tmp_path):
    saved = tmp_path / "page.txt"  # an HTML page saved with the wrong name
    saved.write_text(PAGE, encoding="utf-8")
    as_named = cli("analyze", saved).one()["article"]["text"]
    assert "<p>" in as_named  # a .txt file is text unless told otherwise
    forced = cli("analyze", saved, "--html").one()["article"]
    assert forced["title"] == "Odrava shelled" and "<p>" not in forced["text"]
    raw = cli("analyze", "-", "--text", stdin=PAGE.encode()).one()["article"]["text"]
    assert "<p>" in raw and raw.startswith("<!DOCTYPE html>")
    both = cli("analyze", saved, "--html", "--text")
    assert both.code == 2 and "--html and --text" in both.stderr


def test_html_forces_the_reading_of_a_page_the_server_calls_text(cli, site):
    as_served = cli("analyze", f"{site}/mislabelled", "--allow-private").one()["article"]
    assert as_served["title"] is None and "<p>" in as_served["text"]
    forced = cli("analyze", f"{site}/mislabelled", "--allow-private", "--html").one()["article"]
    assert forced["title"] == "Odrava shelled" and forced["author"] == "Mara Voss" and "<p>" not in forced["text"]


def test_compare_takes_html_and_text_too(cli, tmp_path):
    saved = tmp_path / "page.txt"
    saved.write_text(PAGE, encoding="utf-8")
    result = cli("compare", saved, "--html", "-f", "json")
    assert result.code == 0, result.stderr
    (event,) = json.loads(result.stdout)["events"]
    assert [a["title"] for a in event["articles"]] == ["Odrava shelled"]


# --- a record's publication date -----------------------------------------------------------------


@pytest.mark.parametrize("value, date", [
    ("2016-05-01T08:00:00Z", "2016-05-01"), ("1 May 2016", "2016-05-01"), ("20170502", "2017-05-02"),
    ("1493683200", "2017-05-02"), ("1493683200000", "2017-05-02"), ("13/01/2016", "2016-01-13"),
    ("Tuesday, May 2, 2017 10:00 GMT", "2017-05-02"),
])
def test_a_date_in_any_common_form_is_read_without_a_warning(value, date):
    assert read_published(value) == (date, None)


@pytest.mark.parametrize("value, says", [
    ("yesterday", "relative"), ("3 days ago", "relative"), ("May 2016", "no day"),
    ("not a date", "not a date"), ("2016-02-30", "not a date"), ("20171399", "not a date"),
])
def test_a_relative_partial_or_unreadable_date_is_left_out_with_a_warning(value, says):
    date, warning = read_published(value)
    assert date is None and says in warning and repr(value) in warning and "left out" in warning


def test_day_and_month_that_could_swap_are_read_month_first_and_said_so():
    date, warning = read_published("05/01/2016")
    assert date == "2016-05-01" and "month first" in warning


def test_record_dates_through_the_cli(cli, tmp_path):
    records = _records(
        tmp_path,
        {"id": "slash", "text": STORY, "published": "05/01/2016"},
        {"id": "relative", "text": STORY, "published": "yesterday"},
        {"id": "compact", "text": STORY, "published": "20170502"},
        {"id": "epoch", "text": STORY, "published": 1493683200},
        {"id": "page", "html": PAGE, "published": "last week"},
    )
    result = cli("analyze", "--records", records)
    assert result.code == 0, result.stderr
    published = {r["id"]: r["article"]["published"] for r in result.lines()}
    # a date it cannot read is dropped, never replaced by a guess; the page's own date stands
    assert published == {"slash": "2016-05-01", "relative": None, "compact": "2017-05-02", "epoch": "2017-05-02",
                         "page": "2024-03-10"}
    warned = [line for line in result.stderr.splitlines() if "warning: published" in line]
    assert len(warned) == 3
    assert any(line.startswith(f"rashomon: {records}:2: warning: published 'yesterday'") for line in warned)
    assert {r["id"]: r["warnings"] for r in result.lines()}["compact"] == []


# --- provenance -----------------------------------------------------------------------------------


def test_a_file_report_says_what_made_it(cli, tmp_path, nlp):
    import spacy

    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    made = cli("analyze", story).one()["provenance"]
    assert made == {
        "rashomon": __version__,
        "model": {"name": f"{nlp.meta['lang']}_{nlp.meta['name']}", "version": nlp.meta["version"], "spacy": spacy.__version__},
        "final_url": None, "fetched_at": None,
    }


def test_a_fetched_report_gives_the_url_after_redirects_the_time_and_the_byline(cli, site, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    report = cli("analyze", f"{site}/moved", "--allow-private", "--cache", tmp_path / "pages").one()
    after = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    made = report["provenance"]
    assert report["input"] == f"{site}/moved" and made["final_url"] == f"{site}/story.html"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", made["fetched_at"]) and before <= made["fetched_at"] <= after
    assert report["article"]["author"] == "Mara Voss"
    jsonschema.Draft202012Validator(json.loads(cli("schema").stdout)).validate(report)
    time.sleep(1.1)
    again = cli("analyze", f"{site}/moved", "--allow-private", "--cache", tmp_path / "pages").one()
    assert again["provenance"] == made  # from the cache: when the page was downloaded, not read back


def test_a_record_with_a_url_is_fetched_with_its_provenance_and_its_own_author(cli, site, tmp_path):
    records = _records(tmp_path, {"id": "u1", "url": f"{site}/moved", "author": "Desk Editor"})
    report = cli("analyze", "--records", records, "--allow-private").one()
    assert report["provenance"]["final_url"] == f"{site}/story.html" and report["provenance"]["fetched_at"]
    assert report["article"]["author"] == "Desk Editor"  # like its title, a record's author wins


def test_the_formats_that_list_fields_show_the_provenance(cli, site):
    url = f"{site}/story.html"
    csv_text = cli("analyze", url, "--allow-private", "-f", "csv").stdout
    header, first = csv_text.splitlines()[:2]
    assert header.endswith(",author,final_url,fetched_at,rashomon,model")
    assert f",Mara Voss,{url}," in first and f",{__version__}," in first
    markdown = cli("analyze", url, "--allow-private", "-f", "markdown", "-v").stdout
    assert "by Mara Voss" in markdown and f"rashomon {__version__}" in markdown and "fetched 20" in markdown
    page = cli("analyze", url, "--allow-private", "-f", "html").stdout
    assert "<dt>article.author</dt><dd>Mara Voss</dd>" in page
    assert f"<dt>provenance.final_url</dt><dd>{url}</dd>" in page and "<dt>provenance.model.name</dt>" in page


def test_reports_read_back_keep_their_provenance(cli, site, tmp_path):
    archive = tmp_path / "reports.jsonl"
    archive.write_text(cli("analyze", f"{site}/moved", "--allow-private").stdout, encoding="utf-8")
    from rashomon.extractors.compare.reports import read_reports

    (report,) = read_reports(archive.read_text().splitlines(), str(archive))
    assert report.provenance.final_url == f"{site}/story.html" and report.article.author == "Mara Voss"
    assert json.loads(archive.read_text()) == report.to_dict()


def test_the_python_api_gives_provenance_and_warns_of_a_bad_date(nlp):
    import rashomon

    report = rashomon.analyze(PAGE, published="yesterday")
    assert report.article.published == "2024-03-10" and report.article.author == "Mara Voss"
    assert any("'yesterday'" in w for w in report.warnings)
    assert report.provenance.model.name == f"{nlp.meta['lang']}_{nlp.meta['name']}"
