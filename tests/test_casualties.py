"""Casualty figures on sentences we wrote."""
import pytest


def figures(analyze, text):
    return [(c.outcome, c.count, c.min, c.max) for c in analyze(text).casualties]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Four people were killed in the attack.", [("killed", 4, None, None)]),
        ("At least 1,200 people have died since the siege began.", [("killed", 1200, 1200, None)]),
        ("Twenty-one soldiers were wounded on Friday.", [("injured", 21, None, None)]),
        ("The strike killed more than 85 civilians.", [("killed", 85, 85, None)]),
        ("Gunmen kidnapped 30 students from the school.", [("abducted", 30, None, None)]),
        ("Police arrested twelve protesters outside parliament.", [("detained", 12, None, None)]),
        ("Two hundred people were missing after the floods reached the camp.", [("missing", 200, None, None)]),
    ],
)
def test_counts_and_outcomes(analyze, text, expected):
    assert figures(analyze, text) == expected


def test_a_total_and_its_breakdown_are_two_figures(analyze):
    text = "The bombing killed at least 22 people, including six children."
    assert figures(analyze, text) == [("killed", 22, 22, None), ("killed", 6, None, None)]


def test_counts_of_things_are_not_casualties(analyze):
    assert figures(analyze, "Three drone strikes hit 85 targets over two days, the army said.") == []


def test_named_victims(analyze):
    (figure,) = analyze(
        "The raid killed three members of the council: Omar Haddad, Leila Nasser and Yusuf Karim."
    ).casualties
    assert figure.count == 3
    assert figure.names == ["Omar Haddad", "Leila Nasser", "Yusuf Karim"]


def test_who_gives_the_figure_where_and_when(analyze):
    (figure,) = analyze(
        "At least 15 people were killed in air strikes on Aleppo on Wednesday, the Syrian Observatory for Human Rights said.",
        published="2016-10-14",
    ).casualties
    assert figure.reported_by.party == "Syrian Observatory for Human Rights"
    assert figure.location == "Aleppo"
    assert figure.date == "2016-10-12"


def test_repeats_are_merged_with_all_their_evidence(analyze):
    report = analyze("Four soldiers were killed on Monday. The four soldiers were killed near the border post.")
    (figure,) = report.casualties
    assert len(figure.more_evidence) == 1
