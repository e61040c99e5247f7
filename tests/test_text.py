"""The per-Doc helpers the extractors share, on Docs built by hand (no trained model): each
answers as the plain walk over the tokens would."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from rashomon.extractors.pipeline import _mark_sentences
from rashomon.extractors.text import doc_text, ents_in, find_tokens, is_punct, punct_or_space, sentence_bounds, subject_of, tokenized

WORDS = ["Rebels", "shelled", "Tessit", "on", "Monday", ",", "officials", "said", ".",
         "\n\n", "The", "army", "denied", "it", "."]
LEMMAS = ["rebel", "shell", "Tessit", "on", "Monday", ",", "official", "say", ".",
          "\n\n", "the", "army", "deny", "it", "."]
POS = ["NOUN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT",
       "SPACE", "DET", "NOUN", "VERB", "PRON", "PUNCT"]
SPACES = [True, True, True, True, False, True, True, False, False, False, True, True, True, False, False]


def hand_made() -> Doc:
    vocab = spacy.blank("en").vocab
    starts = [True] + [False] * 9 + [True] + [False] * 4
    doc = Doc(vocab, words=WORDS, spaces=SPACES, lemmas=LEMMAS, pos=POS, sent_starts=starts)
    doc.ents = [Span(doc, 0, 1, label="NORP"), Span(doc, 2, 3, label="GPE"), Span(doc, 4, 5, label="DATE"),
                Span(doc, 11, 12, label="ORG")]
    return doc


def test_find_tokens_matches_a_walk_over_every_token():
    doc = hand_made()
    cases = [
        dict(lemmas=frozenset({"say", "deny", "absent"})),
        dict(lowers=frozenset({"the", "monday"})),
        dict(pos=frozenset({"VERB", "PROPN"})),
        dict(lemmas=frozenset({"official"}), pos=frozenset({"PRON"})),
        dict(lemmas=frozenset({"nowhere"})),
    ]
    for wanted in cases:
        expected = [t.i for t in doc if t.lemma_ in wanted.get("lemmas", ()) or t.lower_ in wanted.get("lowers", ())
                    or t.pos_ in wanted.get("pos", ())]
        assert [t.i for t in find_tokens(doc, **wanted)] == expected, wanted


def test_entities_inside_a_span_match_a_walk_over_every_entity():
    doc = hand_made()
    for start, end in [(0, len(doc)), (0, 4), (1, 5), (2, 3), (3, 4), (5, 15), (10, 12), (12, 15)]:
        span = doc[start:end]
        expected = [(e.start, e.end) for e in doc.ents if start <= e.start and e.end <= end]
        assert [(e.start, e.end) for e in ents_in(span)] == expected, (start, end)


def test_sentence_bounds_are_those_of_token_sent():
    doc = hand_made()
    for token in doc:
        assert sentence_bounds(doc, token.i) == (token.sent.start, token.sent.end)


def test_punctuation_and_space_flags():
    doc = hand_made()
    assert punct_or_space(doc) == [t.is_punct or t.is_space for t in doc]
    assert is_punct(doc) == [t.is_punct for t in doc]
    assert punct_or_space(doc)[9] and not is_punct(doc)[9]  # the paragraph break: space only


def test_a_tokenized_doc_keeps_its_text():
    nlp = spacy.blank("en")
    text = "Rebels shelled Tessit.\n\n“We will answer,” the army said."
    doc = tokenized(nlp, text)
    assert doc_text(doc) is text and doc.text == text


def test_sentence_rules_start_paragraphs_and_keep_closing_quotes():
    nlp = spacy.blank("en")
    text = "He said: “We will answer.” The army denied it\n\nA new paragraph starts here."
    doc = _mark_sentences(tokenized(nlp, text))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "A" in starts  # a paragraph always starts a sentence
    closing = next(t for t in doc if t.text == "”")
    assert closing.is_sent_start is False  # the closing mark stays with the quote it ends
    blank_line = next(t for t in doc if t.is_space)
    assert blank_line.is_sent_start is False  # it stays with the sentence before it


def test_of_two_subjects_the_name_is_the_verbs():
    vocab = spacy.blank("en").vocab
    words = ["Image", "caption", "The", "Taliban", "claimed", "the", "attack", "."]
    heads = [1, 4, 3, 4, 4, 6, 4, 4]
    deps = ["compound", "nsubj", "det", "nsubj", "ROOT", "det", "dobj", "punct"]
    pos = ["NOUN", "NOUN", "DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    claimed = doc[4]
    assert subject_of(claimed).text == "Taliban"
    assert subject_of(claimed, (3, 4)).text == "caption"  # the name excluded: the one left
    assert subject_of(doc[6]) is None
    # two common nouns: the first, as before
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=[p if p != "PROPN" else "NOUN" for p in pos])
    assert subject_of(doc[4]).text == "caption"
