"""Casualty figures: how many people were killed, injured, missing, abducted or detained; who
they were, who is said to be responsible, where, when, and who gives the figure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .actors import ActorModel
from .dates import resolve_date
from .lexicon import load_lexicon
from .quantities import Quantity, parse_number, qualify, vague_quantity
from .records import Casualty, Mention
from .statements import Attribution, evidence_of
from .text import ents_in, find_tokens

_RANGE = re.compile(
    r"(?:between\s+)?(?P<lo>[\w,\-]+)\s*(?:and|to|-|\u2013|or)\s*(?P<hi>[\w,\-]+)\s*$", re.I
)
# Verbs a toll moves with: "the death toll rose to 58", "has reached at least 126".
_TOLL_VERBS = {"rise", "reach", "climb", "jump", "increase", "stand", "hit", "soar", "grow", "mount", "be", "top", "exceed", "surpass"}
# Verbs that move a toll as their object: "put the death toll at 58", "bringing the toll to 90".
_TOLL_SETTERS = {"put", "bring", "raise", "push", "take", "place", "set", "lift"}
# "more than 100 remain in captivity", "two are held in custody".
_HELD_VERBS = frozenset({"remain", "be", "stay", "hold", "keep"})
# "claimed 300,000 lives", "cost hundreds of lives", "took the lives of four".
_LIFE_TAKERS = frozenset({"claim", "cost", "take"})
_PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class _Figure:
    outcome: str
    quantity: Quantity
    victims: Token | None  # head of the victim phrase
    names: list[str]
    anchor: Token  # the outcome word
    perpetrator: Token | None


def find_casualties(doc: Doc, actors: ActorModel, attributions: list[Attribution] = (),
                    published: str | None = None) -> list[Casualty]:
    """Every casualty figure, repeats merged (keeping all evidence), competing figures apart."""
    found: list[Casualty] = []
    by_number: dict[tuple, list[Casualty]] = {}  # only figures of one outcome and number can merge
    for figure in sorted(_figures(doc, actors), key=lambda f: f.anchor.sent.start):
        casualty = _record(figure, doc, actors, attributions, published)
        bucket = by_number.setdefault((casualty.outcome, casualty.count), [])
        same = next((c for c in bucket if _same_figure(c, casualty)), None)
        if same is None:
            found.append(casualty)
            bucket.append(casualty)
        elif casualty.evidence not in [same.evidence, *same.more_evidence]:
            same.more_evidence.append(casualty.evidence)
            _fill_gaps(same, casualty)
    return found


def _same_figure(a: Casualty, b: Casualty) -> bool:
    """One figure per outcome, number and victim group: "27 dead" and, later, "at least 27
    people" are one figure, whoever repeats it; "4 children" and "4 soldiers" are two."""
    if a.outcome != b.outcome or (a.count, a.min, a.max) == (None, None, None) != (b.count, b.min, b.max):
        return False
    if a.count is not None or b.count is not None:
        if a.count != b.count:
            return False
    elif (a.min, a.max) != (b.min, b.max):
        return False
    if a.count is None and a.min is None and a.max is None:
        return a.victims == b.victims
    return _group(a.victims) == _group(b.victims) or not (_group(a.victims) and _group(b.victims))


def _group(victims: str | None) -> str | None:
    """A victim group by the class of its head word ("fighters" and "members" are combatants),
    or None when it names no particular group."""
    phrase = re.split(r"\s+(?:of|in|at|from)\s+", (victims or "").lower())[0]
    words = re.findall(r"[a-z]+", phrase)
    head = words[-1] if words else ""
    head = head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    head = {"men": "man", "women": "woman", "children": "child", "policemen": "policeman"}.get(head, head)
    if head in _GENERIC_VICTIMS:
        return None
    return load_lexicon().victim_classes.get(head, head)


_GENERIC_VICTIMS = {"", "people", "person", "dead", "life", "live", "other", "victim", "casualty", "body", "corpse"}


def _fill_gaps(kept: Casualty, new: Casualty) -> None:
    for name in ("victims", "perpetrator", "reported_by", "location", "date"):
        if getattr(kept, name) is None and getattr(new, name) is not None:
            setattr(kept, name, getattr(new, name))
    if not kept.names and new.names:
        kept.names = new.names


def _record(figure: _Figure, doc: Doc, actors: ActorModel, attributions, published) -> Casualty:
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
    )


# --- finding figures -----------------------------------------------------------


def _figures(doc: Doc, actors: ActorModel) -> Iterator[_Figure]:
    lex = load_lexicon()
    used: set[tuple[str, int]] = set()  # (outcome, number token) already read
    for counted, outcome, anchor in _among_the_dead(doc, lex):
        figure = _figure(counted, anchor, outcome, None, lex)
        if figure is not None:
            used.add((outcome, counted.i))
            yield figure
    for token in find_tokens(doc, lemmas=_outcome_lemmas(), lowers=_outcome_forms()):
        outcome = _outcome(token, lex)
        if outcome is None:
            continue
        for victim, perpetrator in _victims(token, outcome, lex):
            figure = _figure(victim, token, outcome, perpetrator, lex)
            if figure is None:
                continue
            key = (outcome, figure.anchor.i if figure.victims is None else figure.victims.i)
            if key in used:
                continue
            used.add(key)
            yield figure
            yield from _breakdowns(figure, lex)


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
        # the counted group: an attribute ("there were 11 children"), or a subject other than
        # "there" and other than the phrase "among" hangs from
        counted = next((
            c for c in verb.children
            if c.dep_ == "attr" or (c.dep_ == "nsubj" and c.lower_ != "there" and c.i != among.head.i)
        ), None)
        if counted is not None and counted.i != group.i:
            yield counted, outcome, group


@cache
def _outcome_lemmas() -> frozenset[str]:
    """Every lemma `_outcome` can read an outcome from."""
    lex = load_lexicon()
    return frozenset(lex.outcome_verbs) | frozenset(lex.outcome_nouns) | _LIFE_TAKERS | _HELD_VERBS | {"take", "hold", "lose"}


@cache
def _outcome_forms() -> frozenset[str]:
    lex = load_lexicon()
    return frozenset(lex.outcome_adjectives) | frozenset(lex.outcome_nouns)


def _outcome(token: Token, lex) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ in ("VERB", "AUX") or token.tag_ == "VBN":
        if lemma in lex.outcome_verbs:
            return lex.outcome_verbs[lemma]
        if lower in lex.outcome_adjectives:
            return lex.outcome_adjectives[lower]
        if lemma in ("take", "hold") and any(c.lower_ in ("hostage", "hostages", "captive", "prisoner") for c in token.children):
            return "abducted" if any(c.lower_.startswith(("hostage", "captive")) for c in token.children) else "detained"
        if lemma == "lose" and any(c.lower_ in ("life", "lives") for c in token.children):
            return "killed"
        if lemma in _LIFE_TAKERS and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in token.children):
            return "killed"  # "a war that has claimed over 300,000 lives"
        held_in = {g.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children}
        if lemma in _HELD_VERBS and held_in & {"captivity"}:
            return "abducted"  # "more than 100 remain in captivity"
        if lemma in _HELD_VERBS and held_in & {"custody", "detention", "jail", "prison"}:
            return "detained"
        return None
    if token.pos_ == "ADJ" and lower in lex.outcome_adjectives:
        return lex.outcome_adjectives[lower]
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        if lemma in lex.outcome_nouns or lower in lex.outcome_nouns:
            return lex.outcome_nouns.get(lemma) or lex.outcome_nouns.get(lower)
    return None


def _victims(anchor: Token, outcome: str, lex) -> Iterator[tuple[Token, Token | None]]:
    """(victim phrase head, perpetrator phrase head) pairs an outcome word reports, with each
    conjunct of a coordinated victim phrase ("two American soldiers and three Afghan ...")."""
    found = list(_victim_heads(anchor, outcome, lex))
    if not found and anchor.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in anchor.children):
        orphan = _orphan_victim(anchor, lex)
        if orphan is not None:
            found = [(orphan, _agent(anchor))]
    for victim, perpetrator in found:
        yield victim, perpetrator
        for c in victim.children:
            # a conjunct with an outcome of its own ("two dead bodies and 100 wounded people")
            # is that outcome's figure, not this one's
            own = any(_outcome(m, lex) for m in c.children if m.dep_ in ("amod", "compound", "acl"))
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM") and c.i > victim.i and not own:
                yield c, perpetrator


def _orphan_victim(verb: Token, lex) -> Token | None:
    """"It confirmed 331 civilians, including 19 children, had been killed": a passive the
    parser left without its subject takes the counted people just before it."""
    sentence = verb.sent
    for token in reversed(sentence.doc[sentence.start : verb.i]):
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "pobj" and _counts_people(token, lex) and any(
            c.dep_ == "nummod" for c in token.children
        ):
            return token
        if token.pos_ == "VERB" and token.i < verb.i - 12:
            break
    return None


def _victim_heads(anchor: Token, outcome: str, lex) -> Iterator[tuple[Token, Token | None]]:
    children = list(anchor.children)
    deps = {c.dep_: c for c in children}
    lemma = anchor.lemma_.lower()
    if anchor.pos_ in ("VERB", "AUX") or anchor.tag_ == "VBN":
        if lemma == "lose":  # "five soldiers lost their lives"
            if "nsubj" in deps:
                yield deps["nsubj"], None
            return
        if lemma in _HELD_VERBS:  # "more than 100 remain in captivity"
            victim = deps.get("nsubjpass") or deps.get("nsubj")
            if victim is not None:
                yield victim, None
            return
        if lemma in _LIFE_TAKERS and "dobj" in deps:  # "claimed 300,000 lives", "took the lives of four"
            lives = deps["dobj"]
            of = next((g for c in lives.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            yield (of if of is not None else lives), deps.get("nsubj")
            return
        passive = "nsubjpass" in deps or "auxpass" in deps
        agent = _agent(anchor)
        if "nsubjpass" in deps:
            yield deps["nsubjpass"], agent
        elif anchor.dep_ in ("acl", "amod", "relcl") and anchor.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            # "22 people killed in strikes", "the 15 wounded civilians"
            yield anchor.head, agent
        elif anchor.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in children):
            # "Four were killed and 14 wounded": a number just before the second verb
            number = _number_before(anchor)
            if number is not None:
                yield number, agent
            elif anchor.head.pos_ in ("VERB",):
                yield from ((v, p) for v, p in _victims(anchor.head, outcome, lex))
        if lemma in ("die", "perish", "disappear", "vanish") or (anchor.lower_ in lex.outcome_adjectives and not passive and "dobj" not in deps):
            if "nsubj" in deps:
                yield deps["nsubj"], agent
            elif anchor.dep_ == "xcomp":  # "seven were reported to have died"
                raised = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if raised is not None:
                    yield raised, agent
            return
        if "dobj" in deps and not passive:
            yield deps["dobj"], deps.get("nsubj")
        elif "nsubj" in deps and not passive and anchor.dep_ == "conj":
            yield deps["nsubj"], agent
        return
    # adjectives and nouns
    lower = anchor.lower_
    if anchor.pos_ == "ADJ" or lower in lex.outcome_adjectives:
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
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
            return
    numbers = [c for c in children if c.dep_ in ("nummod", "quantmod") or c.like_num]
    if numbers:  # "58 deaths", "22 dead", "700 injured"
        yield anchor, None
        return
    for c in children:
        if c.dep_ == "prep" and c.lower_ in ("of", "among"):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    yield pobj, None  # "the deaths of four fighters"
                    return
    # "the death toll rose to 58": the outcome word modifies the toll
    toll = anchor if lemma in lex.toll_nouns else anchor.head if anchor.head.lemma_.lower() in lex.toll_nouns else None
    if toll is not None:
        yield from _toll_value(toll)


def _toll_value(toll: Token) -> Iterator[tuple[Token, Token | None]]:
    """"the death toll rose to 58", "has reached at least 126", "a death toll of 58"."""
    for c in toll.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "at"):
            for pobj in c.children:
                if pobj.like_num or pobj.dep_ == "pobj" and any(g.like_num for g in pobj.children):
                    yield pobj, None
                    return
    verb = toll.head
    if toll.dep_ == "dobj" and verb.lemma_.lower() in _TOLL_SETTERS:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                for pobj in c.children:
                    if pobj.like_num or any(g.like_num for g in pobj.children):
                        yield pobj, None
                        return
    if toll.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in _TOLL_VERBS:
        for c in verb.children:
            if c.dep_ in ("dobj", "attr", "npadvmod") and (c.like_num or any(g.like_num for g in c.children)):
                yield c, None
                return
            if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                for pobj in c.children:
                    if pobj.like_num or any(g.like_num for g in pobj.children):
                        yield pobj, None
                        return


def _agent(verb: Token) -> Token | None:
    """Who did it: "killed by X", "killed in US air strikes", "killed during rebel fire"."""
    lex = load_lexicon()
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "after", "from", "under"):
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
        of = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            group = of
    if not _counts_people(group, lex):
        return None
    names = _names(victim)
    quantity = _quantity(head, vague, lex)
    if quantity is None:
        if len(names) >= 2:
            quantity = Quantity(len(names))
        elif _one_named(group, anchor, lex):
            quantity = Quantity(1)
        else:
            return None
    outcome = _taken(outcome, group, anchor, perpetrator, lex)
    return _Figure(outcome, quantity, group if not group.like_num else None, names, anchor, perpetrator)


def _one_named(victim: Token, anchor: Token, lex) -> bool:
    """"the kidnapping of the mayor of Melitopol", "the death of Omar Haddad": one person,
    named or singled out, in a noun of harm."""
    if anchor.pos_ != "NOUN" or victim.dep_ != "pobj" or victim.tag_ not in ("NN", "NNP"):
        return False
    if victim.ent_type_ == "PERSON":
        return True
    determiner = next((c.lower_ for c in victim.children if c.dep_ == "det"), None)
    return determiner in ("the", "a", "an") and victim.lemma_.lower() in lex.people_nouns


def _taken(outcome: str, victims: Token, anchor: Token, captor: Token | None, lex) -> str:
    """Captured hostages, or people captured by militants, were abducted, not detained."""
    if outcome != "detained":
        return outcome
    if victims.lemma_.lower() in ("hostage", "captive"):
        return "abducted"
    subject = captor or next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    verb = anchor
    for _ in range(3):  # "Militants stormed in, killing ... and capturing ...": up the chain
        if subject is not None or verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in lex.hostile_groups:
        return "abducted"
    return outcome


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_AGED = re.compile(r"^\d+-year-olds?$")


def _counts_people(token: Token, lex) -> bool:
    lemma = token.lemma_.lower()
    if lemma in lex.not_people_nouns or token.lower_ in lex.not_people_nouns:
        return False
    if token.like_num or token.pos_ in ("NUM", "PRON"):
        return True
    if token.ent_type_ in ("PERSON", "NORP") or _AGED.match(token.lower_):
        return True
    if token.tag_ in ("NNS", "NNPS") and token.text[:-1] in lex.country_aliases:
        return True  # "Britons", "Palestinians": people of a nation
    return lemma in lex.people_nouns or token.lower_ in lex.people_nouns or token.lower_ in lex.vague_quantities


def _quantity(head: Token, vague: str | None, lex) -> Quantity | None:
    doc = head.doc
    if vague is not None:
        return qualify(None, "", vague=vague)
    # the number tokens: the head itself, or its numeric modifiers
    numbers = [head] if _is_number_word(head, lex) or head.lower_ in ("one",) else []
    if not numbers:
        # number words among the phrase's left modifiers, however the parser nested them
        # ("Two ALM fighters" parses "Two" under "ALM")
        numbers = [t for t in head.subtree if t.i < head.i and _is_number_word(t, lex) and _modifies(t, head)]
        vague_mod = next((c for c in head.children if vague_quantity(c.lower_)), None)
        if not numbers and vague_mod is not None:
            return qualify(None, "", vague=vague_mod.lower_)
    if not numbers:
        return None
    lo = min(t.i for t in numbers)
    hi = max(t.i for t in numbers)
    # extend over hyphenated and multi-word numbers: "twenty - one", "two hundred"
    while lo > 0 and (doc[lo - 1].like_num or doc[lo - 1].lower_ in lex.number_tens or doc[lo - 1].lower_ in lex.number_units or doc[lo - 1].text == "-" and lo > 1 and doc[lo - 2].lower_ in lex.number_tens):
        if doc[lo - 1].lower_ in ("a", "an") and doc[lo].lower_ not in {*lex.number_scales, "dozen"}:
            break
        lo -= 1
    while hi + 1 < len(doc) and (doc[hi + 1].like_num or doc[hi + 1].lower_ in lex.number_scales or doc[hi + 1].text == "-" and hi + 2 < len(doc) and doc[hi + 2].like_num):
        hi += 1
    text = doc[lo : hi + 1].text
    prefix = doc[max(head.sent.start, lo - 4) : lo].text
    # a range: "between 10 and 15", "10 to 15", "10-15"
    m = _RANGE.search(prefix + " " + text) if re.search(r"\b(and|to|or)\b|[-\u2013]", text + " " + prefix[-12:]) else None
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


def _is_number_word(token: Token, lex) -> bool:
    if token.ent_type_ in ("TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY") or "/" in token.text or (
        token.ent_type_ == "DATE" and _YEAR.match(token.text)
    ):
        return False  # "2010", "10/16", "$5 million": not a count of people
    lower = token.lower_
    return token.like_num or lower in lex.number_tens or lower in lex.number_scales or (
        lower in lex.number_units and lower not in ("a", "an", "single", "both", "pair", "couple", "score")
    ) or lower == "dozen"


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
    names: list[str] = []
    colon = next((t for t in doc[victim.i : sent.end] if t.text == ":"), None)
    region = doc[colon.i + 1 : sent.end] if colon is not None else None
    if region is None and victim.ent_type_ == "PERSON":
        region = doc[victim.left_edge.i : victim.right_edge.i + 1]
    if region is None:
        return names
    depth = 0
    current: list[str] = []
    for t in region:
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth -= 1
            continue
        if depth:
            continue  # nicknames in brackets: "(Abu Hassan)"
        if t.text in (",", ";", ".") or t.lower_ in ("and", "or"):
            if current:
                names.append(" ".join(current))
            current = []
            continue
        if t.text[:1].isupper() or (t.text == "-" and current) or (current and t.text[:1].isupper() is False and t.text in ("al", "bin", "ibn", "el", "de", "van", "von")):
            current.append(t.text)
        else:
            current = []
    if current:
        names.append(" ".join(current))
    names = [re.sub(r"\s*-\s*", "-", n) for n in names]
    titles = load_lexicon().person_titles
    cleaned = []
    for n in names:
        words = n.split()
        while words and words[0].lower() in titles | {"commander"}:
            words = words[1:]
        if len(words) >= 2:
            cleaned.append(" ".join(words))
    return cleaned


def _breakdowns(figure: _Figure, lex) -> Iterator[_Figure]:
    """"22 killed, including six civilians" and "six civilians were among the 22 killed": the
    part is a figure of its own."""
    group = figure.victims
    if group is None:
        return
    for c in group.children:
        if c.dep_ == "prep" and c.lower_ in ("including", "among"):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    part = _figure(pobj, figure.anchor, figure.outcome, figure.perpetrator, lex)
                    if part is not None and part.quantity.count != figure.quantity.count:
                        yield part
    # "Six civilians ... were among at least 22 people killed"
    among = group.head if group.dep_ == "pobj" else None
    if among is not None and among.lower_ == "among" and among.head.lemma_ == "be":
        for c in among.head.children:
            if c.dep_ in ("nsubj",):
                part = _figure(c, figure.anchor, figure.outcome, figure.perpetrator, lex)
                if part is not None:
                    yield part
                    for inner in c.children:
                        if inner.dep_ == "prep" and inner.lower_ == "including":
                            for pobj in inner.children:
                                if pobj.dep_ == "pobj":
                                    sub = _figure(pobj, figure.anchor, figure.outcome, figure.perpetrator, lex)
                                    if sub is not None:
                                        yield sub


# --- describing figures -----------------------------------------------------------


def _victim_text(token: Token) -> str:
    doc = token.doc
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "nmod", "poss")]
    start = min([token.i] + [c.left_edge.i for c in left])
    end = token.i + 1
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and token.lemma_.lower() in ("member", "resident", "soldier", "fighter", "people"):
        end = of.right_edge.i + 1
        colon = next((t for t in doc[token.i : end] if t.text == ":"), None)
        if colon is not None:
            end = colon.i
    text = doc[start:end].text
    return re.sub(r"\s+", " ", text).strip(" ,")


def _perpetrator(token: Token | None, actors: ActorModel) -> Mention | None:
    if token is None:
        return None
    lex = load_lexicon()
    mention = actors.mention(token)
    is_act = token.lemma_.lower() in lex.hostile_nouns
    if mention.party is None and not is_act and token.pos_ != "PROPN":
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
    places = [e for e in ents_in(sentence) if e.label_ in _PLACE_LABELS]
    if not places:
        # a proper name after "in"/"near"/"on" that the recogniser left unlabelled
        places = [
            sentence.doc[t.i : t.i + 1] for t in sentence
            if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ == "pobj"
            and t.head.lower_ in ("in", "near", "on", "at", "outside")
        ]
    if not places:
        return None
    # the place nearest the outcome word, preferring those after "in"/"near"/"at"
    def rank(ent: Span):
        prep = ent.root.head.lower_ if ent.root.dep_ == "pobj" else ""
        return (prep not in ("in", "near", "at", "outside", "around"), abs(ent.start - anchor.i))

    return min(places, key=rank).text


def _date(anchor: Token, published: str | None) -> str | None:
    dates = [e for e in ents_in(anchor.sent) if e.label_ == "DATE"]
    for ent in sorted(dates, key=lambda e: abs(e.start - anchor.i)):
        resolved = resolve_date(ent.text, published)
        if resolved:
            return resolved
    return None
