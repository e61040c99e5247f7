"""Accusations that hold on articles the rules were not written for (issue 14): hostile acts a
source reports, testimony in the passive, hostile nominals, accusations of lying, the false
alarms (page furniture, denials, pledges, acknowledgements), and cue frames read from data.
Every sentence here was written for these tests."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from conftest import HARBOR

from rashomon.extractors import accusations
from rashomon.extractors.lexicon.frames import Frame, load_frames, load_reading
from rashomon.extractors.records import Mention


def pairs(analyze, text):
    return [(a.accuser.party if a.accuser else None, a.accused.party or a.accused.text) for a in analyze(text).accusations]


def accused_texts(analyze, text):
    return [a.accused.text for a in analyze(text).accusations]


# --- reported hostile acts: the source accuses the doer ------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # the doer as the subject of a hostile verb in what the source says
        ("A Syrian army spokesman said rebels shelled the market in Homs.", ("Syria", "rebels")),
        ("Kenyan police said al-Shabab fighters attacked a bus near the border.", ("Kenya", "al-Shabab")),
        # the agent of a hostile passive or participle
        ("The Pakistani army said the checkpoint was attacked by Taliban fighters.", ("Pakistan", "Taliban")),
        ("The Yemeni government said the raid was carried out by Houthi rebels.", ("Yemen", "Houthis")),
        ("The Afghan interior ministry said the attacks carried out by the Taliban killed nine.", ("Afghanistan", "Taliban")),
        # a by-phrase on a hostile -ing word
        ("Iraqi officials said four people died in shelling by Islamic State on Sunday.", ("Iraq", "Islamic State")),
        # an instrument's owner: "belonging to", "of", and the instrument that does the harm
        ("The Lebanese army said a drone belonging to Israel struck a car near Tyre.", ("Lebanon", "Israel")),
        ("The Ukrainian air force said warplanes of Russia bombed a school in Kharkiv.", ("Ukraine", "Russia")),
        # an -ing modifier names its doer: the noun it hangs on
        ("Syrian officials said Turkish troops encircling the town had cut off the water.", ("Syria", "Turkey")),
        # a relative clause: the noun it hangs on
        ("The Nigerian army said it had arrested Boko Haram fighters who attacked the village.", ("Nigeria", "Boko Haram")),
        # bearing responsibility, being to blame, breaking an undertaking
        ("The White House said Russia bears responsibility for the strike.", ("United States", "Russia")),
        ("Armenian officials said Azerbaijan was to blame for the shelling.", ("Armenia", "Azerbaijan")),
        ("The UN said Israel had broken the ceasefire twice in a week.", ("United Nations", "Israel")),
        # the leader named on a force or an act, and the owner of a hostile -ing word
        ("Yemeni residents said Saudi-led warplanes bombed the market.", (None, "Saudi Arabia")),
        ("Syrian activists said the Russian army's shelling of the district killed six people.", (None, "Russia")),
        # the owner of a hostile act, and an act carried by "use of"
        ("The Ukrainian foreign ministry said Russia's use of cluster bombs was a crime.", ("Ukraine", "Russia")),
    ],
)
def test_a_hostile_act_a_source_reports_accuses_its_doer(analyze, text, expected):
    assert expected in pairs(analyze, text)


def test_joined_doers_are_each_accused(analyze):
    found = pairs(analyze, "Syrian activists said the hospital was bombed by Russia or Turkey.")
    assert ("Russia" in {accused for _, accused in found}) and ("Turkey" in {accused for _, accused in found})


def test_a_witness_testimony_in_the_passive_accuses_the_agent(analyze):
    report = analyze("Ahmed Saleh, a fisherman, said he had been beaten by the militia's guards.")
    assert [(a.accuser.text, a.accused.text) for a in report.accusations] == [("Ahmed Saleh", "the militia")]


def test_held_hostage_by_a_group(analyze):
    report = analyze("A freed aid worker said she had been held hostage by the Houthis for months.")
    assert [a.accused.party for a in report.accusations] == ["Houthis"]


def test_held_by_a_group_in_testimony_but_not_areas_held(analyze):
    report = analyze("Maria Ivanova said she had been held by the militia for two weeks.")
    assert [(a.accuser.text, a.accused.text) for a in report.accusations] == [("Maria Ivanova", "the militia")]
    assert analyze("The army said the areas held by rebels were quiet on Sunday.").accusations == []


def test_a_name_one_side_gives_the_other_is_blameable(analyze):
    report = analyze("The Ukrainian mayor said the occupiers were preparing a provocation at the plant.")
    assert [(a.accuser.party, a.accused.text) for a in report.accusations] == [("Ukraine", "the occupiers")]


def test_a_source_cited_by_an_outlet_is_the_accuser(analyze):
    report = analyze("Al Jazeera reported on Wednesday, citing a local activist, that US aircraft had hit a residential building in the city.")
    (accusation,) = report.accusations
    assert accusation.accuser.text == "a local activist" and accusation.accused.party == "United States"


def test_according_to_vouches_for_the_whole_sentence(analyze):
    text = "According to a report by Human Rights Watch released on Monday coalition strikes killed 40 civilians."
    assert [a.accuser.party for a in analyze(text).accusations] == ["Human Rights Watch"]


# --- the harbor-raid example: an accusation, not only a statement ---------------------------


def test_accused_of_names_whoever_the_object_is(analyze):
    report = analyze("The teachers' union accused private security firms of paying the gunmen.")
    (accusation,) = report.accusations
    assert (accusation.accuser.text, accusation.accused.text) == ("The teachers' union", "private security firms")
    assert accusation.allegation == "paying the gunmen"


def test_the_harbor_raid_example_has_its_accusation(cli):
    report = cli("analyze", "--format", "jsonl", HARBOR).one()
    found = [(a["accuser"]["text"], a["accused"]["text"]) for a in report["accusations"]]
    assert ("The fishermen's union", "foreign trawler crews") in found
    for a in report["accusations"]:
        assert report["article"]["text"][a["evidence"]["start"] : a["evidence"]["end"]] == a["evidence"]["text"]


# --- accusations of lying -------------------------------------------------------------------


def test_calling_a_claim_false_accuses_the_claimant(analyze):
    text = ("Russia said Ukrainian forces had shelled the dam. "
            "The Ukrainian military called the claim false and deliberate disinformation.")
    assert ("Ukraine", "Russia") in pairs(analyze, text)


def test_dismissing_someones_claims_as_propaganda(analyze):
    assert pairs(analyze, "The Russian defence ministry dismissed Kyiv's claims as propaganda.") == [("Russia", "Ukraine")]


def test_saying_the_reports_were_fabricated(analyze):
    text = "Israeli officials said Hamas fired the rockets. Hamas said the reports were fabricated."
    assert ("Hamas", "Israel") in pairs(analyze, text)


def test_calling_ones_own_report_wrong_accuses_no_one(analyze):
    assert pairs(analyze, "The army called its own report about the raid false.") == []


# --- false alarms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a party's denial about itself
        "The army said it carried out no raids in the area.",
        "The Nigerian army denied that its soldiers had burned the village.",
        "The ministry rejected reports that its forces shelled the town.",
        # pledges and commitments
        "\"We will support our partners with everything they need,\" the minister said.",
        "Germany will send more tanks to Ukraine, the chancellor said.",
        # what a side confirms is its own doing
        "The Pentagon confirmed that American aircraft struck the convoy.",
        "US officials confirmed a strike near the border on Tuesday.",
        # an act feared or to be prevented, not done
        "The mayor said residents feared the threat of Russian air strikes.",
        "The general said the new radar would help prevent Iranian drone attacks.",
        # an instrument moved, not used
        "The only way to enforce the zone is to send Nato fighter planes, the secretary general said.",
        # an act named by its place, not its side
        "The minister said the city had not recovered since the Paris attacks.",
        # a hostile word on a clause's circumstances, not on what it does
        "After years of hostile relations, the American government plans to lift the sanctions, US officials said.",
        # a thing "targeting" someone is no doer
        "The senator said the flurry of late-night posts targeting the judge was unhinged.",
        # an assessment, not an accusation
        "Analysts believe Russian attacks in the north are meant to tie down Ukrainian troops.",
    ],
)
def test_not_accusations(analyze, text):
    assert analyze(text).accusations == []


def test_a_speakers_own_title_names_its_side(analyze):
    assert accused_texts(analyze, "The coalition spokesman said coalition strikes had hit only military targets.") == []


def test_calling_on_someone_to_act_does_not_accuse_them(analyze):
    text = "The opposition called on the European Union to stop the crimes carried out by the Syrian regime."
    found = pairs(analyze, text)
    assert all(accused != "European Union" for _, accused in found)
    assert any(accused == "Syria" for _, accused in found)


@pytest.mark.parametrize(
    "mention, names",
    [
        (Mention(text="Sun 05 Jul 2015"), False),  # a dateline
        (Mention(text="Updated 10:42 GMT"), False),
        (Mention(text="Tags"), False),
        (Mention(text="several buildings"), False),  # a thing the parser made a subject
        (Mention(text="he"), False),  # a pronoun left unresolved
        (Mention(text="The fishermen's union"), True),
        (Mention(text="Witnesses"), True),
        (Mention(text="Sun", party="Sun Group"), True),
    ],
)
def test_what_can_be_an_accuser(mention, names):
    assert accusations._names_someone(mention) is names


def test_a_byline_is_not_an_accuser(analyze):
    text = "Posted on 12 August by Jane Doe Rebels shelled the market. The army said rebels shelled the market."
    assert all(a.accuser.text != "Jane Doe Rebels" for a in analyze(text).accusations)


def test_acknowledged_cameo_codes(analyze):
    """An acknowledgement of one's own strike is no accusation, so no 1123 for it; another
    side's strike confirmed is one."""
    assert analyze("Israel confirmed that its jets struck targets in Gaza overnight.").accusations == []
    (accusation,) = analyze("The Syrian army confirmed that Israeli jets struck targets near Damascus.").accusations
    assert (accusation.accused.party, accusation.code) == ("Israel", "112")


def test_the_longest_topic_sets_the_sub_code():
    assert accusations._code("112", "committing war crimes in the city") == "1124"
    assert accusations._code("112", "a crime ring") == "1121"


# --- parses the rules repair (hand-built Docs) -----------------------------------------------


def test_a_subject_stranded_on_the_phrase_before(nlp):
    # "... involving gas and the group was responsible": the parser joins "the group" to "gas"
    words = ["attacks", "involving", "gas", "and", "the", "group", "was", "responsible"]
    doc = Doc(nlp.vocab, words=words, heads=[0, 0, 1, 2, 5, 2, 6, 6],
              deps=["ROOT", "acl", "dobj", "cc", "det", "conj", "ROOT", "acomp"],
              pos=["NOUN", "VERB", "NOUN", "CCONJ", "DET", "NOUN", "AUX", "ADJ"],
              tags=["NNS", "VBG", "NN", "CC", "DT", "NN", "VBD", "JJ"])
    assert accusations._subject(doc[6]).text == "group"
    assert accusations._subject(doc[1]) is None  # a participle is not finite


def test_a_progressive_read_as_a_copula(nlp):
    # "the regime is escalating attacks", parsed as "is" + "escalating attacks"
    words = ["regime", "is", "escalating", "attacks"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "amod", "attr"],
              pos=["NOUN", "AUX", "VERB", "NOUN"], tags=["NN", "VBZ", "VBG", "NNS"],
              lemmas=["regime", "be", "escalate", "attack"])
    assert accusations._progressive_misparse(doc[1], load_reading())
    assert accusations._doers_of_clause(doc[1], accusations.load_lexicon(), load_reading()) == [doc[0]]


# --- frames as data -----------------------------------------------------------------------------


def test_every_frame_is_well_formed():
    for lemma, frame in load_frames().items():
        assert frame.code in ("111", "112"), lemma
        assert frame.accused, lemma
        for slot in frame.accused:
            assert slot in ("object", "clause") or slot.isalpha(), (lemma, slot)


def test_implicate_is_read_by_its_frame(analyze):
    report = analyze("The UN report implicated the Wagner group in the killings.")
    (accusation,) = report.accusations
    assert (accusation.cue, accusation.accuser.party, accusation.allegation) == ("implicate", "United Nations", "the killings")


def test_a_new_cue_is_a_frame(analyze, monkeypatch):
    text = "Germany reproached Hungary for blocking the sanctions."
    assert analyze(text).accusations == []
    frames = dict(load_frames())
    frames["reproach"] = Frame(lemma="reproach", code="111", accused=("object",), allegation=("for",))
    monkeypatch.setattr(accusations, "load_frames", lambda: frames)
    (accusation,) = analyze(text).accusations
    assert (accusation.accuser.party, accusation.accused.party, accusation.allegation) == ("Germany", "Hungary", "blocking the sanctions")
