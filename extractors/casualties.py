"""Casualty figures: how many people were killed, injured, missing, abducted or detained; who
they were, who is said to be responsible, where, when, and who gives the figure; and whether a
figure is the article's event's or another's (`background`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .actors import ActorModel
from .dates import is_earlier, resolve_date, years_in
from .lexicon import load_lexicon
from .quantities import Quantity, parse_number, qualify, vague_quantity
from .records import Casualty, Mention
from .statements import Attribution, evidence_of
from .text import doc_ents, ents_in, find_tokens

_RANGE = re.compile(
    r"(?:between\s+)?(?P<lo>[\w,\-]+)\s*(?:and|to|-|\u2013|or)\s*(?P<hi>[\w,\-]+)\s*$", re.I
)
_RANGE_WORDS = re.compile(r"\b(and|to|or)\b|[-\u2013]")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_AGED = re.compile(r"^\d+-year-olds?$")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_ARTICLES = ("a", "an")

# How far back (in tokens) a passive with no subject looks for the people it counts.
ORPHAN_REACH = 12
# How many clauses up a capture verb looks for who captured ("stormed in, killing ... and
# capturing ...").
CAPTOR_REACH = 3
# Words before a number read for its qualifier ("no fewer than 12").
QUALIFIER_WORDS = 4
# Characters at the end of those words where a range's "and"/"to" may sit ("10 to 15").
RANGE_REACH = 12
# Words a phrase's words may have between them ("took 300 pupils from their school").
PHRASE_GAP = 4
# Words after an active verb where the parser may have left its object ("killed one civilian").
OBJECT_REACH = 4
# Words between a total and its breakdown marker ("22 people killed, including").
BREAKDOWN_GAP = 3
# Words a part of a breakdown may run over before its people noun ("two young pregnant women").
PART_WORDS = 6
# Earlier years in one sentence, and no date of now, that make it a list of past events.
PAST_LIST_YEARS = 2


def _words(name: str) -> frozenset[str]:
    """A word list of casualties.toml's [words] table."""
    return load_lexicon().casualty_words[name]


@dataclass
class _Figure:
    outcome: str
    quantity: Quantity
    victims: Token | None  # head of the victim group, None for a bare number ("killing 14")
    names: list[str]
    anchor: Token  # the outcome word
    perpetrator: Token | None
    head: Token  # the victim phrase as read: the group, or the number that stands for it
    part: bool = False  # a breakdown of a total ("including four children")


def find_casualties(doc: Doc, actors: ActorModel, attributions: list[Attribution] = (),
                    published: str | None = None) -> list[Casualty]:
    """Every casualty figure, repeats merged (keeping all evidence), competing figures apart."""
    found: list[Casualty] = []
    by_number: dict[tuple, list[Casualty]] = {}  # only figures of one outcome and number can merge
    parts: set[int] = set()  # ids of the casualties that break a total down
    year = _article_year(doc, published)
    for figure in sorted(_figures(doc, actors), key=lambda f: f.anchor.sent.start):
        casualty = _record(figure, doc, actors, attributions, published, year)
        bucket = by_number.setdefault((casualty.outcome, casualty.count), [])
        same = next((c for c in bucket if _same_figure(c, casualty, (id(c) in parts) or figure.part)), None)
        if same is None:
            found.append(casualty)
            bucket.append(casualty)
            if figure.part:
                parts.add(id(casualty))
        elif casualty.evidence not in [same.evidence, *same.more_evidence]:
            same.more_evidence.append(casualty.evidence)
            _fill_gaps(same, casualty)
    return found


def _same_figure(a: Casualty, b: Casualty, part: bool = False) -> bool:
    """One figure per outcome, number and victim group: "27 dead" and, later, "at least 27
    people" are one figure, whoever repeats it; "4 children" and "4 soldiers" are two. A
    breakdown (`part`: "including four children") is one with figures of its group only."""
    if a.outcome != b.outcome:
        return False
    if _unnumbered(a) != _unnumbered(b):
        return False  # "dozens" and "27" are not one figure
    if a.count is not None or b.count is not None:
        if a.count != b.count:
            return False
    elif (a.min, a.max) != (b.min, b.max):
        return False
    if _unnumbered(a):
        return a.victims == b.victims
    group_a, group_b = _group(a.victims), _group(b.victims)
    return group_a == group_b or not (part or (group_a and group_b))


def _unnumbered(c: Casualty) -> bool:
    return (c.count, c.min, c.max) == (None, None, None)


def _group(victims: str | None) -> str | None:
    """A victim group by the class of its head word ("fighters" and "members" are combatants),
    or None when it names no particular group."""
    phrase = re.split(r"\s+(?:of|in|at|from)\s+", (victims or "").lower())[0]
    words = re.findall(r"[a-z]+", phrase)
    head = _singular(words[-1] if words else "")
    if head in _words("generic_victims"):
        return None
    return load_lexicon().victim_classes.get(head, head)


_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "policemen": "policeman"}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _fill_gaps(kept: Casualty, new: Casualty) -> None:
    for name in ("victims", "perpetrator", "reported_by", "location", "date"):
        if getattr(kept, name) is None and getattr(new, name) is not None:
            setattr(kept, name, getattr(new, name))
    if not kept.names and new.names:
        kept.names = new.names


def _record(figure: _Figure, doc: Doc, actors: ActorModel, attributions, published, year) -> Casualty:
    sentence = figure.anchor.sent
    q = figure.quantity
    return Casualty(
        outcome=figure.outcome,
        count=q.count,
        min=q.min,
        max=q.max,
        approximate=q.approximate,
        conservative=q.conservative,
        evidence=evidence_of(sentence),
        victims=_victim_text(figure.victims) if figure.victims is not None else None,
        names=figure.names,
        perpetrator=_perpetrator(figure.perpetrator or _accused_in(sentence), actors),
        reported_by=_source(figure.anchor, attributions),
        location=_place(figure.anchor),
        date=_date(figure.anchor, published),
        background=_background(figure.anchor, published, year),
    )


# --- finding figures -----------------------------------------------------------


def _figures(doc: Doc, actors: ActorModel) -> Iterator[_Figure]:
    lex = load_lexicon()
    found: list[_Figure] = []
    used: set[tuple[str, int]] = set()  # (outcome, victim token) already read
    for counted, outcome, anchor in (*_among_the_dead(doc, lex), *_in_condition(doc, lex)):
        figure = _figure(counted, anchor, outcome, None, lex)
        if figure is not None and (outcome, counted.i) not in used:
            used.add((outcome, counted.i))
            found.append(figure)
    for token in find_tokens(doc, lemmas=_outcome_lemmas(), lowers=_outcome_forms()):
        outcome = _outcome(token, lex)
        if outcome is None or _hypothetical(token):
            continue
        for victim, perpetrator in _victims(token, outcome, lex):
            figure = _figure(victim, token, outcome, perpetrator, lex)
            if figure is None:
                continue
            key = (outcome, figure.head.i)
            if key in used:
                continue
            used.add(key)
            found.append(figure)
            for part in _breakdowns(figure, lex):
                if (outcome, part.head.i) not in used:
                    used.add((outcome, part.head.i))
                    found.append(part)
    yield from _without_victims_of_others(found)


def _without_victims_of_others(figures: list[_Figure]) -> Iterator[_Figure]:
    """"Eight captives were executed": the captives are the dead of the verb's figure, not a
    figure of their own."""
    heads = {(f.head.i, f.anchor.i) for f in figures}
    for f in figures:
        counts_itself = f.head.i == f.anchor.i and f.anchor.pos_ == "NOUN"
        if counts_itself and any(h == f.anchor.i and a != f.anchor.i for h, a in heads):
            continue
        yield f


def _among_the_dead(doc: Doc, lex) -> Iterator[tuple[Token, str, Token]]:
    """"Four children were among the dead", "there were 11 children among the dead":
    (counted group, outcome, anchor)."""
    for among in find_tokens(doc, lowers=frozenset({"among"})):
        if among.dep_ != "prep":
            continue
        group = next((c for c in among.children if c.dep_ == "pobj"), None)
        outcome = _outcome(group, lex) if group is not None else None
        if outcome is None:
            continue
        verb = among.head if among.head.lemma_ == "be" else among.head.head
        if verb.lemma_ != "be":
            continue
        counted = next((c for c in verb.children if _counted_beside(c, among)), None)
        if counted is not None and counted.i != group.i:
            yield counted, outcome, group


def _counted_beside(child: Token, among: Token) -> bool:
    """The counted group of "there were 11 children among the dead" (an attribute) or of
    "four children were among the dead" (a subject other than "there" and other than the
    phrase "among" hangs from)."""
    if child.dep_ == "attr":
        return True
    return child.dep_ == "nsubj" and child.lower_ != "there" and child.i != among.head.i


def _in_condition(doc: Doc, lex) -> Iterator[tuple[Token, str, Token]]:
    """"Nine people in a critical condition", "two were in serious condition", "left five
    people in critical condition": the injured, by their state. (counted, outcome, anchor)."""
    for noun in find_tokens(doc, lemmas=_words("condition_nouns")):
        if not any(c.dep_ == "amod" and c.lower_ in _words("conditions") for c in noun.children):
            continue
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "in":
            continue
        holder = prep.head
        if holder.pos_ in ("NOUN", "PROPN", "NUM"):
            yield holder, "injured", noun
            continue
        counted = next((c for dep in ("dobj", "nsubjpass", "nsubj") for c in holder.children if c.dep_ == dep), None)
        if counted is not None:
            yield counted, "injured", noun


@cache
def _outcome_lemmas() -> frozenset[str]:
    """Every lemma `_outcome` can read an outcome from."""
    lex = load_lexicon()
    firsts = frozenset(words[0] for words, _ in _phrases())
    return frozenset(lex.outcome_verbs) | frozenset(lex.outcome_nouns) | _words("life_takers") | firsts


@cache
def _outcome_forms() -> frozenset[str]:
    lex = load_lexicon()
    return frozenset(lex.outcome_adjectives) | frozenset(lex.outcome_nouns)


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The lexicon's outcome phrases as word sequences, longest first."""
    phrases = ((tuple(p.split()), outcome) for p, outcome in load_lexicon().outcome_phrases.items())
    return tuple(sorted(phrases, key=lambda p: -len(p[0])))


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_ == "VBN"


def _outcome(token: Token, lex) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if _is_verb(token):
        if lemma in lex.outcome_verbs:
            return lex.outcome_verbs[lemma]
        if lower in lex.outcome_adjectives:
            return lex.outcome_adjectives[lower]
        phrase = _phrase_at(token)
        if phrase is not None:
            return phrase[0]
        if lemma in _words("life_takers") and any(_is_life(c) for c in token.children):
            return "killed"  # "a war that has claimed over 300,000 lives"
        return None
    if token.pos_ == "ADJ" and lower in lex.outcome_adjectives:
        return lex.outcome_adjectives[lower]
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return lex.outcome_nouns.get(lemma) or lex.outcome_nouns.get(lower)
    return None


def _is_life(token: Token) -> bool:
    return token.dep_ == "dobj" and token.lemma_.lower() == "life"


def _phrase_at(verb: Token) -> tuple[str, list[Token]] | None:
    """The outcome of the lexicon phrase a verb begins, with the phrase's words: "lost their
    lives", "were taken hostage", "took 300 pupils from their school"."""
    if not _is_verb(verb):
        return None
    for words, outcome in _phrases():
        if _word_is(verb, words[0]):
            rest = _phrase_rest(verb, words[1:])
            if rest is not None:
                return outcome, rest
    return None


def _word_is(token: Token, word: str) -> bool:
    return token.lemma_.lower() == word or token.lower_ == word


def _phrase_rest(verb: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens that read `words` in order after `verb`, in its clause, each within
    PHRASE_GAP words of the one before; None if some word is not there."""
    doc, at, matched = verb.doc, verb.i, []
    for word in words:
        window = doc[at + 1 : min(at + 1 + PHRASE_GAP, verb.sent.end)]
        found = next((t for t in window if _word_is(t, word) and verb.is_ancestor(t)), None)
        if found is None:
            return None
        matched.append(found)
        at = found.i
    return matched


def _hypothetical(anchor: Token) -> bool:
    """Harm that has not happened is no figure: "until one of them dies", "the siege could
    kill thousands", "potentially leading to the deaths of patients", "threatened to kill the
    hostages"."""
    verb = anchor
    while not _is_verb(verb) and verb.head.i != verb.i:
        verb = verb.head  # a noun's clause: "leading to the deaths of" -> "leading"
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in _words("hypothetical_marks"):
            return True
        if c.dep_ == "aux" and c.lower_ in _words("hypothetical_modals"):
            return True
        if c.dep_ == "advmod" and c.lower_ in _words("hypothetical_adverbs"):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _words("intent_verbs")


def _victims(anchor: Token, outcome: str, lex) -> Iterator[tuple[Token, Token | None]]:
    """(victim phrase head, perpetrator phrase head) pairs an outcome word reports, with each
    conjunct of a coordinated victim phrase ("two American soldiers and three Afghan ...")."""
    found = list(_victim_heads(anchor, outcome, lex))
    unpeopled = not any(_counts_people(victim, lex) for victim, _ in found)  # "the Civil Defence ... were injured"
    if unpeopled and anchor.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in anchor.children):
        orphan = _orphan_victim(anchor, lex)
        if orphan is not None:
            found = [(orphan, _agent(anchor))]
    for victim, perpetrator in found:
        yield victim, perpetrator
        for c in victim.children:
            if _another_victim(c, victim, lex):
                yield c, perpetrator


def _another_victim(conjunct: Token, victim: Token, lex) -> bool:
    """A conjunct counted beside the victims: "two soldiers and three civilians". One with an
    outcome of its own ("two dead bodies and 100 wounded people") is that outcome's figure."""
    if conjunct.dep_ != "conj" or conjunct.pos_ not in ("NOUN", "PROPN", "NUM") or conjunct.i < victim.i:
        return False
    return not any(_outcome(m, lex) for m in conjunct.children if m.dep_ in ("amod", "compound", "acl"))


def _orphan_victim(verb: Token, lex) -> Token | None:
    """"It confirmed 331 civilians, including 19 children, had been killed", "and more than 25
    were injured": a passive the parser left without its subject takes the counted people (or
    the number) just before it."""
    number = _number_before(verb)
    if number is not None:
        return number
    sentence = verb.sent
    for token in reversed(sentence.doc[sentence.start : verb.i]):
        if _counted_noun(token, lex):
            return token
        if token.pos_ == "VERB" and token.i < verb.i - ORPHAN_REACH:
            break
    return None


def _counted_noun(token: Token, lex) -> bool:
    """A noun with a number that counts people, not itself inside a prepositional phrase."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "pobj":
        return False
    return _counts_people(token, lex) and any(c.dep_ == "nummod" for c in token.children)


def _victim_heads(anchor: Token, outcome: str, lex) -> Iterator[tuple[Token, Token | None]]:
    if _is_verb(anchor):
        found = list(_verb_victims(anchor, outcome, lex))
        if not found and anchor.dep_ in ("acomp", "oprd"):
            found = list(_adjective_victims(anchor))  # "leaving injured about 50"
        yield from found
        return
    if anchor.pos_ == "ADJ" or anchor.lower_ in lex.outcome_adjectives:
        found = list(_adjective_victims(anchor))
        if found:
            yield from found
            return
    yield from _noun_victims(anchor, lex)


def _verb_victims(anchor: Token, outcome: str, lex) -> Iterator[tuple[Token, Token | None]]:
    deps = {c.dep_: c for c in anchor.children}
    lemma = anchor.lemma_.lower()
    phrase = _phrase_at(anchor) if lemma not in lex.outcome_verbs else None
    if phrase is not None:
        yield from _phrase_victims(anchor, phrase[1], lex)
        return
    if lemma in _words("life_takers") and "dobj" in deps:  # "claimed 300,000 lives", "took the lives of four"
        lives = deps["dobj"]
        yield (_of_object(lives) or lives), deps.get("nsubj")
        return
    passive = "nsubjpass" in deps or "auxpass" in deps
    agent = _agent(anchor)
    if "nsubjpass" in deps:
        yield deps["nsubjpass"], agent
    elif anchor.dep_ in ("acl", "amod", "relcl") and anchor.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        # "22 people killed in strikes", "the 15 wounded civilians"
        yield anchor.head, agent
    elif anchor.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in anchor.children):
        # "Four were killed and 14 wounded": a number just before the second verb
        number = _number_before(anchor)
        if number is not None:
            yield number, agent
        elif anchor.head.pos_ == "VERB":
            yield from _victims(anchor.head, outcome, lex)
    if _subject_suffers(anchor, lex, passive, deps):
        subject = deps.get("nsubj")
        if subject is None and anchor.dep_ == "xcomp":  # "seven were reported to have died"
            subject = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        transitive = anchor.lemma_.lower() in lex.outcome_verbs and anchor.lemma_.lower() not in _words("intransitive_outcomes")
        if subject is not None and (not transitive or _counts_people(subject, lex)):
            yield subject, agent  # "five died", "Two soldiers killed in attack" (a headline)
            return
        if subject is None and not transitive and (named := _named_before(anchor)) is not None:
            yield named, agent
            return
        if not transitive:
            return
    if "dobj" in deps and not passive:
        yield deps["dobj"], deps.get("nsubj")
    elif "nsubj" in deps and not passive and anchor.dep_ == "conj":
        yield deps["nsubj"], agent
    elif not passive and (stray := _object_astray(anchor, lex)) is not None:
        yield stray, deps.get("nsubj")


def _object_astray(verb: Token, lex) -> Token | None:
    """The counted people right after an active verb with no object, which the parser hung on
    a later word, as in text without commas: "killed one civilian injuring 2 persons"."""
    for token in verb.doc[verb.i + 1 : min(verb.i + 1 + OBJECT_REACH, verb.sent.end)]:
        if _counted_noun(token, lex) and token.head.i > token.i:
            return token
        if _is_verb(token):
            return None
    return None


def _subject_suffers(verb: Token, lex, passive: bool, deps: dict) -> bool:
    """Verbs whose subject is the victim: "five died", "two Navy SEALs are missing"."""
    if verb.lemma_.lower() in _words("intransitive_outcomes"):
        return True
    return verb.lower_ in lex.outcome_adjectives and not passive and "dobj" not in deps


def _phrase_victims(verb: Token, inside: list[Token], lex) -> Iterator[tuple[Token, Token | None]]:
    """Who a phrase's outcome befell: "were taken hostage" (the passive's subject), "30 people
    taken hostage" (the phrase it describes), "took 300 pupils from their school" (the object),
    "five soldiers lost their lives" (the subject)."""
    ids = {t.i for t in inside}
    deps = {c.dep_: c for c in verb.children if c.i not in ids}
    if "nsubjpass" in deps:
        yield deps["nsubjpass"], _agent(verb)
    elif verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        yield verb.head, _agent(verb)
    elif "dobj" in deps:
        yield deps["dobj"], deps.get("nsubj")
    elif (counted := _counted_in_phrase(inside, lex)) is not None:
        yield counted, deps.get("nsubj")  # "took 30 people hostage", parsed "30 people" under "hostage"
    elif "nsubj" in deps:
        yield deps["nsubj"], None
    elif (named := _named_before(verb)) is not None:
        yield named, None


def _counted_in_phrase(inside: list[Token], lex) -> Token | None:
    for word in inside:
        for c in word.children:
            if c.dep_ in ("compound", "nmod") and _counts_people(c, lex) and any(g.dep_ == "nummod" for g in c.children):
                return c
    return None


def _of_object(token: Token) -> Token | None:
    """The object of a noun's "of": "the lives of four" -> "four"."""
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)


def _adjective_victims(anchor: Token) -> Iterator[tuple[Token, Token | None]]:
    subject = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:  # "with 304 more wounded"
        yield subject, None
        return
    if anchor.dep_ in ("oprd", "acomp", "xcomp", "ccomp"):
        # "leaving 20 people dead" (the object), "two soldiers were dead" (the subject)
        verb = anchor.head
        for dep in ("dobj", "nsubjpass", "nsubj"):
            victim = next((c for c in verb.children if c.dep_ == dep and c.i != anchor.i), None)
            if victim is not None:
                yield victim, None
                return
    if anchor.dep_ == "amod":
        yield anchor.head, None


def _noun_victims(anchor: Token, lex) -> Iterator[tuple[Token, Token | None]]:
    if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in anchor.children):
        yield anchor, None  # "58 deaths", "22 dead", "700 injured"
        return
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in _words("victim_preps"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                yield pobj, None  # "the deaths of four fighters"
                return
    # "the death toll rose to 58": the outcome word modifies the toll, or is the toll itself
    # when plural ("fatalities rose to 30")
    if anchor.lemma_.lower() in lex.toll_nouns or anchor.tag_ == "NNS":
        yield from _toll_value(anchor)
    elif anchor.head.lemma_.lower() in lex.toll_nouns:
        yield from _toll_value(anchor.head)


def _toll_value(toll: Token) -> Iterator[tuple[Token, Token | None]]:
    """"the death toll rose to 58", "has reached at least 126", "a death toll of 58", "put
    the death toll at 31", "fatalities rose to 30"."""
    for c in toll.children:
        if c.dep_ == "prep" and c.lower_ in _words("toll_value_preps"):
            value = _number_in(c)
            if value is not None:
                yield value, None
                return
    verb = toll.head
    if toll.dep_ == "dobj" and verb.lemma_.lower() in _words("toll_setters"):
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _words("toll_target_preps") and (value := _number_in(c)) is not None:
                yield value, None
                return
    if toll.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in _words("toll_verbs"):
        for c in verb.children:
            if c.dep_ in ("dobj", "attr", "npadvmod") and (value := _number_of(c)) is not None:
                yield value, None
                return
            if c.dep_ == "prep" and c.lower_ in _words("toll_target_preps") and (value := _number_in(c)) is not None:
                yield value, None
                return


def _number_in(prep: Token) -> Token | None:
    """The number a preposition's object is or holds: "to 58", "to at least six Friday"."""
    return next((n for pobj in prep.children if pobj.dep_ == "pobj" and (n := _number_of(pobj)) is not None), None)


def _number_of(token: Token) -> Token | None:
    """A number token, or the phrase it counts ("58 people"), or the number a date-like noun
    swallowed ("six Friday", where "six" hangs from "Friday")."""
    if token.like_num:
        return token
    numbers = [g for g in token.children if g.like_num]
    if not numbers:
        return None
    return token if _counts_people(token, load_lexicon()) else numbers[0]


def _agent(verb: Token) -> Token | None:
    """Who did it: "killed by X", "killed in US air strikes", "killed during rebel fire"."""
    lex = load_lexicon()
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _words("agent_preps"):
            for pobj in c.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.hostile_nouns:
                    return pobj
    return None


def _number_before(token: Token) -> Token | None:
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].pos_ in ("AUX", "ADV", "PART"):
        i -= 1
    return doc[i] if i >= 0 and doc[i].like_num else None


def _figure(victim: Token, anchor: Token, outcome: str, perpetrator: Token | None, lex) -> _Figure | None:
    """The quantity and group a victim phrase names, or None if it counts no people."""
    head = victim
    # "dozens of people", "hundreds of civilians": the vague quantity heads the phrase
    vague = vague_quantity(head.lower_) if head.pos_ in ("NOUN", "NUM", "ADJ", "PRON") else None
    group = head
    if vague or head.like_num:
        group = _of_object(head) or head
    if not _counts_people(group, lex) or _is_year(head):
        return None
    names = _names(victim)
    quantity = _quantity(head, vague, lex)
    if quantity is None:
        if len(names) >= 2:
            quantity = Quantity(len(names))
        elif _one_named(group, anchor, lex):
            quantity = Quantity(1)
        elif _single_victim(group, anchor, lex):
            quantity = Quantity(1 + len(_single_conjuncts(group, lex)))  # "his father and brother"
        else:
            return None
    outcome = _taken(outcome, group, anchor, perpetrator, lex)
    return _Figure(outcome, quantity, group if not group.like_num else None, names, anchor, perpetrator, head)


def _is_year(token: Token) -> bool:
    """"killed 2020": a year standing where the victims should be is no count."""
    return token.like_num and bool(_YEAR.match(token.text)) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    )


def _one_named(victim: Token, anchor: Token, lex) -> bool:
    """"the kidnapping of the mayor of Melitopol", "the death of Omar Haddad": one person,
    named or singled out, in a noun of harm."""
    if anchor.pos_ != "NOUN" or victim.dep_ != "pobj" or victim.tag_ not in ("NN", "NNP"):
        return False
    if victim.ent_type_ == "PERSON":
        return True
    determiner = next((c.lower_ for c in victim.children if c.dep_ == "det"), None)
    return determiner in _words("single_determiners") and victim.lemma_.lower() in lex.people_nouns


def _single_victim(victim: Token, anchor: Token, lex) -> bool:
    """One person presented as a figure, as the subject or object of an outcome verb: "a
    cameraman was wounded", "a 15-year-old boy was detained", "the town's deputy mayor was
    detained", "Peter Smith succumbed to his injuries"."""
    if not _is_verb(anchor):
        return False
    direct = victim.dep_ in ("nsubj", "nsubjpass", "dobj") and victim.head.i == anchor.i
    if victim.ent_type_ == "PERSON" and victim.pos_ == "PROPN":
        # a name the recogniser took for a person may be a town: "the YPG captured Tel Abyad"
        named = direct or (victim.i < anchor.i and _subject(anchor) is None)
        return named and anchor.lemma_.lower() not in _words("place_taking_verbs")
    if not direct:
        return False
    if victim.tag_ != "NN" or not (victim.lemma_.lower() in lex.people_nouns or _aged(victim)):
        return False
    if victim.lower_ in _words("generic_victims"):
        return False
    singled = any(
        (c.dep_ == "det" and c.lower_ in _words("single_determiners")) or c.dep_ == "poss"
        for c in victim.children
    )
    return singled


def _single_conjuncts(victim: Token, lex) -> list[Token]:
    """The people joined to a single victim: "his father and younger brother"."""
    return [c for c in victim.children if c.dep_ == "conj" and c.tag_ == "NN" and c.lemma_.lower() in lex.people_nouns]


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _named_before(verb: Token) -> Token | None:
    """"According to the local daily, Peter Smith, 56, succumbed to his injuries": a verb the
    parser left without its subject takes the person named just before it."""
    sentence = verb.sent
    for token in reversed(sentence.doc[max(sentence.start, verb.i - ORPHAN_REACH) : verb.i]):
        if token.ent_type_ == "PERSON" and token.pos_ == "PROPN" and token.dep_ in ("appos", "nsubj", "conj"):
            return token
        if _is_verb(token):
            return None
    return None


def _aged(token: Token) -> bool:
    """"an 11-year-old", one token or five ("11 - year - old")."""
    if _AGED.match(token.lower_):
        return True
    doc, i = token.doc, token.i
    if token.lower_ not in _words("age_words") or i < 3:
        return False
    return doc[i - 1].text == doc[i - 3].text == "-" and doc[i - 2].lemma_ == "year"


def _taken(outcome: str, victims: Token, anchor: Token, captor: Token | None, lex) -> str:
    """Captured hostages, or people captured by militants, were abducted, not detained."""
    if outcome != "detained":
        return outcome
    if lex.outcome_nouns.get(victims.lemma_.lower()) == "abducted":
        return "abducted"  # "hostages", "captives"
    subject = captor or next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    verb = anchor
    for _ in range(CAPTOR_REACH):  # "Militants stormed in, killing ... and capturing ...": up the chain
        if subject is not None or verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in lex.hostile_groups:
        return "abducted"
    return outcome


def _counts_people(token: Token, lex) -> bool:
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in lex.not_people_nouns or lower in lex.not_people_nouns:
        return False
    if token.like_num or token.pos_ in ("NUM", "PRON"):
        return True
    if token.ent_type_ in ("PERSON", "NORP") or _aged(token):
        return True
    if token.tag_ in ("NNS", "NNPS") and token.text[:-1] in lex.country_aliases:
        return True  # "Britons", "Palestinians": people of a nation
    return lemma in lex.people_nouns or lower in lex.people_nouns or lower in lex.vague_quantities


def _quantity(head: Token, vague: str | None, lex) -> Quantity | None:
    if vague is not None:
        return qualify(None, "", vague=vague)
    # the number tokens: the head itself, or its numeric modifiers
    numbers = [head] if _is_number_word(head, lex) or head.lower_ == "one" else []
    if not numbers:
        # number words among the phrase's left modifiers, however the parser nested them
        # ("Two ALM fighters" parses "Two" under "ALM")
        numbers = [t for t in head.subtree if t.i < head.i and _is_number_word(t, lex) and _modifies(t, head)]
        vague_mod = next((c for c in head.children if vague_quantity(c.lower_)), None)
        if not numbers and vague_mod is not None:
            return qualify(None, "", vague=vague_mod.lower_)
    if not numbers:
        return None
    return _count_between(head, min(t.i for t in numbers), max(t.i for t in numbers), lex)


def _count_between(head: Token, lo: int, hi: int, lex) -> Quantity | None:
    """The qualified count of the number words doc[lo..hi], widened over the rest of a
    multi-word number ("twenty - one", "two and a half thousand", "3 000")."""
    doc = head.doc
    while lo > 0 and _extends_left(doc, lo, lex):
        lo -= 1
    while hi + 1 < len(doc) and _extends_right(doc, hi, lex):
        hi += 1
    text = doc[lo : hi + 1].text
    prefix = doc[max(head.sent.start, lo - QUALIFIER_WORDS) : lo].text
    # a range: "between 10 and 15", "10 to 15", "10-15"
    ranged = _RANGE_WORDS.search(text + " " + prefix[-RANGE_REACH:])
    m = _RANGE.search(prefix + " " + text) if ranged else None
    if m and parse_number(m.group("lo")) is not None and parse_number(m.group("hi")) is not None:
        low, high = parse_number(m.group("lo")), parse_number(m.group("hi"))
        if low < high:
            return Quantity(None, min=low, max=high, approximate=False)
    count = parse_number(text)
    if count is None:
        # "a dozen", words around: fall back to the head alone
        count = parse_number(head.text) if head.like_num else None
    if count is None or count == 0:
        return None
    return qualify(count, prefix)


def _extends_left(doc: Doc, lo: int, lex) -> bool:
    """Whether the word before doc[lo] belongs to the number: "twenty - one", "a dozen",
    "half a dozen", "two and a half thousand"."""
    before = doc[lo - 1]
    lower = before.lower_
    after = doc[lo].lower_
    if lower in _ARTICLES:  # "a dozen", "a hundred", "a half"
        return after in lex.number_scales or after in lex.number_multipliers or after in lex.number_fractions
    if lower == "and":  # "two and a half"
        return lo > 1 and _number_token(doc[lo - 2], lex) and (after in _ARTICLES or after in lex.number_fractions)
    if before.text == "-":
        return lo > 1 and doc[lo - 2].lower_ in lex.number_tens
    return _number_token(before, lex) or lower in lex.number_fractions


def _extends_right(doc: Doc, hi: int, lex) -> bool:
    after = doc[hi + 1]
    if after.text == "-":
        return hi + 2 < len(doc) and doc[hi + 2].like_num
    return after.like_num or after.lower_ in lex.number_scales


def _number_token(token: Token, lex) -> bool:
    lower = token.lower_
    return token.like_num or lower in lex.number_tens or lower in lex.number_units


def _is_number_word(token: Token, lex) -> bool:
    if token.ent_type_ in _words("non_count_labels") or "/" in token.text:
        return False  # "10/16", "$5 million": not a count of people
    if token.ent_type_ == "DATE" and _YEAR.match(token.text):
        return False  # "2010"
    if _age_number(token):
        return False  # the 15 of "a 15-year-old boy"
    lower = token.lower_
    if lower in lex.number_units:
        return lower not in _words("non_count_units")
    return token.like_num or lower in lex.number_tens or lower in lex.number_scales


def _age_number(token: Token) -> bool:
    doc, i = token.doc, token.i
    return token.like_num and i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lemma_ == "year"


def _modifies(token: Token, head: Token) -> bool:
    """Whether `token` hangs off `head` through modifiers only (not a clause or a prep)."""
    while token.i != head.i:
        if token.dep_ not in ("nummod", "quantmod", "compound", "amod", "nmod", "advmod", "det", "conj", "cc"):
            return False
        token = token.head
    return True


def _names(victim: Token) -> list[str]:
    """Named victims: "four members of X: A, B, C and D" or "A, B and C were killed"."""
    doc = victim.doc
    sent = victim.sent
    colon = next((t for t in doc[victim.i : sent.end] if t.text == ":"), None)
    region = doc[colon.i + 1 : sent.end] if colon is not None else None
    if region is None and victim.ent_type_ == "PERSON":
        region = doc[victim.left_edge.i : victim.right_edge.i + 1]
    if region is None:
        return []
    names = [re.sub(r"\s*-\s*", "-", n) for n in _capitalised_runs(region)]
    titles = load_lexicon().person_titles | _words("name_titles")
    cleaned = []
    for n in names:
        words = n.split()
        while words and words[0].lower() in titles:
            words = words[1:]
        if len(words) >= 2:
            cleaned.append(" ".join(words))
    return cleaned


def _capitalised_runs(region: Span) -> list[str]:
    """The runs of capitalised words in a list, split at commas and "and", brackets skipped:
    "A B (Abu C), D E and F G" -> ["A B", "D E", "F G"]."""
    names: list[str] = []
    depth = 0
    current: list[str] = []
    for t in region:
        if t.text in ("(", ")"):
            depth += 1 if t.text == "(" else -1
            continue
        if depth:
            continue  # nicknames in brackets: "(Abu Hassan)"
        if t.text in (",", ";", ".") or t.lower_ in ("and", "or"):
            if current:
                names.append(" ".join(current))
            current = []
        elif t.text[:1].isupper() or (current and _inside_name(t)):
            current.append(t.text)
        else:
            current = []
    if current:
        names.append(" ".join(current))
    return names


def _inside_name(token: Token) -> bool:
    """A hyphen or a lower-case particle within a name: "Abu Bakr al - Baghdadi"."""
    return token.text == "-" or token.text in _words("name_particles")


def _breakdowns(figure: _Figure, lex) -> Iterator[_Figure]:
    """The parts of a total, each a figure of its own: "22 killed, including six civilians",
    "27 people among them four children", "30 people, of whom 13 were civilians", "six
    people, including an 11-year-old", and "six civilians were among the 22 killed"."""
    starts = set()
    # "At least 12 civilians including four children": a repeat of the total in apposition too
    repeats = [c for c in figure.head.children if c.dep_ == "appos"]
    for holder in (figure.head, *repeats, figure.anchor):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in _words("breakdown_preps"):
                starts.update(g.left_edge.i for g in c.children if g.dep_ == "pobj")
        end = _marker_after(holder, lex)
        if end is not None:
            starts.add(end)
    for start in sorted(starts):
        for part in _parts(figure, start, lex):
            if part.quantity.count != figure.quantity.count:
                yield part
    yield from _among_total(figure, lex)


def _marker_after(token: Token, lex) -> int | None:
    """Where the words after a breakdown marker begin, if one follows `token` within
    BREAKDOWN_GAP words that are punctuation, auxiliaries or outcome words ("22 people
    killed, including")."""
    doc, end = token.doc, token.sent.end
    i = token.i + 1
    for _ in range(BREAKDOWN_GAP + 1):
        if i >= end:
            return None
        for marker in lex.breakdown_markers:
            words = marker.split()
            if [t.lower_ for t in doc[i : i + len(words)]] == words:
                return i + len(words)
        t = doc[i]
        if not (t.is_punct or t.pos_ in ("AUX", "ADV") or _outcome(t, lex) is not None):
            return None
        i += 1
    return None


def _parts(figure: _Figure, start: int, lex) -> Iterator[_Figure]:
    """The counted groups listed from `start`: "four children and a pregnant woman"."""
    doc, end = figure.anchor.doc, figure.anchor.sent.end
    i = start
    while i < end:
        while i < end and (doc[i].text == "," or doc[i].lower_ == "and"):
            i += 1
        noun = _part_noun(doc, i, end, lex)
        if noun is None:
            noun = _bare_number(doc, i, end, lex)  # "700 people, including 47 wounded"
            if noun is None:
                return
        quantity = _part_quantity(doc, i, noun, lex)
        if quantity is not None:
            group = None if noun.like_num else noun
            yield _Figure(figure.outcome, quantity, group, [], figure.anchor, figure.perpetrator, noun, part=True)
        i = noun.i + 1


def _part_noun(doc: Doc, i: int, end: int, lex) -> Token | None:
    """The people noun a part ends in, within PART_WORDS of `i`: "four children", "a pregnant
    woman", "13 were civilians", "an 11-year-old"."""
    for t in doc[i : min(end, i + PART_WORDS)]:
        if _part_head(t, lex):
            return t
        if t.dep_ in ("advmod", "quantmod", "nummod", "amod", "det"):
            continue  # "at least 10 children", "more than five women"
        numbered = t.i > i and doc[t.i - 1].like_num
        if t.pos_ in ("VERB", "ADP", "SCONJ", "CCONJ", "PRON") or (t.pos_ == "AUX" and not numbered):
            return None
        if t.is_punct and t.text != "-":
            return None
    return None


def _part_head(token: Token, lex) -> bool:
    """A word that can end a part: a people noun ("children"), an age ("11-year-old"), or the
    counted dead or wounded ("47 wounded")."""
    if token.like_num:
        return False
    if token.pos_ in ("NOUN", "PROPN") and _counts_people(token, lex):
        return True
    if _aged(token):
        return True
    return token.lower_ in lex.people_nouns and token.lower_ in _outcome_forms()


def _bare_number(doc: Doc, i: int, end: int, lex) -> Token | None:
    """A part that is a number alone: "including 47", "of whom 13"."""
    if i >= end or not _is_number_word(doc[i], lex) or _is_year(doc[i]):
        return None
    j = i
    while j + 1 < end and _is_number_word(doc[j + 1], lex):
        j += 1
    return doc[j]


def _part_quantity(doc: Doc, i: int, noun: Token, lex) -> Quantity | None:
    numbers = [t.i for t in doc[i : noun.i + 1] if _is_number_word(t, lex)]
    if numbers:
        return _count_between(noun, min(numbers), max(numbers), lex)
    aged_one = _aged(noun) and not noun.lower_.endswith("s")  # "an 11-year-old", not "two 11-year-olds"
    singular = noun.tag_ in ("NN", "NNP") or aged_one
    if doc[i].lower_ in _words("single_determiners") and singular:
        return Quantity(1)  # "a pregnant woman"
    return None


def _among_total(figure: _Figure, lex) -> Iterator[_Figure]:
    """"Six civilians ... were among at least 22 people killed": the subject is a part."""
    group = figure.victims
    among = group.head if group is not None and group.dep_ == "pobj" else None
    if among is None or among.lower_ != "among" or among.head.lemma_ != "be":
        return
    for c in among.head.children:
        if c.dep_ != "nsubj":
            continue
        part = _figure(c, figure.anchor, figure.outcome, figure.perpetrator, lex)
        if part is None:
            continue
        yield part
        for inner in c.children:
            if inner.dep_ == "prep" and inner.lower_ == "including":
                for pobj in inner.children:
                    if pobj.dep_ == "pobj" and (sub := _figure(pobj, figure.anchor, figure.outcome, figure.perpetrator, lex)):
                        yield sub


# --- describing figures -----------------------------------------------------------


def _victim_text(token: Token) -> str:
    doc = token.doc
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "nmod", "poss")]
    start = min([token.i] + [c.left_edge.i for c in left])
    if _aged(token) and not _AGED.match(token.lower_):
        start = min(start, token.i - 4)  # "11 - year - old"
    end = token.i + 1
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and token.lemma_.lower() in _words("group_of_heads"):
        end = of.right_edge.i + 1
        colon = next((t for t in doc[token.i : end] if t.text == ":"), None)
        if colon is not None:
            end = colon.i
    text = doc[start:end].text
    return re.sub(r"\s*-\s*(?=year|old)", "-", re.sub(r"\s+", " ", text)).strip(" ,")


def _perpetrator(token: Token | None, actors: ActorModel) -> Mention | None:
    """Who the figure says did it, when that is an actor, an attack ("US air strikes") or a
    hostile group ("Gunmen in two speedboats abducted eight fishermen")."""
    if token is None:
        return None
    lex = load_lexicon()
    mention = actors.mention(token)
    lemma = token.lemma_.lower()
    if mention.party is None and lemma not in lex.hostile_nouns and lemma not in lex.hostile_groups and token.pos_ != "PROPN":
        return None
    return mention


def _accused_in(sentence: Span) -> Token | None:
    """"X accused Y of strikes ... resulting in the deaths of four": Y is the claimed
    perpetrator of the deaths the accusation reports."""
    lex = load_lexicon()
    for token in sentence:
        if token.pos_ == "VERB" and lex.accusation_verbs.get(token.lemma_.lower()) == "112":
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            accused = next((c for c in token.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
            if accused is not None:
                return accused
    return None


def _source(anchor: Token, attributions) -> Mention | None:
    """Who gives the figure: the statement whose content holds it, else one in its sentence."""
    start, end = anchor.idx, anchor.idx + len(anchor.text)
    for a in attributions:
        if a.covers(start, end):
            return a.speaker
    sentence = anchor.sent
    for a in attributions:
        if a.cue is not None and sentence.start <= a.cue.i < sentence.end:
            return a.speaker
    return None


def _place(anchor: Token) -> str | None:
    sentence = anchor.sent
    strong = _words("place_preps")
    places = [e for e in ents_in(sentence) if e.label_ in _PLACE_LABELS]
    if not places:
        # a proper name after "in"/"near"/"on" that the recogniser left unlabelled
        preps = strong | _words("place_preps_weak")
        places = [
            sentence.doc[t.i : t.i + 1] for t in sentence
            if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ == "pobj" and t.head.lower_ in preps
        ]
    if not places:
        return None

    def rank(ent: Span):  # the place nearest the outcome word, preferring those after "in"/"near"/"at"
        prep = ent.root.head.lower_ if ent.root.dep_ == "pobj" else ""
        return (prep not in strong, abs(ent.start - anchor.i))

    return min(places, key=rank).text


def _date(anchor: Token, published: str | None) -> str | None:
    dates = [e for e in ents_in(anchor.sent) if e.label_ == "DATE"]
    for ent in sorted(dates, key=lambda e: abs(e.start - anchor.i)):
        resolved = resolve_date(ent.text, published)
        if resolved:
            return resolved
    return None


# --- whose event a figure is -----------------------------------------------------------


def _article_year(doc: Doc, published: str | None) -> int | None:
    """The year the article is of: its publication's, else the latest year it names."""
    if published:
        return int(published[:4])
    years = [y for e in doc_ents(doc) if e.label_ == "DATE" for y in years_in(e.text)]
    return max(years) if years else None


def _background(anchor: Token, published: str | None, year: int | None) -> bool:
    """Whether a figure is of an earlier or other event than the article's: counted since a
    war began ("since the war began", "since 2011", "the war's death toll"), told of an earlier attack ("a previous
    strike killed 12"), dated weeks before the article ("in 2002", "last year"), or one of a
    list of past events (a sentence of earlier years only)."""
    cues = load_lexicon().background_cues
    clause = _clause_of(anchor)
    if _counted_since(clause, anchor, published, year, cues) or _of_earlier_event(clause, cues):
        return True
    if _war_toll(anchor, cues):
        return True
    dates = [e for e in ents_in(anchor.sent) if e.label_ == "DATE" and not _after_since(e)]
    own = [e for e in dates if _clause_of(e.root).i == clause.i or _dates_clause(e, clause)]
    if own:
        return any(is_earlier(e.text, published, year, cues["days_before"]) for e in own)
    earlier = [e for e in dates if is_earlier(e.text, published, year, cues["days_before"])]
    past_years = {y for e in earlier for y in years_in(e.text)}
    return len(past_years) >= PAST_LIST_YEARS and len(earlier) == len(dates)


def _clause_of(token: Token) -> Token:
    """The verb whose clause a token is in: itself if a verb, else the first verb above it."""
    while not _is_verb(token) and token.head.i != token.i:
        token = token.head
    return token


def _after_since(ent: Span) -> bool:
    """"the deadliest since 2015": a date after "since" is a span of time, read by
    `_counted_since` where it bounds a toll."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ == "since"


def _dates_clause(ent: Span, clause: Token) -> bool:
    """"in 2002, when 31 people were killed": the clause describes the date."""
    return clause.dep_ in ("relcl", "advcl", "acl") and ent.start <= clause.head.i < ent.end


def _counted_since(clause: Token, anchor: Token, published, year, cues) -> bool:
    """A toll counted since a war or a date weeks back: "since the war began", "since the
    start of the conflict", "since 2011", "since October 7"."""
    doc = anchor.doc
    # "had been killed and 675 injured since the invasion began": the verbs of one coordination
    holders = {t.i: t for t in (clause, anchor, *_coordinated(clause))}
    for holder in holders.values():
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "since":
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    if pobj.lemma_.lower() in cues["since_nouns"]:
                        return True
                    span = doc[pobj.left_edge.i : pobj.right_edge.i + 1]
                    if is_earlier(span.text, published, year, cues["days_before"]):
                        return True
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                subject = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.lemma_.lower() in cues["since_nouns"]:
                    return True
    return False


def _coordinated(verb: Token) -> list[Token]:
    """The verbs coordinated with `verb`: its conjuncts and the verb it is a conjunct of."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    conjuncts = [c for c in first.children if c.dep_ == "conj"]
    # "331 had been killed and 675 injured": the second verb hangs from its number
    verbs = [c for c in conjuncts if _is_verb(c)]
    verbs += [g for c in conjuncts if not _is_verb(c) for g in c.children if g.dep_ in ("acl", "relcl") and _is_verb(g)]
    return [first, *verbs]


def _war_toll(anchor: Token, cues) -> bool:
    """"the war's death toll", "the conflict's toll": a toll of the whole war."""
    lex = load_lexicon()
    tolls = [t for t in (anchor, anchor.head) if t.lemma_.lower() in lex.toll_nouns]
    return any(c.dep_ == "poss" and c.lemma_.lower() in cues["since_nouns"] for t in tolls for c in t.children)


def _of_earlier_event(clause: Token, cues) -> bool:
    """"a previous attack killed 20", "killed in earlier strikes", "an earlier raid that
    killed 12"."""
    events = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    events += [g for c in clause.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if clause.dep_ in ("relcl", "acl"):
        events.append(clause.head)
    return any(m.dep_ == "amod" and m.lower_ in cues["earlier_words"] for e in events for m in e.children)
