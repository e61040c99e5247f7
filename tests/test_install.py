"""The installed command, end to end, as a new user runs it after the README's set-up command:
the console script on an HTML page, on HTML from stdin and on a URL from a local server, plus
what HTML extraction needs at import time (a dependency that pip leaves out breaks every page)."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HARBOR, ROOT

SCRIPT = Path(sys.executable).parent / "rashomon"


# trafilatura's fallback extractors (readability, jusText) import lxml.html.clean, which lxml
# ships separately since 5.2; pip 23.2 does not install it through lxml's extra.
@pytest.mark.parametrize("module", ["trafilatura", "justext", "lxml.html.clean", "lxml_html_clean"])
def test_html_extraction_can_import_what_it_needs(module):
    importlib.import_module(module)


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    if not SCRIPT.exists():
        pytest.skip(f"no installed console script at {SCRIPT} (install with pip install -e .)")
    return subprocess.run([str(SCRIPT), *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)


def _abducted(result: subprocess.CompletedProcess) -> list[int]:
    assert result.returncode == 0, result.stderr.decode()
    (report,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "error" not in report
    return [c["count"] for c in report["casualties"] if c["outcome"] == "abducted"]


def test_installed_script_reads_an_html_page():
    assert _abducted(_run("analyze", str(HARBOR))) == [8]


def test_installed_script_reads_html_on_stdin():
    assert _abducted(_run("analyze", "-", stdin=HARBOR.read_bytes())) == [8]


def test_installed_script_fetches_a_url(server):
    assert _abducted(_run("analyze", f"{server}/article.html", "--allow-private")) == [8]


def test_installed_script_and_module_report_the_version():
    from rashomon import __version__

    assert _run("-V").stdout.decode().strip() == f"rashomon {__version__}"
    module = subprocess.run([sys.executable, "-m", "rashomon", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert module.stdout.strip() == f"rashomon {__version__}"


def test_nothing_generic_is_installed_at_the_top_level(tmp_path):
    # the card's folders are installed as rashomon.cli and rashomon.extractors; run away from the
    # checkout, where its own folders would be found from the current directory
    code = (
        "import importlib.util as u, pathlib, rashomon.cli, rashomon.extractors;"
        "print(pathlib.Path(rashomon.cli.__file__).parent.name, pathlib.Path(rashomon.extractors.__file__).parent.name,"
        " u.find_spec('cli') is None, u.find_spec('extractors') is None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.stdout.split() == ["cli", "extractors", "True", "True"], out.stderr


def test_a_missing_html_dependency_is_one_usage_error_before_any_work(cli, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "lxml_html_clean" else real(name, *a))
    result = cli("analyze", HARBOR, HARBOR)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "pip install lxml_html_clean" in result.stderr


def test_every_package_folder_is_installed():
    """A wheel (pip install ., pipx) holds only the packages pyproject lists: a new subpackage
    left out works in the editable checkout and is missing from every real install."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    for folder, name in (("cli", "rashomon.cli"), ("extractors", "rashomon.extractors")):
        for init in (ROOT / folder).rglob("__init__.py"):
            package = ".".join([name, *init.parent.relative_to(ROOT / folder).parts])
            assert package in listed, f"{package} is not in pyproject's packages"


def test_the_readmes_python_example_runs_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## From Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    script = block + "\nprint(json.dumps(report.to_dict()['provenance']['rashomon']))\n"
    done = subprocess.run([sys.executable, "-c", "import json\n" + script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("killed 12 civilians")  # the first figure printed, as the README shows
    assert lines[-2] == "Coast guard says raiders seized fishermen off Berbera 2025-06-14 The Gulf Ledger"
    assert json.loads(lines[-1]) == importlib.import_module("rashomon").__version__
