"""Fuzzing: on any text, every extractor returns a valid report and never raises, and the JSON
output always validates against `rashomon schema`.

Bounded for CI (a few seconds): few examples where the model parses, more where it does not.
A failure prints the smallest input hypothesis found; keep it as a regression test.
"""
from __future__ import annotations

import json
import os
import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rashomon.extractors.analyze import report_from_doc
from rashomon.extractors.articles import article_from_bytes, article_from_text
from rashomon.extractors.language import detect_language
from rashomon.extractors.dates import find_dateline, normalize_date, resolve_date
from rashomon.extractors.errors import RashomonError
from rashomon.extractors.pipeline import parse_texts
from rashomon.extractors.quantities import parse_number, vague_quantity
from rashomon.extractors.quotes import find_quotes
from rashomon.extractors.schema import report_schema
from rashomon.extractors.text import paragraph_spans

jsonschema = pytest.importorskip("jsonschema")
# CI runs a few examples of each; FUZZ_SCALE=50 pytest tests/test_fuzz.py runs a long campaign.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
VALIDATOR = jsonschema.Draft202012Validator(report_schema())

# Pieces of hostile text, mixed with arbitrary Unicode: the shapes the extraction rules look for
# (figures, speech, quotation marks, dates, parties), broken in the ways scraped pages break them.
_FRAGMENTS = st.one_of(
    st.text(max_size=40),  # any code point: controls, surrogates excluded by hypothesis, emoji
    st.sampled_from([
        "said", "told Reuters", "according to", "accused", "blamed", "denied", "killed", "wounded",
        "at least", "dozens of", "more than", "civilians", "soldiers", "the army", "Hamas", "Israel",
        "the ministry said", "Russian forces", "Ukraine's military", "on Tuesday", "last week",
        "“", "”", '"', "'", "‘", "’", "«", "»", "„", "(", ")", "[", "]", ":", ";", ".", ",", "—", "-",
        "\n", "\n\n", "\t", "\r", "\x00", "\x1b[31m", "\x1b]8;;https://evil.example\x1b\\", "\u200f", "\u202e",
        "[bold]", "[/]", "[link=https://evil.example]", "BAGHDAD, March 3, 2025 —", "Photograph: AP",
        "مقتل ١٢ شخصا", "נהרגו", "убиты 12 человек", "十二人死亡",
    ]),
    # huge numbers, below the overflow pinned by test_a_309_digit_figure_does_not_crash
    st.integers(min_value=-(10**30), max_value=10**300).map(str),
    st.integers(min_value=0, max_value=10**6).map(lambda n: f"{n:,}"),
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,5}(\.[0-9]+)?", fullmatch=True),
)
TEXTS = st.lists(_FRAGMENTS, max_size=60).map(" ".join)


def _check(report) -> None:
    data = report.to_dict()
    VALIDATOR.validate(json.loads(json.dumps(data, ensure_ascii=False)))
    text = report.article.text
    for fact in report.accusations + report.casualties + report.statements:
        for evidence in [fact.evidence, *getattr(fact, "more_evidence", [])]:
            assert text[evidence.start : evidence.end] == evidence.text
    for account in report.accounts:
        assert all(0 <= i < len(report.statements) for i in account.statements)
        assert all(0 <= i < len(report.accusations) for i in account.accusations)


def _analyse(nlp, raw: str, published: str | None = None):
    try:
        loaded = article_from_text(raw, published=published)
    except RashomonError:
        return None  # an empty article is refused with a message, which is what it should get
    (doc,) = parse_texts(nlp, [loaded.article.text])
    return report_from_doc(doc, loaded.article, input="fuzz", warnings=loaded.warnings)


@settings(max_examples=int(60 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=TEXTS, published=st.one_of(st.none(), st.dates().map(str)))
@example(raw="", published=None)
@example(raw="\x00\x01\x02 \u202e", published=None)
@example(raw='"' * 50 + " said the army " + "“" * 7, published=None)
@example(raw="The ministry said " + " ".join(str(n) for n in range(10_000)) + " people were killed.", published=None)
@example(raw="Officials said " + " and ".join(f"{n} soldiers were killed" for n in range(300)) + ".", published="2024-02-29")
@example(raw="قال المتحدث إن 12 شخصا قتلوا. The army said 12 people were killed in Gaza.", published=None)
def test_every_extractor_survives_any_text(nlp, raw, published):
    report = _analyse(nlp, raw, published)
    if report is not None:
        _check(report)


def test_a_309_digit_figure_does_not_crash(nlp):
    report = _analyse(nlp, "At least " + "9" * 309 + " civilians were killed, the ministry said.")
    _check(report)


@settings(max_examples=int(25 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000))
@example(data=b"\xff\xfe" + "The army said 12 people were killed.".encode("utf-16-le"))
@example(data=b"<html><head><meta charset='windows-1252'></head><body><p>\x93caf\xe9\x94</p></body></html>")
def test_any_bytes_load_or_fail_with_a_message(data):
    try:
        loaded = article_from_bytes(data)
    except RashomonError as error:
        assert str(error)
        return
    assert isinstance(loaded.article.text, str) and loaded.article.text


@settings(max_examples=int(300 * SCALE), deadline=None)
@given(text=st.text(max_size=300), published=st.one_of(st.none(), st.dates().map(str)))  # published: ISO, as normalised
def test_text_helpers_never_raise(text, published):
    parse_number(text)
    vague_quantity(text)
    find_dateline(text)
    normalize_date(text)
    resolve_date(text, published)
    detect_language(text)
    for quote in find_quotes(text):
        assert 0 <= quote.start <= quote.end <= len(text)
    for start, end in paragraph_spans(text):
        assert 0 <= start < end <= len(text)


@settings(max_examples=int(15 * SCALE), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(data=b",\x85,")  # found by this test: NEL, like U+2028, splits a line for many readers
@example(data="The army said \u2028 12 people \u2029 were killed.".encode())
def test_cli_output_always_validates(cli, data):
    result = cli("analyze", "-", "--jobs", "1", stdin=data)
    assert result.code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.lines()
    VALIDATOR.validate(line)
    assert (result.code == 1) == ("error" in line)


# --- issue 20: runs of punctuation, records with any JSON string ------------------------------------

_RUN_MARKS = ["(", ")", '"', "\u201c", "\u201d", "[", "$", "!", ",", "'s", "?!", "\u00ab", "*", "#", "()"]
RUNS = st.tuples(st.sampled_from(_RUN_MARKS), st.integers(min_value=40, max_value=6000)).map(lambda run: run[0] * run[1])


@settings(max_examples=int(12 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.one_of(_FRAGMENTS, RUNS), max_size=12))
@example(pieces=["The army said 12 civilians were killed.", "(" * 6000, "“" * 3000, "the ministry said."])
def test_runs_of_punctuation_cost_time_in_proportion(nlp, pieces):
    from rashomon.extractors.text import tokenizable

    raw = " ".join(pieces)
    safe = tokenizable(raw)
    assert len(safe) == len(raw) and all(a == b or a in "- " for a, b in zip(safe, raw))
    started = time.monotonic()
    report = _analyse(nlp, raw)
    assert time.monotonic() - started < 30  # 6,000 "(" alone took some 10 s to tokenize before
    if report is not None:
        _check(report)


# any JSON string: every code point, lone surrogates (legal in JSON, not text), the separators
# some readers take for line ends, a byte-order mark
_JSON_CHARS = st.one_of(
    st.characters(), st.integers(min_value=0xD800, max_value=0xDFFF).map(chr),
    st.sampled_from(["\u2028", "\u2029", "\x85", "\ufeff", "\r", "\n", "\x00", "\x1b", "\u202e"]),
)
JSON_STRINGS = st.text(alphabet=_JSON_CHARS, max_size=30)


@settings(max_examples=int(15 * SCALE), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(records=st.lists(st.fixed_dictionaries({"id": JSON_STRINGS, "title": JSON_STRINGS, "url": JSON_STRINGS,
                                               "published": JSON_STRINGS, "text": JSON_STRINGS}), min_size=1, max_size=3),
       ascii_only=st.booleans())
@example(records=[{"id": "\ud800", "title": "\u2028", "url": "\x85", "published": "\ufeff", "text": "The army said 12 people were killed."}], ascii_only=False)
def test_records_with_any_json_string(cli, tmp_path_factory, records, ascii_only):
    path = tmp_path_factory.mktemp("records") / "r.jsonl"
    lines = [json.dumps({**r, "text": "The army said " + r["text"]}, ensure_ascii=ascii_only) for r in records]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
    result = cli("analyze", "--records", path, "--jobs", "1")
    assert result.code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    result.stdout.encode("utf-8")  # strict: no lone surrogate reaches the output
    out = result.lines()
    assert len(out) == len(records)  # one line per record: nothing split, nothing lost
    for number, (record, line) in enumerate(zip(records, out), start=1):
        if "error" not in line:
            VALIDATOR.validate(line)
        # escaped (\\ud800), a lone surrogate is one U+FFFD; written raw, bytes that are not UTF-8, each one
        # (escaped, two surrogates in a row are a pair: one character)
        url = json.loads(json.dumps(record["url"])) if ascii_only else record["url"].encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        url = re.sub("[\ud800-\udfff]", "\ufffd", url)
        assert line["input"] == (url or f"{path}:{number}")  # each label where it belongs
