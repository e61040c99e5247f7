import pytest

from rashomon.extractors.dates import find_dateline, normalize_date, resolve_date


@pytest.mark.parametrize(
    "head, expected",
    [
        (" date 2024-07-31 Shafaq News/ The command said", "2024-07-31"),
        ("Sun 05 Jul 2015 22 dead in raids", "2015-07-05"),
        ("Published October 12 2016 Activists say", "2016-10-12"),
        ("BAMAKO, March 3, 2025 — At least 12", "2025-03-03"),
        ("Posted on April 4 2017 by the desk", "2017-04-04"),
        ("No date here at all", None),
    ],
)
def test_datelines(head, expected):
    assert find_dateline(head) == expected


def test_a_date_deep_in_the_text_is_not_a_dateline():
    assert find_dateline("x " * 100 + "on 12 May 2020") is None


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("on Tuesday", "2024-07-30"),  # published on a Wednesday
        ("Wednesday", "2024-07-31"),
        ("last Thursday", "2024-07-25"),
        ("yesterday", "2024-07-30"),
        ("July 30, 2024", "2024-07-30"),
        ("30 July", "2024-07-30"),
        ("on December 28", "2023-12-28"),  # a day later in the year than publication: last year
        ("since February", None),
    ],
)
def test_relative_dates_resolve_against_publication(phrase, expected):
    assert resolve_date(phrase, "2024-07-31") == expected


def test_relative_dates_need_an_anchor():
    assert resolve_date("on Tuesday", None) is None
    assert resolve_date("12 May 2020", None) == "2020-05-12"


def test_metadata_dates():
    assert normalize_date("2019-11-20T07:00:28Z") == "2019-11-20"
    assert normalize_date("garbage") is None
    assert normalize_date(None) is None


@pytest.mark.parametrize(
    "text, earlier",
    [
        ("in 2002", True), ("last year", True), ("two years ago", True), ("October 7", True),
        ("July 2023", True), ("on Monday", False), ("May 3", False), ("2024", False),
        ("in the past 24 hours", False),
    ],
)
def test_is_earlier_than_the_article(text, earlier):
    from rashomon.extractors.dates import is_earlier

    assert is_earlier(text, "2024-05-10", None, 14) is earlier


def test_a_bare_year_against_the_articles_year():
    from rashomon.extractors.dates import is_earlier

    assert is_earlier("in 2019", None, 2024, 14) is True
    assert is_earlier("in 2024", None, 2024, 14) is False
    assert is_earlier("in 2019", None, None, 14) is False  # no year to compare with
