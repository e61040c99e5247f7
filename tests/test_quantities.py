import pytest

from rashomon.extractors.quantities import Quantity, parse_number, qualify, vague_quantity


@pytest.mark.parametrize(
    "text, value",
    [
        ("12", 12), ("1,200", 1200), ("230000", 230000), ("4.5 million", 4_500_000),
        ("four", 4), ("Twenty-one", 21), ("twenty one", 21), ("two hundred", 200),
        ("a hundred", 100), ("a dozen", 12), ("one thousand two hundred", 1200),
        ("three hundred and five", 305),
    ],
)
def test_numbers_in_digits_and_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "dozens", "many", "the", "a", "1.5", "12 people", "99999999999999", "9" * 309])
def test_not_a_count(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("", Quantity(12)),
        ("at least", Quantity(12, min=12)),
        ("killing more than", Quantity(12, min=12)),
        ("up to", Quantity(12, max=12, approximate=True)),
        ("nearly", Quantity(12, max=12, approximate=True)),
        ("fewer than", Quantity(12, max=12)),
        ("about", Quantity(12, approximate=True)),
        ("an estimated", Quantity(12, approximate=True)),
    ],
)
def test_qualifiers(prefix, expected):
    assert qualify(12, prefix) == expected


def test_vague_quantities_carry_the_coders_figure():
    assert vague_quantity("Dozens") == "dozens"
    assert qualify(None, "", vague="dozens") == Quantity(None, approximate=True, conservative=12)
    assert qualify(None, "", vague="hundreds").conservative == 100
    assert vague_quantity("people") is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("3 000", 3000), ("3\u00a0000", 3000), ("12\u202f500", 12500), ("1 200 000", 1_200_000),
        ("half a dozen", 6), ("half a million", 500_000), ("two and a half thousand", 2500),
        ("one and a half million", 1_500_000),
    ],
)
def test_spaced_thousands_and_fractions(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["half", "a half"])
def test_a_fraction_alone_is_no_count(text):
    assert parse_number(text) is None
