#!/usr/bin/env python3
"""Score rashomon on the shared dev sets and fail if any figure drops below its recorded floor.

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
# Room for noise between spaCy builds before a drop counts as a regression.
TOLERANCE = 0.01


def score(corpus: Path) -> dict:
    scorer = SHARED / "eval" / "score.py"
    command = f"{sys.executable} -m rashomon analyze --format jsonl"
    out = subprocess.run(
        [sys.executable, str(scorer), str(corpus), "--cmd", command, "--json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    if out.returncode != 0:
        sys.exit(f"check_scores: scoring {corpus.name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if not (SHARED / "eval" / "score.py").exists():
        print("check_scores: ../shared not found, skipping the dev-set check")
        return 0
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    current = {}
    failed = False
    for name, folder in SETS.items():
        figures = score(SHARED / folder)
        current[name] = {k: v["f1"] for k, v in figures.items() if isinstance(v, dict)}
        for kind, f1 in current[name].items():
            floor = floors.get(name, {}).get(kind)
            status = "ok"
            if floor is not None and f1 < floor - TOLERANCE:
                status, failed = f"BELOW FLOOR {floor:.3f}", True
            print(f"{name:12} {kind:12} F1 {f1:.3f}  {status}")
    if "--update" in sys.argv:
        FLOORS.write_text(json.dumps(current, indent=2) + "\n")
        print(f"check_scores: floors recorded in {FLOORS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
