"""Accusations on sentences we wrote."""


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


def test_blamed_for(analyze):
    assert pairs(analyze, "The Afghan government blamed the Taliban for the bombing in Kabul.") == [("Afghanistan", "Taliban")]


def test_a_side_saying_another_attacked(analyze):
    assert pairs(analyze, "Israeli officials said Hamas fired the rockets from a school in Gaza.") == [("Israel", "Hamas")]


def test_narration_self_claims_and_denials_are_not_accusations(analyze):
    assert pairs(analyze, "A US drone strike killed two militants near the border on Sunday.") == []
    assert pairs(analyze, "The Taliban said its fighters attacked the base.") == []
    assert pairs(analyze, "The Russian defence ministry denied that its jets struck the hospital.") == []
