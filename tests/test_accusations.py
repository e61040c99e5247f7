"""Accusations on sentences we wrote: one test per way an accusation is reported."""
import pytest


def pairs(analyze, text):
    return [
        (a.accuser.party if a.accuser else None, a.accused.party or a.accused.text)
        for a in analyze(text).accusations
    ]


def test_accused_of(analyze):
    report = analyze("Russia accused Ukraine of shelling the nuclear plant on Friday.", published="2022-03-07")
    (accusation,) = report.accusations
    assert (accusation.accuser.party, accusation.accused.party) == ("Russia", "Ukraine")
    assert accusation.allegation == "shelling the nuclear plant on Friday"
    assert accusation.cue == "accuse" and accusation.code == "1123"
    assert accusation.date == "2022-03-04"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ukraine was accused by Russia of shelling the plant.", [("Russia", "Ukraine")]),
        ("The Afghan government blamed the Taliban for the bombing in Kabul.", [("Afghanistan", "Taliban")]),
        ("Israel blamed the high death toll on Hamas.", [("Israel", "Hamas")]),
        ("Kenya alleged that al-Shabab fighters had planted the mines.", [("Kenya", "al-Shabab")]),
        ("Armenia charged that Azerbaijani troops had shelled border villages.", [("Armenia", "Azerbaijan")]),
        ("Pakistan held the Taliban responsible for the attack on the checkpoint.", [("Pakistan", "Taliban")]),
        ("Iraqi officials said Islamic State was behind the bombing.", [("Iraq", "Islamic State")]),
        ("The Pentagon said Russian jets carried out the strike.", [("United States", "Russia")]),
        ("Israeli officials said Hamas fired the rockets from a school in Gaza.", [("Israel", "Hamas")]),
        ("At least 22 people were killed in U.S. air strikes, the Syrian Observatory for Human Rights said.",
         [("Syrian Observatory for Human Rights", "United States")]),
    ],
)
def test_verbal_and_reported_cues(analyze, text, expected):
    assert pairs(analyze, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin rejected Kyiv's accusations against Russian troops.", [("Ukraine", "Russia")]),
        ("Serbia recalled its envoy in what Belgrade called Kosovo's aggression.", [("Serbia", "Kosovo")]),
        ("The British foreign secretary described Putin's war as a criminal act of aggression.", [("United Kingdom", "Putin")]),
    ],
)
def test_nominal_and_naming_cues(analyze, text, expected):
    assert pairs(analyze, text) == expected


def test_the_accuser_behind_a_document_or_spokesperson(analyze):
    report = analyze(
        "A spokesman for the Iraqi interior ministry accused Islamic State of planting the bomb. "
        "In a statement, the Nigerien army said it had repelled the raid. "
        "The statement accused Boko Haram of attacking the base at dawn."
    )
    assert [(a.accuser.party, a.accused.party) for a in report.accusations] == [
        ("Iraq", "Islamic State"), ("Niger", "Boko Haram"),
    ]
    assert report.accusations[1].accuser.text == "The statement"


def test_coordinated_sides_each_get_an_accusation(analyze):
    assert pairs(analyze, "Russia and Syria accused the United States of bombing the convoy.") == [
        ("Russia", "United States"), ("Syria", "United States"),
    ]
    assert pairs(analyze, "China accused the UK and the US of meddling in its affairs.") == [
        ("China", "United Kingdom"), ("China", "United States"),
    ]


def test_repeats_are_merged_keeping_every_evidence_sentence(analyze):
    (accusation,) = analyze(
        "Russia accused Ukraine of shelling the nuclear plant. "
        "The shelling went on for hours. "
        "On Saturday Russia again accused Ukraine of shelling the nuclear plant."
    ).accusations
    assert len(accusation.more_evidence) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A US drone strike killed two militants near the border on Sunday.",  # the outlet's narration
        "The Taliban said its fighters attacked the base.",  # a claim of responsibility
        "Islamic State claimed the attack in a statement on its Amaq news agency.",
        "The Russian defence ministry denied that its jets struck the hospital.",  # a denial alone
        "Prosecutors charged the man with murder after the shooting.",  # a court's charge
        "Ukraine has been accused of shelling the plant.",  # no accuser named
        "The army said the Kabul bombing killed nine people.",  # a capital names a place
        "The minister said terrorist attacks could rise next year.",  # a kind of attack, no side
        "Iran said Israel did not attack the facility.",  # denied in the speaker's own words
    ],
)
def test_not_accusations(analyze, text):
    assert pairs(analyze, text) == []
