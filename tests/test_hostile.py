"""Hostile input: bad files, legacy encodings, pages in other languages, oversized pages, servers
that misbehave, article text that tries to drive the terminal, Ctrl-C and closed pipes. Each
gets a clear one-line message and a defined exit code; none a traceback; no result is lost."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import warnings

import pytest

from conftest import EXAMPLES, ROOT, SEED, TESSIT

from rashomon.extractors.analyze import BATCH_ARTICLES

from rashomon.extractors.articles import MAX_TEXT_CHARS, article_from_text
from rashomon.extractors.reading import MAX_PAGE_BYTES

ENGLISH = TESSIT.read_bytes()


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr


def _failed_with(result, path, message: str) -> None:
    assert result.code == 1
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line and message in line
    assert message in result.one()["error"]
    _no_traceback(result)


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("spaces.html", b" \n\t\n ", "empty"),
        ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8, "binary"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "binary"),
        ("menu.html", b"<html><body><nav>Home | World | Sport | Contact</nav><footer>(c) 2025 Ledger</footer></body></html>", "no article text"),
        ("broken.html", b"<html><body><div><p><<<>>>&&&</div></body>", "no article text"),
    ],
)
def test_bad_files(cli, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    _failed_with(cli("analyze", path), path, message)


def test_a_folder_without_articles_is_a_failed_input(cli, tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "report.pdf").write_bytes(b"%PDF-1.4")
    (other / ".hidden.txt").write_bytes(ENGLISH)  # hidden files are not articles of the folder
    result = cli("analyze", empty, other, SEED)
    assert result.code == 1
    lines = result.lines()
    assert [line["input"] for line in lines] == [str(empty), str(other), str(SEED)]
    assert all("no .html, .htm or .txt files" in line["error"] for line in lines[:2])
    assert lines[2]["casualties"]
    _no_traceback(result)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file(cli, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(ENGLISH)
    path.chmod(0)
    try:
        _failed_with(cli("analyze", path), path, "permission denied")
    finally:
        path.chmod(0o600)


def test_a_special_file(cli):
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    _failed_with(cli("analyze", "/dev/null"), "/dev/null", "empty")


# --- encodings -----------------------------------------------------------------------------------

STORY = "The minister said on Tuesday that the caf\u00e9 in the old quarter had been shelled and that \u201cat least four people\u201d were killed, according to officials."


@pytest.mark.parametrize(
    "name, data",
    [
        ("latin.txt", STORY.encode("cp1252")),
        ("utf16.txt", STORY.encode("utf-16")),  # with its byte-order mark
        ("bom.txt", b"\xef\xbb\xbf" + STORY.encode("utf-8")),
        ("meta.html", f'<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><article><p>{STORY}</p></article></body></html>'.encode("cp1252")),
        ("labelled.html", f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>{STORY}</p></body></html>'.encode("cp1252")),
        ("mislabelled.html", f'<html><head><meta charset="iso-8859-1"></head><body><p>{STORY}</p></body></html>'.encode("utf-8")),
        ("stray.txt", STORY.encode("utf-8").replace(b"Tuesday", b"Tues\xffday")),  # UTF-8 with a stray byte
    ],
)
def test_legacy_and_broken_encodings_are_read_right(cli, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("analyze", path)
    assert result.code == 0, result.stderr
    text = result.one()["article"]["text"]
    assert "caf\u00e9" in text and "\u201cat least four people\u201d" in text
    assert "\ufffd" not in text and "Tuesday" in text
    assert [c["count"] for c in result.one()["casualties"]] == [4]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Le gouvernement a annonc\u00e9 mardi que les forces arm\u00e9es avaient repris le contr\u00f4le de la ville "
         "apr\u00e8s des combats qui ont fait au moins douze morts, selon un porte-parole de l'arm\u00e9e.", "fr"),
        ("\u0642\u0627\u0644 \u0645\u062a\u062d\u062f\u062b \u0628\u0627\u0633\u0645 \u0627\u0644\u062c\u064a\u0634 "
         "\u0625\u0646 \u0627\u062b\u0646\u064a \u0639\u0634\u0631 \u0634\u062e\u0635\u0627 \u0642\u062a\u0644\u0648\u0627 "
         "\u0641\u064a \u0627\u0644\u0647\u062c\u0648\u0645.", "ar"),
        ("\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e \u043e\u0431\u043e\u0440\u043e\u043d\u044b "
         "\u0437\u0430\u044f\u0432\u0438\u043b\u043e, \u0447\u0442\u043e \u0434\u0432\u0435\u043d\u0430\u0434\u0446\u0430\u0442\u044c "
         "\u0447\u0435\u043b\u043e\u0432\u0435\u043a \u043f\u043e\u0433\u0438\u0431\u043b\u0438.", "ru"),
    ],
)
def test_an_article_not_in_english_is_reported_with_its_language(cli, tmp_path, text, language):
    path = tmp_path / f"{language}.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("analyze", path)
    assert result.code == 0
    report = result.one()
    assert report["article"]["language"] == language
    assert report["accusations"] == report["casualties"] == report["statements"] == []
    (warning,) = result.stderr.strip().splitlines()
    assert str(path) in warning and f"'{language}'" in warning and "not English" in warning
    assert report["warnings"] and "not English" in report["warnings"][0]


# --- size ------------------------------------------------------------------------------------------


def test_a_20_mb_file_is_cut_at_the_limit_with_a_warning(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # an article, then 20 MB of blank lines and spaces
        out.write(ENGLISH + b"\n")
        out.write((b" " * 99 + b"\n") * 200_000)
    result = cli("analyze", path)
    assert result.code == 0
    report = result.one()
    assert f"larger than {MAX_PAGE_BYTES:,} bytes" in report["warnings"][0]
    assert f"larger than {MAX_PAGE_BYTES:,} bytes" in result.stderr
    assert [c["count"] for c in report["casualties"] if c["outcome"] == "killed"] == [12]


def test_a_20_mb_stdin_is_cut_too(cli):
    data = ENGLISH + b" " * 20_000_000
    result = cli("analyze", "-", stdin=data)
    assert result.code == 0
    assert f"larger than {MAX_PAGE_BYTES:,} bytes" in result.one()["warnings"][0]


def test_overlong_text_is_cut_at_a_word_with_a_warning():
    words = ("The army said the convoy was hit near the bridge. " * 4000).strip()
    loaded = article_from_text(words)
    assert len(words) > MAX_TEXT_CHARS >= len(loaded.article.text) > MAX_TEXT_CHARS - 1000
    assert words.startswith(loaded.article.text)
    assert words[len(loaded.article.text)] == " "  # cut between two words, not inside one
    assert loaded.warnings == [f"article text longer than {MAX_TEXT_CHARS:,} characters: cut there"]


def test_long_run_on_text_is_split_into_bounded_sentences(nlp):
    from rashomon.extractors.pipeline import MAX_SENTENCE_TOKENS, parse_texts

    text = "Officials said " + " ".join(str(n) for n in range(3000)) + " people were killed."
    (doc,) = parse_texts(nlp, [text])
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


def test_a_long_article_is_parsed_in_pieces_that_rejoin_exactly(nlp):
    from rashomon.extractors.analyze import report_from_doc
    from rashomon.extractors.pipeline import LONG_TEXT_CHARS, parse_texts

    paragraphs = [TESSIT.read_text().split("\n\n", 1)[1]] * 30
    loaded = article_from_text("\n\n".join(paragraphs))
    assert len(loaded.article.text) > LONG_TEXT_CHARS
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing said on stderr about rejoining the pieces
        (doc,) = parse_texts(nlp, [loaded.article.text])
    assert doc.text == loaded.article.text
    report = report_from_doc(doc, loaded.article, input="long")
    assert report.casualties and report.statements
    for fact in report.casualties + report.statements + report.accusations:
        assert loaded.article.text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    # every copy of the story is read the same way, wherever the pieces were cut
    killed = [c.count for c in report.casualties if c.outcome == "killed"]
    assert killed and set(killed) == {12}


# --- the network -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, message",
    [
        ("/hang", "timed out"),
        ("/drip", "timed out"),  # a byte every 0.1 s: no single read times out, the whole does
        ("/reset", "connection reset"),
        ("/truncated", "connection closed before the whole page arrived"),
        ("/status/404", "HTTP 404"),
        ("/status/500", "HTTP 500"),
        ("/status/503", "HTTP 503"),
        ("/loop", "too many redirects"),
        ("/redirect-ftp", "not a URL that can be fetched"),
        ("/redirect-file", "not a URL that can be fetched"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/photo.jpg", "not an HTML page (image/jpeg)"),
    ],
)
def test_misbehaving_servers(cli, web, path, message):
    url = web.url(path)
    _failed_with(cli("analyze", url, "--allow-private", "--timeout", "1"), url, message)
    assert len(web.log) <= 1 + 5  # never retried (a loop follows at most 5 redirects)


def test_pages_that_come_right_despite_their_server(cli, web):
    urls = [web.url(p) for p in ("/gzip.html", "/cp1252.html", "/meta-1252.html", "/no-type", "/redirect", "/big.txt")]
    result = cli("analyze", *urls, "--allow-private")
    assert result.code == 0, result.stderr
    gzipped, declared, meta, untyped, redirected, big = result.lines()
    assert gzipped["article"]["source"] == "The Gulf Ledger"
    for report in (declared, meta):
        assert "caf\u00e9" in report["article"]["text"] and "\u201cat least four people\u201d" in report["article"]["text"]
    assert untyped["article"]["source"] == "The Gulf Ledger"
    assert redirected["input"] == web.url("/redirect") and redirected["article"]["source"] == "The Gulf Ledger"
    assert f"page larger than {MAX_PAGE_BYTES:,} bytes: cut there" in big["warnings"]
    assert [c["count"] for c in big["casualties"] if c["outcome"] == "killed"] == [12]


def test_redirect_is_followed_to_its_final_address(cli, web):
    report = cli("analyze", web.url("/redirect"), "--allow-private").one()
    assert [entry["path"] for entry in web.log] == ["/redirect", "/article/moved.html"]
    assert report["input"] == web.url("/redirect")
    assert report["article"]["source"] == "The Gulf Ledger"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "0.0.0.0"])
def test_private_addresses_are_refused_before_any_request(cli, web, host):
    url = web.url("/article/a.html").replace("127.0.0.1", host)
    _failed_with(cli("analyze", url), url, "refused: a private or loopback address (use --allow-private)")
    assert web.log == []


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd", "gopher://example.org/", "http://"])
def test_only_http_and_https_are_fetched(cli, url):
    _failed_with(cli("analyze", url), url, "only http:// and https://")


# --- the terminal ----------------------------------------------------------------------------------

HOSTILE = (
    "[bold]Ministry[/bold] says [link=https://evil.example]all clear[/link]\n\n"
    "The ministry said \u201cthe \x1b]8;;https://evil.example\x1b\\bridge\x1b]8;;\x1b\\ was [red]closed[/red] "
    "on Monday\u201d, according to [blink]officials[/blink] \x9b31m in the capital\x07. A spokesman said that 12 "
    "civilians were killed in the attack, and the army blamed the rebels \x1b[2J for the shelling."
)


def test_article_text_reaches_the_terminal_as_text(cli, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = cli("analyze", path, "--format", "table", tty=True, no_color=False, width=200)
    assert result.code == 0, result.stderr
    out = result.stdout
    # markup in the article is printed as written, not interpreted
    assert "[bold]Ministry[/bold] says [link=https://evil.example]all clear[/link]" in out
    assert "[red]closed[/red]" in out
    # no escape sequence of the article's reaches the terminal: only rich's own colours
    assert "\x1b]8" not in out and "\x9b" not in out and "\x07" not in out and "\x1b[2J" not in out
    assert set(re.findall(r"\x1b[^\[]|\x1b\[[0-9;]*[^0-9;m]", out)) == set()
    assert "evil.example\x1b" not in out
    # and the facts were still read
    report = cli("analyze", path).one()
    assert [c["count"] for c in report["casualties"]] == [12]
    assert "\x1b" not in json.dumps(report, ensure_ascii=False)


def test_markdown_escapes_article_markup(cli, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    out = cli("analyze", path, "--format", "markdown").stdout
    assert "\\[bold\\]Ministry\\[/bold\\]" in out
    assert "\x1b" not in out and "\x9b" not in out


def test_a_hostile_file_name_is_cleaned_in_messages(cli, tmp_path):
    path = tmp_path / "gone\x1b[31m\x1b]8;;https://evil.example\x07.txt"
    result = cli("analyze", path, tty=True)
    assert result.code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "no such file" in result.stderr


# --- no lost results: real processes, real signals -------------------------------------------------


def _spawn(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rashomon", "analyze", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, **options,
    )


def _many(tmp_path, copies: int = 20) -> tuple:
    listing = tmp_path / "many.txt"
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * copies
    listing.write_text("\n".join(inputs) + "\n")
    return listing, inputs


def _rest(run: subprocess.Popen) -> tuple[bytes, bytes]:
    """The rest of stdout, then stderr, through the same buffered readers: `communicate` after a
    `readline` would read the pipe itself and miss what readline had already buffered."""
    out = run.stdout.read()
    err = run.stderr.read()
    run.wait(timeout=60)
    return out, err


def _gone(pgid: int) -> bool:
    """True once no process of the run's group is left (workers included)."""
    for _ in range(50):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(os.name != "posix", reason="process groups and signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_the_run_cleanly_with_every_line_whole(tmp_path, jobs):
    listing, inputs = _many(tmp_path)
    run = _spawn("-i", str(listing), "--jobs", jobs)
    first = run.stdout.readline()  # results stream out as they are done
    assert json.loads(first)["input"] == inputs[0]
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole group
    rest, err = _rest(run)
    assert run.returncode == 130
    lines = (first + rest).decode().splitlines()
    assert 1 <= len(lines) < len(inputs)
    assert [json.loads(line)["input"] for line in lines] == inputs[: len(lines)]  # whole, in order
    assert err.decode().strip().splitlines()[-1] == "rashomon: interrupted"
    assert "Traceback" not in err.decode()
    assert _gone(run.pid)


@pytest.mark.skipif(os.name != "posix", reason="process groups and signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_pipe_ends_the_run_quietly(tmp_path, jobs):
    listing, inputs = _many(tmp_path)
    run = _spawn("-i", str(listing), "--jobs", jobs)
    first = run.stdout.readline()  # `| head -1`
    run.stdout.close()
    err = run.stderr.read().decode()
    run.wait(timeout=60)
    assert json.loads(first)["input"] == inputs[0]
    assert run.returncode == 0
    assert err == ""  # not a word about the pipe
    assert _gone(run.pid)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the worker processes in /proc")
def test_a_worker_that_dies_costs_only_its_own_batch(tmp_path):
    listing, inputs = _many(tmp_path, copies=12)
    run = _spawn("-i", str(listing), "--jobs", "2")
    first = run.stdout.readline()
    workers = [pid for pid, depth in _descendants(run.pid) if depth == 2]  # run -> forkserver -> workers
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    rest, err = _rest(run)
    lines = [json.loads(line) for line in (first + rest).decode().splitlines()]
    assert [line["input"] for line in lines] == inputs  # one line per input, in order, none lost
    failed = [line for line in lines if "error" in line]
    assert all("analysis process stopped unexpectedly" in line["error"] for line in failed)
    assert len(failed) <= BATCH_ARTICLES  # at most the one batch the worker held
    assert run.returncode == (1 if failed else 0)
    assert "Traceback" not in err.decode()


def _descendants(root: int) -> list[tuple[int, int]]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier, depth = [], [root], 0
    while frontier:
        depth += 1
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += [(pid, depth) for pid in frontier]
    return found


@pytest.mark.skipif(os.name != "posix", reason="process groups and signals")
def test_ctrl_c_in_json_format_still_writes_one_valid_document(tmp_path):
    listing, inputs = _many(tmp_path)
    run = _spawn("-i", str(listing), "--jobs", "1", "--format", "json")
    time.sleep(3)  # nothing streams in this format: interrupt somewhere in the run
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "Traceback" not in err.decode()
    reports = json.loads(out)  # the reports done so far, as one array (maybe empty)
    assert [r["input"] for r in reports] == inputs[: len(reports)]
    assert _gone(run.pid)
