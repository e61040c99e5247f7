"""`rashomon compare`'s library on reports built by hand (no model): grouping articles into
events, each event's figures reconciled, accounts merged across outlets, disagreements, and
reports read back from JSON Lines."""
from __future__ import annotations

import json

import jsonschema
import pytest

from rashomon.extractors.compare import compare_reports, read_reports, report_from_dict, victim_group
from rashomon.extractors.compare.names import read_opening
from rashomon.extractors.compare.schema import comparison_schema
from rashomon.extractors.records import (
    Account, Accusation, Article, Casualty, Evidence, Failure, Mention, Report, Statement,
)

# --- building reports ------------------------------------------------------------------------


def evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def casualty(text: str, sentence: str, outcome: str, count: int | None, **fields) -> Casualty:
    return Casualty(outcome=outcome, count=count, evidence=evidence(text, sentence), **fields)


def report(input: str, text: str, *, published: str | None = None, source: str | None = None,
           casualties=(), accusations=(), statements=()) -> Report:
    """A report of `text` (its first line the headline), its accounts grouped by party as
    `analyze` groups them."""
    title = text.split("\n", 1)[0]
    built = Report(input=input, article=Article(text=text, title=title, published=published, source=source),
                   casualties=list(casualties), accusations=list(accusations), statements=list(statements))
    parties: dict[str, Account] = {}
    for i, s in enumerate(built.statements):
        if s.speaker.party:
            parties.setdefault(s.speaker.party, Account(s.speaker.party)).statements.append(i)
    for i, a in enumerate(built.accusations):
        if a.accuser and a.accuser.party:
            parties.setdefault(a.accuser.party, Account(a.accuser.party)).accusations.append(i)
    built.accounts = list(parties.values())
    return built


def side(text: str, party: str) -> Mention:
    return Mention(text=text, party=party)


def accusation(text: str, sentence: str, accuser: Mention, accused: Mention, allegation: str) -> Accusation:
    return Accusation(accuser=accuser, accused=accused, allegation=allegation, cue="accuse", evidence=evidence(text, sentence))


def statement(text: str, sentence: str, speaker: Mention, content: str, cue: str = "say") -> Statement:
    return Statement(speaker=speaker, content=content, direct=False, cue=cue, evidence=evidence(text, sentence))


STATE_TV = """Rebels shell market in Kelmora, killing 12

At least 12 civilians were killed when shells struck the crowded market in the town of Kelmora in northern Vastria on Sunday, the Vastrian army said. The army accused the Free Hills Front of firing the shells from the ridge east of Kelmora. Hospital staff in Kelmora said 30 people were wounded, including 10 children.

In 2019, an ambush near Dorvan killed 40 soldiers.
Some 25 people died in a separate incident, officials said later."""

REBEL_RADIO = """Army artillery kills 19 at Kelmora market

Army artillery struck the weekly market in Kelmora on Sunday, killing 19 people, the Free Hills Front said. The Front denied firing on the town and said the army had shelled its own people. The Front blamed the Vastrian army for the deaths.

Residents of Kelmora said 19 bodies had been taken to the mosque."""

ELECTION = """Vastria's parliament approves new budget

Lawmakers in the capital Orlen approved the budget on Tuesday after a long debate about pensions and road building in the southern provinces."""


def state_tv(published: str | None = "2025-03-03") -> Report:
    text = STATE_TV
    army, front = side("the Vastrian army", "Vastria"), side("the Free Hills Front", "Free Hills Front")
    return report("state-tv.txt", text, published=published, source="Vastria TV", casualties=[
        casualty(text, "At least 12 civilians were killed when shells struck the crowded market in the town of Kelmora in northern Vastria on Sunday, the Vastrian army said.",
                 "killed", 12, min=12, victims="civilians", location="Kelmora", reported_by=army),
        casualty(text, "Hospital staff in Kelmora said 30 people were wounded, including 10 children.", "injured", 30, victims="people"),
        casualty(text, "Hospital staff in Kelmora said 30 people were wounded, including 10 children.", "injured", 10, victims="children"),
        casualty(text, "In 2019, an ambush near Dorvan killed 40 soldiers.", "killed", 40, victims="soldiers", location="Dorvan"),
        casualty(text, "Some 25 people died in a separate incident, officials said later.", "killed", 25, approximate=True, victims="people"),
    ], accusations=[
        accusation(text, "The army accused the Free Hills Front of firing the shells from the ridge east of Kelmora.",
                   side("The army", "Vastria"), front, "firing the shells from the ridge east of Kelmora"),
    ], statements=[
        statement(text, "At least 12 civilians were killed when shells struck the crowded market in the town of Kelmora in northern Vastria on Sunday, the Vastrian army said.",
                  army, "At least 12 civilians were killed when shells struck the crowded market"),
    ])


def rebel_radio(published: str | None = "2025-03-04") -> Report:
    text = REBEL_RADIO
    front, army = side("the Free Hills Front", "Free Hills Front"), side("the Vastrian army", "Vastria")
    return report("rebel-radio.txt", text, published=published, casualties=[
        casualty(text, "Army artillery struck the weekly market in Kelmora on Sunday, killing 19 people, the Free Hills Front said.",
                 "killed", 19, victims="people", location="Kelmora", reported_by=front, perpetrator=side("Army artillery", "Vastria")),
        casualty(text, "Residents of Kelmora said 19 bodies had been taken to the mosque.", "killed", 19, victims="bodies"),
    ], accusations=[
        accusation(text, "The Front blamed the Vastrian army for the deaths.", side("The Front", "Free Hills Front"), army, "the deaths"),
    ], statements=[
        statement(text, "The Front denied firing on the town and said the army had shelled its own people.",
                  side("The Front", "Free Hills Front"), "firing on the town", cue="deny"),
    ])


def election() -> Report:
    return report("election.txt", ELECTION, published="2025-03-04")


def only_event(*reports: Report, **options):
    (event,) = compare_reports(list(reports), **options).events
    return event


def killed_toll(event):
    return next(f for f in event.figures if f.outcome == "killed" and f.victims is None)


# --- events ----------------------------------------------------------------------------------


def test_two_outlets_of_one_event_are_one_event_and_another_story_is_another():
    events = compare_reports([state_tv(), election(), rebel_radio()]).events
    assert [[a.input for a in e.articles] for e in events] == [["state-tv.txt", "rebel-radio.txt"], ["election.txt"]]
    assert events[0].places[0] == "Kelmora"


def test_an_earlier_episode_at_the_same_place_is_another_event():
    events = compare_reports([state_tv(published="2025-03-03"), rebel_radio(published="2025-01-20")]).events
    assert len(events) == 2


def test_one_war_on_two_days_without_a_shared_place_is_two_events():
    first = report("a.txt", "Vastrian jets strike Dorvan\n\nVastrian jets struck the town of Dorvan on Monday, killing four people, the Free Hills Front said, as the war with Vastria entered its third month.")
    second = report("b.txt", "Vastrian jets strike Ulmen as talks stall\n\nVastrian artillery shelled the city of Ulmen on Friday, the Free Hills Front said. Peace talks in the capital have stalled as the war with Vastria entered its third month.")
    assert len(compare_reports([first, second]).events) == 2
    # the same words about one town are one event
    second.article.text = second.article.text.replace("Ulmen", "Dorvan")
    assert len(compare_reports([first, second]).events) == 1


def test_one_event_puts_every_article_in_one():
    event = only_event(state_tv(), election(), rebel_radio(), one_event=True)
    assert len(event.articles) == 3


def test_no_reports_no_events():
    assert compare_reports([]).events == []
    assert compare_reports([], one_event=True).events == []


# --- figures ---------------------------------------------------------------------------------


def test_two_outlets_with_different_tolls_are_reconciled():
    toll = killed_toll(only_event(state_tv(), rebel_radio()))
    assert (toll.low, toll.high, toll.disagree, toll.sources) == (12, 19, True, 2)
    assert toll.conservative == 12  # ACLED: the lowest
    assert toll.best == 19  # the median of one figure a source (12, 19): the higher of the two
    assert {(r.input, r.count) for r in toll.reports} == {("state-tv.txt", 12), ("rebel-radio.txt", 19)}
    assert [r.reported_by.party for r in toll.reports if r.input == "state-tv.txt"] == ["Vastria"]


def test_a_toll_of_another_place_or_a_figure_nothing_ties_to_the_event_is_left_out():
    # "40 soldiers near Dorvan" (another place) and "some 25 ... in a separate incident" (past
    # the lead, naming nothing of the event) are not this event's
    counts = {r.count for f in only_event(state_tv()).figures if f.outcome == "killed" for r in f.reports}
    assert counts == {12}


@pytest.mark.parametrize("event_sentence, event_place, other_sentence, other_place", [
    ("Shells hit the market in Kelmora on Sunday, killing 12 people.", "Kelmora",
     "A week earlier, a strike in Dorvan killed 7 people.", "Dorvan"),
    # a capital named as a figure's place is the city, not its country
    ("A truck drove into a crowd in Nice on Thursday, killing 12 people.", "Nice",
     "The attacks in Paris in November killed 130 people.", "Paris"),
])
def test_a_toll_the_lead_places_elsewhere_is_left_out(event_sentence, event_place, other_sentence, other_place):
    text = f"Attack in {event_place} kills 12\n\n{event_sentence} {other_sentence}"
    built = report("e.txt", text, casualties=[
        casualty(text, event_sentence, "killed", 12, victims="people", location=event_place),
        casualty(text, other_sentence, "killed", 7, victims="people", location=other_place),
    ])
    assert [r.count for r in killed_toll(only_event(built)).reports] == [12]


def test_a_background_toll_is_left_out():
    tv = state_tv()
    tv.casualties[0].background = True  # as the casualty extractor will mark an earlier attack
    assert {r.input for r in killed_toll(only_event(tv, rebel_radio())).reports} == {"rebel-radio.txt"}


def test_a_figure_dated_outside_the_event_is_left_out():
    tv = state_tv()
    tv.casualties[0].date = "2025-01-02"
    toll = killed_toll(only_event(tv, rebel_radio()))
    assert {r.input for r in toll.reports} == {"rebel-radio.txt"}


def test_a_subgroup_stays_a_subgroup():
    event = only_event(state_tv())
    injured = [f for f in event.figures if f.outcome == "injured"]
    assert [(f.victims, f.part_of, f.low) for f in injured] == [(None, None, 30), ("children", "all", 10)]


def test_later_figures_of_people_in_general_count_with_the_toll_and_named_groups_apart():
    text = "Blast in Kelmora kills 8\n\nEight people were killed in a blast in Kelmora. Three soldiers were among those killed in Kelmora, the army said."
    built = report("c.txt", text, casualties=[
        casualty(text, "Eight people were killed in a blast in Kelmora.", "killed", 8, victims="people"),
        casualty(text, "Three soldiers were among those killed in Kelmora, the army said.", "killed", 3, victims="soldiers"),
    ])
    figures = only_event(built).figures
    assert [(f.victims, f.low) for f in figures] == [(None, 8), ("combatants", 3)]


def test_vague_figures_give_a_conservative_figure_but_no_range():
    text = "Dozens killed in Kelmora\n\nDozens of people were killed in Kelmora on Sunday."
    built = report("d.txt", text, casualties=[
        casualty(text, "Dozens of people were killed in Kelmora on Sunday.", "killed", None, approximate=True, conservative=12, victims="people")])
    toll = killed_toll(only_event(built))
    assert (toll.low, toll.high, toll.best, toll.conservative, toll.disagree) == (None, None, None, 12, False)


@pytest.mark.parametrize("victims, group", [
    (None, None), ("people", None), ("84 people", None), ("the dead", None), ("civilians", "civilians"),
    ("women", "women"), ("girls", "children"), ("Afghan special forces soldiers", "combatants"),
])
def test_victim_groups(victims, group):
    assert victim_group(victims) == group


# --- accounts and disagreements ----------------------------------------------------------------


def test_accounts_merge_across_outlets_with_the_outlets_that_carry_them():
    event = only_event(state_tv(), rebel_radio())
    by_party = {a.party: a for a in event.accounts}
    assert set(by_party) == {"Vastria", "Free Hills Front"}
    assert by_party["Free Hills Front"].carried_by == ["rebel-radio.txt"]
    assert by_party["Vastria"].accusations[0].accused_party == "Free Hills Front"
    assert by_party["Free Hills Front"].statements[0].denial


def test_a_wire_copy_is_one_statement_carried_by_both():
    text_a = "Kelmora\n\nThe army said the rebels fired the shells from the ridge east of the town."
    text_b = "Kelmora attack\n\nThe army said rebels fired the shells from the ridge east of town, witnesses added."
    a = report("a.txt", text_a, statements=[statement(text_a, text_a.split("\n")[-1], side("The army", "Vastria"), "the rebels fired the shells from the ridge east of the town")])
    b = report("b.txt", text_b, statements=[statement(text_b, text_b.split("\n")[-1], side("The army", "Vastria"), "rebels fired the shells from the ridge east of town")])
    (account,) = only_event(a, b, one_event=True).accounts
    assert [s.carried_by for s in account.statements] == [["a.txt", "b.txt"]]


def test_opposite_blame_and_a_denial_are_disagreements():
    kinds = {d.kind: d for d in only_event(state_tv(), rebel_radio()).disagreements}
    assert set(kinds) >= {"figures", "blame", "denial"}
    assert set(kinds["blame"].parties) == {"Vastria", "Free Hills Front"}
    assert kinds["denial"].parties[0] == "Free Hills Front" and "Vastria" in kinds["denial"].parties
    assert "12 to 19" in kinds["figures"].summary and "Vastria TV" in kinds["figures"].summary


def test_no_disagreement_where_sources_agree():
    tv = state_tv()
    radio = rebel_radio()
    radio.casualties[0].count = radio.casualties[1].count = 12
    radio.accusations.clear()
    radio.statements.clear()
    radio.accounts.clear()
    radio.casualties[0].perpetrator = None
    event = only_event(tv, radio)
    assert killed_toll(event).disagree is False
    assert event.disagreements == []


def test_sources_naming_different_perpetrators_disagree_on_blame():
    tv = state_tv()
    tv.casualties[0].perpetrator = side("the Front's gunners", "Free Hills Front")
    blames = [d for d in only_event(tv, rebel_radio()).disagreements if d.kind == "blame" and d.outcome == "killed"]
    assert len(blames) == 1 and set(blames[0].parties) == {"Free Hills Front", "Vastria"}


def test_a_party_named_by_its_initials_is_the_party_named_in_full():
    radio = rebel_radio()
    radio.accounts[0].party = "FHF"
    parties = [a.party for a in only_event(state_tv(), radio).accounts]
    assert parties == ["Vastria", "Free Hills Front"]


# --- openings ----------------------------------------------------------------------------------


def test_a_title_case_headline_names_only_what_the_article_writes_as_a_name():
    opening = read_opening(None, "Scores Die As Truck Plows Into Crowd In Velmar\n\nA truck drove into a crowd in Velmar on Thursday; scores died.")
    assert {t.key for t in opening.headline if t.kind == "name"} == {"velmar"}


def test_places_are_names_after_a_preposition_of_place_or_before_a_kind_of_place():
    opening = read_opening("Attack", "Attack\n\nShells hit the town of Kelmora and Dorvan province. President Ardan said the attack in Ulmen was a crime.")
    assert {"kelmora", "dorvan", "ulmen"} <= opening.places and "ardan" not in opening.places


def test_two_spellings_of_one_hyphenated_name_are_one_name():
    a = read_opening(None, "Blast in Mazar-i-Sharif\n\nA blast hit Mazar-i-Sharif.")
    b = read_opening(None, "Blast in Mazar-e-Sharif\n\nA blast hit Mazar-e-Sharif.")
    assert {t.key for t in a.headline if t.kind == "name"} == {t.key for t in b.headline if t.kind == "name"} == {"mazar sharif"}


def test_a_states_adjective_is_not_a_place_of_the_event():
    text = "Rebels attack German consulate in Kelmora\n\nRebels attacked the German consulate in Kelmora on Sunday."
    assert [p for p, _ in read_opening(None, text).headline_places] == ["Kelmora"]


# --- reports read back -------------------------------------------------------------------------


def test_reports_round_trip_through_json_lines():
    original = state_tv()
    (back,) = read_reports([json.dumps(original.to_dict())], "r.jsonl")
    assert back == original


def test_a_report_without_background_reads_as_not_background():
    data = state_tv().to_dict()
    data["casualties"][1]["background"] = True
    del data["casualties"][0]["background"]
    assert [c.background for c in report_from_dict(data).casualties][:2] == [False, True]


def test_bad_lines_are_failures_named_by_line_and_the_rest_is_read():
    good = json.dumps(state_tv().to_dict())
    no_text = state_tv().to_dict()
    del no_text["article"]["text"]
    bad_offset = state_tv().to_dict()
    bad_offset["casualties"][1]["evidence"]["start"] = "ten"
    lines = [good, "{not json", "", "[1, 2]", json.dumps(no_text), json.dumps(bad_offset),
             json.dumps({"input": "gone.html", "error": "HTTP 404"}), json.dumps({**state_tv().to_dict(), "schema_version": 9})]
    results = list(read_reports(lines, "r.jsonl"))
    assert isinstance(results[0], Report)
    failures = [(r.input, r.error) for r in results[1:]]
    assert [f[0] for f in failures] == ["r.jsonl:2", "r.jsonl:4", "r.jsonl:5", "r.jsonl:6", "gone.html", "r.jsonl:8"]
    assert "not JSON" in failures[0][1]
    assert "article.text" in failures[2][1]
    assert "casualties[1].evidence.start" in failures[3][1]
    assert failures[4] == ("gone.html", "HTTP 404")
    assert "schema_version" in failures[5][1]


def test_an_account_pointing_past_the_statements_is_a_bad_report():
    data = state_tv().to_dict()
    data["accounts"][0]["statements"] = [5]
    (failure,) = read_reports([json.dumps(data)], "r.jsonl")
    assert isinstance(failure, Failure) and "accounts[0]" in failure.error


def test_the_document_meets_its_schema():
    comparison = compare_reports([state_tv(), rebel_radio(), election()], [Failure("gone.html", "HTTP 404")])
    document = json.loads(json.dumps(comparison.to_dict()))
    jsonschema.validate(document, comparison_schema())
    assert document["failures"] == [{"input": "gone.html", "error": "HTTP 404"}]
    assert set(document["events"][0]) == {"articles", "date", "places", "figures", "accounts", "disagreements"}


def test_the_statement_an_accusation_was_read_from_is_not_listed_again():
    tv = state_tv()
    sentence = "The army accused the Free Hills Front of firing the shells from the ridge east of Kelmora."
    tv.statements.append(statement(STATE_TV, sentence, side("The army", "Vastria"), "the Free Hills Front of firing the shells", cue="accuse"))
    tv.accounts[0].statements.append(len(tv.statements) - 1)
    (account,) = only_event(tv).accounts
    assert [s.content for s in account.statements] == ["At least 12 civilians were killed when shells struck the crowded market"]
    assert len(account.accusations) == 1

