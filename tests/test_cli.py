"""The command end to end: the seed, articles we wrote, every format, every error path."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import EXAMPLES, HARBOR, ROOT, SEED, TESSIT

from rashomon.extractors.schema import report_schema


def _parties(report):
    return [a["party"] for a in report["accounts"]]


def _by_outcome(report, outcome):
    return [c for c in report["casualties"] if c["outcome"] == outcome]


# --- the seed --------------------------------------------------------------------------


def test_seed_report_holds_both_sides(cli):
    result = cli("analyze", SEED, "--format", "json")
    assert result.code == 0, result.stderr
    (report,) = json.loads(result.stdout)

    pmf, us = "Popular Mobilization Forces", "United States"
    found = [
        ((a["accuser"]["party"], a["accused"]["party"] or a["accused"]["text"]), a["allegation"])
        for a in report["accusations"]
    ]
    assert any(pair == (pmf, us) and "drone strikes" in allegation for pair, allegation in found)
    assert any(pair == (pmf, us) and "hostile approach" in allegation for pair, allegation in found)
    # the counter-claim: US officials say the strike hit militants planning drone attacks
    assert any(pair == (us, "militants") and "planning to launch drones" in allegation for pair, allegation in found)

    (killed,) = report["casualties"]
    assert (killed["outcome"], killed["count"]) == ("killed", 4)
    assert killed["names"] == [
        "Ahmed Najm Abdul Zahra", "Hussein Karim Kazem Al-Daraji",
        "Haider Hassan Hussein Al-Saadi", "Ali Sadiq Imran Al-Moussawi",
    ]
    assert killed["reported_by"]["party"] == pmf

    us_statements = [s for s in report["statements"] if s["speaker"]["party"] == us]
    assert len(us_statements) == 3
    assert all(s["anonymous"] for s in us_statements)
    assert {s["via"] for s in us_statements} >= {"Reuters"}
    assert any("self-defense" in s["content"] for s in us_statements)
    pmf_statements = [s for s in report["statements"] if s["speaker"]["party"] == pmf]
    assert any(s["direct"] and "47th Brigade" in s["content"] for s in pmf_statements)

    # "Iraq has requested that troops ... begin withdrawing": a request with its content is a
    # statement (guidelines, section 5), so the Iraqi state has an account of its own
    assert _parties(report) == [pmf, us, "Iraq"]
    assert report["article"]["published"] == "2024-07-31"


def test_evidence_offsets_index_the_article_text(cli):
    for path in (SEED, TESSIT, HARBOR):
        report = cli("analyze", path).one()
        text = report["article"]["text"]
        facts = report["accusations"] + report["casualties"] + report["statements"]
        assert facts
        for fact in facts:
            for evidence in [fact["evidence"], *fact.get("more_evidence", [])]:
                assert text[evidence["start"] : evidence["end"]] == evidence["text"]


# --- articles we wrote ---------------------------------------------------------------------


def test_written_article_competing_accounts(cli):
    report = cli("analyze", TESSIT).one()
    assert report["article"]["title"] == "Army and rebels trade blame after market shelling in northern Mali"
    assert report["article"]["published"] == "2025-03-03"

    (killed,) = _by_outcome(report, "killed")
    assert (killed["count"], killed["min"], killed["victims"]) == (12, 12, "civilians")
    assert killed["location"] == "Tessit"
    assert killed["date"] == "2025-03-02"  # "on Sunday", before Monday 3 March
    injured = _by_outcome(report, "injured")  # "several of the wounded in critical condition": vague
    assert [c["count"] for c in injured if c["count"] is not None] == [30]
    assert all(c["approximate"] for c in injured if c["count"] is None)
    assert [c["count"] for c in _by_outcome(report, "detained")] == [2]

    alm = "Azawad Liberation Movement"
    assert any(
        a["accuser"]["party"] == "Mali" and a["accused"]["party"] == alm and "firing the shells" in a["allegation"]
        for a in report["accusations"]
    )
    spokesman = [s for s in report["statements"] if "Ibrahim Ag Mohamed" in s["speaker"]["text"]]
    assert len(spokesman) == 2 and all(s["direct"] and s["speaker"]["party"] == alm for s in spokesman)
    nurse = next(s for s in report["statements"] if "nurse" in s["speaker"]["text"])
    assert nurse["anonymous"] and nurse["speaker"]["party"] is None
    assert _parties(report) == ["Mali", alm]


def test_html_page_yields_article_and_metadata(cli):
    report = cli("analyze", HARBOR).one()
    article = report["article"]
    assert article["title"] == "Coast guard says raiders seized fishermen off Berbera"
    assert article["source"] == "The Gulf Ledger"
    assert article["published"] == "2025-06-14"
    assert article["url"] == "https://gulfledger.example/news/berbera-raid"
    assert "Gunmen in two speedboats" in article["text"]
    for boilerplate in ("Subscribe now", "All rights reserved", "Ten recipes"):
        assert boilerplate not in article["text"]
    (abducted,) = _by_outcome(report, "abducted")
    assert abducted["count"] == 8 and abducted["date"] == "2025-06-13"
    via = [s["via"] for s in report["statements"] if s["via"]]
    assert via == ["Associated Press"]


# --- formats ---------------------------------------------------------------------------------


def test_jsonl_is_one_line_per_input_in_order(cli):
    result = cli("analyze", TESSIT, SEED, "--format", "jsonl")
    assert result.code == 0
    assert [r["input"] for r in result.lines()] == [str(TESSIT), str(SEED)]


def test_json_is_always_an_array(cli):
    data = json.loads(cli("analyze", TESSIT, SEED, "--format", "json").stdout)
    assert isinstance(data, list) and [r["input"] for r in data] == [str(TESSIT), str(SEED)]
    (one,) = json.loads(cli("analyze", SEED, "-f", "json").stdout)  # a batch of one is no different
    assert one["input"] == str(SEED)
    (failed,) = json.loads(cli("analyze", EXAMPLES / "nowhere.txt", "-f", "json").stdout)
    assert "error" in failed


def test_auto_format_is_jsonl_in_a_pipe_and_tables_on_a_terminal(cli):
    piped = cli("analyze", SEED)
    assert piped.one()["input"] == str(SEED)
    terminal = cli("analyze", SEED, tty=True)
    assert "Accusations" in terminal.stdout and "Casualties" in terminal.stdout
    assert not terminal.stdout.lstrip().startswith("{")


def test_table_respects_no_color(cli):
    colour = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
    plain = cli("analyze", SEED, "--format", "table", "--details", tty=True, no_color=True)
    assert not colour.search(plain.stdout)
    for heading in ("Accusations", "Casualties", "Statements", "Accounts"):
        assert heading in plain.stdout
    coloured = cli("analyze", SEED, "--format", "table", tty=True, no_color=False)
    assert colour.search(coloured.stdout)  # the check above can fail
    piped = cli("analyze", SEED, "--format", "table", tty=False, no_color=False)
    assert "\x1b[" not in piped.stdout  # no escape codes of any kind into a pipe


def test_markdown_renders_the_same_tables(cli):
    out = cli("analyze", SEED, "--format", "markdown", "--details").stdout
    for heading in ("### Accusations", "### Casualties", "### Statements", "### Accounts"):
        assert heading in out
    assert "| Outcome | Figure |" in out
    assert "| killed | 4 |" in out


def test_schema_is_json_and_reports_validate(cli):
    jsonschema = pytest.importorskip("jsonschema")
    printed = json.loads(cli("schema").stdout)
    assert printed == report_schema()
    validator = jsonschema.Draft202012Validator(printed)
    result = cli("analyze", SEED, TESSIT, HARBOR, EXAMPLES / "nowhere.txt")
    for line in result.lines():
        validator.validate(line)


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.stdout.startswith("rashomon ")


# --- inputs --------------------------------------------------------------------------------


def test_stdin_text_and_html_are_told_apart(cli):
    text = cli("analyze", "-", stdin=TESSIT.read_bytes()).one()
    assert text["input"] == "-" and [c["count"] for c in _by_outcome(text, "killed")] == [12]
    html = cli("analyze", "-", stdin=HARBOR.read_bytes()).one()
    assert html["article"]["source"] == "The Gulf Ledger"


def test_input_file_and_folder(cli, tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# articles\n{SEED}\n\n{TESSIT}\n")
    assert [r["input"] for r in cli("analyze", "-i", listing).lines()] == [str(SEED), str(TESSIT)]
    from_stdin = cli("analyze", "-i", "-", stdin=f"{HARBOR}\n".encode())
    assert [r["input"] for r in from_stdin.lines()] == [str(HARBOR)]
    folder = cli("analyze", EXAMPLES).lines()
    assert {r["input"] for r in folder} == {str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")}


def test_records_file(cli, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "a1", "text": TESSIT.read_text(), "published": "2025-03-03"}) + "\n"
        + json.dumps({"id": "a2", "html": HARBOR.read_text()}) + "\n"
        + json.dumps({"id": "a3"}) + "\n"
    )
    result = cli("analyze", "--records", records)
    lines = result.lines()
    assert [line.get("id") for line in lines] == ["a1", "a2", "a3"]
    assert "error" in lines[2] and result.code == 1


# --- errors --------------------------------------------------------------------------------


def _file(name: str, data: bytes):
    def make(folder):
        path = folder / name
        path.write_bytes(data)
        return path

    return make


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda folder: folder / "absent.txt", "no such file"),
        (_file("empty.txt", b""), "empty"),
        (_file("blank.txt", b"  \n\n "), "empty"),
        (_file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "binary"),
        (lambda folder: folder / "sub" / "nothing.html", "no such file"),
    ],
)
def test_bad_file_is_one_clear_line(cli, tmp_path, make, message):
    path = make(tmp_path)
    result = cli("analyze", path)
    assert result.code == 1
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line and message in line
    assert "Traceback" not in result.stderr
    assert result.one() == {"input": str(path), "error": result.one()["error"]}
    assert message in result.one()["error"]


def test_one_bad_input_does_not_stop_the_batch(cli, tmp_path):
    missing = tmp_path / "gone.txt"
    result = cli("analyze", SEED, missing, TESSIT)
    assert result.code == 1
    lines = result.lines()
    assert [line["input"] for line in lines] == [str(SEED), str(missing), str(TESSIT)]
    assert "error" in lines[1] and lines[0]["casualties"] and lines[2]["casualties"]


def test_failures_in_table_mode_go_to_stderr_only(cli, tmp_path):
    result = cli("analyze", tmp_path / "gone.txt", SEED, "--format", "table", tty=True)
    assert result.code == 1
    assert "gone.txt" in result.stderr and "gone.txt" not in result.stdout
    assert "Accusations" in result.stdout


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["analyze"], "no input"),
        (["analyze", str(SEED), "--format", "yaml"], "yaml"),
        (["analyze", str(SEED), "--model", "no_such_pipeline"], "no_such_pipeline"),
        (["analyze", "-", "-i", "-"], "stdin"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_exit_2(cli, args, fragment):
    result = cli(*args)
    assert result.code == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_help_does_not_import_the_nlp_stack():
    code = (
        "import sys; from rashomon.cli.app import main; main(['--help']); main(['analyze', '--help']);"
        "print('LOADED', sorted(m for m in ('spacy', 'trafilatura') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "LOADED []" in out
    assert "--format" in out


# --- URLs against a local server -------------------------------------------------------------


def test_url_is_fetched_with_our_user_agent(cli, server, user_agents):
    result = cli("analyze", f"{server}/article.html", "--allow-private", "--user-agent", "rashomon-test/1")
    assert result.code == 0, result.stderr
    report = result.one()
    assert report["input"] == f"{server}/article.html"
    assert report["article"]["source"] == "The Gulf Ledger"
    assert [c["count"] for c in _by_outcome(report, "abducted")] == [8]
    assert user_agents == ["rashomon-test/1"]


def test_plain_text_url(cli, server):
    report = cli("analyze", f"{server}/plain.txt", "--allow-private").one()
    assert [c["count"] for c in _by_outcome(report, "killed")] == [12]


def test_loopback_is_refused_without_allow_private(cli, server):
    result = cli("analyze", f"{server}/article.html")
    assert result.code == 1
    assert "private or loopback" in result.stderr


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "HTTP 404"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/image.png", "not an HTML page (image/png)"),
        ("/empty.html", "empty"),
        ("/boilerplate.html", "no article text"),
        ("/loop", "redirect"),
    ],
)
def test_url_errors(cli, server, path, message):
    result = cli("analyze", f"{server}{path}", "--allow-private", "--timeout", "2")
    assert result.code == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert message in result.one()["error"]


def test_unreachable_url_and_bad_scheme(cli):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = cli("analyze", f"http://127.0.0.1:{port}/x.html", "ftp://example.org/a.html", "--allow-private", "--timeout", "2")
    assert result.code == 1
    errors = [line["error"] for line in result.lines()]
    assert "connection refused" in errors[0]
    assert "only http:// and https://" in errors[1]
