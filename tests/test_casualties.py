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


# --- issue 16: figures on unseen articles ------------------------------------------------


def victims_of(analyze, text):
    return [(c.outcome, c.count, c.victims) for c in analyze(text).casualties]


@pytest.mark.parametrize(
    "text, part",
    [
        ("The strike killed 20 people, among them five women.", ("killed", 5, "women")),
        ("The shelling killed 30 people, of whom 13 were civilians.", ("killed", 13, "civilians")),
        ("Nine soldiers were wounded, including two officers.", ("injured", 2, "officers")),
        ("More than 100 wounded people - including at least 10 children - reached the hospital.", ("injured", 10, "children")),
        ("Six people were injured, including an 11-year-old.", ("injured", 1, "11-year-old")),
        ("The raids killed at least 27 people among them four children in several districts", ("killed", 4, "children")),
    ],
)
def test_each_part_of_a_breakdown_is_its_own_figure(analyze, text, part):
    found = victims_of(analyze, text)
    assert part in found
    assert len(found) == 2  # the total too


def test_a_breakdown_lists_several_parts(analyze):
    text = "At least 12 civilians including four children and a pregnant woman were killed."
    assert victims_of(analyze, text) == [
        ("killed", 12, "civilians"), ("killed", 4, "children"), ("killed", 1, "pregnant woman"),
    ]


def test_a_part_does_not_merge_with_a_general_figure_of_its_number(analyze):
    text = "The raid killed 30 people, including four children. Four people were killed in the city."
    assert [(c.count, c.victims) for c in analyze(text).casualties] == [(30, "people"), (4, "children"), (4, "people")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A 15-year-old boy was detained by police in the village.", ("detained", 1, "15-year-old boy")),
        ("A cameraman was wounded in the shelling.", ("injured", 1, "cameraman")),
        ("The town's deputy mayor was detained by the occupying forces.", ("detained", 1, "The town's deputy mayor")),
        ("His father and younger brother were killed in the attack.", ("killed", 2, "His father")),
    ],
)
def test_single_victims_count_one(analyze, text, expected):
    assert victims_of(analyze, text) == [expected]


def test_a_person_named_before_a_verb_the_parser_left_without_subject(analyze):
    (figure,) = analyze("According to the local daily Herald, Peter Smith, 56, succumbed to his injuries.").casualties
    assert (figure.outcome, figure.count, figure.victims) == ("killed", 1, "Peter Smith")


def test_a_place_taken_is_no_single_victim(analyze):
    assert figures(analyze, "The rebels captured Tel Kabir from the army last year.") == []


def test_a_bare_singular_is_no_figure(analyze):
    # no determiner singling one person out: a kind of victim, not a count
    assert figures(analyze, "Whoever is wounded will be treated for free.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The group is responsible for 5,210 deaths.", ("killed", 5210, None, None)),
        ("Officials put the death toll at 31.", ("killed", 31, None, None)),
        ("Fatalities rose to 30 on Monday.", ("killed", 30, None, None)),
        ("The death toll from the bombing rose to at least six Friday.", ("killed", 6, 6, None)),
    ],
)
def test_tolls_as_nouns(analyze, text, expected):
    assert figures(analyze, text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nine people were in a critical condition after the blast.", ("injured", 9, None, None)),
        ("The blast left five people in serious condition.", ("injured", 5, None, None)),
        ("300 pupils were taken from their school by gunmen.", ("abducted", 300, None, None)),
        ("Gunmen took 300 pupils from their school in the north.", ("abducted", 300, None, None)),
        ("Eight captives were executed by the militants.", ("killed", 8, None, None)),
        ("More than twenty others suffered from suffocation.", ("injured", 20, 20, None)),
        ("Five soldiers lost their lives in the ambush.", ("killed", 5, None, None)),
        ("Militants took 30 people hostage.", ("abducted", 30, None, None)),
        ("Two are still held in custody.", ("detained", 2, None, None)),
    ],
)
def test_other_outcomes_in_other_words(analyze, text, expected):
    assert figures(analyze, text) == [expected]


def test_text_without_commas(analyze):
    text = "The attack killed one civilian injuring 2 persons in the Bab neighborhood"
    assert victims_of(analyze, text) == [("killed", 1, "civilian"), ("injured", 2, "persons")]


def test_a_passive_without_its_subject_takes_the_number_before_it(analyze):
    text = "Fifteen volunteers were killed said the Civil Defence who were among the first responders and more than 25 were injured."
    assert ("injured", 25, 25, None) in figures(analyze, text)


@pytest.mark.parametrize(
    "text",
    [
        "The militia killed 2020.",
        "The hunger strikers said they will continue until one of them dies.",
        "The blockade is potentially leading to the deaths of many patients.",
        "The siege could kill thousands of people, the agency warned.",
        "The gunmen threatened to kill 10 hostages.",
        "The army said 20 others were evacuated from the town.",
    ],
)
def test_nothing_invented(analyze, text):
    assert figures(analyze, text) == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("At least 3 000 people were killed.", 3000),
        ("At least 3\u00a0000 people were killed.", 3000),
        ("Half a dozen villagers were wounded.", 6),
        ("Two and a half thousand people were killed in the siege.", 2500),
    ],
)
def test_numbers_with_spaces_and_fractions(analyze, text, count):
    assert [c.count for c in analyze(text).casualties] == [count]


def test_perpetrator_as_subject(analyze):
    (figure,) = analyze("Gunmen in two speedboats abducted eight fishermen.").casualties
    assert (figure.outcome, figure.count) == ("abducted", 8)
    assert figure.perpetrator is not None and figure.perpetrator.text.startswith("Gunmen")


# --- background: figures of another event ------------------------------------------------


def backgrounds(analyze, text, published="2024-05-10"):
    return [(c.count, c.background) for c in analyze(text, published=published).casualties]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In 2002, a similar attack killed 31 people in the city.", [(31, True)]),
        ("More than 40,000 Palestinians have been killed since the war began.", [(40000, True)]),
        ("At least 150 aid workers have been killed since the start of the conflict.", [(150, True)]),
        ("A previous attack on the market killed 20 people.", [(20, True)]),
        ("Two years ago, a bombing at the same market killed 14 people, the police said.", [(14, True)]),
        ("The strike on Monday killed 12 people.", [(12, False)]),
        ("The toll since Monday's attack rose to 30.", [(30, False)]),
        ("The attack killed 12 people, the deadliest since 2015.", [(12, False)]),
        ("Eight people were killed in the past 24 hours, the ministry said.", [(8, False)]),
    ],
)
def test_background_figures(analyze, text, expected):
    assert backgrounds(analyze, text) == expected


def test_a_list_of_past_events_is_background(analyze):
    # the years sit in brackets, in no clause of the figures: the sentence names past years only
    text = ("The country has seen worse shootings, Las Vegas (2017) where 58 people were killed and Orlando (2016) "
            "where 49 people died. On Sunday a gunman killed five people at a church.")
    assert backgrounds(analyze, text) == [(58, True), (49, True), (5, False)]


def test_background_across_coordinated_verbs(analyze):
    text = "The office said 331 civilians had been killed and 675 injured since the invasion began."
    assert [c.background for c in analyze(text, published="2022-03-20").casualties] == [True, True]


def test_a_year_before_the_article_without_a_publication_date(analyze):
    text = "On 3 May 2024 a strike killed nine people. In 2019, a strike on the same road killed 40 people."
    assert backgrounds(analyze, text, published=None) == [(9, False), (40, True)]


def test_background_is_in_the_json(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("On 3 May 2024 a bomb killed four people near the market, the police said. "
                       "In 2002, a similar attack killed 31 people in the city.")
    (report,) = [__import__("json").loads(line) for line in cli("analyze", "--format", "jsonl", article).stdout.splitlines()]
    assert [(c["count"], c["background"]) for c in report["casualties"]] == [(4, False), (31, True)]


def test_the_schema_documents_background(cli):
    schema = __import__("json").loads(cli("schema").stdout)
    casualty = schema["$defs"]["casualty"]
    assert casualty["properties"]["background"]["type"] == "boolean"
    assert "earlier" in casualty["properties"]["background"]["description"]
    assert "background" in casualty["required"]


def test_the_readme_documents_background():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert "`background` is true when" in readme
