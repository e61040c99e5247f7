"""Robustness, second round (issue 20): the inputs real pipelines produce. Runs of punctuation,
signals other than Ctrl-C, stderr's reader going away, records with any JSON in them, file
names no filesystem or terminal likes, a full or closed stdout, too little memory, endless
inputs and FIFOs, text that tries to turn the terminal around. Each gets a defined outcome
within a bounded time; no traceback; no result lost. Real processes where the case is one."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import EXAMPLES, ROOT, SEED, TESSIT

from rashomon.cli import inputs
from rashomon.extractors.analyze import report_from_doc
from rashomon.extractors.articles import article_from_text
from rashomon.extractors.pipeline import parse_texts
from rashomon.extractors.text import MAX_CHUNK_CHARS, MAX_PUNCT_RUN, doc_text, tokenizable

STORY = TESSIT.read_text(encoding="utf-8")
posix = pytest.mark.skipif(os.name != "posix", reason="processes, signals and FIFOs")


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text


# --- runs of punctuation -------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["(", '"', "\u201c", "[", "$", "!", ",", "'s"])
def test_a_long_run_of_punctuation_is_parsed_in_bounded_time(nlp, mark):
    before, after = "The army said 12 civilians were killed. ", " The ministry said three soldiers died."
    text = before + mark * (100_000 // len(mark)) + after
    started = time.monotonic()
    (doc,) = parse_texts(nlp, [text])
    assert time.monotonic() - started < 20  # was about 15 minutes for "(" and 1.6 GB
    assert doc_text(doc) == text  # the text as it was, for evidence
    loaded = article_from_text(text)
    report = report_from_doc(doc, loaded.article, input="runs")
    killed = [c for c in report.casualties if c.count == 12]
    assert killed and killed[0].evidence.text == before.strip()
    for fact in report.casualties + report.statements + report.accusations:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text


def test_breaking_runs_keeps_every_offset():
    text = "A (" + "(" * 200 + ") and " + "x" * 3000 + " end"
    safe = tokenizable(text)
    assert len(safe) == len(text)
    assert "(" * (MAX_PUNCT_RUN + 1) not in safe
    assert max(len(chunk) for chunk in safe.split()) <= MAX_CHUNK_CHARS and "x" not in safe
    assert safe.startswith("A ") and safe.endswith(" end")
    # text as people write it is left alone
    ordinary = STORY + ' "Stop!!!" (he said) -- ... ' + "=" * MAX_PUNCT_RUN
    assert tokenizable(ordinary) == ordinary


def test_an_article_with_a_run_warns_and_is_analysed(cli, tmp_path):
    path = tmp_path / "runs.txt"
    path.write_text(STORY + "\n\n" + "\u201c" * 30_000 + "\n", encoding="utf-8")
    result = cli("analyze", path)
    assert result.code == 0, result.stderr
    report = result.one()
    assert any("punctuation marks" in w for w in report["warnings"])
    assert [c["count"] for c in report["casualties"] if c["outcome"] == "killed"][:1] == [12]


# --- records: split on "\n" only, any JSON in them --------------------------------------------------


def test_records_are_split_at_newlines_only(cli, tmp_path):
    records = tmp_path / "records.jsonl"
    lines = [
        "\ufeff" + json.dumps({"id": "first", "text": STORY}),  # a byte-order mark
        json.dumps({"id": "separators", "text": STORY.replace(". ", ".\u2028 ", 2) + "\x85\u2029 End."}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "last", "text": STORY}),
    ]
    records.write_text("\n".join(lines) + "\r\n", encoding="utf-8")
    result = cli("analyze", "--records", records)
    got = result.lines()
    assert [r.get("id") for r in got] == ["first", "separators", None, "last"]
    assert got[2]["input"] == f"{records}:3" and "not a JSON object" in got[2]["error"]
    assert "\u2028" in got[1]["article"]["text"]
    assert result.code == 1


def test_an_input_list_is_split_at_newlines_only(cli, tmp_path):
    odd = tmp_path / "odd\u2028name\x85.txt"
    odd.write_text(STORY, encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_bytes(b"\xef\xbb\xbf" + f"{odd}\n{SEED}\r\n".encode())
    assert [r["input"] for r in cli("analyze", "-i", listing).lines()] == [str(odd), str(SEED)]


@pytest.mark.parametrize(
    "line, message",
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"id": ' + "[" * 5000 + "]" * 5000 + ', "text": "x"}', "nested too deeply"),
        ("{" * 50_000, "not a JSON object"),
    ],
)
def test_records_that_break_json_parsers_fail_alone(cli, tmp_path, line, message):
    records = tmp_path / "r.jsonl"
    records.write_text(line + "\n" + json.dumps({"id": "next", "text": STORY}) + "\n")
    result = cli("analyze", "--records", records)
    bad, good = result.lines()
    assert bad["input"] == f"{records}:1" and message in bad["error"]
    assert good["id"] == "next" and "article" in good
    _no_traceback(result.stderr)


def test_lone_surrogates_and_huge_numbers_in_records(cli, tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(
        '{"id": "\\ud800a", "title": "T\\udfff", "url": "https://example.org/\\ud83d", "text": %s}\n' % json.dumps(STORY)
        + '{"id": %s, "text": %s}\n' % ("7" * 5000, json.dumps(STORY))
        + '{"id": 1e400, "text": %s}\n' % json.dumps(STORY)
    )
    result = cli("analyze", "--records", records)
    assert result.code == 0, result.stderr
    result.stdout.encode("utf-8")  # strict: what goes to stdout is text
    surrogate, digits, huge = result.lines()
    assert surrogate["id"] == "\ufffda" and surrogate["article"]["title"] == "T\ufffd"
    assert surrogate["input"] == "https://example.org/\ufffd"
    assert digits["id"] == "7" * 5000
    assert huge["id"] == "inf"


# --- file names ------------------------------------------------------------------------------------


def test_a_name_too_long_for_the_filesystem(cli, tmp_path):
    long_name = str(tmp_path / ("a" * 300 + ".txt"))
    listing = tmp_path / "list.txt"
    listing.write_text(str(tmp_path / ("b" * 300) / "story.txt") + "\n")
    result = cli("analyze", long_name, "-i", listing)
    assert result.code == 1
    assert [("File name too long" in r["error"]) for r in result.lines()] == [True, True]
    _no_traceback(result.stderr)


@posix
def test_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(TESSIT.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "rashomon", "analyze", str(folder)], cwd=ROOT, capture_output=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    (line,) = run.stdout.decode("utf-8").splitlines()  # strict UTF-8
    report = json.loads(line)
    assert report["input"] == f"{folder}/caf\\xe9.txt" and report["casualties"]


def test_a_file_name_with_a_newline_cannot_forge_a_message(cli, tmp_path):
    path = tmp_path / "story\nrashomon: other.txt: warning: forged.txt"
    path.write_text("Le ministre a dit que douze civils ont \u00e9t\u00e9 tu\u00e9s dans le march\u00e9 de la ville.", encoding="utf-8")
    missing = tmp_path / "gone\nrashomon: forged.txt"
    result = cli("analyze", path, missing)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "warning: the article is in" in lines[0] and "story\\nrashomon: other.txt" in lines[0]
    assert "gone\\nrashomon: forged.txt: no such file" in lines[1]
    assert [r["input"] for r in result.lines()] == [str(path), str(missing)]  # the data keeps the name


# --- the terminal: bidirectional controls and escapes in usage errors --------------------------------


def test_bidi_controls_never_reach_the_terminal(cli, tmp_path):
    path = tmp_path / "bidi\u202etxt.exe.txt"
    path.write_text("Ministry \u202eslebeR\u202c says \u2066all\u2069 clear\n\n" + STORY.split("\n\n", 1)[1], encoding="utf-8")
    shown = cli("analyze", path, "--format", "table", tty=True, no_color=False, width=200)
    assert shown.code == 0, shown.stderr
    for control in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"):
        assert control not in shown.stdout and control not in shown.stderr
    assert "Ministry slebeR says all clear" in shown.stdout
    data = cli("analyze", path).one()
    assert data["article"]["title"] == "Ministry \u202eslebeR\u202c says \u2066all\u2069 clear"  # JSON is data


@pytest.mark.parametrize("option", ["-i", "--records", "--cache"])
def test_usage_errors_do_not_echo_escape_sequences(cli, tmp_path, option):
    blocker = tmp_path / "file"
    blocker.write_text("")
    hostile = f"{blocker}/\x1b]8;;https://evil.example\x07x\x1b[2J\u202e\nrashomon: forged"
    args = ["analyze", option, hostile] + ([str(SEED)] if option == "--cache" else [])
    result = cli(*args)
    assert result.code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert not any(line.startswith("rashomon: forged") for line in result.stderr.splitlines())


# --- option values --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["analyze", "compare"])
@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999", "0"])
def test_timeout_must_be_a_number_of_seconds(cli, command, value):
    result = cli(command, "--timeout", value, "https://example.org/a")
    assert result.code == 2 and "--timeout" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_a_user_agent_with_a_line_break_is_one_usage_error(cli, command):
    result = cli(command, "--user-agent", "rashomon\r\nX-Evil: 1", "https://example.org/a", "https://example.org/b")
    assert result.code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 2 and "--user-agent" in result.stderr  # the error and the hint


# --- bounded reads: endless inputs and FIFOs ------------------------------------------------------


@posix
def test_an_endless_input_list_is_a_usage_error(cli):
    started = time.monotonic()
    result = cli("analyze", "-i", "/dev/zero")
    assert result.code == 2 and "longer than" in result.stderr
    assert time.monotonic() - started < 10


def test_stdin_lists_and_records_are_read_up_to_a_bound(cli, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_LIST_BYTES", 10_000)
    monkeypatch.setattr(inputs, "MAX_RECORDS_BYTES", 10_000)
    endless = (f"{SEED}\n" * 1000).encode()
    listed = cli("analyze", "-i", "-", stdin=endless)
    assert listed.code == 2 and "larger than 10,000 bytes" in listed.stderr
    records = cli("analyze", "--records", "-", stdin=b'{"text": "x"}\n' * 2000)
    assert records.code == 2 and "larger than 10,000 bytes" in records.stderr


@posix
def test_endless_records_are_a_usage_error(cli, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD_LINE", 100_000)
    monkeypatch.setattr(inputs, "MAX_RECORDS_BYTES", 3_000_000)
    started = time.monotonic()
    result = cli("analyze", "--records", "/dev/zero")
    assert result.code == 2 and "larger than 3,000,000 bytes" in result.stderr
    assert time.monotonic() - started < 10


def test_an_overlong_record_fails_alone(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD_LINE", 5_000)
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "big", "text": "word " * 5000}) + "\n" + json.dumps({"id": "small", "text": STORY}) + "\n")
    big, small = cli("analyze", "--records", records).lines()
    assert "longer than 5,000 bytes" in big["error"] and big["input"] == f"{records}:1"
    assert small["id"] == "small" and "article" in small


@pytest.fixture
def fifo(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "FIFO_WAIT", 0.5)
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _write_later(path, data: bytes) -> threading.Thread:
    def write():
        with open(path, "wb") as handle:  # blocks until the run opens it for reading
            handle.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@posix
def test_a_fifo_nobody_writes_to_fails_in_bounded_time(cli, fifo):
    started = time.monotonic()
    result = cli("analyze", fifo, SEED)
    assert time.monotonic() - started < 30
    failed, fine = result.lines()
    assert "no program writes to" in failed["error"] and "article" in fine
    listed = cli("analyze", "-i", fifo)
    assert listed.code == 2 and "no program writes to" in listed.stderr
    records = cli("analyze", "--records", fifo)
    assert records.code == 2


@posix
def test_a_fifo_with_a_writer_is_read(cli, fifo, monkeypatch):
    monkeypatch.setattr(inputs, "FIFO_WAIT", 10)
    _write_later(fifo, TESSIT.read_bytes())
    report = cli("analyze", fifo).one()
    assert report["input"] == str(fifo) and report["casualties"]
    _write_later(fifo, f"{SEED}\n".encode())
    assert [r["input"] for r in cli("analyze", "-i", fifo).lines()] == [str(SEED)]


@posix
def test_a_pipe_as_the_input_list(cli):
    read, write = os.pipe()
    os.write(write, f"{SEED}\n{TESSIT}\n".encode())
    os.close(write)
    try:
        result = cli("analyze", "-i", f"/dev/fd/{read}")  # what `-i <(ls ...)` gives
    finally:
        os.close(read)
    assert [r["input"] for r in result.lines()] == [str(SEED), str(TESSIT)]


@posix
def test_a_fifo_in_a_folder_is_not_opened(cli, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "a.txt")
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    started = time.monotonic()
    result = cli("analyze", folder)
    assert time.monotonic() - started < 30
    fifo_line, story = result.lines()
    assert "not a regular file" in fifo_line["error"] and "article" in story
    assert result.code == 1


# --- real processes: signals, stderr gone, stdout full or closed, memory --------------------------------


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "rashomon", "analyze", *args]


def _spawn(*args: str, **options) -> subprocess.Popen:
    settings = dict(cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    settings.update(options)
    return subprocess.Popen(_command(*args), **settings)


def _listing(tmp_path, copies: int = 20, missing: bool = False) -> tuple:
    inputs_ = []
    for k in range(copies):
        inputs_ += [str(p) for p in sorted(EXAMPLES.iterdir())]
        if missing:
            inputs_.append(str(tmp_path / f"missing-{k}.txt"))
    listing = tmp_path / "many.txt"
    listing.write_text("\n".join(inputs_) + "\n")
    return listing, inputs_


def _gone(pgid: int) -> bool:
    for _ in range(50):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@posix
@pytest.mark.parametrize("jobs, group", [("1", False), ("2", True)])
def test_sigterm_ends_the_run_like_ctrl_c(tmp_path, jobs, group):
    listing, inputs_ = _listing(tmp_path)
    run = _spawn("-i", str(listing), "--jobs", jobs)
    first = run.stdout.readline()
    (os.killpg if group else os.kill)(run.pid, signal.SIGTERM)  # `timeout` signals the process; a CI cancel, the group
    rest = run.stdout.read()
    err = run.stderr.read().decode()
    run.wait(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM
    lines = (first + rest).decode().splitlines()
    assert 1 <= len(lines) < len(inputs_)
    assert [json.loads(line)["input"] for line in lines] == inputs_[: len(lines)]
    assert err.strip().splitlines()[-1] == "rashomon: stopped by SIGTERM"
    _no_traceback(err)
    assert _gone(run.pid)


@posix
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_in_json_format_write_one_valid_document(tmp_path, signum):
    listing, inputs_ = _listing(tmp_path)
    run = _spawn("-i", str(listing), "--jobs", "1", "--format", "json")
    time.sleep(4)
    os.kill(run.pid, signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signum, err.decode()
    reports = json.loads(out)
    assert [r["input"] for r in reports] == inputs_[: len(reports)]
    _no_traceback(err.decode())


@posix
def test_stderr_going_away_never_stops_the_data(tmp_path):
    listing, inputs_ = _listing(tmp_path, copies=3, missing=True)
    run = _spawn("-i", str(listing), "--jobs", "1")
    run.stderr.close()  # `2> >(head -1)` once head has its line
    out = run.stdout.read()
    run.wait(timeout=120)
    lines = [json.loads(line) for line in out.decode().splitlines()]
    assert [line["input"] for line in lines] == inputs_  # every result, none lost
    assert run.returncode == 1  # the missing files failed: said nowhere, but the code says so


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["analyze", str(SEED), str(TESSIT)], ["compare", str(SEED), str(TESSIT)], ["schema"]])
def test_a_full_disk_is_one_error_line(tmp_path, command):
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "rashomon", *command], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = run.stderr.decode()
    assert run.returncode == 1
    assert err.strip().splitlines() == ["rashomon: error: cannot write the output: No space left on device"]


@posix
def test_a_closed_stdout_is_one_error_line():
    run = subprocess.run(_command(str(SEED)), cwd=ROOT, stderr=subprocess.PIPE, timeout=120,
                         preexec_fn=lambda: os.close(1))
    assert run.returncode == 1
    assert run.stderr.decode().strip().splitlines() == ["rashomon: error: cannot write the output: stdout is closed"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS as Linux counts it")
def test_too_little_memory_for_the_model_is_one_error_line():
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (280_000_000, resource.getrlimit(resource.RLIMIT_AS)[1]))

    run = subprocess.run(_command(str(SEED), "--jobs", "1"), cwd=ROOT, capture_output=True, timeout=120, preexec_fn=limit)
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert err.startswith("rashomon: error: cannot load spaCy") and "memory is limited to 280 MB" in err
    _no_traceback(err)


@posix
def test_a_table_cut_short_by_head_exits_0(tmp_path):
    listing, _ = _listing(tmp_path, copies=4)
    run = _spawn("-i", str(listing), "--format", "table", "--jobs", "1")
    head = run.stdout.read(100)  # `| head -c 100`
    run.stdout.close()
    err = run.stderr.read().decode()
    run.wait(timeout=120)
    assert len(head) == 100
    assert run.returncode == 0 and err == ""


# --- fetching: a local server that drips its headers, redirects slowly, says too little ------------

from http.server import BaseHTTPRequestHandler  # noqa: E402

from conftest import HARBOR, _serve  # noqa: E402

from rashomon.extractors.fetching import LONGER_THAN_DECLARED, is_public, redirect_target  # noqa: E402
from rashomon.extractors.errors import FetchError  # noqa: E402

ARTICLE_HTML = HARBOR.read_bytes()


class _Slow(BaseHTTPRequestHandler):
    log: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        _Slow.log.append(self.path)
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def route(self):
        if self.path == "/drip-status":  # the status line a byte at a time: no read ever times out
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" * 20:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
            return
        if self.path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(400):
                self.wfile.write(b"X-Padding: 1\r\n")
                self.wfile.flush()
                time.sleep(0.05)
            return
        if self.path.startswith("/slow-redirect/"):  # each hop in time, the chain not
            hop = int(self.path.rsplit("/", 1)[1])
            time.sleep(0.7)
            return self.answer(302, b"", {"Location": f"/slow-redirect/{hop + 1}" if hop < 4 else "/article"})
        if self.path.startswith("/mb/"):  # a megabyte of text
            return self.answer(200, (self.path.encode() + b" word") * 200_000, {"Content-Type": "text/plain"})
        if self.path == "/article":
            return self.answer(200, ARTICLE_HTML, {"Content-Type": "text/html; charset=utf-8"})
        if self.path == "/overlong":  # says 600 bytes, sends the whole page
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "600")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(TESSIT.read_bytes())
            return
        if self.path == "/to-https":
            return self.answer(301, b"", {"Location": self.headers["Host"] and f"https://{self.headers['Host']}/article"})
        return self.answer(404, b"not found", {"Content-Type": "text/plain"})

    def answer(self, status: int, body: bytes, headers: dict) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def slow_server():
    yield from _serve(_Slow)


@pytest.fixture
def slow(slow_server):
    _Slow.log.clear()
    return slow_server


@pytest.mark.parametrize("path", ["/drip-status", "/drip-headers", "/slow-redirect/0"])
def test_timeout_bounds_the_whole_download(cli, slow, path):
    started = time.monotonic()
    result = cli("analyze", slow + path, "--allow-private", "--timeout", "1.5")
    took = time.monotonic() - started
    assert result.code == 1 and "timed out" in result.one()["error"], result.stdout
    assert took < 6, took  # was 40 s for a dripping status line, 9 s for the redirects


def test_a_slow_redirect_chain_within_the_timeout_arrives(cli, slow):
    report = cli("analyze", slow + "/slow-redirect/0", "--allow-private", "--timeout", "10").one()
    assert report["article"]["source"] == "The Gulf Ledger"
    assert _Slow.log == [f"/slow-redirect/{n}" for n in range(5)] + ["/article"]


def test_a_body_longer_than_its_content_length_is_said(cli, slow):
    report = cli("analyze", slow + "/overlong", "--allow-private").one()
    assert LONGER_THAN_DECLARED in report["warnings"]
    assert len(report["article"]["text"]) < 600


def test_http_to_https_is_followed(cli, slow):
    result = cli("analyze", slow + "/to-https", "--allow-private", "--timeout", "3")
    error = result.one()["error"]
    assert _Slow.log == ["/to-https"] and "refused" not in error and "not a URL" not in error  # tried: TLS on a plain server


@pytest.mark.parametrize(
    "current, location, expected",
    [
        ("http://example.org/a", "https://example.org/b", "https://example.org/b"),
        ("https://example.org/a", "/b?c=1", "https://example.org/b?c=1"),
        ("http://example.org/a/b", "c", "http://example.org/a/c"),
        ("https://example.org/a", "http://example.org/b", "refused: a redirect from https to http"),
        ("https://example.org/a", "//example.org/b", "https://example.org/b"),
        ("http://example.org/a", "ftp://example.org/b", "not a URL that can be fetched"),
        ("http://example.org/a", "file:///etc/passwd", "not a URL that can be fetched"),
    ],
)
def test_which_redirects_are_followed(current, location, expected):
    try:
        got = redirect_target(current, location)
    except FetchError as error:
        got = str(error)
    assert got.startswith(expected)


@pytest.mark.parametrize(
    "address, public",
    [
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::7f00:1", False),  # of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # of 169.254.169.254, the cloud metadata service
        ("64:ff9b::808:808", True),  # of 8.8.8.8
        ("64:ff9b:1::808:808", False),  # the local-use NAT64 prefix
        ("2002:a00:1::", False),  # 6to4 of 10.0.0.1
        ("::ffff:192.168.1.1", False),
        ("::10.0.0.1", False),
        ("2606:4700:4700::1111", True),
        ("93.184.216.34", True),
        ("100.64.0.1", False),
    ],
)
def test_addresses_that_embed_private_ones_are_not_public(address, public):
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("label", ["rot13", "base64", "undefined", "unicode_escape", "hex", "zlib", "utf-7", "idna"])
def test_a_meta_charset_naming_a_codec_that_is_not_a_text_encoding(label):
    from rashomon.extractors.articles import article_from_bytes

    page = (f'<html><head><meta charset="{label}"><title>Caf\xe9</title></head><body><article><p>'
            + "The ministry said on Tuesday that the caf\xe9 in the old quarter had been shelled and that four people were killed. " * 3
            + "</p></article></body></html>").encode("cp1252")
    loaded = article_from_bytes(page)
    assert "caf\u00e9" in loaded.article.text


# --- the page cache: a body changed on disk, an entry of the wrong shape ------------------------------


def _entry(cache_dir):
    metas = list(cache_dir.rglob("*.json"))
    assert len(metas) == 1
    return metas[0], metas[0].with_suffix(".body")


def test_a_cached_body_changed_on_disk_is_a_miss(cli, slow, tmp_path):
    cache = tmp_path / "cache"
    url = slow + "/article"
    first = cli("analyze", url, "--allow-private", "--cache", cache).one()
    meta, body = _entry(cache)
    body.write_bytes(body.read_bytes().replace(b"Ledger", b"Lodger"))  # same size, other bytes
    second = cli("analyze", url, "--allow-private", "--cache", cache).one()
    assert _Slow.log == ["/article", "/article"]  # fetched again
    assert second["article"]["source"] == first["article"]["source"] == "The Gulf Ledger"
    cli("analyze", url, "--allow-private", "--cache", cache)
    assert len(_Slow.log) == 2  # and kept again, checksum and all


@pytest.mark.parametrize("meta", ["[1, 2]", '{"url": 5}', "null", '{"url": "%s", "size": 1, "final_url": 7}', "{" * 5000, "\xff\xfe"])
def test_an_unreadable_cache_entry_is_a_miss(cli, slow, tmp_path, meta):
    cache = tmp_path / "cache"
    url = slow + "/article"
    cli("analyze", url, "--allow-private", "--cache", cache)
    meta_path, _ = _entry(cache)
    meta_path.write_text(meta.replace("%s", url), encoding="latin-1")
    result = cli("analyze", url, "--allow-private", "--cache", cache)
    assert result.code == 0, result.stdout
    assert result.one()["article"]["source"] == "The Gulf Ledger"
    assert _Slow.log == ["/article", "/article"]
    assert json.loads(meta_path.read_text())["url"] == url  # replaced by a good entry


# --- records may not read local files ------------------------------------------------------------


def test_a_record_url_that_is_a_local_path_is_refused(cli, tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "p", "url": "/etc/passwd"}) + "\n" + json.dumps({"id": "s", "url": str(SEED)}) + "\n")
    result = cli("analyze", "--records", records)
    refused = result.lines()
    assert [r["id"] for r in refused] == ["p", "s"]
    assert all("local path: refused" in r["error"] for r in refused) and result.code == 1
    assert "root:" not in result.stdout
    allowed = cli("analyze", "--records", records, "--record-files").lines()
    assert "article" in allowed[1] and allowed[1]["input"] == str(SEED)


# --- a page nested deeper than the HTML parser reads --------------------------------------------

_PARAGRAPH = "<p>" + "The ministry said on Tuesday that the market in the old quarter had been shelled and that four people were killed. " * 3 + "</p>"


@pytest.mark.parametrize("depth", [300, 5000])
def test_a_page_nested_past_the_parser_limit_is_read(cli, tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>Deep</title></head><body>" + "<div><span>" * depth + "<article>" + _PARAGRAPH * 2
                    + "</article>" + "</span></div>" * depth + "</body></html>")
    result = cli("analyze", path)
    assert result.code == 0, result.stdout
    report = result.one()
    assert "four people were killed" in report["article"]["text"]
    assert any("nested" in w and "levels deep" in w for w in report["warnings"])


def test_a_page_nested_past_the_limit_in_its_own_text_says_so(cli, tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text("<html><body>" + "<blockquote>" * 400 + _PARAGRAPH + "</blockquote>" * 400 + "</body></html>")
    result = cli("analyze", path)
    assert result.code == 1
    assert "nested 40" in result.one()["error"] and "the HTML parser reads" in result.one()["error"]


# --- read-ahead bounded in bytes -------------------------------------------------------------------


def test_read_ahead_is_bounded_in_bytes(slow, monkeypatch):
    from rashomon.extractors import prefetch as module
    from rashomon.extractors.fetching import FetchOptions
    from rashomon.extractors.prefetch import Prefetcher
    from rashomon.extractors.records import Source

    monkeypatch.setattr(module, "HOST_INTERVAL", 0)  # one local host stands for many
    monkeypatch.setattr(module, "PER_HOST", 8)

    urls = [f"{slow}/mb/{n}" for n in range(16)]
    page = len("/mb/10 word") * 200_000

    def read_slowly(max_bytes: int):
        prefetch = Prefetcher([Source(label=u, location=u) for u in urls], FetchOptions(allow_private=True, timeout=10),
                              ahead=64, threads=2, max_bytes=max_bytes)
        got = []
        try:
            while not prefetch.done():
                got += prefetch.take(1)
                time.sleep(0.15)  # a slow consumer: the downloads would run far ahead of it
        finally:
            prefetch.close()
        assert [s.label for s in got] == urls and all(s.data and s.error is None for s in got)
        return prefetch.peak_held

    assert read_slowly(3 * page) <= 3 * page + 2 * page  # the bound, and at most one page a thread past it
    assert read_slowly(10**12) > 8 * page  # unbounded, they run ahead of the reader by most of the list


@posix
def test_sigterm_in_compare_compares_what_was_read(tmp_path):
    listing, _ = _listing(tmp_path, copies=30)  # 150 articles: still analysing when the signal comes
    run = subprocess.Popen([sys.executable, "-m", "rashomon", "compare", "-i", str(listing), "--jobs", "1", "-f", "json"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(4)
    run.send_signal(signal.SIGTERM)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM, err.decode()
    assert "events" in json.loads(out)  # what was read, compared, as one document
    assert err.decode().strip().splitlines()[-1] == "rashomon: stopped by SIGTERM"


@posix
def test_sigterm_while_comparing_is_held_until_the_document_is_whole(cli, monkeypatch):
    import rashomon.extractors.compare as comparing

    real = comparing.compare_reports

    def signalled_midway(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the reports are being compared
        return real(*args, **kwargs)

    monkeypatch.setattr(comparing, "compare_reports", signalled_midway)
    result = cli("compare", TESSIT, "-f", "json")
    assert result.code == 128 + signal.SIGTERM
    assert len(json.loads(result.stdout)["events"]) == 1  # written whole before the run ended
    assert result.stderr.strip().splitlines()[-1] == "rashomon: stopped by SIGTERM"


# --- compare --reports: the same bounds and the same JSON as records ------------------------------


def test_compare_reports_that_break_json_parsers_fail_alone(cli, tmp_path):
    report = cli("analyze", TESSIT).stdout.strip()
    reports = tmp_path / "reports.jsonl"
    reports.write_text("\ufeff" + report.replace("Tessit", "Tes\\u2028sit\\ud800") + "\n" + "[" * 100_000 + "\n"
                       + '{"input": %s, "article": {}}\n' % ("9" * 5000) + '{"input": "x\\ud800", "error": "gone"}\n', encoding="utf-8")
    result = cli("compare", "--reports", reports, "-f", "json")
    _no_traceback(result.stderr)
    result.stdout.encode("utf-8")  # strict
    document = json.loads(result.stdout)
    inputs_ = sorted(f["input"] for f in document["failures"])
    assert inputs_ == sorted([f"{reports}:2", f"{reports}:3", "x\ufffd"])
    assert len(document["events"]) == 1  # the first line, BOM and all, is read


def test_compare_reports_are_read_up_to_a_bound(cli, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORDS_BYTES", 10_000)
    result = cli("compare", "--reports", "-", stdin=b"{}\n" * 10_000)
    assert result.code == 2 and "larger than 10,000 bytes" in result.stderr



_WHOLE_WRITER = """
import signal, sys, time
from rashomon.cli.env import write_whole
signal.signal(signal.SIGTERM, lambda signum, frame: None)  # held, as the run holds it
sys.stdout.write("[")
write_whole(sys.stdout, "\u201cx\u201d" * 400_000 + "\\n")
sys.stdout.flush()
"""


@posix
def test_a_signal_during_a_large_write_to_a_full_pipe_loses_nothing():
    # TextIOWrapper.write drops what its buffer's write returns early with: a 1 MB document
    # came out as its first 64 KB, the pipe's size, when SIGTERM arrived mid-write
    run = subprocess.Popen([sys.executable, "-c", _WHOLE_WRITER], stdout=subprocess.PIPE)
    time.sleep(2)  # the pipe is full: the write waits for a reader
    run.send_signal(signal.SIGTERM)
    out, _ = run.communicate(timeout=60)
    assert run.returncode == 0
    assert out.decode("utf-8") == "[" + "\u201cx\u201d" * 400_000 + "\n"
