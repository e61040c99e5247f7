"""Where the analysis runs changes nothing but the speed: a Dask cluster of two worker processes
(`--dask local:2`, and a `dask scheduler` with `dask worker`s as on several machines) writes
the very bytes `--jobs 1` does; a worker that dies or stalls costs at most its own batch; Ctrl-C
leaves every line whole. The report cache (`--reports-cache`) serves what it has seen, misses
on any change of the article or of the versions that made the report, and never returns a
damaged entry, with any number of writers at once."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SEED, TESSIT

from rashomon.extractors import analyze as analysis
from rashomon.extractors.analyze import BATCH_ARTICLES
from rashomon.extractors.engines import dask_available
from rashomon.extractors.engines.cache import ReportCache
from rashomon.extractors.records import Source

needs_dask = pytest.mark.skipif(not dask_available(), reason="needs the dask extra: pip install -e '.[dask]'")
needs_proc = pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the worker processes in /proc")


def _rashomon(*args, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rashomon", "analyze", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **options)


def _finish(run: subprocess.Popen, timeout: float = 300) -> tuple[bytes, bytes]:
    """The rest of stdout, then stderr, through the same buffered readers (`communicate` after a
    `readline` would miss what readline had buffered); the run killed if it outlives `timeout`."""
    timer = threading.Timer(timeout, lambda: run.poll() is None and os.killpg(run.pid, signal.SIGKILL))
    timer.start()
    try:
        out, err = run.stdout.read(), run.stderr.read()
        run.wait()
        return out, err
    finally:
        timer.cancel()


def _mixed_batch(tmp_path: Path) -> list[str]:
    """The examples three times over, with failures of every kind among them: a missing file, an
    empty one, binary data, a folder with no article, a text not in English, and records (one
    good, one not JSON, one with nothing to read)."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "no-articles").mkdir()
    (tmp_path / "no-articles" / "notes.md").write_text("nothing here")
    (tmp_path / "french.txt").write_text("Le marché de la ville a été bombardé hier soir. " * 20)
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "r1", "text": TESSIT.read_text(), "title": "A title of its own", "published": "March 3, 2025"}),
        "not json",
        json.dumps({"id": "r3", "title": "nothing to read"}),
    ]) + "\n")
    examples = [str(p) for p in sorted(EXAMPLES.iterdir())]
    odd = [str(tmp_path / name) for name in ("missing.txt", "empty.txt", "binary.txt", "no-articles", "french.txt")]
    inputs = examples + odd[:2] + examples + odd[2:] + examples
    listing = tmp_path / "inputs.txt"
    listing.write_text("\n".join(inputs) + "\n")
    return ["-i", str(listing), "--records", str(records)]


def _lines(out: bytes) -> list[dict]:
    try:
        return [json.loads(line) for line in out.decode().splitlines()]
    except ValueError:
        raise AssertionError(f"not JSON Lines: {out[:3000]!r}") from None


def _descendants(root: int) -> list[tuple[int, int]]:
    """(pid, depth) of every process under `root`."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
    found, frontier, depth = [], [root], 0
    while frontier:
        depth += 1
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += [(pid, depth) for pid in frontier]
    return found


def _cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError):
        return 0


# --- Dask ---------------------------------------------------------------------------------------


@needs_dask
def test_a_local_dask_cluster_writes_what_one_process_writes_and_fills_the_reports_cache(tmp_path):
    args = _mixed_batch(tmp_path)
    cache = tmp_path / "reports"
    one = _rashomon(*args, "--jobs", "1")
    one_out, one_err = _finish(one)
    dask = _rashomon(*args, "--dask", "local:2", "--reports-cache", cache)
    dask_out, dask_err = _finish(dask)
    assert one.returncode == dask.returncode == 1
    assert dask_out == one_out  # byte for byte: the same reports and errors, in the same order
    assert dask_err == one_err  # the same messages, and not a word from Dask
    lines = _lines(dask_out)
    assert len(lines) == 3 * 5 + 5 + 3
    assert sum("error" in line for line in lines) == 6
    # what the cluster's workers analysed is kept by the client: a re-run in one process finds
    # every report there, and writes the same bytes
    assert len(list(cache.glob("*/*.json"))) == 5 + 1 + 1  # the five examples, the French text, a record
    again = _rashomon(*args, "--jobs", "1", "--reports-cache", cache)
    again_out, _ = _finish(again)
    assert again_out == one_out


@needs_dask
def test_dask_scheduler_and_workers_started_by_hand_as_on_several_machines(tmp_path):
    bin_dir = Path(sys.executable).parent
    dask_command = [str(bin_dir / "dask")] if (bin_dir / "dask").exists() else [sys.executable, "-m", "distributed.cli.dask_spec"]
    scheduler_file = tmp_path / "scheduler.json"
    started = []
    try:
        started.append(subprocess.Popen([*dask_command, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                         "--scheduler-file", str(scheduler_file)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        for _ in range(300):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        started.append(subprocess.Popen([*dask_command, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * 2
        one_out, _ = _finish(_rashomon(*inputs, "--jobs", "1"))
        run = _rashomon(*inputs, "--dask", address)
        out, err = _finish(run)
        assert run.returncode == 0, err.decode()
        assert out == one_out and err == b""
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@needs_dask
@needs_proc
def test_a_dask_worker_killed_mid_run_costs_nothing_its_batch_is_run_again(tmp_path):
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * 12
    listing = tmp_path / "many.txt"
    listing.write_text("\n".join(inputs) + "\n")
    one_out, _ = _finish(_rashomon("-i", listing, "--jobs", "1"))
    run = _rashomon("-i", listing, "--dask", "local:2")
    first = run.stdout.readline()  # the workers are at work
    workers = [pid for pid, depth in _descendants(run.pid) if depth == 2]  # run -> forkserver -> workers
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    rest, err = _finish(run)
    lines = _lines(first + rest)
    assert [line["input"] for line in lines] == inputs  # one line per input, in order, none lost
    # the batch the worker held was run again on another worker (once; see engines/dask.py)
    assert first + rest == one_out and run.returncode == 0
    assert err == b""


@needs_dask
def test_ctrl_c_cancels_the_dask_tasks_with_every_line_whole(tmp_path):
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * 20
    listing = tmp_path / "many.txt"
    listing.write_text("\n".join(inputs) + "\n")
    run = _rashomon("-i", listing, "--dask", "local:2")
    first = run.stdout.readline()
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole group, workers too
    rest, err = _finish(run, timeout=60)
    assert run.returncode == 130
    lines = _lines(first + rest)  # every line whole JSON
    assert [line["input"] for line in lines] == inputs[: len(lines)] and len(lines) < len(inputs)
    assert err.decode().splitlines() == ["rashomon: interrupted"]  # no traceback from any process
    for _ in range(50):  # the cluster's processes are gone with it
        try:
            os.killpg(run.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        alive = [pid for pid in _group(run.pid) if not _zombie(pid)]
        assert not alive


def _group(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == pgid:
                    pids.append(int(entry))
            except OSError:
                continue
    return pids


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_dask_options_that_cannot_work_are_usage_errors(cli, monkeypatch):
    for args, message in (
        (["--dask", "local:0"], "local:N"),
        (["--dask", "local:two"], "local:N"),
        (["--dask", "local:2", "--jobs", "2"], "--dask and --jobs are alternatives"),
    ):
        result = cli("analyze", SEED, *args)
        assert result.code == 2 and result.stdout == ""
        (line,) = result.stderr.splitlines()[:1]
        assert message in line
    # without the optional extra: one line saying what to install
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = cli("analyze", SEED, "--dask", "local:2")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == "rashomon: error: --dask needs dask and distributed: pip install 'rashomon[dask]'\n"


# --- the worker processes of --jobs -------------------------------------------------------------


@needs_proc
def test_a_stopped_worker_process_is_ended_and_costs_only_its_batch(cli, tmp_path, monkeypatch):
    from rashomon.extractors.engines import pool

    monkeypatch.setattr(pool, "STALL_SECONDS", 3.0)
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * 24
    stopped = []

    def stop_a_busy_worker():
        for _ in range(1200):
            workers = [pid for pid, depth in _descendants(os.getpid()) if depth == 2]
            # past loading the model (about a second of CPU): analysing a batch
            busy = [pid for pid in workers if _cpu(pid) > 1.5 * os.sysconf("SC_CLK_TCK")]
            if len(workers) >= 2 and busy:
                os.kill(busy[0], signal.SIGSTOP)  # as `kill -STOP` or a debugger does
                stopped.append(busy[0])
                return
            time.sleep(0.1)

    watcher = threading.Thread(target=stop_a_busy_worker, daemon=True)
    watcher.start()
    started = time.monotonic()
    result = cli("analyze", *inputs, "--jobs", "2")
    watcher.join()
    assert stopped, "no worker to stop"
    try:
        lines = result.lines()
        assert [line["input"] for line in lines] == inputs  # the run went on, nothing lost
        failed = [line for line in lines if "error" in line]
        assert 0 < len(failed) <= BATCH_ARTICLES
        assert all("stopped responding" in line["error"] for line in failed)
        assert time.monotonic() - started < 120
    finally:
        try:
            os.kill(stopped[0], signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_out_of_memory_is_not_called_a_bug():
    error = analysis._internal_error(Source("a.txt"), MemoryError())
    assert "out of memory" in error.error and "bug" not in error.error
    assert "a bug in rashomon" in analysis._internal_error(Source("a.txt"), KeyError("dobj")).error


# --- the report cache ---------------------------------------------------------------------------


@pytest.fixture
def analysed(monkeypatch):
    """The sources each run analysed (the report cache's misses), recorded as they pass."""
    seen: list[str] = []
    real = analysis.analyze_batch

    def recording(nlp, sources, options):
        seen.extend(source.label for source in sources)
        return real(nlp, sources, options)

    monkeypatch.setattr(analysis, "analyze_batch", recording)
    return seen


def _articles(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(EXAMPLES.iterdir()):
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def test_a_rerun_is_served_from_the_reports_cache(cli, tmp_path, analysed):
    articles = _articles(tmp_path)
    cache = tmp_path / "reports"
    fresh = cli("analyze", *articles, "--jobs", "1")
    analysed.clear()
    first = cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert first.stdout == fresh.stdout and len(analysed) == len(articles)
    analysed.clear()
    second = cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert analysed == []  # nothing analysed again
    assert second.stdout == fresh.stdout and second.stderr == fresh.stderr and second.code == fresh.code
    # the same article under another name is the same report, under its own name
    copy = tmp_path / "elsewhere.txt"
    shutil.copy(SEED, copy)
    third = cli("analyze", copy, "--jobs", "1", "--reports-cache", cache)
    assert analysed == [] and third.one()["input"] == str(copy)
    assert {k: v for k, v in third.one().items() if k != "input"} == \
        {k: v for k, v in cli("analyze", SEED, "--jobs", "1").one().items() if k != "input"}


def test_a_changed_article_or_version_is_analysed_again(cli, tmp_path, analysed, monkeypatch):
    import rashomon.extractors as package

    articles = _articles(tmp_path)
    cache = tmp_path / "reports"
    cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    analysed.clear()
    # one article edited: that one alone is analysed again
    edited = next(p for p in articles if p.suffix == ".txt")
    edited.write_text(edited.read_text() + "\n\nThe army denied the report.\n")
    result = cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert analysed == [str(edited)]
    assert result.stdout == cli("analyze", *articles, "--jobs", "1").stdout
    # a record's title reaches the report: another title, another report
    analysed.clear()
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"text": TESSIT.read_text(), "title": "One"}) + "\n")
    cli("analyze", "--records", records, "--jobs", "1", "--reports-cache", cache)
    records.write_text(json.dumps({"text": TESSIT.read_text(), "title": "Two"}) + "\n")
    assert cli("analyze", "--records", records, "--jobs", "1", "--reports-cache", cache).one()["article"]["title"] == "Two"
    assert len(analysed) == 2
    # another rashomon version: every report made again
    analysed.clear()
    monkeypatch.setattr(package, "__version__", package.__version__ + ".post1")
    cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert analysed == [str(p) for p in articles]


def test_a_damaged_entry_is_recomputed_never_returned(cli, tmp_path, analysed):
    articles = _articles(tmp_path)
    cache = tmp_path / "reports"
    fresh = cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    entries = sorted(cache.glob("*/*.json"))
    assert len(entries) == len(articles)
    damaged = {
        entries[0]: lambda data: data.replace(b'"killed"', b'"kilIed"', 1) if b'"killed"' in data else data[:-2] + b"X}",
        entries[1]: lambda data: data[: len(data) // 2],  # cut short
        entries[2]: lambda data: b"",
        entries[3]: lambda data: data.split(b"\n", 1)[0] + b"\n[]",  # a header, then not a report
    }
    for path, damage in damaged.items():
        path.write_bytes(damage(path.read_bytes()))
    analysed.clear()
    again = cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert again.stdout == fresh.stdout  # not one damaged report returned
    assert len(analysed) == len(damaged)
    analysed.clear()
    cli("analyze", *articles, "--jobs", "1", "--reports-cache", cache)
    assert analysed == []  # the entries were made whole again


def test_writers_at_once_never_leave_a_torn_entry(tmp_path):
    from rashomon.extractors.articles import article_from_text
    from rashomon.extractors.records import Report

    cache = ReportCache(tmp_path / "reports")
    source = Source("a.txt", text=TESSIT.read_text())
    _, key, _ = cache.lookup(source)
    article = article_from_text(TESSIT.read_text()).article
    reports = [Report(input="a.txt", article=article, warnings=[f"writer {n}" * 200]) for n in range(4)]
    stop = threading.Event()
    seen, errors = [], []

    def write(report):
        while not stop.is_set():
            cache.put(key, report)

    def read():
        while not stop.is_set():
            try:
                found = cache.lookup(source)[2]
            except Exception as error:  # noqa: BLE001
                errors.append(error)
                return
            if found is not None:
                seen.append(found.warnings[0])

    threads = [threading.Thread(target=write, args=(r,)) for r in reports] + [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    stop.set()
    for thread in threads:
        thread.join()
    assert not errors
    assert seen and set(seen) <= {r.warnings[0] for r in reports}  # always one writer's whole report
    assert not list((tmp_path / "reports").glob("*/.tmp-*"))  # no temporary file left behind


def test_runs_at_once_share_one_reports_cache(tmp_path):
    inputs = [str(p) for p in sorted(EXAMPLES.iterdir())] * 2
    cache = tmp_path / "reports"
    expected, _ = _finish(_rashomon(*inputs, "--jobs", "1"))
    runs = [_rashomon(*inputs, "--jobs", "1", "--reports-cache", cache) for _ in range(2)]
    assert all(_finish(run)[0] == expected for run in runs)
    assert all(run.returncode == 0 for run in runs)
    again = _rashomon(*inputs, "--jobs", "1", "--reports-cache", cache)
    assert _finish(again)[0] == expected
    assert len(list(cache.glob("*/*.json"))) == len(set(inputs))
    assert not list(cache.glob("*/.tmp-*"))


def test_a_reports_cache_that_cannot_be_used_is_a_usage_error(cli, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = cli("analyze", SEED, "--reports-cache", not_a_folder)
    assert result.code == 2 and result.stdout == ""
    assert "cannot use" in result.stderr and str(not_a_folder) in result.stderr


def test_a_fetched_page_is_served_with_its_own_download_time(cli, web, tmp_path, analysed):
    urls = [web.url("/article/one.html"), web.url("/plain.txt")]
    reports = tmp_path / "reports"
    cli("analyze", *urls, "--allow-private", "--jobs", "1", "--cache", tmp_path / "pages", "--reports-cache", reports)
    time.sleep(1.1)  # another second: another download time
    analysed.clear()
    # pages downloaded afresh (another page cache): the same bytes, a hit, with this download's time
    served = cli("analyze", *urls, "--allow-private", "--jobs", "1", "--cache", tmp_path / "again", "--reports-cache", reports)
    assert analysed == [], served.stderr
    fresh = cli("analyze", *urls, "--allow-private", "--jobs", "1", "--cache", tmp_path / "again")
    assert served.stdout == fresh.stdout
    first = cli("analyze", *urls, "--allow-private", "--jobs", "1", "--cache", tmp_path / "pages")
    assert [r["provenance"]["fetched_at"] for r in served.lines()] != [r["provenance"]["fetched_at"] for r in first.lines()]
