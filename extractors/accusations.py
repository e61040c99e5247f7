"""Accusations: who accused whom of what (CAMEO 112 "Accuse" and 111 "Criticize or denounce").

Three ways an article reports one:
- a verb of accusing: "X accused Y of ...", "Y was blamed by X for ...", "X held Y responsible";
- a noun of accusing: "X's accusations against Y", "allegations by X that Y ...";
- a statement in which one side says another did harm: "X said Y carried out the strike",
  "... killed in U.S. air strikes, a monitor said", "Y was behind the attack, X said".
The outlet's own narration is never an accusation: each one needs an accuser who speaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .actors import ActorModel
from .dates import resolve_date
from .lexicon import load_lexicon
from .records import Accusation, Evidence, Mention
from .statements import Attribution, evidence_of
from .text import doc_text

# Verbs under which an accusation noun is rejected, not made: "X denied the allegations".
_REJECTING = {"deny", "reject", "dismiss", "refute", "rebuff", "counter", "dispute"}
# How alike two allegations must be (shared content words) to be one accusation.
_SAME_ALLEGATION = 0.5


@dataclass
class _Found:
    accuser: Mention | None
    accused: Mention
    allegation: str
    cue: str
    code: str | None
    sentence: Span
    anchor: Token


def find_accusations(doc: Doc, actors: ActorModel, attributions: list[Attribution],
                     published: str | None = None) -> list[Accusation]:
    """Every accusation, one per (accuser, accused, allegation), repeats merged."""
    by_cue = {a.cue.i: a for a in attributions if a.cue is not None}
    found = list(_verbal(doc, actors, by_cue)) + list(_nominal(doc, actors))
    found += list(_in_statements(doc, actors, attributions))
    results: list[Accusation] = []
    for item in sorted(found, key=lambda f: f.anchor.i):
        if item.accuser is not None and _same_side(item.accuser, item.accused):
            continue  # a side's account of its own action is a claim, not an accusation
        record = Accusation(
            accuser=item.accuser,
            accused=item.accused,
            allegation=item.allegation,
            cue=item.cue,
            code=_code(item.code, item.allegation),
            evidence=evidence_of(item.sentence),
            date=_date(item.sentence, published),
        )
        same = next((r for r in results if _same_accusation(r, record)), None)
        if same is None:
            results.append(record)
        elif record.evidence != same.evidence and record.evidence not in same.more_evidence:
            same.more_evidence.append(record.evidence)
    return results


# --- verbs of accusing -----------------------------------------------------------


def _verbal(doc: Doc, actors: ActorModel, by_cue: dict[int, Attribution]) -> Iterator[_Found]:
    lex = load_lexicon()
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in lex.accusation_verbs:
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        code = lex.accusation_verbs[lemma]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        accuser = _accuser(token, actors, by_cue, passive)
        accused_token, allegation = _accused_and_allegation(token, lemma, passive)
        if accused_token is None:
            continue
        if lemma == "hold" and not _holds_responsible(token):
            continue
        if lemma == "charge" and (passive or any(c.lower_ == "with" for c in token.children)):
            continue  # "charged with murder": a court's charge, not a side's accusation
        if code == "111" and accuser is None:
            continue
        accused = actors.mention(accused_token)
        if not _is_blameable(accused, accused_token):
            continue
        yield _Found(accuser, accused, allegation, lemma, code, token.sent, token)


def _accuser(verb: Token, actors: ActorModel, by_cue: dict[int, Attribution], passive: bool) -> Mention | None:
    attribution = by_cue.get(verb.i)
    if attribution is not None:
        return attribution.speaker
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        return actors.mention(pobj) if pobj is not None else None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return actors.mention(subject) if subject is not None else None


def _accused_and_allegation(verb: Token, lemma: str, passive: bool) -> tuple[Token | None, str]:
    """Who is accused and of what, by the verb's frame."""
    children = list(verb.children)
    obj = next((c for c in children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    preps = {c.lower_: c for c in children if c.dep_ == "prep"}
    if lemma in ("allege", "charge") or (obj is None and any(c.dep_ == "ccomp" for c in children)):
        # "X alleged that Y ...": the accused is the subject of what is alleged
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None, ""
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject, _text(clause)
    if lemma == "attribute" and "to" in preps:
        # "attributed the attack to Y"
        target = next((g for g in preps["to"].children if g.dep_ == "pobj"), None)
        return target, _text(obj) if obj is not None else ""
    if lemma == "blame" and "on" in preps and obj is not None:
        # "blamed the attack on Y"
        target = next((g for g in preps["on"].children if g.dep_ == "pobj"), None)
        return target, _text(obj)
    if obj is None:
        return None, ""
    for word in ("of", "for", "over", "after"):
        if word in preps:
            return obj, _text(preps[word], skip_first=True)
    return obj, _text(verb.sent)


def _holds_responsible(verb: Token) -> bool:
    return any(c.lower_ in load_lexicon().blame_words for c in verb.subtree)


# --- nouns of accusing -----------------------------------------------------------


def _nominal(doc: Doc, actors: ActorModel) -> Iterator[_Found]:
    """"accusations against Y", "X's allegations that Y ...", "claims by X that Y ..."."""
    lex = load_lexicon()
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in lex.accusation_nouns:
            continue
        governor = token.head if token.dep_ in ("dobj", "nsubjpass", "pobj") else None
        if governor is not None and governor.lemma_.lower() in _REJECTING:
            continue
        accused_token = None
        allegation = ""
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "against":
                accused_token = next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children):
                subject = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                accused_token = accused_token or subject
                allegation = _text(c)
        if accused_token is None:
            continue
        accuser_token = next((c for c in token.children if c.dep_ == "poss"), None)
        if accuser_token is None:
            by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            accuser_token = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if accuser_token is None and governor is not None and governor.pos_ == "VERB":
            accuser_token = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if accuser_token is None:
            continue
        accused = actors.mention(accused_token)
        if not _is_blameable(accused, accused_token):
            continue
        yield _Found(
            actors.mention(accuser_token), accused, allegation or _text(token.sent), lemma,
            lex.accusation_nouns[lemma], token.sent, token,
        )


# --- harm pinned on a side inside a statement --------------------------------------------


def _in_statements(doc: Doc, actors: ActorModel, attributions: list[Attribution]) -> Iterator[_Found]:
    """A speaker says another side did harm: the subject of a hostile clause, the agent of a
    hostile passive, or the side named on a hostile act ("U.S. air strikes")."""
    lex = load_lexicon()
    for attribution in attributions:
        if attribution.cue is not None and attribution.cue.lemma_.lower() in lex.accusation_verbs:
            continue  # the verb pass reads these
        if attribution.cue is not None and attribution.cue.lemma_.lower() == "deny":
            continue  # a denial on its own is not an accusation
        span = doc.char_span(attribution.content_start, attribution.content_end, alignment_mode="expand")
        if span is None:
            continue
        seen: set[int] = set()
        for accused_token in _blamed_in(span, lex):
            accused = actors.mention(accused_token)
            if accused_token.i in seen or not _is_blameable(accused, accused_token):
                continue
            seen.add(accused_token.i)
            yield _Found(
                attribution.speaker, accused, attribution.content(doc), attribution.cue_text,
                "112", attribution.sentence, accused_token,
            )


def _blamed_in(span: Span, lex) -> Iterator[Token]:
    for token in span:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX"):
            if not _hostile_clause(token, lex):
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
            if passive:
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                if pobj is not None:
                    yield _actor_behind(pobj, lex)
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None and token.dep_ in ("xcomp", "conj") and token.head.pos_ in ("VERB", "AUX"):
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                yield subject
        elif lemma in lex.hostile_nouns and token.pos_ == "NOUN":
            # "U.S. air strikes", "Russian shelling", "strikes by American aircraft"
            if any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN") for c in token.children):
                yield token  # the phrase carries its modifier's side
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        yield _actor_behind(pobj, lex)


def _hostile_clause(verb: Token, lex) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in lex.hostile_verbs:
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "prep", "xcomp", "oprd")]
    words = {t.lemma_.lower() for c in objects for t in c.subtree}
    if lemma in lex.hostile_light_verbs and words & (lex.hostile_nouns | lex.hostile_adjectives):
        return True
    if lemma == "be" and words & lex.blame_words:
        return True  # "Y was behind the attack", "Y is responsible for"
    return bool(words & lex.hostile_adjectives)


def _actor_behind(token: Token, lex) -> Token:
    """"three drone strikes by American aircraft" -> "American aircraft"."""
    if token.lemma_.lower() in lex.hostile_nouns:
        by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            return pobj
        modifier = next((c for c in token.children if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ")), None)
        if modifier is not None:
            return modifier
    return token


# --- shared tests -------------------------------------------------------------------


def _is_blameable(accused: Mention, token: Token) -> bool:
    """A side, a named actor, or a group that can be blamed ("militants")."""
    if accused.party:
        return True
    lex = load_lexicon()
    return token.lemma_.lower() in lex.hostile_groups and token.pos_ == "NOUN"


def _same_side(a: Mention, b: Mention) -> bool:
    if a.party and b.party:
        return a.party == b.party
    return _words(a.text) == _words(b.text)


def _same_accusation(a: Accusation, b: Accusation) -> bool:
    def side(m: Mention | None) -> str | None:
        return (m.party or m.text.lower()) if m else None

    if side(a.accuser) != side(b.accuser) or side(a.accused) != side(b.accused):
        return False
    wa, wb = _words(a.allegation), _words(b.allegation)
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= _SAME_ALLEGATION


_STOP = {"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "that", "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "their", "his", "her"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _text(node: Token | Span, skip_first: bool = False) -> str:
    tokens = list(node.subtree) if isinstance(node, Token) else list(node)
    if skip_first and tokens:
        tokens = tokens[1:]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]  # "that", an opening quote
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return re.sub(r"\s+", " ", text).strip(" ,;:.\"\u201c\u201d")


def _code(code: str | None, allegation: str) -> str | None:
    if code != "112":
        return code
    lowered = allegation.lower()
    for sub, words in load_lexicon().cameo_topics.items():
        if any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in words):
            return sub
    return code


def _date(sentence: Span, published: str | None) -> str | None:
    for ent in sentence.ents:
        if ent.label_ == "DATE":
            resolved = resolve_date(ent.text, published)
            if resolved:
                return resolved
    return None
