"""Statements on sentences we wrote: direct and reported speech, speakers, anonymity, channels."""
import pytest


def said(analyze, text):
    return [(s.speaker.text, s.speaker.party, s.content, s.direct) for s in analyze(text).statements]


def test_quote_then_cue(analyze):
    (stmt,) = analyze('"We will not withdraw from the city," the Russian defence ministry said.').statements
    assert stmt.direct and stmt.content == "We will not withdraw from the city"
    assert stmt.speaker.party == "Russia"


def test_cue_then_colon_and_quote(analyze):
    (stmt,) = analyze('The Ukrainian president said: \u201cOur army is holding every position in the east.\u201d').statements
    assert stmt.direct and stmt.content == "Our army is holding every position in the east."
    assert stmt.speaker.party == "Ukraine"


def test_quote_around_the_cue(analyze):
    stmts = analyze('"The shelling went on all night," said Amina Diallo, a nurse. "We had no power at all."').statements
    assert [s.content for s in stmts] == ["The shelling went on all night", "We had no power at all."]
    assert {s.speaker.text for s in stmts} == {"Amina Diallo"}


def test_reported_speech_with_that_and_channel(analyze):
    (stmt,) = analyze("Israeli officials told Reuters that the operation would last several more weeks.").statements
    assert not stmt.direct
    assert stmt.content == "the operation would last several more weeks"
    assert (stmt.speaker.party, stmt.via, stmt.anonymous) == ("Israel", "Reuters", True)


def test_according_to(analyze):
    (stmt,) = analyze("According to the Syrian Observatory for Human Rights, the convoy was hit twice near the border.").statements
    assert stmt.speaker.party == "Syrian Observatory for Human Rights"
    assert stmt.content == "the convoy was hit twice near the border"


def test_trailing_attribution_after_the_clause(analyze):
    (stmt,) = analyze("Two bridges were destroyed overnight, the regional governor said on Monday.").statements
    assert stmt.content == "Two bridges were destroyed overnight"
    assert stmt.speaker.text == "the regional governor"


def test_anonymity(analyze):
    stmts = analyze(
        "Speaking on condition of anonymity, a senior diplomat said the talks had stalled. "
        "Foreign Minister Ana Lopes said the talks would resume on Friday."
    ).statements
    assert [s.anonymous for s in stmts] == [True, False]


def test_pronoun_and_document_resolve_to_the_speaker(analyze):
    stmts = analyze(
        "Colonel Marek Nowak, a Polish army spokesman, said the drill was routine. "
        "He added that no live ammunition would be used. "
        "In a statement, the Lithuanian defence ministry said it had been informed. "
        "The statement said the drill posed no threat to its neighbours."
    ).statements
    assert [s.speaker.party for s in stmts] == ["Poland", "Poland", "Lithuania", "Lithuania"]
    assert stmts[1].speaker.name == "Marek Nowak"


def test_scare_quotes_and_narration_are_not_statements(analyze):
    assert analyze('The town was "liberated" last week after heavy fighting near the river.').statements == []
    assert analyze("Shells hit the market on Sunday, destroying dozens of stalls.").statements == []


def test_unbalanced_quotes_do_not_crash(analyze):
    report = analyze('He said "the road is closed. Nobody can leave" and "')
    assert isinstance(report.statements, list)
