"""scripts/compare_outputs.py: the diff of two versions' reports (pure functions on reports
written here), the layout that imports a version's source as installed, and whole runs: two
hand-made versions that disagree, and this checkout's HEAD against its working tree."""
from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "compare_outputs.py"
SPEC = importlib.util.spec_from_file_location("compare_outputs", SCRIPT)
co = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(co)

TEXT = "Rebels shelled the town on Monday, the army said. The rebels accused the army of lying. Two guards were hurt."


def mention(text: str, party: str | None = None) -> dict:
    return {"text": text, "name": None, "party": party, "role": None}


def evidence(sentence: str) -> dict:
    start = TEXT.index(sentence)
    return {"text": sentence, "start": start, "end": start + len(sentence)}


ACCUSATION = {
    "accuser": mention("The rebels", "Rebels"), "accused": mention("the army", "Army"), "allegation": "lying",
    "cue": "accuse", "code": "112", "date": None, "evidence": evidence("The rebels accused the army of lying."), "more_evidence": [],
}
STATEMENT = {
    "speaker": mention("the army", "Army"), "content": "Rebels shelled the town on Monday", "direct": False, "cue": "say",
    "evidence": evidence("Rebels shelled the town on Monday, the army said."), "anonymous": False, "via": None,
}
CASUALTY = {
    "outcome": "injured", "count": 2, "min": None, "max": None, "approximate": False, "conservative": None,
    "victims": "guards", "names": [], "perpetrator": None, "reported_by": None, "location": None, "date": None,
    "evidence": evidence("Two guards were hurt."), "more_evidence": [], "background": False,
}


def report(**changes) -> dict:
    base = {
        "schema_version": 1, "input": "a.txt",
        "article": {"text": TEXT, "title": "Shelling", "url": None, "source": None, "published": "2025-01-06", "language": "en", "author": None},
        "accusations": [ACCUSATION], "casualties": [CASUALTY], "statements": [STATEMENT],
        "accounts": [{"party": "Army", "statements": [0], "accusations": []}, {"party": "Rebels", "statements": [], "accusations": [0]}],
        "warnings": [], "provenance": {"rashomon": "0.1.0"},
    }
    return {**copy.deepcopy(base), **copy.deepcopy(changes)}


def test_identical_reports_have_no_differences():
    assert co.diff_reports(report(), report()) == {}
    result = co.compare_runs({"a.txt": report()}, {"a.txt": report()})
    assert result["identical"] and result["differing"] == 0 and result["articles"] == 1


def test_provenance_is_not_compared():
    assert co.diff_reports(report(), report(provenance={"rashomon": "0.2.0"})) == {}


def test_an_added_fact_is_listed_with_its_offsets_and_main_fields():
    other = {**ACCUSATION, "accuser": mention("the army", "Army"), "accused": mention("Rebels", "Rebels"), "cue": "blame",
             "evidence": evidence("Rebels shelled the town on Monday, the army said.")}
    diff = co.diff_reports(report(), report(accusations=[ACCUSATION, other]))
    (added,) = diff["accusations"]["added"]
    assert added["key"] == {"start": 0, "end": 49, "accuser.text": "the army", "accused.text": "Rebels", "cue": "blame"}
    assert set(diff["accusations"]) == {"added"}
    assert set(diff) == {"accusations"}  # the account lists its accusations by key: unchanged


def test_a_removed_fact():
    diff = co.diff_reports(report(), report(casualties=[]))
    assert [item["key"]["victims"] for item in diff["casualties"]["removed"]] == ["guards"]
    assert set(diff["casualties"]) == {"removed"}


def test_a_fact_with_the_same_evidence_and_another_field_is_changed():
    changed = {**CASUALTY, "count": 3, "min": 3}
    diff = co.diff_reports(report(), report(casualties=[changed]))
    (item,) = diff["casualties"]["changed"]
    assert item["fields"] == {"count": {"old": 2, "new": 3}, "min": {"old": None, "new": 3}}
    assert item["key"]["count"] == 2  # named as the old version had it


def test_nested_fields_and_absent_fields_are_told_apart_from_null():
    newer = {**CASUALTY, "reported_by": mention("the army"), "perpetrator": None}
    older = {k: v for k, v in CASUALTY.items() if k != "background"}
    diff = co.diff_reports(report(casualties=[older]), report(casualties=[newer]))
    fields = diff["casualties"]["changed"][0]["fields"]
    assert fields["reported_by"] == {"old": None, "new": mention("the army")}
    assert fields["background"] == {"new": False}
    lines = co.kind_lines("casualties", diff["casualties"])
    assert '        background: (absent) -> false' in lines
    assert '        reported_by: null -> {"text": "the army"}' in lines


def test_a_statement_added_first_does_not_shift_the_accounts():
    first = {**STATEMENT, "speaker": mention("a guard"), "cue": "tell", "evidence": evidence("Two guards were hurt.")}
    new = report(statements=[first, STATEMENT], accounts=[{"party": "Army", "statements": [1], "accusations": []},
                                                         {"party": "Rebels", "statements": [], "accusations": [0]}])
    diff = co.diff_reports(report(), new)
    assert set(diff) == {"statements"} and set(diff["statements"]) == {"added"}


def test_an_account_that_gains_a_statement():
    second = {**STATEMENT, "content": "the town is calm", "evidence": evidence("Two guards were hurt.")}
    new = report(statements=[STATEMENT, second], accounts=[{"party": "Army", "statements": [0, 1], "accusations": []},
                                                          {"party": "Rebels", "statements": [], "accusations": [0]}])
    diff = co.diff_reports(report(), new, kinds=("accounts",))
    (item,) = diff["accounts"]["changed"]
    assert item["key"] == {"party": "Army"}
    assert item["fields"]["statements"] == {"old": ["[0:49] the army"], "new": ["[0:49] the army", "[88:109] the army"]}
    assert co.kind_lines("accounts", diff["accounts"])[-1] == '        statements: +"[88:109] the army"'


def test_the_same_facts_in_another_order():
    other = {**STATEMENT, "evidence": evidence("Two guards were hurt.")}
    diff = co.diff_reports(report(statements=[STATEMENT, other]), report(statements=[other, STATEMENT]), kinds=("statements",))
    assert diff == {"statements": {"reordered": True}}


def test_article_fields_and_warnings():
    new = report(warnings=["no date"])
    new["article"]["published"] = None
    new["article"]["text"] = TEXT.replace("Monday", "Tuesday") + " " * 80
    diff = co.diff_reports(report(), new)
    fields = [item["key"]["field"] for item in diff["article"]["changed"]]
    assert fields == ["article.text", "article.published", "warnings"]
    lines = co.kind_lines("article", diff["article"])
    assert lines[0] == "  article: ~3"
    assert lines[1].startswith("    ~ article.text: differs from offset 27 (length 109 -> 190)")
    assert lines[2] == '    ~ article.published: "2025-01-06" -> null'


def test_kinds_restrict_the_comparison():
    new = report(casualties=[], warnings=["no date"])
    assert set(co.diff_reports(report(), new, kinds=("casualties",))) == {"casualties"}
    assert co.diff_reports(report(), new, kinds=("accusations", "statements")) == {}


def test_the_summary_counts_each_kind():
    old = {"a.txt": report(), "b.txt": report()}
    new = {"a.txt": report(casualties=[]), "b.txt": report(casualties=[{**CASUALTY, "count": 5}])}
    result = co.compare_runs(old, new)
    assert not result["identical"] and result["differing"] == 2
    assert result["summary"]["casualties"] == {"added": 0, "removed": 1, "changed": 1, "reordered": 0}
    text = co.text_report(result, "old", "new", str)
    assert "== a.txt" in text and "    - [88:109] injured 2 guards" in text
    assert "  casualties        0        1        1          0" in text


def test_an_article_reported_by_one_version_only():
    result = co.compare_runs({"a.txt": report()}, {"a.txt": report(), "b.txt": report()})
    assert result["differences"] == [{"input": "b.txt", "only_in": "new"}]


def test_package_dirs_map_as_setuptools_does(tmp_path):
    dirs = {"rashomon.cli": "cli", "rashomon.extractors": "extractors"}
    assert co.package_source("rashomon", dirs, tmp_path) == tmp_path / "rashomon"
    assert co.package_source("rashomon.cli.render", dirs, tmp_path) == tmp_path / "cli" / "render"
    assert co.package_source("rashomon.extractors", dirs, tmp_path) == tmp_path / "extractors"
    assert co.package_source("rashomonx", dirs, tmp_path) == tmp_path / "rashomonx"


# A version of "rashomon" small enough to write here: its console script prints one report per
# article with a casualty whose count is the package's data file (package-dir maps it to src/).
FAKE_MAIN = '''
import json, sys
from importlib.resources import files

def main():
    count = int(files("fake").joinpath("count.txt").read_text())
    for path in [a for a in sys.argv[1:] if a.endswith(".txt")]:
        text = open(path).read()
        figure = {"outcome": "killed", "count": count, "victims": "people",
                  "evidence": {"text": text, "start": 0, "end": len(text)}}
        print(json.dumps({"input": path, "article": {"text": text}, "casualties": [figure]}))
    return 0
'''


def fake_version(folder: Path, count: int) -> Path:
    (folder / "src").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(textwrap.dedent("""
        [project]
        name = "fake"
        scripts = { rashomon = "fake.app:main" }
        [tool.setuptools]
        packages = ["fake"]
        package-dir = { "fake" = "src" }
    """))
    (folder / "src" / "__init__.py").write_text("")
    (folder / "src" / "app.py").write_text(FAKE_MAIN)
    (folder / "src" / "count.txt").write_text(str(count))
    return folder


def run_script(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout)


def test_two_versions_that_disagree(tmp_path):
    old, new = fake_version(tmp_path / "old", 3), fake_version(tmp_path / "new", 4)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("Three people were killed.")
    (tmp_path / "articles" / "one.gold.json").write_text("{}")
    out = run_script("--old", str(old), "--new", str(new), "--corpus", str(tmp_path / "articles"))
    assert out.returncode == 1, out.stderr
    assert "    ~ [0:25] killed 3 people\n        count: 3 -> 4\n" in out.stdout
    assert "1 of 1 articles differ" in out.stdout
    assert "1 articles" in out.stderr  # progress, not data
    as_json = run_script("--old", str(old), "--new", str(new), "--corpus", str(tmp_path / "articles"), "--json")
    result = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and result["summary"]["casualties"]["changed"] == 1
    same = run_script("--old", str(old), "--new", str(old), "--corpus", str(tmp_path / "articles"), "--kind", "casualties")
    assert same.returncode == 0 and same.stdout.startswith("identical: 1 articles")


@pytest.mark.parametrize("args, message", [
    (("--kind", "rumours"), "unknown kind 'rumours'"),
    (("--corpus", "no/such/folder"), "no such folder or file"),
    (("--old", "no-such-revision-anywhere", "--corpus", "examples"), "not a git revision"),
    (("--frobnicate",), "unrecognized arguments"),
])
def test_usage_errors_exit_2(args, message):
    out = run_script(*args)
    assert out.returncode == 2 and message in out.stderr and out.stdout == ""
    assert "Traceback" not in out.stderr


def _code_changed() -> bool:
    """Whether the working tree's code differs from HEAD (then HEAD's reports may rightly differ)."""
    out = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "cli", "extractors", "rashomon", "pyproject.toml"],
                         capture_output=True, text=True)
    return out.returncode != 0 or bool(out.stdout.strip())


@pytest.mark.skipif(_code_changed(), reason="not a git checkout, or the code has uncommitted changes")
def test_head_and_the_working_tree_write_the_same_reports():
    out = run_script("--old", "HEAD", "--corpus", str(ROOT / "examples"), timeout=600)
    articles = len([p for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".html")])
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert out.stdout.startswith(f"identical: {articles} articles, the same reports from HEAD (")
    assert out.stdout.endswith(") and the working tree\n")
