from rashomon.extractors.quotes import find_quotes
from rashomon.extractors.text import paragraph_spans


def inner(text):
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


def test_curly_and_straight_quotes():
    text = '\u201cWe will respond,\u201d he said. She added: "They fired first."'
    assert inner(text) == ["We will respond,", "They fired first."]


def test_quote_left_open_runs_to_the_end_of_its_paragraph():
    text = '"The first paragraph of a long quote.\n\n"The second one, closed."'
    quotes = find_quotes(text)
    assert [q.open_ended for q in quotes] == [True, False]
    assert inner(text) == ["The first paragraph of a long quote.", "The second one, closed."]


def test_odd_and_stray_marks_never_crash():
    for text in ['"', '""', '\u201d stray closing', 'one " two', '\u201c\u201c\u201c', "", "'single' quotes"]:
        find_quotes(text)
    assert inner('He said "no') == ["no"]


def test_apostrophes_and_inch_marks_are_not_quotes():
    assert inner("The army's 5\" guns and the rebels' claims") == []


def test_paragraphs_split_on_blank_lines_and_on_line_breaks_between_sentences():
    text = "Title\n\nFirst sentence.\nSecond paragraph, wrapped\nin the middle.\n\n\nLast."
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Title", "First sentence.", "Second paragraph, wrapped\nin the middle.", "Last.",
    ]


def test_doubled_apostrophes_of_newswire_archives():
    text = "''It was a mistake,'' Mr. Kamin said, calling it ''Buffett rule'' talk. ``Never again,'' he added."
    assert inner(text) == ["It was a mistake,", "Buffett rule", "Never again,"]
