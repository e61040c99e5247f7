"""The views for people: the summary (one article, a batch), --details, widths and the pager.

Each view is rendered into a fixed-width string console and read back as words: a word or a
figure cut by the layout ("174–28" for 174–288, "Mobiliza" + "tion") is a token that is in no
field of the report, so the checks below catch it."""
from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, HARBOR, ROOT, SEED, TESSIT

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# what separates words on screen: spaces, rich's box drawing, our bullets and arrows
SPLIT = re.compile(r"[\s│╭╮╰╯─━┃┏┓┗┛╇┡┩•→·]+")
# punctuation that sits next to a word without being part of it
EDGES = "“”\"'()[],.;:…≥≤~≈—-?!"
# the words the views add of their own: headings, labels, counts
OWN_WORDS = set(
    "Accusations Casualties Statements Accounts Accuser Accused Allegation Date Chars Outcome Figure Victims "
    "Perpetrator Reported by Place # Speaker Party Says How accusation accusations casualty figure figures "
    "statement statements party parties --details for the evidence each article articles Not on a side more "
    "blamed according to Article Published Toll Parties none found accuses quoted reported via anonymous "
    "Outlet warning details Accuses rashomon spaCy fetched from vague".split()
)


def words(text: str) -> set[str]:
    return {t.strip(EDGES) for t in SPLIT.split(ANSI.sub("", text))} - {""}


def vocabulary(reports: list[dict]) -> set[str]:
    """Every word and figure a view may show whole: the report's strings, numbers as written,
    offsets and ranges as the tables write them."""
    found: set[str] = set(OWN_WORDS)

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
            if {"start", "end"} <= value.keys():
                found.add(f"{value['start']}–{value['end']}")
            if value.get("min") is not None and value.get("max") is not None:
                found.add(f"{value['min']:,}–{value['max']:,}")
        elif isinstance(value, list):
            found.update(str(i) for i in range(len(value) + 1))  # a count of facts, an index
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.update(words(value))
            found.add(value.strip(EDGES))
        elif isinstance(value, int) and not isinstance(value, bool):
            found.update({str(value), f"{value:,}", f"{value:,}" + ")"})

    walk(reports)
    for kind in ("accusations", "casualties", "statements", "accounts"):  # the totals of a batch
        found.add(str(sum(len(r.get(kind, [])) for r in reports)))
    return found


def strays(out: str, reports: list[dict]) -> set[str]:
    """Words on screen that are in no field of the reports: cut words, cut figures."""
    known = vocabulary(reports)
    return {w for w in words(out) if w not in known}


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # short relative inputs, as a person types them
    return lambda path: str(path.relative_to(ROOT))


def _json(cli, *inputs) -> list[dict]:
    return [r for r in cli("analyze", *inputs, "-f", "jsonl").lines()]


def _plain(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


# --- the summary of one article --------------------------------------------------------------------


def test_seed_summary_fits_one_screen_and_names_every_fact(cli, at_root):
    seed = at_root(SEED)
    (report,) = _json(cli, seed)
    out = cli("analyze", seed, tty=True, width=120).stdout
    assert len(out.splitlines()) <= 40
    assert all(len(ANSI.sub("", line)) <= 120 for line in out.splitlines())
    flat = _plain(out)
    for a in report["accusations"]:
        accuser = a["accuser"]["party"] or a["accuser"]["name"] or a["accuser"]["text"]
        accused = a["accused"]["party"] or a["accused"]["name"] or a["accused"]["text"]
        assert f"{accuser} → {accused}: {' '.join(a['allegation'].split()[:4])}" in flat
    for c in report["casualties"]:
        assert f"{c['count']} {c['outcome']}" in flat
        assert all(name in flat for name in c["names"])
    for account in report["accounts"]:  # side by side: a heading may wrap inside its column
        n = len(account["statements"])
        assert f"{account['party']} ({n} statement" in flat or (
            words(account["party"]) <= words(out) and f"({n}" in out), account["party"]
    counts = [len(report[k]) for k in ("accusations", "casualties", "statements", "accounts")]
    assert "{} accusations · {} casualty figure".format(*counts[:2]) in flat
    assert "{} statements · {} parties".format(*counts[2:]) in flat
    assert "Chars" not in out and "29–268" not in out  # the offsets are for --details


@pytest.mark.parametrize("width", [60, 80, 120])
def test_summary_never_cuts_a_word_or_a_figure(cli, at_root, width):
    inputs = [at_root(p) for p in (SEED, TESSIT, HARBOR)]
    reports = _json(cli, *inputs)
    for path, report in zip(inputs, reports):
        out = cli("analyze", path, tty=True, width=width).stdout
        assert strays(out, [report]) == set(), (width, path)
        assert all(len(ANSI.sub("", line)) <= width for line in out.splitlines())
        for c in report["casualties"]:
            assert c["outcome"] in out


def test_summary_shortens_long_statements_at_a_word_with_an_ellipsis(cli, at_root):
    out = ANSI.sub("", cli("analyze", at_root(SEED), tty=True, width=80).stdout)
    shortened = [line for line in out.splitlines() if "…" in line]
    assert shortened
    for line in shortened:
        for piece in re.findall(r"(\S+)…", line):
            assert piece.strip(EDGES) in vocabulary(_json(cli, at_root(SEED)))


def test_accounts_stand_side_by_side_in_the_summary(cli, at_root):
    out = ANSI.sub("", cli("analyze", at_root(TESSIT), tty=True, width=120).stdout)
    header = next(line for line in out.splitlines() if line.startswith("Mali ("))
    assert "Azawad Liberation Movement (3 statements" in header
    assert "Not on a side (2 statements): local officials, A nurse" in out


# --- a batch ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 80, 120])
def test_batch_is_one_row_per_article_then_the_totals(cli, at_root, width):
    reports = _json(cli, at_root(EXAMPLES))
    out = cli("analyze", at_root(EXAMPLES), tty=True, width=width).stdout
    assert strays(out, reports) == set()
    flat = _plain(out)
    for report in reports:  # (a title may wrap inside its cell)
        assert words(report["article"]["title"] or report["input"]) <= words(out)
    assert flat.count("Article") == (1 if width >= 120 else len(reports))  # a table, or stacked rows
    assert _totals(reports) in flat
    assert words("≥12 killed, 30 injured, 2 detained") <= words(out)


def _totals(reports) -> str:
    """The start of a batch's totals line, counted from the JSON reports."""
    count = lambda kind: sum(len(r[kind]) for r in reports)  # noqa: E731
    return f"{len(reports)} articles · {count('accusations')} accusations · {count('casualties')} casualty figures"


def test_details_gives_every_article_in_full(cli, at_root):
    out = cli("analyze", at_root(SEED), at_root(TESSIT), "--details", tty=True, width=160).stdout
    assert out.count("Accusations") == 2 and "29–268" in out and "Chars" in out
    assert cli("analyze", at_root(SEED), "-v", tty=True, width=160).stdout.count("Chars") == 3


# --- tables that never lose data (issue 12, item 4) ---------------------------------------------


@pytest.mark.parametrize("width", [60, 80, 160])
def test_details_keep_every_offset_and_figure_whole(cli, at_root, width):
    inputs = [at_root(p) for p in (SEED, TESSIT, HARBOR)]
    reports = _json(cli, *inputs)
    for path, report in zip(inputs, reports):
        out = cli("analyze", path, "--details", tty=True, width=width).stdout
        shown = words(out)
        facts = report["accusations"] + report["casualties"] + report["statements"]
        for fact in facts:
            assert f"{fact['evidence']['start']}–{fact['evidence']['end']}" in shown, (width, path)
        for c in report["casualties"]:
            if c["count"] is None and c["min"] is None:  # a vague quantity ("several wounded")
                assert "vague" in shown
                continue
            figure = f"{c['min']:,}–{c['max']:,}" if c["count"] is None else f"{c['count']:,}"
            assert any(w.lstrip("≥≤~") == figure for w in shown)
        assert strays(out, [report]) == set(), (width, path)
        assert all(len(ANSI.sub("", line)) <= width for line in out.splitlines())


def test_narrow_terminals_get_stacked_rows(cli, at_root):
    out = ANSI.sub("", cli("analyze", at_root(SEED), "--details", tty=True, width=60).stdout)
    assert re.search(r"Figure +4 ", out) and re.search(r"Chars +29–268", out)
    wide = ANSI.sub("", cli("analyze", at_root(SEED), "--details", tty=True, width=160).stdout)
    assert re.search(r"Outcome +Figure +Victims", wide)  # a table where it fits


def test_a_table_into_a_file_is_as_wide_as_it_needs(cli, at_root, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    (report,) = _json(cli, at_root(TESSIT))
    out = cli("analyze", at_root(TESSIT), "-f", "table", "--details", width=None).stdout
    assert "\x1b" not in out
    lines = out.splitlines()
    for s in report["statements"]:  # each statement on one line: nothing wrapped
        assert any(" ".join(s["content"].split()) in line for line in lines)
    assert max(len(line) for line in lines) > 160
    assert not any(line.endswith(" ") for line in lines)  # rich's cell padding is not written to a file
    monkeypatch.setenv("COLUMNS", "100")
    narrow = cli("analyze", at_root(TESSIT), "-f", "table", "--details", width=None).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 100
    assert strays(narrow, [report]) == set()


# --- markdown at the same two levels ----------------------------------------------------------------


def test_markdown_summary_and_batch(cli, at_root):
    one = cli("analyze", at_root(SEED), "-f", "markdown").stdout
    assert "### Accusations (3)" in one and "### Accounts" in one and "| Chars |" not in one
    assert "- **4 killed** — PMF fighters" in one
    batch = cli("analyze", at_root(EXAMPLES), "-f", "markdown").stdout.splitlines()
    assert batch[0] == "| Article | Published | Outlet | Toll | Accusations | Parties |"
    rows = [line for line in batch[2:] if line.startswith("| ")]
    reports = _json(cli, at_root(EXAMPLES))
    assert len(rows) == len(reports) > 1 and batch.count(batch[0]) == 1
    assert batch[-1].startswith(f"**{_totals(reports)}")
    details = cli("analyze", at_root(SEED), "-f", "markdown", "--details").stdout
    assert "| Outcome | Figure |" in details and "29–268" in details


def test_json_is_unchanged_by_the_view_options(cli, at_root):
    plain = cli("analyze", at_root(SEED), "-f", "json").stdout
    assert cli("analyze", at_root(SEED), "-f", "json", "--details").stdout == plain


# --- the pager -------------------------------------------------------------------------------------


def _pager(tmp_path):
    target = tmp_path / "paged.txt"
    return target, f"cat > '{target}'"


def test_output_longer_than_the_terminal_is_paged_with_its_colours(cli, at_root, tmp_path):
    target, pager = _pager(tmp_path)
    result = cli("analyze", at_root(SEED), tty=True, no_color=False, width=120, height=10, pager=pager)
    assert result.code == 0 and result.stdout == ""
    paged = target.read_text()
    assert "Accusations (3)" in paged and "\x1b[" in paged


def test_output_that_fits_is_not_paged(cli, at_root, tmp_path):
    target, pager = _pager(tmp_path)
    result = cli("analyze", at_root(SEED), tty=True, width=120, height=200, pager=pager)
    assert "Accusations (3)" in result.stdout and not target.exists()
    forced = cli("analyze", at_root(SEED), "--pager", tty=True, width=120, height=200, pager=pager)
    assert forced.stdout == "" and "Accusations (3)" in target.read_text()


def test_no_pager_and_pipes_are_never_paged(cli, at_root, tmp_path):
    target, pager = _pager(tmp_path)
    direct = cli("analyze", at_root(SEED), "--no-pager", tty=True, width=120, height=5, pager=pager)
    assert "Accusations (3)" in direct.stdout
    piped = cli("analyze", at_root(SEED), "-f", "table", "--pager", width=120, height=5, pager=pager)
    assert "Accusations (3)" in piped.stdout
    assert not target.exists()


def test_a_pager_that_cannot_start_still_shows_the_output(cli, at_root):
    result = cli("analyze", at_root(SEED), "--pager", tty=True, width=120, pager="no-such-pager-here")
    assert result.code == 0 and "Accusations (3)" in result.stdout
