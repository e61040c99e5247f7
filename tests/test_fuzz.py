"""Fuzzing: on any text, every extractor returns a valid report and never raises, and the JSON
output always validates against `rashomon schema`.

Bounded for CI (a few seconds): few examples where the model parses, more where it does not.
A failure prints the smallest input hypothesis found; keep it as a regression test.
"""
from __future__ import annotations

import json
import os

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
