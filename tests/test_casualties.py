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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A dozen villagers were killed overnight.", [("killed", 12, None, None)]),
        ("The blast killed two hundred people.", [("killed", 200, None, None)]),
        ("Up to 30 people were injured in the crush.", [("injured", 30, None, 30)]),
        ("Between 10 and 15 soldiers were captured near the border.", [("detained", None, 10, 15)]),
        ("Nearly 80 people were killed on the promenade.", [("killed", 80, None, 80)]),
    ],
)
def test_qualified_counts(analyze, text, expected):
    assert figures(analyze, text) == expected


def test_vague_quantities_keep_the_coders_figure(analyze):
    (figure,) = analyze("Dozens of people were wounded in the shelling.").casualties
    assert (figure.outcome, figure.count, figure.approximate, figure.conservative) == ("injured", None, True, 12)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen opened fire on the bus, killing four passengers.", [("killed", 4, None, None)]),
        ("The strikes resulted in the deaths of nine fighters.", [("killed", 9, None, None)]),
        ("The death toll rose to 58 on Wednesday.", [("killed", 58, None, None)]),
        ("The hospital put the death toll at 41.", [("killed", 41, None, None)]),
        ("The explosion left 20 people dead and dozens hurt.", [("killed", 20, None, None), ("injured", None, None, None)]),
        ("The war has claimed over 300,000 lives.", [("killed", 300000, 300000, None)]),
        ("At least seven were reported to have died in the raid.", [("killed", 7, 7, None)]),
        ("More than 100 remain in captivity in Gaza.", [("abducted", 100, 100, None)]),
        ("Militants stormed the village, capturing around 40 people.", [("abducted", 40, None, None)]),
        ("Police captured six suspects after the riot.", [("detained", 6, None, None)]),
    ],
)
def test_outcomes_from_verbs_nouns_and_adjectives(analyze, text, expected):
    assert figures(analyze, text) == expected


def test_people_among_the_dead_are_a_breakdown(analyze):
    text = "The attack killed 40 people, the ministry said. Four children were among the dead."
    assert figures(analyze, text) == [("killed", 40, None, None), ("killed", 4, None, None)]
    assert analyze(text).casualties[1].victims == "children"


def test_one_person_singled_out(analyze):
    (figure,) = analyze("Officials condemned the kidnapping of the mayor of the town on Friday.").casualties
    assert (figure.outcome, figure.count) == ("abducted", 1)


def test_competing_figures_from_different_sources_stay_apart(analyze):
    report = analyze(
        "The Observatory said 18 people were killed in the strike. "
        "The army said 20 people were killed in the strike."
    )
    assert [(c.count, c.reported_by.text) for c in report.casualties] == [(18, "The Observatory"), (20, "The army")]


def test_one_figure_in_other_words_is_merged(analyze):
    report = analyze(
        "The ministry said four fighters were killed in the raid. "
        "The raid killed four members of the brigade, it added."
    )
    (figure,) = report.casualties
    assert figure.count == 4 and len(figure.more_evidence) == 1


def test_dates_and_years_are_not_counts(analyze):
    assert figures(analyze, "In 2010 the wounded were flown out by helicopter.") == []


def test_the_accused_is_the_claimed_perpetrator(analyze):
    (figure,) = analyze(
        "The ministry accused Azerbaijan of shelling the village, killing three civilians."
    ).casualties
    assert figure.perpetrator.party == "Azerbaijan"


def test_taken_prisoner_in_the_passive_is_detained(analyze):
    # "take" also takes lives ("took the lives of four"); without an object it is not that reading
    text = "Around 40 police officers have been taken prisoner by the army, the governor said."
    assert figures(analyze, text) == [("detained", 40, None, None)]
