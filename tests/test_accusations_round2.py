"""Accusations, second round on issue 14: more general ways a report blames. Every sentence here
was written for these tests."""
from __future__ import annotations


def pairs(analyze, text):
    return [(a.accuser.text if a.accuser else None, a.accused.text) for a in analyze(text).accusations]


# --- a force named by the side it serves, when the side is a common noun -----------------------


def test_a_force_of_a_side_named_by_a_common_noun_accuses_that_side(analyze):
    assert pairs(analyze, "The monitor said warplanes of the regime struck the village.") == [("The monitor", "the regime")]
    assert pairs(analyze, "Omar Khalil said he was beaten by soldiers of the army.") == [("Omar Khalil", "the army")]
    assert pairs(analyze, "A police source said gunmen from the militia opened fire on the crowd.") == [("A police source", "the militia")]


def test_a_force_of_a_side_that_does_no_harm_is_no_accusation(analyze):
    assert analyze("The spokesman said soldiers of the army patrolled the border.").accusations == []
    assert analyze("The ministry said officials of the government met the envoy.").accusations == []


# --- "condemned what it called X aggression" -------------------------------------------------


def test_what_a_side_calls_an_act_of_another_side_accuses_that_side(analyze):
    found = analyze("The foreign ministry condemned what it called Azerbaijani aggression.").accusations
    assert [(a.accuser.text, a.accused.party) for a in found] == [("The foreign ministry", "Azerbaijan")]
    found = analyze("The army denounced what it described as Israeli provocations on the border.").accusations
    assert [(a.accuser.text, a.accused.party) for a in found] == [("The army", "Israel")]


def test_what_a_side_calls_an_act_with_no_side_accuses_no_one(analyze):
    assert analyze("The minister condemned what he called a cowardly act.").accusations == []


# --- more hostile acts of general English ----------------------------------------------------


def test_planting_explosives_and_excessive_force_are_hostile(analyze):
    found = analyze("Residents said Houthi rebels had planted landmines across the district.").accusations
    assert [a.accused.party for a in found] == ["Houthis"]
    found = analyze("The ministry said Russian forces used excessive force against protesters.").accusations
    assert [a.accused.party for a in found] == ["Russia"]
    assert analyze("The ministry said Russian forces set up a checkpoint.").accusations == []


def test_an_ing_form_the_tagger_cut_short_keeps_its_verb(analyze):
    # spaCy's lemma of "waging" is "wag"; waging a war is hostile
    found = analyze("The prime minister said Russia was waging a war of terror against Ukraine.").accusations
    assert [a.accused.party for a in found] == ["Russia"]


# --- idioms of blame ---------------------------------------------------------------------------


def test_blame_that_lies_with_someone_or_an_act_that_is_their_work(analyze):
    for text, accused in [
        ("The ministry said responsibility for the attack lay with Russia.", "Russia"),
        ("The army said the bombing was the work of Islamic State.", "Islamic State"),
        ("The ministry said the attack bore the hallmarks of Hamas.", "Hamas"),
    ]:
        assert [a.accused.party for a in analyze(text).accusations] == [accused], text
    assert analyze("The report said the work of the committee was finished.").accusations == []
    assert analyze("The minister said the decision lay with parliament.").accusations == []


def test_pointing_the_finger_and_suspecting_are_frames(analyze):
    found = analyze("Kyiv pointed the finger at Moscow for the explosion.").accusations
    assert [(a.accuser.party, a.accused.party) for a in found] == [("Ukraine", "Russia")]
    found = analyze("Kyiv suspected Moscow of carrying out the attack.").accusations
    assert [(a.accuser.party, a.accused.party) for a in found] == [("Ukraine", "Russia")]
    assert analyze("The general pointed at the map.").accusations == []


def test_a_clause_on_a_noun_that_says_it_is_not_so_accuses_no_one(analyze):
    assert analyze("The minister said there was no evidence that Iran had attacked the tanker.").accusations == []
    assert analyze("The UN said it had found no sign that Russian troops shelled the plant.").accusations == []
    found = analyze("The minister said there was evidence that Iran had attacked the tanker.").accusations
    assert [a.accused.party for a in found] == ["Iran"]


# --- characterising the other side, and calling its material fake --------------------------------


def test_a_sides_hostile_policies_and_provocative_actions(analyze):
    for text, accused in [
        ("Iran's foreign minister said America's hostile policies had failed.", "United States"),
        ("The minister said China's actions in the strait were provocative and dangerous.", "China"),
        ("The EU said Belarus was weaponising migrants.", "Belarus"),
    ]:
        assert [a.accused.party for a in analyze(text).accusations] == [accused], text
    assert analyze("The minister said the government's new policies had failed.").accusations == []


def test_material_called_staged_accuses_whoever_published_it(analyze):
    found = analyze("The army said the video published by Hamas was staged.").accusations
    assert [a.accused.party for a in found] == ["Hamas"]
    assert analyze("The army said the operation was staged from the north.").accusations == []


def test_a_group_described_by_its_nation_can_be_blamed(analyze):
    found = analyze("The Palestinian ministry said Israeli settlers attacked the village.").accusations
    assert [(a.accuser.party, a.accused.text) for a in found] == [("Palestine", "Israeli settlers")]
    assert analyze("The ministry said settlers attacked the village.").accusations == []  # no one described


def test_a_group_described_by_the_side_behind_it_can_be_blamed(analyze):
    for text, accused in [
        ("The White House said Iranian-backed groups were responsible for the drone attack.", "Iranian-backed groups"),
        ("The opposition said pro-government thugs attacked their headquarters.", "pro-government thugs"),
        ("Kyiv said Russian-backed fighters shelled the town.", "Russian-backed fighters"),
    ]:
        assert [a.accused.text for a in analyze(text).accusations] == [accused], text
    assert analyze("The ministry said pro-democracy protesters attacked the police.").accusations == []
    assert analyze("The ministry said well-trained groups attacked the base.").accusations == []


def test_harm_at_the_hands_of_someone_and_held_hostage_in_the_active(analyze):
    found = analyze("Layla Hassan said her brother died at the hands of regime forces.").accusations
    assert [(a.accuser.text, a.accused.text) for a in found] == [("Layla Hassan", "regime forces")]
    found = analyze("The ministry said Russian forces were holding 200 civilians hostage in the basement.").accusations
    assert [a.accused.party for a in found] == ["Russia"]
    assert analyze("The ministry said Ukrainian troops were holding the line near the river.").accusations == []
