"""One actor model for every extractor: names, aliases and the side each mention speaks for."""
import pytest

from rashomon.extractors.actors import ActorModel


@pytest.fixture
def parties(nlp):
    """The party of each named phrase, as the model resolves it in context."""

    def resolve(text: str, *phrases: str) -> list[str | None]:
        doc = nlp(text)
        model = ActorModel.from_doc(doc)
        found = []
        for phrase in phrases:
            start = text.rindex(phrase)
            span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
            found.append(model.mention(span).party)
        return found

    return resolve


def test_acronym_defined_in_the_text(parties):
    text = ("The Northern Valley Defence Front (NVDF) said on Monday it had repelled an attack. "
            "An NVDF commander said the fighting lasted all night.")
    assert parties(text, "The Northern Valley Defence Front", "An NVDF commander") == [
        "Northern Valley Defence Front", "Northern Valley Defence Front",
    ]


def test_demonyms_and_state_bodies(parties):
    text = "American forces and Russian troops were nearby, the Kremlin said, and US officials agreed."
    assert parties(text, "American forces", "Russian troops", "the Kremlin", "US officials") == [
        "United States", "Russia", "Russia", "United States",
    ]


def test_links_are_not_the_side_itself(parties):
    text = "Iran-backed militias clashed with a Britain-based monitor."
    assert parties(text, "Iran-backed militias", "a Britain-based monitor") == [None, None]


def test_a_led_coalition_belongs_to_its_leader(parties):
    assert parties("The Saudi-led coalition said it had struck.", "The Saudi-led coalition") == ["Saudi Arabia"]


def test_sub_units_belong_to_their_parent(parties):
    text = ("The Eastern Command of the Northern Valley Defence Front (NVDF) issued a statement. "
            "The 12th Battalion of the Eastern Command said two of its men died. "
            "Later the 12th Battalion said nothing more.")
    assert parties(text, "The 12th Battalion of the Eastern Command", "the 12th Battalion") == [
        "Northern Valley Defence Front", "Northern Valley Defence Front",
    ]


def test_people_take_the_side_of_their_title_or_apposition(parties):
    text = ("Russian Foreign Minister Sergei Lavrov met Dmitri Orlov, a Kremlin adviser. "
            "Lavrov said the talks were useful, and Orlov agreed.")
    assert parties(text, "Lavrov", "Orlov") == ["Russia", "Russia"]  # the later mentions


def test_a_spokesman_for_a_body_speaks_for_it(parties):
    assert parties("A spokesman for the Pentagon declined to comment.", "A spokesman for the Pentagon") == ["United States"]


def test_definite_descriptions_point_back(parties):
    text = ("The Malian army said the town was calm. Residents disagreed. "
            "The army later said it had sent reinforcements.")
    assert parties(text, "The army later") == ["Mali"]


def test_private_people_have_no_side(parties):
    text = "Amina Diallo, a nurse at the clinic, said she had treated 20 people."
    assert parties(text, "Amina Diallo") == [None]
