#!/usr/bin/env python3
"""Score rashomon on the shared dev sets and fail if any figure drops below its recorded floor,
or if any article of the shared corpora (dev, polnear-dev and the unannotated pages) fails:
real syntax reaches rules that fuzzing random text does not.

Skips (exit 0) when ../shared is absent, so a clone outside the team's workspace still passes.
Usage: python scripts/check_scores.py [--update]   (--update records today's figures as floors)
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "scripts" / "score_floors.json"
SETS = {"dev": "corpus/dev", "polnear-dev": "corpus/polnear-dev"}
# Articles with no gold: only checked to be analysed without failing.
UNSCORED = ("corpus/pages",)
FAILED_MARK = "failed, scored as an empty report"
# Room for noise between spaCy builds before a drop counts as a regression.
TOLERANCE = 0.01


ANALYZE = [sys.executable, "-m", "rashomon", "analyze", "--format", "jsonl"]


def score(corpus: Path) -> tuple[dict, list[str]]:
    """The scorer's figures for a corpus, and the articles rashomon failed on."""
    scorer = SHARED / "eval" / "score.py"
    out = subprocess.run(
        [sys.executable, str(scorer), str(corpus), "--cmd", " ".join(ANALYZE), "--json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    if out.returncode != 0:
        sys.exit(f"check_scores: scoring {corpus.name} failed:\n{out.stderr[-2000:]}")
    failures = [line for line in out.stderr.splitlines() if FAILED_MARK in line]
    return json.loads(out.stdout.strip().splitlines()[-1]), failures


def failures_in(folder: Path) -> list[str]:
    """The inputs of a folder that rashomon reports as failed."""
    out = subprocess.run([*ANALYZE, str(folder)], capture_output=True, text=True, cwd=ROOT)
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return [f"{r['input']}: {r['error']}" for r in lines if "error" in r]


def main() -> int:
    if not (SHARED / "eval" / "score.py").exists():
        print("check_scores: ../shared not found, skipping the dev-set check")
        return 0
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    current = {}
    failed = False
    failures: list[str] = []
    for name, folder in SETS.items():
        figures, failed_articles = score(SHARED / folder)
        failures += failed_articles
        current[name] = {k: v["f1"] for k, v in figures.items() if isinstance(v, dict)}
        for kind, f1 in current[name].items():
            floor = floors.get(name, {}).get(kind)
            status = "ok"
            if floor is not None and f1 < floor - TOLERANCE:
                status, failed = f"BELOW FLOOR {floor:.3f}", True
            print(f"{name:12} {kind:12} F1 {f1:.3f}  {status}")
    for folder in UNSCORED:
        failures += failures_in(SHARED / folder)
    for failure in failures:
        print(f"check_scores: an article failed: {failure}")
    failed = failed or bool(failures)
    if "--update" in sys.argv:
        FLOORS.write_text(json.dumps(current, indent=2) + "\n")
        print(f"check_scores: floors recorded in {FLOORS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
