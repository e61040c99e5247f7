#!/usr/bin/env python3
"""Whether two versions of rashomon write the same reports: each runs over every article of the
corpora, and every difference is listed per article and per kind of fact.

    python scripts/compare_outputs.py                       # main against the working tree
    python scripts/compare_outputs.py --old v1 --new HEAD   # any two git revisions
    python scripts/compare_outputs.py --corpus examples --kind casualties --json

Articles: the .txt and .html files of ../shared/corpus/{dev,polnear-dev,pages} and examples/
(folders that are absent are skipped; gold and expected-text files are not articles). --corpus
replaces them (a folder or a file, repeatable).

Each version is a git revision exported with `git archive` (the working tree, or a folder given
instead of a revision, is used as it is),
laid out in a temporary folder the way pyproject.toml installs it (`cli/` as `rashomon.cli`,
`extractors/` as `rashomon.extractors`) and run as one `python -m rashomon analyze --format
jsonl --jobs 1` over all articles with PYTHONPATH on that folder: no reinstall, one model load.

Facts are matched across versions by their evidence offsets and main fields (an accusation's
accuser, accused and cue; a casualty's outcome, count and victims; a statement's speaker and
cue), then by offsets alone, then by main fields alone: a matched pair that differs is "changed"
with its fields old → new, the rest "added" or "removed". Accounts are matched by party and list
their statements and accusations by key, not index, so a fact added earlier does not shift them.
"article" covers the article's fields, warnings and errors; `provenance` (which code wrote the
report) is not compared.

Exit codes: 0 identical, 1 different, 2 usage error (unknown revision, missing folder, no
articles), 3 a version could not be run. Stdout is data only; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_SETS = ("dev", "polnear-dev", "pages")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
NOT_ARTICLES = (".gold.json", ".expected.txt")  # gold annotations; the expected body of an HTML page
FACT_KINDS = ("accusations", "casualties", "statements")
KINDS = (*FACT_KINDS, "accounts", "article")
# A fact's identity beside its evidence offsets (dotted paths into the fact).
MAIN_FIELDS = {
    "accusations": ("accuser.text", "accused.text", "cue"),
    "casualties": ("outcome", "count", "victims"),
    "statements": ("speaker.text", "cue"),
}
# Top-level report fields that are not compared: the facts have their own kinds, and provenance
# says which code wrote the report, not what it found.
NOT_ARTICLE_FIELDS = {*FACT_KINDS, "accounts", "provenance", "input"}
SHORT = 70  # characters of a string shown in a line of the text output
EXIT_SAME, EXIT_DIFFERENT, EXIT_USAGE, EXIT_RUN = 0, 1, 2, 3


class Usage(Exception):
    """A usage error: exit 2 with its message."""


class RunFailed(Exception):
    """A version could not be run: exit 3 with its message."""


# --- the diff (pure functions over report dicts) ---------------------------------------------

def field(fact: dict, path: str):
    """The value at a dotted path ("accuser.text"), None where a part is missing."""
    value = fact
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def offsets(fact: dict) -> tuple:
    evidence = fact.get("evidence") or {}
    return (evidence.get("start"), evidence.get("end"))


def main_fields(kind: str, fact: dict) -> tuple:
    return tuple(field(fact, path) for path in MAIN_FIELDS[kind])


def fact_key(kind: str, fact: dict) -> dict:
    """What names a fact in the output: its evidence offsets and main fields."""
    start, end = offsets(fact)
    return {"start": start, "end": end, **{path: field(fact, path) for path in MAIN_FIELDS[kind]}}


def changed_fields(old: dict, new: dict, prefix: str = "") -> dict:
    """{dotted path: {"old": value, "new": value}} for every field that differs, descending into
    dicts both sides have; a side where the field is absent (an older report) has no value."""
    changed = {}
    for name in dict.fromkeys([*old, *new]):
        path = f"{prefix}.{name}" if prefix else name
        if name in old and name in new and isinstance(old[name], dict) and isinstance(new[name], dict):
            changed.update(changed_fields(old[name], new[name], path))
        elif name not in old or name not in new or old[name] != new[name]:
            changed[path] = {side: values[name] for side, values in (("old", old), ("new", new)) if name in values}
    return changed


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def pair_up(old: list, new: list, keys) -> tuple[list, list, list]:
    """Pair the facts of two lists: identical ones first, then by each key function in turn
    (first come, first paired). Returns (pairs that differ, old left over, new left over)."""
    old_rest, new_rest = list(old), list(new)
    pairs = []
    for key in (canonical, *keys):
        waiting: dict = {}
        for fact in new_rest:
            waiting.setdefault(key(fact), []).append(fact)
        unpaired = []
        for fact in old_rest:
            match = waiting.get(key(fact))
            if match:
                partner = match.pop(0)
                new_rest.remove(partner)
                if key is not canonical:
                    pairs.append((fact, partner))
            else:
                unpaired.append(fact)
        old_rest = unpaired
    return pairs, old_rest, new_rest


def diff_facts(kind: str, old: list, new: list) -> dict:
    """The differences between two versions' facts of one kind (empty when the lists are equal)."""
    if old == new:
        return {}
    keys = (lambda f: canonical([offsets(f), main_fields(kind, f)]), lambda f: canonical(offsets(f)),
            lambda f: canonical(main_fields(kind, f)))
    pairs, removed, added = pair_up(old, new, keys)
    diff = {
        "added": [{"key": fact_key(kind, f), "fact": f} for f in added],
        "removed": [{"key": fact_key(kind, f), "fact": f} for f in removed],
        "changed": [{"key": fact_key(kind, a), "fields": changed_fields(a, b)} for a, b in pairs],
    }
    diff = {name: items for name, items in diff.items() if items}
    return diff or {"reordered": True}  # the same facts in another order


def statement_label(fact: dict) -> str:
    start, end = offsets(fact)
    return f"[{start}:{end}] {field(fact, 'speaker.text')}"


def accusation_label(fact: dict) -> str:
    start, end = offsets(fact)
    return f"[{start}:{end}] {field(fact, 'accuser.text')} -> {field(fact, 'accused.text')}"


def accounts_by_party(report: dict) -> dict:
    """Each account with its statements and accusations named by key instead of index."""
    statements, accusations = report.get("statements") or [], report.get("accusations") or []

    def named(indices, facts, label):
        return [label(facts[i]) if isinstance(i, int) and 0 <= i < len(facts) else f"#{i}?" for i in indices or []]

    return {
        account.get("party"): {
            **account,
            "statements": named(account.get("statements"), statements, statement_label),
            "accusations": named(account.get("accusations"), accusations, accusation_label),
        }
        for account in report.get("accounts") or []
    }


def diff_accounts(old: dict, new: dict) -> dict:
    before, after = accounts_by_party(old), accounts_by_party(new)
    diff = {
        "added": [{"key": {"party": p}, "fact": after[p]} for p in after if p not in before],
        "removed": [{"key": {"party": p}, "fact": before[p]} for p in before if p not in after],
        "changed": [{"key": {"party": p}, "fields": changed_fields(before[p], after[p])}
                    for p in before if p in after and before[p] != after[p]],
    }
    diff = {name: items for name, items in diff.items() if items}
    if not diff and [a.get("party") for a in old.get("accounts") or []] != [a.get("party") for a in new.get("accounts") or []]:
        return {"reordered": True}
    return diff


def article_fields(report: dict) -> dict:
    return {name: value for name, value in report.items() if name not in NOT_ARTICLE_FIELDS}


def diff_article(old: dict, new: dict) -> dict:
    """One change per article field that differs ("article.published", "warnings")."""
    fields = changed_fields(article_fields(old), article_fields(new))
    return {"changed": [{"key": {"field": path}, "fields": {path: change}} for path, change in fields.items()]} if fields else {}


def diff_reports(old: dict, new: dict, kinds=KINDS) -> dict:
    """{kind: its differences} for the kinds in which two reports of one article differ."""
    out = {}
    for kind in kinds:
        if kind in FACT_KINDS:
            diff = diff_facts(kind, old.get(kind) or [], new.get(kind) or [])
        elif kind == "accounts":
            diff = diff_accounts(old, new)
        else:
            diff = diff_article(old, new)
        if diff:
            out[kind] = diff
    return out


def compare_runs(old: dict, new: dict, kinds=KINDS) -> dict:
    """Both versions' reports ({input: report}) compared: every article's differences and a
    count per kind."""
    articles, summary = [], {kind: Counter(added=0, removed=0, changed=0, reordered=0) for kind in kinds}
    for name in [*old, *(n for n in new if n not in old)]:
        if name not in old or name not in new:
            articles.append({"input": name, "only_in": "new" if name not in old else "old"})
            continue
        diff = diff_reports(old[name], new[name], kinds)
        if diff:
            articles.append({"input": name, "kinds": diff})
        for kind, changes in diff.items():
            for change in ("added", "removed", "changed"):
                summary[kind][change] += len(changes.get(change, []))
            summary[kind]["reordered"] += bool(changes.get("reordered"))
    return {
        "identical": not articles,
        "articles": len(old.keys() | new.keys()),
        "differing": len(articles),
        "differences": articles,
        "summary": {kind: dict(counts) for kind, counts in summary.items()},
    }


# --- text output -----------------------------------------------------------------------------

def short(value) -> str:
    """A value in a few characters: evidence as its offsets, long strings cut."""
    if isinstance(value, dict) and "start" in value and "end" in value:
        return f"[{value['start']}:{value['end']}]"
    if isinstance(value, list):
        return "[" + ", ".join(short(v) for v in value) + "]"
    if isinstance(value, dict):  # a mention: what it says, not its empty fields
        value = json.dumps({k: v for k, v in value.items() if v not in (None, [], {})}, ensure_ascii=False)
        return value if len(value) <= SHORT else value[:SHORT - 1] + "…"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= SHORT else value[:SHORT - 1] + "…", ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def string_change(old: str, new: str) -> str:
    """Two long strings: where they part, with a little of each from there."""
    at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    start = max(0, at - 10)
    return (f"differs from offset {at} (length {len(old)} -> {len(new)}): "
            f"{short(old[start:start + 40])} -> {short(new[start:start + 40])}")


def change_text(change: dict) -> str:
    if "old" not in change or "new" not in change:
        return f"(absent) -> {short(change['new'])}" if "new" in change else f"{short(change['old'])} -> (absent)"
    old, new = change["old"], change["new"]
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(v, (str, int, float)) for v in old + new):
        gone = [v for v in old if v not in new]
        came = [v for v in new if v not in old]
        if gone or came:
            return ", ".join([*("+" + short(v) for v in came), *("-" + short(v) for v in gone)])
        return f"order {short(old)} -> {short(new)}"
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > SHORT:
        return string_change(old, new)
    return f"{short(old)} -> {short(new)}"


def key_text(kind: str, key: dict, fact: dict | None = None) -> str:
    """One line naming a fact: "[174:288] The army -> the ALM (accuse): allegation"."""
    if kind == "accounts":
        return str(key.get("party"))
    if kind == "article":
        return ""
    where = f"[{key['start']}:{key['end']}]"
    if kind == "accusations":
        text = f"{where} {key['accuser.text']} -> {key['accused.text']} ({key['cue']})"
        return text + (f": {short(fact.get('allegation'))}" if fact and fact.get("allegation") else "")
    if kind == "casualties":
        count = "?" if key["count"] is None else key["count"]
        return f"{where} {key['outcome']} {count} {key['victims'] or '?'}"
    text = f"{where} {key['speaker.text']} ({key['cue']})"
    return text + (f": {short(fact.get('content'))}" if fact and fact.get("content") else "")


def kind_lines(kind: str, changes: dict) -> list[str]:
    counts = " ".join(f"{mark}{len(changes.get(name, []))}" for mark, name in (("+", "added"), ("-", "removed"), ("~", "changed"))
                      if changes.get(name))
    lines = [f"  {kind}: {counts or 'same facts, other order'}"]
    for mark, name in (("+", "added"), ("-", "removed")):
        lines += [f"    {mark} {key_text(kind, item['key'], item['fact'])}" for item in changes.get(name, [])]
    for item in changes.get("changed", []):
        if kind == "article":
            lines += [f"    ~ {path}: {change_text(change)}" for path, change in item["fields"].items()]
            continue
        lines.append(f"    ~ {key_text(kind, item['key'])}")
        lines += [f"        {path}: {change_text(change)}" for path, change in item["fields"].items()]
    return lines


def text_report(result: dict, old_name: str, new_name: str, display) -> str:
    lines = []
    for article in result["differences"]:
        lines.append(f"== {display(article['input'])}")
        if "only_in" in article:
            lines.append(f"  reported by the {article['only_in']} version only")
            continue
        for kind, changes in article["kinds"].items():
            lines += kind_lines(kind, changes)
        lines.append("")
    if result["identical"]:
        lines.append(f"identical: {result['articles']} articles, the same reports from {old_name} and {new_name}")
        return "\n".join(lines)
    lines.append(f"{result['differing']} of {result['articles']} articles differ ({old_name} -> {new_name}):")
    lines.append(f"  {'kind':<12} {'added':>6} {'removed':>8} {'changed':>8} {'reordered':>10}")
    for kind, counts in result["summary"].items():
        lines.append(f"  {kind:<12} {counts['added']:>6} {counts['removed']:>8} {counts['changed']:>8} {counts['reordered']:>10}")
    return "\n".join(lines)


# --- the versions and their runs -------------------------------------------------------------

def git(*args: str, data: bool = False):
    try:
        out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True)
    except OSError as error:
        raise Usage(f"git cannot be run: {error}") from None
    if out.returncode != 0:
        lines = out.stderr.decode(errors="replace").strip().splitlines()
        raise Usage(f"git {args[0]}: {lines[-1] if lines else 'failed'}")
    return out.stdout if data else out.stdout.decode().strip()


def export_revision(revision: str, dest: Path) -> str:
    """The files of a git revision in dest; returns its short commit name."""
    try:
        commit = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except Usage:
        raise Usage(f"not a git revision of {ROOT}: {revision}") from None
    with tarfile.open(fileobj=io.BytesIO(git("archive", "--format=tar", commit, data=True))) as archive:
        archive.extractall(dest, filter="data")
    return commit[:10]


def package_source(package: str, package_dirs: dict, tree: Path) -> Path:
    """Where a package's files are in the source tree, by setuptools' package-dir rule: the
    longest mapped prefix ("rashomon.extractors" -> extractors/), else the dotted path."""
    prefixes = [p for p in package_dirs if p == "" or package == p or package.startswith(p + ".")]
    if not prefixes:
        return tree / package.replace(".", "/")
    prefix = max(prefixes, key=len)
    rest = package[len(prefix):].lstrip(".")
    return tree / package_dirs[prefix] / rest.replace(".", "/")


def importable_layout(tree: Path, dest: Path) -> Path:
    """A folder to put on PYTHONPATH that imports the tree's packages as installed: each
    package a folder of links to its files (modules and package data)."""
    pyproject = tree / "pyproject.toml"
    if not pyproject.is_file():
        raise Usage(f"no pyproject.toml in {tree}")
    settings = tomllib.loads(pyproject.read_text()).get("tool", {}).get("setuptools", {})
    packages = settings.get("packages")
    if not isinstance(packages, list):
        return tree  # no explicit packages: the tree imports as it is
    package_dirs = settings.get("package-dir", {})
    for package in packages:
        source = package_source(package, package_dirs, tree)
        if not source.is_dir():
            raise RunFailed(f"package {package}: {source} is not a folder")
        target = dest / package.replace(".", "/")
        target.mkdir(parents=True, exist_ok=True)
        for path in source.iterdir():
            if path.is_file():
                (target / path.name).symlink_to(path.resolve())
    return dest


# Runs the version's console script, as its installed `rashomon` would, once it has checked
# that the script's package is the version's own and not one installed elsewhere.
RUNNER = """\
import importlib, sys
layout, entry = sys.argv.pop(1), sys.argv.pop(1)
module, _, function = entry.partition(":")
package = importlib.import_module(module.split(".")[0])
if not (package.__file__ or "").startswith(layout):
    sys.exit(f"compare_outputs: {package.__name__} imported from {package.__file__}, not {layout}")
sys.argv[0] = "rashomon"
sys.exit(getattr(importlib.import_module(module), function)())
"""


def entry_point(tree: Path) -> str:
    """The `rashomon` console script of a tree's pyproject.toml ("rashomon.cli.app:main")."""
    scripts = tomllib.loads((tree / "pyproject.toml").read_text()).get("project", {}).get("scripts", {})
    if "rashomon" not in scripts:
        raise RunFailed(f"no rashomon script in {tree / 'pyproject.toml'}")
    return scripts["rashomon"]


def run_version(layout: Path, entry: str, files: list[Path], say) -> dict:
    """{input: report} from one `rashomon analyze` over all files."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(layout), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-c", RUNNER, str(layout), entry, "analyze", "--format", "jsonl", "--jobs", "1", *map(str, files)]
    started = time.monotonic()
    out = subprocess.run(command, capture_output=True, text=True, cwd=layout, env=env)
    reports = {}
    for line in out.stdout.splitlines():
        if line.strip():
            try:
                report = json.loads(line)
            except json.JSONDecodeError:
                raise RunFailed(f"not a JSON line: {line[:200]}") from None
            reports[report.get("input")] = report
    missing = [str(f) for f in files if str(f) not in reports]
    if missing:
        tail = " | ".join(out.stderr.strip().splitlines()[-3:])
        raise RunFailed(f"exit {out.returncode}, no report for {len(missing)} of {len(files)} articles: {tail}")
    say(f"  {len(reports)} reports in {time.monotonic() - started:.0f} s")
    return reports


@functools.cache
def shared_corpus() -> Path | None:
    """../shared/corpus beside this checkout, or beside the main worktree when this is another."""
    candidates = [ROOT.parent / "shared" / "corpus"]
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True).stdout.strip()
        if common:
            candidates.append(Path(common).parent.parent / "shared" / "corpus")
    except OSError:
        pass
    return next((c for c in candidates if c.is_dir()), None)


def default_corpora() -> list[Path]:
    shared = shared_corpus()
    folders = [shared / name for name in SHARED_SETS] if shared else []
    return [f for f in [*folders, ROOT / "examples"] if f.is_dir()]


def is_article(path: Path) -> bool:
    return path.is_file() and path.suffix in ARTICLE_SUFFIXES and not path.name.endswith(NOT_ARTICLES)


def articles_in(corpora: list[Path]) -> list[Path]:
    files = []
    for corpus in corpora:
        if corpus.is_file():
            files.append(corpus.resolve())
        elif corpus.is_dir():
            files += sorted(p.resolve() for p in corpus.iterdir() if is_article(p))
        else:
            raise Usage(f"no such folder or file: {corpus}")
    return list(dict.fromkeys(files))


def display_name(name: str) -> str:
    """An input as the reader knows it: relative to this checkout or the shared corpus."""
    path = Path(name)
    for base in (ROOT, shared_corpus() or ROOT):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return name


def prepare(version: str | None, temp: Path) -> tuple[str, Path, str]:
    """A version's name, importable layout and console script. The version is a git revision,
    a folder holding a version's source (its pyproject.toml at the top), or None: this
    checkout's working tree as it is."""
    if version is None:
        tree, name = ROOT, "the working tree"
    elif (Path(version) / "pyproject.toml").is_file():
        tree, name = Path(version).resolve(), f"the folder {version}"
    else:
        tree = temp / "tree"
        name = f"{version} ({export_revision(version, tree)})"
    return name, importable_layout(tree, temp / "layout"), entry_point(tree)


def kinds_from(values: list[str] | None) -> tuple:
    if not values:
        return KINDS
    chosen = [k.strip() for value in values for k in value.split(",") if k.strip()]
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise Usage(f"unknown kind {unknown[0]!r} (kinds: {', '.join(KINDS)})")
    return tuple(k for k in KINDS if k in chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Exit codes: 0 identical, 1 different, 2 usage error, 3 a version could not be run.")
    parser.add_argument("--old", default="main", metavar="REV", help="the old version: a git revision, or a folder of a version's source (default: main)")
    parser.add_argument("--new", metavar="REV", help="the new version, the same way (default: the working tree, as it is)")
    parser.add_argument("--corpus", action="append", type=Path, metavar="DIR",
                        help="folder (or file) of .txt/.html articles, repeatable (default: ../shared/corpus/{dev,polnear-dev,pages} and examples/)")
    parser.add_argument("--kind", action="append", metavar="KIND", help=f"compare only these kinds (repeatable or comma-separated: {', '.join(KINDS)})")
    parser.add_argument("--json", action="store_true", help="the comparison as one JSON object")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_SAME if stop.code == 0 else EXIT_USAGE
    say = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    try:
        kinds = kinds_from(args.kind)
        files = articles_in(args.corpus or default_corpora())
        if not files:
            raise Usage("no .txt or .html articles to compare")
        with tempfile.TemporaryDirectory(prefix="rashomon-compare-") as temp:
            # both versions laid out before either runs: a bad --new fails at once
            versions = {side: prepare(revision, Path(temp) / side) for side, revision in (("old", args.old), ("new", args.new))}
            runs = {}
            for side, (name, layout, entry) in versions.items():
                say(f"{side}: {name}, {len(files)} articles")
                runs[side] = run_version(layout, entry, files, say)
            names = {side: name for side, (name, _, _) in versions.items()}
    except Usage as error:
        print(f"compare_outputs: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RunFailed as error:
        print(f"compare_outputs: a version could not be run: {error}", file=sys.stderr)
        return EXIT_RUN
    except KeyboardInterrupt:
        print("compare_outputs: interrupted", file=sys.stderr)
        return 130
    result = compare_runs(runs["old"], runs["new"], kinds)
    if args.json:
        print(json.dumps({"old": names["old"], "new": names["new"], "kinds": list(kinds), **result}, ensure_ascii=False))
    else:
        print(text_report(result, names["old"], names["new"], display_name))
    return EXIT_SAME if result["identical"] else EXIT_DIFFERENT


if __name__ == "__main__":
    sys.exit(main())
