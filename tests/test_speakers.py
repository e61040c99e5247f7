"""Speakers: the discourse model's rules on hand-built Docs (no model needed), and sentences we
wrote through the whole analysis: pronouns by gender and salience, role descriptions, animacy,
transcript lines, cue frames, parties."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
import spacy
from spacy.tokens import Doc, Span

from rashomon.extractors.discourse import (
    FEMALE, MALE, PERSON, Actor, Referent, antecedent, build_discourse, can_speak, phrase_gender,
    resolve_speaker,
)
from rashomon.extractors.lexicon import load_lexicon
from rashomon.extractors.records import Mention

LEX = load_lexicon()
VOCAB = spacy.blank("en").vocab  # lower-case forms and the like, which a bare Vocab lacks


def hand_doc(words, pos, *, lemmas=None, deps=None, heads=None, ents=None, sent_starts=None) -> Doc:
    n = len(words)
    return Doc(
        VOCAB, words=words, pos=pos, lemmas=lemmas or [w.lower() for w in words],
        deps=deps or ["dep"] * n, heads=heads or list(range(n)), ents=ents,
        sent_starts=sent_starts or [True] + [False] * (n - 1),
    )


@dataclass
class Turn:
    """A statement already resolved, as statements.Attribution gives it."""

    speaker: Mention
    speaker_kind: str | None
    speaker_start: int | None
    content_start: int
    content_end: int
    sentence: Span


# --- the discourse model on hand-built Docs ---------------------------------------------


def test_antecedent_skips_a_person_of_the_other_gender():
    olga, boris = Actor("Olga Petrova", None, PERSON), Actor("Boris Lenz", None, PERSON)
    referents = [Referent(0, 2, olga, "petrova", False, FEMALE), Referent(5, 7, boris, "lenz", False, MALE)]
    assert antecedent(referents, 10, 0, (PERSON,), gender=FEMALE).actor == olga
    assert antecedent(referents, 10, 0, (PERSON,), gender=MALE).actor == boris
    assert antecedent(referents, 10, 0, (PERSON,), plural=True) is None


def test_antecedent_in_narration_skips_people_named_in_quotations():
    quoted, outside = Actor("Quoted Man", None, PERSON), Actor("Speaking Man", None, PERSON)
    referents = [Referent(0, 2, outside, "man", False, MALE), Referent(6, 8, quoted, "man", False, MALE, quoted=True)]
    assert antecedent(referents, 10, 0, (PERSON,), narration=True).actor == outside
    assert antecedent(referents, 10, 0, (PERSON,)).actor == quoted


def test_phrase_gender_from_honorific_noun_and_given_name():
    doc = hand_doc(["Mrs", "Diallo", "the", "spokesman", "Olga", "Petrova"], ["PROPN", "PROPN", "DET", "NOUN", "PROPN", "PROPN"],
                   ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON"],
                   heads=[1, 1, 3, 3, 5, 5], deps=["compound", "ROOT", "det", "ROOT", "compound", "ROOT"])
    assert phrase_gender(doc[0:2], LEX) == FEMALE
    assert phrase_gender(doc[2:4], LEX) == MALE
    assert phrase_gender(doc[4:6], LEX) == FEMALE


def _pronoun_scene():
    """Boris said no. Anna Berg nodded. "Go," he said.  (Anna is the subject named last.)"""
    words = ["Boris", "said", "no", ".", "Anna", "nodded", ".", '"', "Go", '"', ",", "he", "said", "."]
    pos = ["PROPN", "VERB", "INTJ", "PUNCT", "PROPN", "VERB", "PUNCT", "PUNCT", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct", "punct", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    heads = [1, 1, 1, 1, 5, 5, 5, 12, 12, 12, 12, 12, 12, 12]
    starts = [True, False, False, False, True, False, False, True] + [False] * 6
    doc = hand_doc(words, pos, deps=deps, heads=heads, sent_starts=starts,
                   ents=["B-PERSON"] + ["O"] * 3 + ["B-PERSON"] + ["O"] * 9)
    boris, anna = Actor("Boris", None, PERSON), Actor("Anna", None, PERSON)
    referents = [Referent(0, 1, boris, "boris", False, MALE, subject=True),
                 Referent(4, 5, anna, "anna", False, FEMALE, subject=True)]
    quoted = [False] * 7 + [True] * 3 + [False] * 4
    d = build_discourse(doc, referents, [], quoted, LEX)
    turn = Turn(Mention(text="Boris"), PERSON, 0, doc[2].idx, doc[2].idx + 2, doc[0:4])
    return doc, d, turn


def test_he_is_the_last_man_to_speak_though_a_woman_was_named_since():
    doc, d, turn = _pronoun_scene()
    mention, kind = resolve_speaker(d, doc[11:12], Mention(text="he"), None, [turn], LEX, anchor=7)
    assert (mention.name, kind) == ("Boris", PERSON)


def test_she_is_the_woman_named_as_a_subject():
    doc, d, turn = _pronoun_scene()
    she = Doc(doc.vocab, words=[t.text if t.i != 11 else "she" for t in doc], pos=[t.pos_ for t in doc],
              lemmas=[t.lemma_ if t.i != 11 else "she" for t in doc], deps=[t.dep_ for t in doc],
              heads=[t.head.i for t in doc], sent_starts=[t.is_sent_start for t in doc])
    d2 = build_discourse(she, d.referents, [], d.quoted, LEX)
    mention, _ = resolve_speaker(d2, she[11:12], Mention(text="she"), None, [turn], LEX, anchor=7)
    assert mention.name == "Anna"


@pytest.mark.parametrize("words, pos, ent, speaks", [
    (["the", "fighting"], ["DET", "NOUN"], "O", False),
    (["the", "decision"], ["DET", "NOUN"], "O", False),
    (["24", "February"], ["NUM", "PROPN"], "DATE", False),
    (["the", "ministry"], ["DET", "NOUN"], "O", True),
    (["the", "campaign"], ["DET", "NOUN"], "O", True),  # a body, though also an act
    (["the", "witness"], ["DET", "NOUN"], "O", True),
])
def test_animacy(words, pos, ent, speaks):
    doc = hand_doc(words, pos, heads=[1, 1], deps=["det", "ROOT"],
                   ents=["O", "B-" + ent] if ent != "O" else ["O", "O"])
    assert can_speak(doc[1], LEX) is speaks


# --- sentences through the analysis ----------------------------------------------------


def speakers(analyze, text):
    return [(s.speaker.text, s.speaker.name, s.speaker.party, s.content) for s in analyze(text).statements]


def test_pronoun_after_a_man_named_in_the_reported_clause_is_still_the_speaker(analyze):
    stmts = analyze(
        "Opposition leader Pedro Alvarez said Carlos Mendes should resign before the vote. "
        "\u201cWe need new leaders in this country,\u201d he added."
    ).statements
    assert stmts[-1].speaker.text == "he" and stmts[-1].speaker.name == "Pedro Alvarez"


def test_she_finds_the_woman_not_the_last_speaker(analyze):
    stmts = analyze(
        "Mayor Ivan Sokolov said the bridge would reopen on Monday. "
        "The city\u2019s health chief, Maria Petrova, visited the hospital. "
        "\u201cWe have enough beds for everyone who needs one,\u201d she said."
    ).statements
    assert stmts[-1].speaker.name == "Maria Petrova"


def test_a_word_of_a_long_name_stands_for_it(analyze):
    stmts = analyze(
        "Brazilian presidential candidate Luiz Carlos Moura da Silva said the vote would be fair. "
        "Moura said his rivals had no plan for the economy."
    ).statements
    assert stmts[-1].speaker.name == "Luiz Carlos Moura da Silva"
    assert stmts[-1].speaker.party == "Brazil"


def test_a_relative_with_the_same_surname_is_not_the_speaker(nlp):
    from rashomon.extractors.actors import ActorModel

    text = "Lawan Musa, the father of Aisha Musa, said he hoped his daughter was safe."
    doc = nlp(text)
    model = ActorModel.from_doc(doc)
    start = text.index("Aisha Musa")
    assert model.mention(doc.char_span(start, start + len("Aisha Musa"))).name in (None, "Aisha Musa")


def test_a_definite_role_is_the_person_who_spoke_last(analyze):
    stmts = analyze(
        "Former president Luiz Moura said the war could have been avoided. "
        "The veteran leftist said western leaders had failed to negotiate."
    ).statements
    assert stmts[-1].speaker.text == "The veteran leftist" and stmts[-1].speaker.name == "Luiz Moura"


def test_the_holder_of_a_role_speaks_not_the_body(analyze):
    stmts = analyze(
        "Families were burying their dead in gardens, an official with the aid agency Oxfam at the camp said. "
        "\u201cWe saw people who died for lack of medicine,\u201d he said."
    ).statements
    assert stmts[0].speaker.text.startswith("an official")
    assert [s.speaker.party for s in stmts] == ["Oxfam"] * 2


def test_dates_and_events_do_not_speak(analyze):
    for s in analyze("The fighting that began last week said nothing about the talks, residents said.").statements:
        assert s.speaker.text.lower() not in ("the fighting", "last week")


def test_transcript_lines_and_page_labels(analyze):
    text = ("Pence on the debate\n\nGovernor Mike Pence spoke to Chris Wallace on Sunday.\n\n"
            "WALLACE: Will the governor attend the debate tomorrow night?\n\n"
            "PENCE: I will be there, and so will my running mate.\n\n"
            "WATCH: The full interview with the governor on our website.")
    said = {(s.speaker.name, s.content) for s in analyze(text).statements}
    assert ("Chris Wallace", "Will the governor attend the debate tomorrow night?") in said
    assert ("Mike Pence", "I will be there, and so will my running mate.") in said
    assert not any("full interview" in content for _, content in said)


@pytest.mark.parametrize("text, cue, content", [
    ("The ministry accused the rebels of shelling the market on Sunday.", "accuse", "shelling the market on Sunday"),
    ("The police described the shooting as an act of terrorism.", "describe", "the shooting as an act of terrorism"),
    ("The charity called for an immediate ceasefire in the north.", "call", "an immediate ceasefire in the north"),
    ("The army blamed the rebels for the attack.", "blame", "the attack"),
])
def test_cue_frames(analyze, text, cue, content):
    (stmt,) = analyze(text).statements
    assert (stmt.cue, stmt.content) == (cue, content)


def test_coordinated_leaders_beside_their_titles_each_speak(analyze):
    stmts = analyze("The French president Emmanuel Macron and German chancellor Olaf Scholz said "
                    "that the talks had produced no result.").statements
    assert [s.speaker.party for s in stmts] == ["France", "Germany"]


def test_the_countrys_president_is_the_state_just_named(analyze):
    stmts = analyze("Switzerland said it would adopt the sanctions. "
                    "\u201cThis is a big step for us,\u201d the country\u2019s president, Anton Keller, said.").statements
    assert stmts[-1].speaker.party == "Switzerland"


def test_a_quote_left_open_takes_the_attribution_of_the_next_paragraph(analyze):
    text = ("Nurses recall the siege\n\n"
            "Maria Lopez, a nurse, described the ward. \u201cThere were patients in the corridors and no power at all.\n\n"
            "\u201cWe worked for two days without sleep,\u201d she said.")
    stmts = analyze(text).statements
    assert [(s.speaker.name, s.direct) for s in stmts] == [("Maria Lopez", True)] * 2
    assert stmts[0].content.startswith("There were patients")


def test_citing_a_source_gives_it_the_clause_but_a_reason_stays_content(analyze):
    said = {(s.speaker.text, s.content) for s in analyze(
        "Headline\n\nAir strikes killed at least 12 civilians in the city on Monday, citing a local hospital source."
    ).statements}
    assert ("a local hospital source", "Air strikes killed at least 12 civilians in the city on Monday") in said
    reason = analyze("Headline\n\nThe mayor closed the market, citing the discovery of two unexploded shells.").statements
    assert all(s.speaker.text != "the discovery" for s in reason)


def test_a_member_of_parliament_named_after_the_title_speaks_for_the_party_of_the_title(analyze):
    stmts = analyze(
        "Headline\n\nThe debate heard a question from Green member of parliament Clara Holt, who asked "
        "for an inquiry. \u201cWe need the truth about the sale of these weapons,\u201d she said."
    ).statements
    assert stmts[-1].speaker.name == "Clara Holt" and stmts[-1].speaker.party == "Green"


def test_they_after_a_sentence_about_a_group_of_people(analyze):
    stmts = analyze(
        "Headline\n\nThe Red Valley Relief Society said it had sent doctors to the town. "
        "Local activists had no information on the weapon used. "
        "They claimed the attack was carried out by government aircraft."
    ).statements
    assert stmts[-1].speaker.text == "They" and "activists" in (stmts[-1].speaker.name or "")


def test_a_body_introduced_before_its_name(analyze):
    stmts = analyze(
        "Headline\n\nAt least nine people were killed in air raids on the village, a monitor said. "
        "\u201cThe raids began at dawn and went on for hours,\u201d the Northern Valley Rights Observatory said."
    ).statements
    assert stmts[0].speaker.text == "a monitor"
    assert stmts[0].speaker.party == "Northern Valley Rights Observatory"


def test_an_outlet_quoting_a_source_gives_the_source_as_speaker(analyze):
    (stmt,) = analyze(
        "Headline\n\nReuters quoting Kenyan officials said on Tuesday that two drones had crossed the border."
    ).statements
    assert (stmt.speaker.text, stmt.speaker.party) == ("Kenyan officials", "Kenya")
