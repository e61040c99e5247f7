"""The help a person reads first (issue 12, items 2 and 3): bare `rashomon` prints it, no Python
type shows as a metavar, nothing is split mid-word or cut at 80 columns, and each command's help
ends with examples and the exit codes."""
from __future__ import annotations

import re

import pytest
import typer

from rashomon.cli.app import app

COMMANDS = ("analyze", "schema")


def _flat(text: str) -> str:
    # click's wrapping may break a line after a hyphen ("re-" / "run"), as typesetters do
    return " ".join(re.sub(r"-\n\s+", "-", text).split())


def _texts(name: str | None) -> list[str]:
    """The help strings we wrote for a command (or the top level): its own and its options'."""
    group = typer.main.get_command(app)
    command = group if name is None else group.commands[name]
    texts = [p.help for p in command.params if getattr(p, "help", None) and not p.hidden]
    return texts + [paragraph for paragraph in (command.help or "").split("\n\n") if paragraph.strip()]


def test_bare_rashomon_prints_the_help_and_no_error(cli):
    result = cli()
    assert result.code == 0 and result.stderr == ""
    assert result.stdout == cli("--help").stdout
    assert "Usage: rashomon" in result.stdout and "analyze" in result.stdout


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_reads_whole_at_the_terminal_width(cli, name, width):
    out = cli(*([name] if name else []), "--help", width=width).stdout
    assert all(len(line) <= width for line in out.splitlines()), out
    for text in _texts(name):  # each help string whole: no word split, nothing cut with "..."
        assert _flat(text) in _flat(out), text
    assert "<" not in out.split("Examples:")[0]  # no <bool>, <list[str]>, <text>
    assert "..." not in out.replace("[INPUT]...", "").replace("[ARGS]...", "")


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_ends_with_examples_and_exit_codes(cli, name):
    out = cli(name, "--help").stdout
    examples = out.split("Examples:")[1].split("Exit codes:")[0]
    commands = [line.strip() for line in examples.splitlines() if line.strip()]
    assert 2 <= len(commands) <= 3 and all(c.startswith(f"rashomon {name}") for c in commands)
    codes = out.split("Exit codes:")[1]
    assert codes.strip().startswith("0")
    if name == "analyze":
        codes = [line.split()[0] for line in codes.strip().splitlines() if not line.startswith(" " * 7)]  # not a line's continuation
        assert codes == ["0", "1", "2", "130", "143"]


def test_h_is_help_too(cli):
    assert cli("analyze", "-h").stdout == cli("analyze", "--help").stdout
