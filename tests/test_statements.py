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


def test_quote_running_over_paragraphs(analyze):
    stmts = analyze(
        'Soldiers recall the retreat\n\n'
        'The commander said: "We held the bridge for three days without resupply.\n\n'
        '"When the order came to pull back, we carried our wounded across the river," he said.'
    ).statements
    assert [s.direct for s in stmts] == [True, True]
    assert stmts[0].content.startswith("We held the bridge")
    assert stmts[1].content.startswith("When the order came")


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("The Kremlin denied that its troops had crossed the border.", "deny", "its troops had crossed the border"),
        ("Kyiv confirmed that two of its ships had been damaged.", "confirm", "two of its ships had been damaged"),
        ("The ministry announced that the curfew would be lifted on Monday.", "announce", "the curfew would be lifted on Monday"),
        ("NATO warned that any attack on a member would trigger a collective response.", "warn", "any attack on a member would trigger a collective response"),
        ("The rebels claimed they had shot down a government helicopter.", "claim", "they had shot down a government helicopter"),
        ("Officials insisted the evacuation was proceeding on schedule.", "insist", "the evacuation was proceeding on schedule"),
        ("The government has ruled out talks with the armed groups before the vote.", "rule", "talks with the armed groups before the vote"),
        # a request with what was asked is a statement, as "urged" and "called for" are
        ("The ministry requested that foreign troops leave the country by June.", "request", "foreign troops leave the country by June"),
    ],
)
def test_reported_speech_cues(analyze, text, cue, content):
    (stmt,) = analyze(text).statements
    assert (stmt.cue, stmt.content, stmt.direct) == (cue, content, False)


@pytest.mark.parametrize("text", [
    "The official, who requested anonymity, was not at the meeting.",
    "The mayor requested a meeting with the governor.",
])
def test_a_request_with_nothing_said_is_no_statement(analyze, text):
    assert [s.cue for s in analyze(text).statements] == []


def test_in_a_statement(analyze):
    (stmt,) = analyze("In a statement, the Polish foreign ministry said the envoy had been summoned.").statements
    assert stmt.speaker.party == "Poland" and stmt.content == "the envoy had been summoned"


def test_roles_resolve_to_the_speaker_named_before(analyze):
    stmts = analyze(
        "Major Anna Kowalczyk, a spokeswoman for the Polish army, said the exercise had ended. "
        "The spokeswoman added that all units had returned to base."
    ).statements
    assert [s.speaker.party for s in stmts] == ["Poland", "Poland"]
    assert stmts[0].speaker.role == "spokeswoman for the Polish army"


def test_anonymous_sources(analyze):
    stmts = analyze(
        "Two officials who declined to be named said the convoy had turned back. "
        "A source close to the talks said a deal was near. "
        "The defence minister, Jan Novak, said the border was secure."
    ).statements
    assert [s.anonymous for s in stmts] == [True, True, False]


def test_coordinated_speakers_each_speak(analyze):
    stmts = analyze("France and Qatar said they had brokered a deal to deliver medicine.").statements
    assert [s.speaker.party for s in stmts] == ["France", "Qatar"]


def test_accounts_group_each_sides_statements(analyze):
    report = analyze(
        'The Russian defence ministry said its forces had struck only military targets. '
        '"Our air defences shot down every missile," a Ukrainian air force spokesman said. '
        'Russian officials said the city had been cleared of militants.'
    )
    accounts = {a.party: a.statements for a in report.accounts}
    assert accounts == {"Russia": [0, 2], "Ukraine": [1]}


def test_library_use_on_a_doc(nlp):
    from rashomon.extractors.actors import ActorModel
    from rashomon.extractors.statements import find_statements

    doc = nlp("The Kenyan army said it had recaptured the town.")
    (stmt,) = find_statements(doc, ActorModel.from_doc(doc))
    assert (stmt.speaker.party, stmt.content) == ("Kenya", "it had recaptured the town")
    assert doc.text[stmt.evidence.start : stmt.evidence.end] == stmt.evidence.text


def test_page_furniture_run_into_a_sentence_is_not_its_speaker(analyze):
    # the parse gives "claimed" two subjects, the caption label and the name
    text = ("Gunmen stormed an army base in the north of the country on Sunday, residents said.\n\n"
            "Image caption The Taliban claimed responsibility for the raid on the base.")
    speakers = {s.content: s.speaker.text for s in analyze(text).statements}
    assert speakers["responsibility for the raid on the base"] == "The Taliban"
