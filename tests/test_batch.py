"""Many articles at once: every way of giving inputs in one run, one line per input in input
order, worker processes that change nothing but the speed, the page cache, polite downloads,
and the progress bar."""
from __future__ import annotations

import io
import json
import re

from conftest import EXAMPLES, HARBOR, SEED, TESSIT

from rashomon.cli.app import main
from rashomon.cli.env import Environment
from rashomon.extractors.analyze import MIN_ARTICLES_PER_PROCESS, SINGLE_PROCESS_BATCH, processes_for
from rashomon.extractors.prefetch import HOST_INTERVAL, PER_HOST
from rashomon.extractors.records import Failure, Source


def test_every_kind_of_input_in_one_run(cli, tmp_path, web):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_bytes(TESSIT.read_bytes())
    (folder / "sub" / "a.html").write_bytes(HARBOR.read_bytes())
    (folder / "notes.md").write_text("not an article")
    (folder / ".draft.txt").write_bytes(TESSIT.read_bytes())
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# one per line\n\n{SEED}\n  {web.url('/plain.txt')}  \n")
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "r1", "text": TESSIT.read_text(), "title": "Given title", "published": "March 3, 2025"}),
        json.dumps({"id": 2, "url": web.url("/article/r2.html")}),
        json.dumps({"id": "r3", "html": HARBOR.read_text(), "url": "https://example.org/r3"}),
        "",
        "not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r7", "title": "nothing to read"}),
    ]) + "\n")

    result = cli("analyze", TESSIT, "-", folder, "-i", listing, "--records", records, "--allow-private",
                 stdin=SEED.read_bytes())
    lines = result.lines()
    # INPUT arguments in order (a folder in name order), then the -i list, then the records
    assert [line["input"] for line in lines] == [
        str(TESSIT), "-", str(folder / "b.txt"), str(folder / "sub" / "a.html"), str(SEED), web.url("/plain.txt"),
        f"{records}:1", web.url("/article/r2.html"), "https://example.org/r3", f"{records}:5", f"{records}:6",
        f"{records}:7",
    ]
    assert [line.get("id") for line in lines] == [None] * 6 + ["r1", "2", "r3", None, None, "r7"]
    given = lines[6]
    assert given["article"]["title"] == "Given title" and given["article"]["published"] == "2025-03-03"
    assert lines[8]["article"]["url"] == "https://example.org/r3"
    assert [("error" in line) for line in lines] == [False] * 9 + [True] * 3
    assert "not a JSON object" in lines[9]["error"] and 'needs "url", "html" or "text"' in lines[11]["error"]
    assert result.code == 1
    # the stdin article and the file with the same text give the same facts
    assert lines[1]["casualties"] == cli("analyze", SEED).one()["casualties"]


def test_worker_processes_change_nothing_but_the_speed(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    articles = sorted(EXAMPLES.iterdir())
    # one process reads its batches ahead: a failure in the first and in the second batch
    first = articles * (SINGLE_PROCESS_BATCH // len(articles) - 1)
    inputs = first + [tmp_path / "missing.txt"] + articles * 2 + [empty] + articles
    missing_at, empty_at = len(first), len(first) + 1 + 2 * len(articles)
    assert missing_at < SINGLE_PROCESS_BATCH < empty_at
    assert processes_for(len(inputs), 2) == 2
    one = cli("analyze", *inputs, "--jobs", "1")
    two = cli("analyze", *inputs, "--jobs", "2")
    assert one.code == two.code == 1
    assert one.lines() == two.lines()
    assert [line["input"] for line in two.lines()] == [str(p) for p in inputs]
    assert [i for i, line in enumerate(two.lines()) if "error" in line] == [missing_at, empty_at]
    assert one.stderr == two.stderr  # the same messages, in the same order


def test_few_articles_are_not_worth_a_process():
    assert processes_for(1, 8) == 1
    assert processes_for(2 * MIN_ARTICLES_PER_PROCESS - 1, 2) == 1
    assert processes_for(2 * MIN_ARTICLES_PER_PROCESS, 2) == 2
    assert processes_for(1000, 2) == 2 and processes_for(1000, 1) == 1


def test_json_format_with_worker_processes_is_one_array(cli):
    inputs = sorted(EXAMPLES.iterdir()) * 3
    data = json.loads(cli("analyze", *inputs, "--format", "json", "--jobs", "2").stdout)
    assert [item["input"] for item in data] == [str(p) for p in inputs]


def test_the_cache_serves_a_rerun_without_downloading(cli, web, tmp_path):
    cache = tmp_path / "cache"
    urls = [web.url("/article/one.html"), web.url("/plain.txt"), web.url("/status/404"), web.url("/big.txt")]
    first = cli("analyze", *urls, "--cache", cache, "--allow-private")
    assert sorted(entry["path"] for entry in web.log) == sorted(["/article/one.html", "/plain.txt", "/status/404", "/big.txt"])
    web.log.clear()
    second = cli("analyze", *urls, "--cache", cache, "--allow-private", "--jobs", "1")
    assert [entry["path"] for entry in web.log] == ["/status/404"]  # only the failure is tried again
    assert second.lines() == first.lines() and second.code == first.code == 1
    assert "page larger than" in second.lines()[3]["warnings"][0]  # a cut page stays cut, and says so


def test_a_cache_that_cannot_be_used_is_a_usage_error(cli, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = cli("analyze", SEED, "--cache", not_a_folder)
    assert result.code == 2 and "cannot use" in result.stderr and str(not_a_folder) in result.stderr
    assert result.stdout == ""


def test_downloads_run_together_but_politely_per_host(cli, web):
    urls = [web.url(f"/slow/{i}.txt") for i in range(6)]  # each takes 0.6 s to answer
    result = cli("analyze", *urls, "--allow-private", "--jobs", "1")
    assert result.code == 0 and len(result.lines()) == 6
    assert web.max_active == PER_HOST  # concurrent, but never more than PER_HOST to one host
    starts = sorted(entry["start"] for entry in web.log)
    # Logged as the in-process server receives them: a thread that waits for the GIL while the
    # parser holds it logs late, so a gap can read some tens of ms short. Without the gate the
    # requests would start in pairs, 0 s apart.
    assert min(b - a for a, b in zip(starts, starts[1:])) >= HOST_INTERVAL * 0.6


def test_progress_bar_on_a_terminal_stderr_only(tmp_path):
    missing = tmp_path / "gone.txt"

    def run(stderr_isatty: bool):
        out, err = io.StringIO(), io.StringIO()
        env = Environment(stdout=out, stderr=err, stdout_isatty=False, stderr_isatty=stderr_isatty, no_color=True, width=100)
        code = main(["analyze", str(SEED), str(missing), str(TESSIT), "--jobs", "1"], env=env)
        return code, out.getvalue(), err.getvalue()

    code, out, err = run(stderr_isatty=True)
    assert code == 1
    assert "articles/s" in err and "1 failed" in err and "3/3" in err
    assert f"{missing}: no such file" in err  # messages still reach stderr, above the bar
    assert [json.loads(line)["input"] for line in out.splitlines()] == [str(SEED), str(missing), str(TESSIT)]
    code, out_plain, err_plain = run(stderr_isatty=False)
    assert "articles/s" not in err_plain and "\x1b" not in err_plain
    assert err_plain == f"rashomon: {missing}: no such file\n"
    assert out_plain == out


def test_tables_on_a_terminal_with_the_progress_bar(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, stdout_isatty=True, stderr_isatty=True, no_color=True, width=120)
    assert main(["analyze", str(SEED), str(TESSIT)], env=env) == 0
    # the batch summary: a row for each article, then the totals
    assert str(SEED) in out.getvalue() and "Army and rebels trade blame" in out.getvalue()
    assert "2 articles" in out.getvalue() and "articles/s" not in out.getvalue()
    assert "articles/s" in err.getvalue()


def test_progress_says_when_the_model_loads_and_leaves_one_summary_line(tmp_path):
    missing = tmp_path / "gone.txt"
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, stdout_isatty=False, stderr_isatty=True, no_color=True, width=100)
    assert main(["analyze", str(SEED), str(missing), str(TESSIT), "--jobs", "1"], env=env) == 1
    shown = err.getvalue()
    assert shown.index("loading the model") < shown.index("analysing")
    last = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.splitlines()[-1]).strip("\r")
    assert re.fullmatch(r"3 articles, 1 failed, \d+\.\d s", last), last
    # no bar, no summary line when stderr is not a terminal
    quiet = io.StringIO()
    main(["analyze", str(SEED), "--jobs", "1"], env=Environment(stdout=io.StringIO(), stderr=quiet, stderr_isatty=False))
    assert quiet.getvalue() == ""


def test_worker_processes_report_the_model_loading_too(monkeypatch):
    from rashomon.extractors import analyze as analysis

    stages = []
    sources = [Source(str(TESSIT), location=str(TESSIT))] * analysis.MIN_ARTICLES_PER_PROCESS * 2
    results = list(analysis.analyze_sources(sources, jobs=2, on_stage=stages.append))
    assert len(results) == len(sources) and not any(isinstance(r, Failure) for r in results)
    assert stages == [analysis.LOADING_MODEL, analysis.ANALYSING]
