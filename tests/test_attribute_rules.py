"""The attribute ruler's array-based matching finds exactly what spaCy's Matcher finds, and the
tokens come out annotated the same."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from rashomon.extractors.attribute_rules import IndexedRules, index_attribute_rules

# Patterns of every kind the array tests take, and some they leave to the Matcher.
PATTERNS = [
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": "said"}]], "attrs": {"LEMMA": "say"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": "is"}]], "attrs": {"MORPH": "Mood=Ind"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NNS", ""]}, "DEP": {"IN": ["nsubj"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^sh[oe]ll"}}]], "attrs": {"POS": "VERB"}},
    # two tokens, the second one annotated
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    # two alternatives of one rule: either may match
    {"patterns": [[{"TAG": "CD"}], [{"LOWER": "dozens"}]], "attrs": {"POS": "NUM"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    # a later rule overrides an earlier one on the same token
    {"patterns": [[{"TAG": "NNS", "LOWER": "rebels"}]], "attrs": {"POS": "PROPN"}},
    # beyond the array tests: an operator, a length test
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"LEMMA": "much"}, "index": -1},
    {"patterns": [[{"LENGTH": {">=": 9}}]], "attrs": {"MORPH": "Long=Yes"}},
    {"patterns": [[{"LOWER": "12"}, {}, {"IS_SPACE": True}]], "attrs": {"LEMMA": "village"}, "index": 1},
]
WORDS = ["Rebels", "said", "the", "army", "is", "gon", "na", "shell", "12", "villages", "\n\n",
         "Dozens", "very", "very", "tired", "soldiers", "fled", "neighbouring", "towns", "."]
TAGS = ["NNS", "VBD", "DT", "NN", "VBZ", "VBG", "TO", "VB", "CD", "NNS", "_SP",
        "NNS", "RB", "RB", "JJ", "NNS", "VBD", "JJ", "NNS", "."]
DEPS = ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "aux", "xcomp", "nummod", "dobj", "dep",
        "nsubj", "advmod", "advmod", "amod", "nsubj", "ROOT", "amod", "dobj", "punct"]
HEADS = [1, 1, 3, 5, 5, 1, 7, 5, 9, 7, 9, 16, 14, 14, 15, 16, 16, 18, 16, 16]


def ruler_and_doc(patterns=PATTERNS):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    return nlp, ruler, doc


def annotations(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.lemma_, str(t.morph), t.tag_) for t in doc]


@pytest.mark.parametrize("patterns", [PATTERNS, PATTERNS[:9]], ids=["some left to the Matcher", "arrays only"])
def test_the_arrays_find_what_the_matcher_finds(patterns):
    _, ruler, doc = ruler_and_doc(patterns)
    stock = ruler.match(doc)
    assert len(stock) > 12  # the patterns match this Doc in many places
    assert IndexedRules(ruler).match(doc) == stock


def test_operators_and_other_tests_stay_with_the_matcher():
    _, ruler, _ = ruler_and_doc()
    rules = IndexedRules(ruler)
    left = {ruler.vocab.strings[key] for key in rules.rest._patterns}
    assert left == {"9", "10", "11"}  # the "+" operator, the length test, any token ({})
    assert len(rules.compiled) == len(PATTERNS) - 3 + 1  # rule 6 has two alternatives


def test_the_tokens_come_out_annotated_the_same():
    nlp, ruler, doc = ruler_and_doc()
    expected = annotations(ruler(doc.copy()))
    assert index_attribute_rules(nlp) is True
    assert ruler.match.__self__.__class__ is IndexedRules
    annotated = annotations(ruler(doc.copy()))
    assert annotated == expected
    assert annotated[0][0] == "PROPN" and annotated[9][0] == "NOUN" and annotated[6][1] == "to"
    assert annotated[14][1] == "much" and annotated[17][2] == "Long=Yes" and annotated[9][1] == "village"


def test_nothing_to_match():
    nlp, ruler, _ = ruler_and_doc()
    rules = IndexedRules(ruler)
    assert rules.match(Doc(nlp.vocab, words=[])) == []
    assert rules.match(Doc(nlp.vocab, words=["quiet"])) == []  # no tag, no rule


def test_a_pipeline_without_a_ruler_is_left_alone():
    assert index_attribute_rules(spacy.blank("en")) is False


def test_the_trained_pipeline_annotates_as_spacy_does(nlp):
    text = ("There is no doubt, officials said. I ai n't gon na wait, y'all. Let's go: the rebels "
            "didn't shell 14 villages, and it was not them. \n\n  Nothin' was done; he has got ta run.")
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match.__self__, IndexedRules)
    assert not len(ruler.match.__self__.rest)  # every pattern of the English pipeline is an array test
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = nlp(text)
    stock = type(ruler).match(ruler, parsed)  # spaCy's own matching
    assert ruler.match(parsed) == stock
    by_stock, by_arrays = parsed.copy(), parsed.copy()
    ruler.set_annotations(by_stock, stock)
    ruler(by_arrays)
    assert annotations(by_arrays) == annotations(by_stock)
    assert [t.lemma_ for t in nlp("It's gonna rain.")][:2] == ["it", "be"]
