#!/usr/bin/env python3
"""How fast rashomon analyses many articles, next to the ceiling: spaCy's own `nlp.pipe` over the
same texts with the same model and components.

    python scripts/benchmark.py              # everything (about 9 minutes on 2 cores)
    python scripts/benchmark.py --quick      # fewer rounds and articles, no soak test
    python scripts/benchmark.py --json       # the figures as one JSON object on stdout

Articles: the real ones in ../shared/corpus/dev, or the examples when ../shared is absent.
Every comparison is measured side by side in one run, alternating, and reported as a ratio, so
a machine busy with something else slows both sides alike. Sections:

1. throughput on one process: `rashomon analyze --jobs 1` (reading, HTML extraction, parsing,
   every extractor, JSON) against the ceiling, in one process with the model already loaded,
   and where the difference goes; also against spaCy with rashomon's faster attribute matching
   (extractors/attribute_rules.py), which leaves rashomon's own overhead alone. Rounds run
   ABCCBA, BCAACB, CABBAC, so each side takes each place in turn. This section runs in a child
   process whose glibc malloc keeps the memory it frees (MALLOC_MMAP_THRESHOLD_,
   MALLOC_TRIM_THRESHOLD_): spaCy's default batch of 1,000 texts otherwise spends a second a
   round faulting fresh pages in, more or less depending on what ran before, which flatters or
   penalises the ceiling at random;
2. worker processes: `--jobs 2` against `--jobs 1`, as separate runs, with each process's peak
   memory (VmHWM, from /proc);
3. cold start: one article from nothing, and `rashomon --help`;
4. hostile pages: a 500 and a dripping server with --timeout 2, a 20 MB text and HTML page;
5. soak: 1,000 articles in one run, the memory of every process sampled as it goes;
6. a cluster and the report cache: `--dask local:2` against `--jobs 2` on the same articles,
   alternating, and a re-run with `--reports-cache` of an unchanged archive (200 distinct
   articles) against its first run.
"""
from __future__ import annotations

import argparse
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
EXAMPLES = ROOT / "examples"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of .txt/.html articles (default: ../shared/corpus/dev, else examples/)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per comparison (default 3; a multiple of 3 puts every side in every place)")
    parser.add_argument("--soak", type=int, default=1000, help="articles in the soak test (0: skip)")
    parser.add_argument("--quick", action="store_true", help="one round, fewer articles, no soak test")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--sections", default="1,2,3,4,5,6", help="which sections to run, e.g. 1,3 (default: all)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # section 1, allocator set
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.soak = 1, 0
    sections = {int(x) for x in args.sections.split(",") if x.strip()}
    corpus = args.corpus or (CORPUS if CORPUS.is_dir() else EXAMPLES)
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    if not files:
        sys.exit(f"benchmark: no .txt or .html articles in {corpus}")
    say = (lambda *a: print(*a, file=sys.stderr, flush=True)) if args.json or args.child else (lambda *a: print(*a, flush=True))
    figures: dict = {"corpus": str(corpus), "articles": len(files), "cores": _cores(), "python": sys.version.split()[0]}
    if not args.child:
        say(f"corpus: {corpus} ({len(files)} articles), {figures['cores']} cores, Python {figures['python']}\n")

    if args.child:
        print(json.dumps(one_process(files, args.rounds, lambda *a: print(*a, file=sys.stderr, flush=True))))
        return 0
    if 1 in sections:
        figures["one_process"] = _in_child(corpus, args.rounds)
    if 2 in sections:
        figures["processes"] = processes(files, args.rounds, 2 if args.quick else 8, say)
    if 3 in sections:
        figures["cold"] = cold_start(files, say)
    if 4 in sections:
        figures["hostile"] = hostile(say)
    if 5 in sections and args.soak:
        figures["soak"] = soak(files, args.soak, say)
    if 6 in sections:
        # about 200 articles a run: as many as the cache half re-runs
        figures["cluster_and_cache"] = cluster_and_cache(files, args.rounds, 2 if args.quick else -(-CACHE_ARCHIVE // len(files)), say)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


# --- 1. throughput on one process ---------------------------------------------------------

STEADY_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "2147483647", "MALLOC_TRIM_THRESHOLD_": "2147483647"}


def _in_child(corpus: Path, rounds: int) -> dict:
    command = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--rounds", str(rounds)]
    done = subprocess.run(command, env={**os.environ, **STEADY_MALLOC}, stdout=subprocess.PIPE, stderr=None, text=True, check=True)
    return json.loads(done.stdout)



def one_process(files: list[Path], rounds: int, say) -> dict:
    import spacy

    from rashomon.cli.app import main as rashomon
    from rashomon.cli.env import Environment
    from rashomon.extractors.loading import load_article
    from rashomon.extractors.attribute_rules import index_attribute_rules
    from rashomon.extractors.pipeline import UNUSED_COMPONENTS, default_model, load_pipeline

    name = default_model()
    ceiling_nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    # The same, its attribute ruler matching as rashomon's does: what spaCy costs rashomon, so
    # that the ratio to it is rashomon's own overhead alone
    matched_nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    index_attribute_rules(matched_nlp)
    load_pipeline()  # warm: the CLI below finds the model loaded, as it would be after its start
    inputs = [str(p) for p in files] * -(-40 // len(files))  # at least 40 articles a round
    texts = [load_article(path).article.text for path in inputs]
    tokens = sum(len(doc) for doc in ceiling_nlp.pipe(texts[: len(files)])) * (len(inputs) // len(files))
    say(f"1. one process: {len(inputs)} articles, {tokens:,} tokens a round; spaCy pipeline {name} "
        f"({', '.join(ceiling_nlp.pipe_names)})")

    def spacy_alone(nlp) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts):
            pass
        return time.perf_counter() - start, time.process_time() - cpu

    def end_to_end() -> tuple[float, float]:
        sink = io.StringIO()
        env = Environment(stdout=sink, stderr=io.StringIO(), stdout_isatty=False, stderr_isatty=False)
        start, cpu = time.perf_counter(), time.process_time()
        code = rashomon(["analyze", "--jobs", "1", "--format", "jsonl", *inputs], env=env)
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        assert code in (0, 1) and sink.getvalue().count("\n") == len(inputs), "the run did not analyse every input"
        return elapsed

    def breakdown() -> dict[str, float]:
        """The end-to-end run's steps one by one, in CPU time: where its time goes."""
        from rashomon.cli.render import json_line
        from rashomon.extractors.analyze import report_from_doc
        from rashomon.extractors.pipeline import parse_texts

        ours = load_pipeline()
        steps, start = {}, time.process_time()
        loaded = [load_article(path) for path in inputs]
        steps["read and extract pages"], start = time.process_time() - start, time.process_time()
        docs = list(parse_texts(ours, [item.article.text for item in loaded]))
        steps["parse (rashomon's pipeline and batches)"], start = time.process_time() - start, time.process_time()
        reports = [report_from_doc(doc, item.article, input="x") for doc, item in zip(docs, loaded)]
        steps["extractors (report_from_doc)"], start = time.process_time() - start, time.process_time()
        for report in reports:
            json_line(report)
        steps["JSON"] = time.process_time() - start
        return steps

    runs = {"ceiling": lambda: spacy_alone(ceiling_nlp), "matched": lambda: spacy_alone(matched_nlp),
            "rashomon": end_to_end}
    for run in runs.values():
        run()  # warm: first-call costs are not throughput
    wall: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    parts: dict[str, list[float]] = {}
    for r in range(rounds):
        started, busy, own = time.perf_counter(), _system_busy(), _cpu_of(os.getpid())
        # ABCCBA, then BCAACB, CABBAC: a machine whose speed drifts within a round slows every
        # side alike, and each side takes each place in turn, so none is favoured by what runs
        # before it
        keys = list(runs)
        order = keys[r % len(keys):] + keys[: r % len(keys)]
        times = {k: [0.0, 0.0] for k in runs}
        for key in order + order[::-1]:
            w, c = runs[key]()
            times[key][0] += w / 2
            times[key][1] += c / 2
        for key, (w, c) in times.items():
            wall[key].append(w)
            cpu[key].append(c)
        other = ((_system_busy() - busy) - (_cpu_of(os.getpid()) - own)) / (time.perf_counter() - started)
        say(f"   round {r + 1}: ceiling {len(inputs) / wall['ceiling'][-1]:5.2f} articles/s, rashomon "
            f"{len(inputs) / wall['rashomon'][-1]:5.2f}; ratio {wall['ceiling'][-1] / wall['rashomon'][-1]:.3f} "
            f"(CPU time {cpu['ceiling'][-1] / cpu['rashomon'][-1]:.3f}); to spaCy with rashomon's attribute "
            f"matching {wall['matched'][-1] / wall['rashomon'][-1]:.3f} (CPU {cpu['matched'][-1] / cpu['rashomon'][-1]:.3f})  "
            f"(other processes used {other:.2f} cores meanwhile)")
        for step, seconds in breakdown().items():
            parts.setdefault(step, []).append(seconds)

    def median_ratio(times: dict, key: str) -> float:
        return statistics.median(a / b for a, b in zip(times[key], times["rashomon"]))

    best = {k: min(v) for k, v in wall.items()}
    result = {
        "articles": len(inputs), "tokens": tokens,
        "ceiling_articles_per_s": len(inputs) / best["ceiling"], "ceiling_tokens_per_s": tokens / best["ceiling"],
        "rashomon_articles_per_s": len(inputs) / best["rashomon"], "rashomon_tokens_per_s": tokens / best["rashomon"],
        "ratio": median_ratio(wall, "ceiling"), "ratio_best": best["ceiling"] / best["rashomon"],
        "ratio_cpu": median_ratio(cpu, "ceiling"),
        "ratio_to_matched": median_ratio(wall, "matched"), "ratio_to_matched_cpu": median_ratio(cpu, "matched"),
        "steps_share_of_ceiling_cpu": {step: min(v) / min(cpu["ceiling"]) for step, v in parts.items()},
    }
    say(f"   best: ceiling {result['ceiling_articles_per_s']:.2f} articles/s ({result['ceiling_tokens_per_s']:,.0f} tokens/s), "
        f"rashomon {result['rashomon_articles_per_s']:.2f} articles/s ({result['rashomon_tokens_per_s']:,.0f} tokens/s)")
    say(f"   end-to-end / ceiling: {result['ratio']:.3f} median of rounds, {result['ratio_best']:.3f} best against best, "
        f"{result['ratio_cpu']:.3f} in CPU time   target >= 0.9")
    say(f"   end-to-end / spaCy with rashomon's attribute matching (rashomon's own overhead alone): "
        f"{result['ratio_to_matched']:.3f}, {result['ratio_to_matched_cpu']:.3f} in CPU time")
    say("   where the time goes, as a share of the ceiling's CPU time: " + ", ".join(
        f"{step} {share:.1%}" for step, share in result["steps_share_of_ceiling_cpu"].items()) + "\n")
    return result


# --- 2. worker processes ----------------------------------------------------------------------


def processes(files: list[Path], rounds: int, copies: int, say) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "inputs.txt"
        inputs = [str(p) for p in files] * copies
        listing.write_text("\n".join(inputs) + "\n")
        say(f"2. processes: {len(inputs)} articles a run, each run a fresh `rashomon analyze -i LIST`")
        runs: dict[str, list[dict]] = {"1": [], "2": []}
        for r in range(rounds):
            for jobs in (("1", "2") if r % 2 == 0 else ("2", "1")):
                run = _run_cli(["-i", str(listing), "--jobs", jobs], len(inputs))
                runs[jobs].append(run)
                say(f"   round {r + 1} --jobs {jobs}: {run['wall']:.2f} s, {len(inputs) / run['wall']:.2f} articles/s "
                    f"(steady {run['steady']:.2f}); peak memory {_memory_text(run['peak_mb'])}; "
                    f"other processes used {run['other']:.2f} cores")
    # the least disturbed run of each: another process on a 2-core machine halves --jobs 2 alone
    wall = {j: min(r["wall"] for r in rs) for j, rs in runs.items()}
    steady = {j: max(r["steady"] for r in rs) for j, rs in runs.items()}
    result = {
        "articles": len(inputs),
        "jobs1_s": wall["1"], "jobs2_s": wall["2"],
        "speedup_wall": wall["1"] / wall["2"], "speedup_steady": steady["2"] / steady["1"],
        "median_speedup_wall": statistics.median(r["wall"] for r in runs["1"]) / statistics.median(r["wall"] for r in runs["2"]),
        "peak_mb": {j: max((r["peak_mb"] for r in rs), key=lambda m: sum(m.values())) for j, rs in runs.items()},
        "other_cores": max(r["other"] for rs in runs.values() for r in rs),
    }
    say(f"   --jobs 2 / --jobs 1 (best runs): {result['speedup_wall']:.2f}x whole runs (start included), "
        f"{result['speedup_steady']:.2f}x once started   target >= 1.7\n")
    return result


def _run_cli(args: list[str], expected_lines: int) -> dict:
    """One `rashomon analyze` run: wall time, the rate once output flows, peak memory by process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "rashomon", "analyze", "--format", "jsonl", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sampler = _MemorySampler(process.pid)
    stamps = []
    for _ in process.stdout:
        stamps.append(time.perf_counter())
    process.wait()
    wall = time.perf_counter() - start
    sampler.stop()
    assert len(stamps) == expected_lines, f"expected {expected_lines} lines, got {len(stamps)}"
    # once results flow: the slope of lines written over time from a quarter of the run on
    # (least squares, as a worker writes its batch's lines in one burst)
    tail = stamps[len(stamps) // 4 :]
    steady = statistics.linear_regression(tail, range(len(tail))).slope if len(tail) > 2 else float("nan")
    return {"wall": wall, "steady": steady, "peak_mb": sampler.peaks(), "series": sampler.series, "other": sampler.other,
            "first": stamps[0] - start if stamps else float("nan"), "cpu": sum(sampler.cpu.values())}


class _MemorySampler:
    """Every process of a run (the command, the forkserver, the workers): peak resident memory
    (VmHWM) and a series of (time, role, pid, resident MB) samples. Linux only; elsewhere empty."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        self.root, self.every = root, every
        self.peak: dict[int, tuple[str, float]] = {}
        self.series: list[tuple[float, str, int, float]] = []
        self.start = time.perf_counter()
        self.busy_start = _system_busy()
        self.cpu: dict[int, float] = {}  # CPU seconds of each process of the run, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        if Path("/proc").is_dir():
            self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            now = time.perf_counter() - self.start
            for pid, role in _tree(self.root):
                status = _status(pid)
                if "VmHWM" in status:
                    self.peak[pid] = (role, max(self.peak.get(pid, (role, 0))[1], status["VmHWM"]))
                    self.series.append((now, role, pid, status["VmRSS"]))
                    self.cpu[pid] = _cpu_of(pid)
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        elapsed = time.perf_counter() - self.start
        # cores that other processes kept busy meanwhile (what this run's CPU does not explain)
        self.other = max(0.0, (_system_busy() - self.busy_start - sum(self.cpu.values())) / max(elapsed, 1e-9))

    def peaks(self) -> dict[str, float]:
        """The largest peak of each role."""
        out: dict[str, float] = {}
        for role, mb in self.peak.values():
            out[role] = max(out.get(role, 0), mb)
        return out


def _tree(root: int) -> list[tuple[int, str]]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [(root, "main")], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        for pid in frontier:
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            role = "forkserver" if b"forkserver" in command else "tracker" if b"resource_tracker" in command else "worker"
            found.append((pid, "worker" if role == "forkserver" and parents[pid] != root else role))
    return found


def _status(pid: int) -> dict[str, float]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) / 1024 for k, _, v in (line.partition(":") for line in lines) if k in ("VmHWM", "VmRSS")}


def _memory_text(peaks: dict[str, float]) -> str:
    return ", ".join(f"{role} {mb:.0f} MB" for role, mb in sorted(peaks.items())) or "n/a"


# --- 3. cold start -----------------------------------------------------------------------------


def cold_start(files: list[Path], say) -> dict:
    script = Path(sys.executable).with_name("rashomon")
    help_command = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "rashomon", "--help"]
    article = str(EXAMPLES / "pmf-jurf-al-nasr-strike.txt")

    def timed(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start

    helps = [timed(help_command) for _ in range(5)]
    colds = [timed([*help_command[:-1], "analyze", article] if script.exists() else [sys.executable, "-m", "rashomon", "analyze", article]) for _ in range(3)]
    result = {"help_s": statistics.median(helps), "one_article_s": statistics.median(colds)}
    say(f"3. cold start: `rashomon --help` {result['help_s']:.2f} s (target <= 0.3), "
        f"one article from nothing {result['one_article_s']:.2f} s (target <= 2)\n")
    return result


# --- 4. hostile pages ---------------------------------------------------------------------------


def hostile(say) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        story = (EXAMPLES / "tessit-market-shelling.txt").read_text()
        paragraphs = story.split("\n\n", 1)[1]
        big_text = Path(folder) / "big.txt"
        big_text.write_text((paragraphs + "\n\n") * (20_000_000 // (len(paragraphs) + 2)))
        big_html = Path(folder) / "big.html"
        body = "".join(f"<p>{p}</p>" for p in paragraphs.split("\n\n"))
        big_html.write_text("<html><head><title>Big</title></head><body><article>" + body * (20_000_000 // len(body)) + "</article></body></html>")
        server = _hostile_server()
        base = f"http://127.0.0.1:{server.server_port}"
        result = {}
        for name, args in (
            ("http_500_timeout_2", [f"{base}/500", "--allow-private", "--timeout", "2"]),
            ("drip_timeout_2", [f"{base}/drip", "--allow-private", "--timeout", "2"]),
            ("text_20mb", [str(big_text)]),
            ("html_20mb", [str(big_html)]),
        ):
            run = _run_cli(args, 1)
            result[name] = {"s": run["wall"], "peak_mb": max(run["peak_mb"].values(), default=0)}
        server.shutdown()
    say("4. hostile pages (wall time from start, peak memory): " + "; ".join(
        f"{k} {v['s']:.1f} s {v['peak_mb']:.0f} MB" for k, v in result.items()) + "\n")
    return result


def _hostile_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/500":
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)  # /drip: a byte every 0.1 s, for a minute
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "600")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- 5. soak ------------------------------------------------------------------------------------


def soak(files: list[Path], count: int, say) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "inputs.txt"
        inputs = ([str(p) for p in files] * (count // len(files) + 1))[:count]
        listing.write_text("\n".join(inputs) + "\n")
        say(f"5. soak: {count} articles in one run (default --jobs) ...")
        run = _run_cli(["-i", str(listing)], count)
    # resident memory of each process through the run; flat = no growth over its second half
    by_pid: dict[int, list[tuple[float, str, float]]] = {}
    for t, role, pid, mb in run["series"]:
        by_pid.setdefault(pid, []).append((t, role, mb))
    processes = []
    for pid, samples in by_pid.items():
        if len(samples) < 10:
            continue  # a process that lived a moment (the resource tracker starting)
        at = lambda share: samples[min(len(samples) - 1, int(len(samples) * share))][2]  # noqa: E731
        marks = {f"{int(share * 100)}%": at(share) for share in (0.1, 0.25, 0.5, 0.75)} | {"end": samples[-1][2]}
        processes.append({"role": samples[0][1], "pid": pid, "mb": marks, "peak_mb": max(mb for _, _, mb in samples),
                          "second_half_growth_mb": samples[-1][2] - at(0.5)})
    result = {"articles": count, "s": run["wall"], "articles_per_s": count / run["wall"], "processes": processes}
    say(f"   {run['wall']:.0f} s, {count / run['wall']:.2f} articles/s; resident memory (MB) through the run:")
    say(f"   {'':10} " + " ".join(f"{m:>6}" for m in processes[0]["mb"]) + "   second half")
    for p in sorted(processes, key=lambda p: p["role"]):
        say(f"   {p['role']:10} " + " ".join(f"{v:6.0f}" for v in p["mb"].values()) + f"   {p['second_half_growth_mb']:+6.0f}")
    say("")
    return result


# --- 6. a cluster, and the report cache ---------------------------------------------------------

CACHE_ARCHIVE = 200  # articles in the archive re-run from the report cache


def cluster_and_cache(files: list[Path], rounds: int, copies: int, say) -> dict:
    from rashomon.extractors.engines import dask_available

    result: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "inputs.txt"
        inputs = [str(p) for p in files] * copies
        listing.write_text("\n".join(inputs) + "\n")
        if dask_available():
            say(f"6. a cluster: {len(inputs)} articles a run, `--dask local:2` against `--jobs 2`, each a fresh run")
            runs: dict[str, list[dict]] = {"jobs": [], "dask": []}
            for r in range(rounds):
                for side in (("jobs", "dask") if r % 2 == 0 else ("dask", "jobs")):
                    args = ["--jobs", "2"] if side == "jobs" else ["--dask", "local:2"]
                    run = _run_cli(["-i", str(listing), *args], len(inputs))
                    runs[side].append(run)
                    say(f"   round {r + 1} {' '.join(args)}: {run['wall']:.2f} s, {len(inputs) / run['wall']:.2f} articles/s "
                        f"(steady {run['steady']:.2f}), first line at {run['first']:.1f} s, CPU {run['cpu']:.1f} s in all "
                        f"its processes; other processes used {run['other']:.2f} cores")
            wall = {k: min(r["wall"] for r in v) for k, v in runs.items()}
            steady = {k: max(r["steady"] for r in v) for k, v in runs.items()}
            result["dask"] = {
                "articles": len(inputs), "jobs2_s": wall["jobs"], "dask_local2_s": wall["dask"],
                "ratio_wall": wall["jobs"] / wall["dask"], "ratio_steady": steady["dask"] / steady["jobs"],
                "median_ratio_wall": statistics.median(r["wall"] for r in runs["jobs"]) / statistics.median(r["wall"] for r in runs["dask"]),
                # CPU in all of a run's processes: what the cluster costs besides the work, whatever else the machine runs
                "ratio_cpu": min(r["cpu"] for r in runs["jobs"]) / min(r["cpu"] for r in runs["dask"]),
                "first_line_s": {k: min(r["first"] for r in v) for k, v in runs.items()},
            }
            say(f"   --dask local:2 / --jobs 2 (best runs): {result['dask']['ratio_wall']:.2f}x whole runs (start included), "
                f"{result['dask']['ratio_steady']:.2f}x once started, {result['dask']['ratio_cpu']:.2f}x in CPU time   target >= 0.9")
        else:
            say("6. a cluster: skipped (pip install -e '.[dask]')")
        # an archive of distinct articles: each copy gets a line of its own, so none is another's hit
        archive = Path(folder) / "archive"
        archive.mkdir()
        for n in range(CACHE_ARCHIVE):
            source = files[n % len(files)]
            (archive / f"{n:04d}-{source.name}").write_bytes(source.read_bytes() + f"\n\nCopy {n} of the benchmark archive.\n".encode())
        cache = Path(folder) / "reports"
        say(f"   report cache: {CACHE_ARCHIVE} distinct articles, `--jobs 2 --reports-cache DIR`, then the same again")
        first = _run_cli([str(archive), "--jobs", "2", "--reports-cache", str(cache)], CACHE_ARCHIVE)
        reruns = [_run_cli([str(archive), "--jobs", "2", "--reports-cache", str(cache)], CACHE_ARCHIVE) for _ in range(3)]
        rerun = min(r["wall"] for r in reruns)
        result["cache"] = {"articles": CACHE_ARCHIVE, "first_s": first["wall"], "rerun_s": rerun,
                           "speedup": first["wall"] / rerun, "rerun_peak_mb": max(reruns[0]["peak_mb"].values(), default=0)}
        say(f"   first run {first['wall']:.2f} s, re-run {rerun:.2f} s (best of 3; peak memory "
            f"{result['cache']['rerun_peak_mb']:.0f} MB): {result['cache']['speedup']:.1f}x   target >= 20\n")
    return result


def _system_busy() -> float:
    """Seconds of CPU all processes have used, from /proc/stat (0 where there is none)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
