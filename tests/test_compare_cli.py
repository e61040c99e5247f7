"""`rashomon compare` end to end: articles we wrote (two outlets with different tolls and
opposite blame, a denial, a subgroup, an old toll recalled, an unrelated story), the examples,
`--reports`, every format, every error path."""
from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import EXAMPLES

STATE = """Rebels shell market in Kelmora, killing 12

NIAMEY, March 3, 2025 — At least 12 civilians were killed and 30 wounded when shells struck the crowded market in the town of Kelmora on Sunday, local officials said.

The Nigerien army accused the Free Hills Front (FHF) of firing the shells from the ridge east of Kelmora.

Traders said the market had been busier than usual before a religious holiday.

In 2019, an ambush near Dorvan killed 40 soldiers.
"""

REBEL = """Army artillery kills 19 at Kelmora market

March 3, 2025 — Army artillery struck the weekly market in Kelmora on Sunday, killing 19 civilians, including six children, the Free Hills Front (FHF) said.

The FHF accused the Nigerien army of shelling its own people. The Free Hills Front denied firing on the town.
"""

BUDGET = """Parliament approves new budget after long debate

March 4, 2025 — Lawmakers approved the budget on Tuesday after a long debate about pensions and road building in the southern provinces.
"""


@pytest.fixture
def articles(tmp_path):
    paths = []
    for name, text in (("state.txt", STATE), ("budget.txt", BUDGET), ("rebel.txt", REBEL)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _kelmora(document):
    (event,) = [e for e in document["events"] if len(e["articles"]) > 1]
    return event


def _toll(event, outcome="killed"):
    return next(f for f in event["figures"] if f["outcome"] == outcome and f["victims"] is None)


def test_two_outlets_of_one_event_side_by_side(cli, articles):
    result = cli("compare", *articles, "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["events"]) == 2 and document["failures"] == []
    event = _kelmora(document)
    assert {a["input"].rsplit("/", 1)[-1] for a in event["articles"]} == {"state.txt", "rebel.txt"}
    assert event["places"][0] == "Kelmora" and event["date"] == "2025-03-02"

    toll = _toll(event)
    assert (toll["low"], toll["high"], toll["conservative"], toll["disagree"]) == (12, 19, 12, True)
    assert sorted(r["count"] for r in toll["reports"]) == [12, 19]
    # the subgroup is a subgroup; the 2019 ambush elsewhere is no figure of this event
    children = [f for f in event["figures"] if f["victims"] == "children"]
    assert [(f["low"], f["part_of"]) for f in children] == [(6, "all")]
    assert all(r["count"] != 40 for f in event["figures"] for r in f["reports"])
    # offsets index the article's text, as `analyze` reports it
    texts = {r["input"]: r["article"]["text"] for r in cli("analyze", *articles).lines()}
    for report in toll["reports"]:
        ev = report["evidence"]
        assert texts[report["input"]][ev["start"]:ev["end"]] == ev["text"]


def test_opposite_blame_and_a_denial_are_called_out(cli, articles):
    event = _kelmora(json.loads(cli("compare", *articles, "-f", "json").stdout))
    kinds = {d["kind"]: d for d in event["disagreements"]}
    assert set(kinds) == {"figures", "blame", "denial"}
    assert set(kinds["blame"]["parties"]) == {"Niger", "Free Hills Front"}
    assert kinds["denial"]["parties"] == ["Free Hills Front", "Niger"]
    accounts = {a["party"]: a for a in event["accounts"]}
    assert accounts["Free Hills Front"]["statements"][0]["denial"] is True
    assert accounts["Niger"]["accusations"][0]["accused_party"] == "Free Hills Front"


def test_one_event_puts_all_the_articles_together(cli, articles):
    document = json.loads(cli("compare", "--one-event", *articles, "-f", "json").stdout)
    assert [len(e["articles"]) for e in document["events"]] == [3]


def test_reports_analysed_once_are_compared_without_parsing(cli, articles, tmp_path):
    analysed = cli("analyze", *articles, "--format", "jsonl")
    archive = tmp_path / "archive.jsonl"
    archive.write_text(analysed.stdout, encoding="utf-8")
    direct = json.loads(cli("compare", *articles, "-f", "json").stdout)
    again = cli("compare", "--reports", archive, "-f", "json")
    assert again.code == 0 and json.loads(again.stdout) == direct
    piped = cli("compare", "--reports", "-", "-f", "json", stdin=analysed.stdout.encode())
    assert json.loads(piped.stdout) == direct


def test_a_bad_reports_line_is_one_error_and_the_rest_still_runs(cli, articles, tmp_path):
    lines = cli("analyze", *articles, "--format", "jsonl").stdout.splitlines()
    archive = tmp_path / "archive.jsonl"
    archive.write_text("\n".join([lines[0], "{broken", lines[1], lines[2]]) + "\n", encoding="utf-8")
    result = cli("compare", "--reports", archive, "-f", "json")
    assert result.code == 1
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"rashomon: {archive}:2: not JSON")
    document = json.loads(result.stdout)
    assert document["failures"] == [{"input": f"{archive}:2", "error": message.split(": ", 2)[2]}]
    assert _toll(_kelmora(document))["high"] == 19


def test_an_input_that_fails_is_reported_and_the_rest_compared(cli, articles, tmp_path):
    result = cli("compare", *articles, tmp_path / "missing.txt", "-f", "json")
    assert result.code == 1
    assert "missing.txt" in result.stderr and len(result.stderr.splitlines()) == 1
    document = json.loads(result.stdout)
    assert [f["input"] for f in document["failures"]] == [str(tmp_path / "missing.txt")]
    assert _toll(_kelmora(document))["low"] == 12


def test_the_document_meets_the_schema_it_prints(cli, articles):
    schema = json.loads(cli("schema", "--compare").stdout)
    document = json.loads(cli("compare", *articles, "-f", "json").stdout)
    jsonschema.validate(document, schema)
    assert schema["properties"]["schema_version"] == {"const": 1}
    assert cli("schema").stdout != cli("schema", "--compare").stdout


def test_tables_on_a_terminal_json_in_a_pipe(cli, articles):
    table = cli("compare", *articles, tty=True, width=140)
    assert table.code == 0
    for heading in ("Event 2", "Figures", "Low–high", "Accounts", "Free Hills Front", "Disagreements", "12–19 (disagree)"):
        assert heading in table.stdout
    assert json.loads(cli("compare", *articles).stdout)["schema_version"] == 1


def test_markdown_tables(cli, articles):
    markdown = cli("compare", *articles, "-f", "markdown").stdout
    assert "| Outcome | Victims | Low–high | Best | Conservative |" in markdown
    assert "| killed | all | 12–19 (disagree) | 19 | 12 |" in markdown
    assert "| Niger | Free Hills Front |" in markdown


def test_article_text_is_data_in_tables_and_markdown(cli, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("Shelling in [bold]Kelmora[/bold] | x\x1b[31m\n\nShells killed 5 people in Kelmora on Sunday, officials said.\n", encoding="utf-8")
    table = cli("compare", path, tty=True, width=140).stdout
    assert "[bold]Kelmora[/bold]" in table and "\x1b[31m" not in table
    markdown = cli("compare", path, "-f", "markdown").stdout
    assert "\\[bold\\]Kelmora\\[/bold\\] \\| x" in markdown


def test_the_examples_compare(cli):
    document = json.loads(cli("compare", EXAMPLES, "-f", "json").stdout)
    tessit = next(e for e in document["events"] if "Tessit" in e["places"])
    assert len(tessit["articles"]) == 3 and len(document["events"]) == 3
    toll = _toll(tessit)
    assert (toll["low"], toll["high"], toll["best"], toll["disagree"]) == (12, 21, 17, True)


@pytest.mark.parametrize("args, message", [
    (["compare"], "no input"),
    (["compare", "--reports", "/nonexistent/reports.jsonl"], "cannot read /nonexistent/reports.jsonl"),
    (["compare", "--reports", "-", "-"], "stdin ('-') can be read only once"),
    (["compare", "-f", "jsonl", "x.txt"], "'jsonl' is not one of"),
])
def test_usage_errors_are_one_line_and_exit_2(cli, args, message):
    result = cli(*args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("rashomon: error:") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_compares_what_was_read_and_exits_130(cli, articles, monkeypatch):
    import rashomon.extractors.analyze as analyze_module

    real = analyze_module.analyze_sources

    def interrupted(sources, **settings):
        stream = real(sources, **settings)
        yield next(stream)
        stream.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(analyze_module, "analyze_sources", interrupted)
    result = cli("compare", *articles, "-f", "json")
    assert result.code == 130 and result.stderr.strip().endswith("interrupted")
    (event,) = json.loads(result.stdout)["events"]  # the one article analysed, compared
    assert event["articles"][0]["input"] == str(articles[0])


def test_a_closed_pipe_ends_quietly(articles):
    import io

    from rashomon.cli.app import main
    from rashomon.cli.env import Environment

    class Closed(io.StringIO):
        def write(self, text):
            raise BrokenPipeError

    err = io.StringIO()
    code = main(["compare", "--one-event", str(articles[1]), "-f", "json"], env=Environment(stdout=Closed(), stderr=err, stdout_isatty=False, stderr_isatty=False))
    assert code == 0 and err.getvalue() == ""


def test_the_inputs_of_analyze_an_input_list_a_url_and_records(cli, articles, tmp_path, server):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# the state outlet's report\n{articles[0]}\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "r1", "text": REBEL, "published": "2025-03-03"}) + "\n", encoding="utf-8")
    result = cli("compare", "-i", listing, "--records", records, f"{server}/plain.txt", "--allow-private", "-f", "json")
    assert result.code == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    kelmora = next(e for e in events if "Kelmora" in e["places"])
    assert {a["id"] for a in kelmora["articles"]} == {None, "r1"}
    assert any(a["input"] == f"{server}/plain.txt" for e in events for a in e["articles"])
