"""Accusations: who accused whom of what (CAMEO 112 "Accuse" and 111 "Criticize or denounce").

Four ways an article reports one:
- a verb of accusing, read by its frame in accusation.toml: "X accused Y of ...", "Y was blamed
  by X for ...", "X held Y responsible", "X attributed the attack to Y";
- a noun of accusing: "X's accusations against Y", "allegations by X that Y ...";
- a hostile act in what a source says, whose doer the source accuses: "X said Y carried out the
  strike", "... killed in U.S. air strikes, a monitor said", "she said she had been beaten by
  Y's soldiers", "according to X, strikes led by Y killed 12";
- a claim called a lie: "X called the report fabricated" accuses whoever made it.
The outlet's own narration is never an accusation: each one needs an accuser who speaks. Nor is
a side's denial, pledge or acknowledgement of its own doing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .actors import ActorModel
from .dates import resolve_date
from .lexicon import load_lexicon
from .lexicon.frames import Frame, load_frames, load_reading
from .records import Accusation, Mention
from .statements import Attribution, evidence_of
from .text import doc_text, ents_in, find_tokens, sentence_floor, subject_of

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
    cue_at: int | None = None  # token index of the cue verb, when a verb pass read one


def find_accusations(doc: Doc, actors: ActorModel, attributions: list[Attribution],
                     published: str | None = None) -> list[Accusation]:
    """Every accusation, one per (accuser, accused, allegation), repeats merged."""
    by_cue: dict[int, Attribution] = {}
    for a in attributions:  # the first speaker of a cue; its co-speakers are read separately
        if a.cue is not None:
            by_cue.setdefault(a.cue.i, a)
    named = list(_naming(doc, actors, by_cue))
    found = list(_verbal(doc, actors, by_cue)) + named + list(_nominal(doc, actors))
    # a naming verb read as naming is not read again as a statement ("described Y as ...");
    # one that names nothing may still carry harm ("called on the UN to stop crimes by Y")
    found += list(_in_statements(doc, actors, attributions, {f.cue_at for f in named}))
    found += list(_lying(doc, actors, attributions, by_cue))
    results: list[Accusation] = []
    for item in sorted(found, key=lambda f: f.anchor.i):
        if not _names_someone(item.accuser):
            continue  # an accusation needs an accuser: "X has been accused of ..." names none
        if _same_side(item.accuser, item.accused):
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
    """A verb of accusing read by its frame (accusation.toml): "X accused Y of ...", "Y was
    blamed by X for ...", "X held Y responsible", "X attributed the attack to Y"."""
    frames = load_frames()
    for token in find_tokens(doc, lemmas=frozenset(frames)):
        frame = frames.get(token.lemma_.lower())
        if token.pos_ != "VERB" or frame is None:
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        passive = _is_passive(token)
        if passive and not frame.passive:
            continue  # "was charged": a court's charge
        if any(c.lower_ in frame.not_with for c in token.children if c.dep_ == "prep"):
            continue  # "charged with murder": a court's charge, not a side's accusation
        if frame.needs and not any(t.lower_ in frame.needs for t in token.subtree):
            continue  # "held talks": only "held Y responsible" accuses
        accused_token, allegation = _read_frame(token, frame, passive)
        if accused_token is None:
            continue
        accuser = _accuser(token, actors, by_cue, passive)
        if frame.code == "111" and accuser is None:
            continue
        for accuser in [accuser, *_co_accusers(token, actors, passive)]:
            for target in _with_conjuncts(accused_token):
                accused = _accused(target, actors)
                if _is_accusable(accused, target, actors, frame):
                    yield _Found(accuser, accused, allegation, frame.lemma, frame.code, token.sent, target)


def _read_frame(verb: Token, frame: Frame, passive: bool) -> tuple[Token | None, str]:
    """Who is accused and of what, by the verb's frame: the first of its slots that is filled."""
    obj = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    for slot in frame.accused:
        if slot == "object":
            if obj is None:
                continue
            # "accused Y of ...": the preposition on the verb, or on the object ("crews of hiring")
            for word in frame.allegation:
                prep = next((c for c in (*verb.children, *obj.children) if c.dep_ == "prep" and c.lower_ == word), None)
                if prep is not None:
                    return obj, _text(prep, skip_first=True)
            return obj, _text(verb.sent)
        if slot == "clause":
            # "X alleged that Y ...": the accused is the subject of what is alleged
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
            if subject is not None:
                return subject, _text(clause)
            continue
        # "attributed the attack to Y", "blamed the attack on Y" (the parser may hang "on Y"
        # on the object)
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == slot), None)
        if prep is None and obj is not None:
            prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == slot), None)
        target = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if target is not None:
            if obj is None:
                return target, ""
            return target, _text(obj) if prep.head != obj else _text_before(obj, prep)
    return None, ""


def _co_accusers(verb: Token, actors: ActorModel, passive: bool) -> list[Mention]:
    """"Russia and Syria accused the US": each accuser makes its own accusation."""
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        first = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    else:
        first = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if first is None:
        return []
    return [actors.mention(c) for c in first.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]


def _naming(doc: Doc, actors: ActorModel, by_cue: dict[int, Attribution]) -> Iterator[_Found]:
    """"X described Y as an appalling dictator", "branded Y terrorists": naming someone by a
    word of harm accuses them."""
    lex = load_lexicon()
    for token in find_tokens(doc, lemmas=lex.naming_verbs):
        if token.pos_ != "VERB" or token.lemma_.lower() not in lex.naming_verbs:
            continue
        target = next((c for c in token.children if c.dep_ == "dobj"), None)
        label = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        label = label or next((c for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp")), None)
        if label is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in label.children):
            label = None  # "called on the UN to stop the crimes": an appeal, not a name
        if label is None and target is not None and target.lemma_.lower() in lex.hostile_nouns:
            label = target  # "called Kosovo's aggression": the owner is accused
        if label is not None and (target is None or target.pos_ == "PRON") and (
            any(c.dep_ == "poss" for c in label.children)
            or (label.lemma_.lower() in lex.hostile_nouns and _side_modifier(label, actors) is not None)
        ):
            # "in what Belgrade called Kosovo's aggression", "condemned what it called Azerbaijani
            # aggression": the side named on the act
            target = label
        if target is None or label is None:
            continue
        words = {t.lemma_.lower() for t in label.subtree} | {t.lower_ for t in label.subtree}
        if not (words & lex.hostile_labels or words & lex.harm_words):
            continue
        accuser = _accuser(token, actors, by_cue, passive=False)
        if _bound_pronoun(token, accuser):
            # "Moscow condemned what it called ...": "it" is the one who condemned
            accuser = _accuser(token.head, actors, by_cue, passive=_is_passive(token.head))
        accused = _accused(target, actors)
        if accuser is not None and _is_blameable(accused, target, actors):
            yield _Found(accuser, accused, _text(label), token.lemma_.lower(), "112", token.sent, target, token.i)


def _bound_pronoun(verb: Token, accuser: Mention | None) -> bool:
    """An unresolved pronoun subject of a clause that hangs on another verb ("condemned what it
    called ..."): it stands for that verb's subject."""
    return (
        accuser is not None and not (accuser.name or accuser.party)
        and accuser.text.lower() in load_lexicon().pronouns
        and verb.dep_ in ("ccomp", "relcl") and verb.head.pos_ == "VERB"
    )


def _accuser(verb: Token, actors: ActorModel, by_cue: dict[int, Attribution], passive: bool) -> Mention | None:
    attribution = by_cue.get(verb.i)
    if attribution is not None:
        return attribution.speaker
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        return actors.mention(pobj) if pobj is not None else None
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return actors.mention(subject) if subject is not None else None


# --- nouns of accusing -----------------------------------------------------------


def _nominal(doc: Doc, actors: ActorModel) -> Iterator[_Found]:
    """"accusations against Y", "X's allegations that Y ...", "claims by X that Y ..."."""
    lex = load_lexicon()
    for token in find_tokens(doc, lemmas=frozenset(lex.accusation_nouns)):
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in lex.accusation_nouns:
            continue
        governor = token.head if token.dep_ in ("dobj", "nsubjpass", "pobj") else None
        rejected = governor is not None and governor.lemma_.lower() in _REJECTING
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
        # "X made accusations against Y": X accuses; "X rejected accusations": X is accused
        if accuser_token is None and governor is not None and governor.pos_ == "VERB" and not rejected:
            accuser_token = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if accuser_token is None:
            continue
        accused = _accused(accused_token, actors)
        if not _is_blameable(accused, accused_token, actors):
            continue
        yield _Found(
            actors.mention(accuser_token), accused, allegation or _text(token.sent), lemma,
            lex.accusation_nouns[lemma], token.sent, token,
        )


# --- accusations of lying -----------------------------------------------------------


def _lying(doc: Doc, actors: ActorModel, attributions: list[Attribution],
           by_cue: dict[int, Attribution]) -> Iterator[_Found]:
    """Calling what another side said false accuses that side of lying: "the ministry called
    the report fabricated", "the army said the claims were propaganda". The accused is whoever
    made the claim."""
    reading = load_reading()
    for claim in find_tokens(doc, lemmas=reading.claim_nouns):
        if claim.pos_ != "NOUN" or claim.lemma_.lower() not in reading.claim_nouns:
            continue
        verb, label = _called_a_lie(claim, reading)
        if verb is None or _negated_or_hypothetical(verb):
            continue
        if verb.lemma_.lower() in reading.calling_verbs and claim.dep_ in ("dobj", "nsubjpass"):
            accuser = _accuser(verb, actors, by_cue, passive=_is_passive(verb))
        else:
            speaking = next((a for a in attributions if a.cue is not None and a.covers(claim.idx, claim.idx + len(claim.text))), None)
            accuser = speaking.speaker if speaking is not None else None
        if accuser is None:
            continue
        claimant = _claimant(claim, actors, attributions, accuser, reading)
        if claimant is not None:
            yield _Found(accuser, claimant, _text(label), verb.lemma_.lower(), "112", claim.sent, claim)


def _called_a_lie(claim: Token, reading) -> tuple[Token | None, Token | Span | None]:
    """The verb that calls a claim a lie, and the words that do: "called [the claim] false",
    "dismissed [the reports] as propaganda", "[the reports] were fabricated", "[the claims]
    are lies"."""
    verb = claim.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    def lying(node: Token) -> bool:
        return any(t.lemma_.lower() in reading.lie_words or t.lower_ in reading.lie_words for t in node.subtree)
    if claim.dep_ == "dobj" and verb.lemma_.lower() in reading.calling_verbs:
        # "called the claim false and deliberate disinformation", "dismissed the reports as lies"
        for c in verb.children:
            if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and lying(c):
                return verb, c
        for c in (*verb.children, *claim.children):  # "as" hangs on either
            if c.dep_ == "prep" and c.lower_ == "as" and lying(c):
                return verb, c
        if any(c.dep_ == "amod" and lying(c) for c in claim.children):
            return verb, claim  # "dismissed the false claims"
        return None, None
    if claim.dep_ == "nsubjpass" and (verb.lemma_.lower() in reading.lie_words or verb.lower_ in reading.lie_words):
        return verb, verb  # "the reports were fabricated"
    if claim.dep_ == "nsubj" and verb.lemma_ == "be":
        for c in verb.children:
            if c.dep_ in ("acomp", "attr") and lying(c):
                return verb, c  # "the claims are false", "the report is a lie"
    return None, None


def _claimant(claim: Token, actors: ActorModel, attributions: list[Attribution], accuser: Mention,
              reading) -> Mention | None:
    """Who made a claim: its owner ("Kyiv's claims", "claims by the rebels", "Ukrainian
    claims"), or, for "the report" with none, the last other side that spoke shortly before."""
    for c in claim.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return actors.mention(c)
        if c.dep_ == "poss":
            return None  # "its claims", "our report": the speaker's own
        if c.dep_ in ("compound", "amod") and actors.mention(c).party:
            return actors.mention(c)
    owner = _object_of_prep(claim, ("by", "from", "of"))
    if owner is None:
        participle = next((c for c in claim.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        owner = _agent_of(participle) if participle is not None else None
    if owner is not None:
        mention = actors.mention(owner)
        return mention if (mention.party or mention.name or owner.pos_ == "PROPN") else None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those", "such", "that") for c in claim.children):
        return None  # "a report": not one said before
    floor = sentence_floor(claim, reading.claimant_lookback)
    earlier = [a for a in attributions if floor <= a.sentence.start < claim.sent.start]
    for attribution in reversed(earlier):
        if _names_someone(attribution.speaker) and not _same_side(accuser, attribution.speaker):
            return attribution.speaker
    return None


# --- harm pinned on a side inside a statement --------------------------------------------


def _in_statements(doc: Doc, actors: ActorModel, attributions: list[Attribution], read: set[int | None]) -> Iterator[_Found]:
    """A speaker says another side did harm: the doer of a hostile act in what the speaker
    says (CAMEO's and PETRARCH's "A says B attacked" rule): the subject of a hostile clause,
    the agent of a hostile passive or participle, or the side named on a hostile act."""
    lex, reading = load_lexicon(), load_reading()
    for attribution in attributions:
        cue = attribution.cue.lemma_.lower() if attribution.cue is not None else ""
        if cue in lex.accusation_verbs or (attribution.cue is not None and attribution.cue.i in read):
            continue  # the verb passes read these
        if cue in reading.opinion_cues:
            continue  # "analysts believe ...": an assessment, not an accusation
        if cue in reading.denial_cues:
            continue  # "X denied that its forces shelled the town": a denial is not an accusation
        if attribution.cue is not None and attribution.cue.lower_ in reading.not_accusers:
            continue  # "Posted on 12 August by ...": a byline, not a speaker
        span = _claim_span(doc, attribution)
        if span is None:
            continue
        accuser = _cited_source(attribution, actors, reading) or attribution.speaker
        seen: set[int] = set()
        for target in _blamed_in(span, lex, reading):
            if target.i in seen:
                continue
            seen.add(target.i)
            for accused in _accused_sides(target, actors):
                if cue in reading.acknowledging_cues and not _other_side_known(accuser, accused, target, lex):
                    continue  # "officials confirmed the strike": their own side's, unless shown otherwise
                if _is_blameable(accused, target, actors):
                    yield _Found(
                        accuser, accused, attribution.content(doc), attribution.cue_text,
                        "112", attribution.sentence, target,
                    )


def _cited_source(attribution: Attribution, actors: ActorModel, reading) -> Mention | None:
    """"Al Jazeera reported, citing an opposition source, that ...", "Reuters, quoting US
    officials, said ...": the claim is the source's, the outlet only passes it on."""
    cue = attribution.cue
    if cue is None:
        return None
    for token in attribution.sentence:
        if token.lemma_.lower() not in reading.citing_verbs or token.tag_ != "VBG" or token.i == cue.i:
            continue
        if not (token.head.i == cue.i or (token.head.pos_ in ("PROPN", "NOUN") and token.head.i < cue.i) or cue.is_ancestor(token)):
            continue
        source = next((c for c in token.children if c.dep_ == "dobj"), None)
        if source is None:
            continue
        mention = actors.mention(source)
        lex = load_lexicon()
        if mention.party or mention.name or source.lemma_.lower() in lex.actor_heads | lex.person_markers:
            return mention
    return None


def _other_side_known(accuser: Mention, accused: Mention, target: Token, lex) -> bool:
    """What a side confirms is its own doing unless the doer is known to be another side: a
    party other than the speaker's, or a hostile group ("officials confirmed the strike
    targeted militants planning attacks")."""
    if accused.party:
        return bool(accuser.party) and accuser.party != accused.party
    return target.lemma_.lower() in lex.hostile_groups - lex.hostile_agents


def _claim_span(doc: Doc, attribution: Attribution) -> Span | None:
    """What the speaker is reported to say. "According to X" vouches for its whole sentence,
    however the parser cut the content ("According to a report by X published on Wednesday
    coalition strikes have killed 649 civilians")."""
    if attribution.cue is not None and attribution.cue.lower_ == "according":
        return attribution.sentence
    return doc.char_span(attribution.content_start, attribution.content_end, alignment_mode="expand")


def _blamed_in(span: Span, lex, reading) -> Iterator[Token]:
    """The phrases a stretch of reported speech blames for harm, and their conjuncts ("by the
    regime or Russian warplanes")."""
    for token in _verbs_and_nouns(span):
        if _under_a_negated_noun(token, span, reading):
            continue  # "there was no evidence that Iran had attacked the tanker"
        if token.pos_ in ("VERB", "AUX"):
            doers = _doers_of_clause(token, lex, reading)
        elif _names_an_act(token, reading) and not _not_asserted(token, span, reading):
            doers = _doers_of_act(token, lex)
        else:
            continue
        for doer in doers:
            yield from _with_conjuncts(doer)


def _under_a_negated_noun(token: Token, span: Span, reading) -> bool:
    """A clause hung on a noun that says it is not so: "no evidence that Y attacked", "no sign
    that Y's forces were involved"."""
    node = token
    while node.head.i != node.i and span.start <= node.head.i < span.end:
        child, node = node, node.head
        if child.dep_ in ("acl", "ccomp", "relcl") and node.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in reading.negative_determiners for c in node.children
        ):
            return True
    return False


def _doers_of_clause(verb: Token, lex, reading) -> list[Token]:
    """Who does the harm a clause tells of:
    - a hostile passive or participle: its agent ("was beaten by the militia", "crimes
      carried out by the regime", "shelling by regime forces");
    - "a helicopter belonging to the regime": the owner;
    - an active clause: its subject ("rebels shelled the market"; in "militants who stormed
      the town" and "troops encircling the city", the noun the clause hangs on)."""
    if _negated_or_hypothetical(verb) or _pledged(verb, lex, reading):
        return []
    owner = next((c for c in verb.children if c.dep_ == "poss"), None)
    if owner is not None and verb.tag_ == "VBG" and verb.lemma_.lower() in lex.hostile_verbs:
        return [owner] if owner.pos_ != "PRON" else []  # "the regime's shelling of the town"
    agent = _agent_of(verb)
    if agent is not None:
        hostile = _hostile_clause(verb, lex, reading) or (verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.hostile_nouns)
        return [_actor_behind(agent, lex)] if hostile else []
    if _is_passive(verb):
        return []
    lemma = verb.lemma_.lower()
    if lemma in reading.possession_verbs and verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.hostile_nouns:
        owner = _object_of_prep(verb, ("to",))
        return [owner] if owner is not None else []
    author = _author_named(verb, lex, reading)
    if author is not None:
        return [author]
    hands = _at_the_hands_of(verb)
    if hands is not None:
        return [hands]
    subject = _subject(verb)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in reading.stopping_verbs and lemma in lex.hostile_verbs:
        # "urged Russia to stop shelling the plant", "called on Israel to stop bombing": the
        # one told to stop
        subject = _controller(verb.head) or subject
    if subject is not None and subject.lower_ in reading.relative_pronouns and verb.dep_ == "relcl":
        if not _pins_harm_plainly(verb, lex, reading):
            return []  # "the government, which is waging a campaign against ...": too loose
        subject = verb.head  # "al-Qaeda veterans who were plotting strikes"
        if subject.ent_type_ in _PLACES or _base(subject.lower_) & reading.not_speaker_heads:
            return []  # "the suburb of Ghouta that killed hundreds": a misread attachment
    elif subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
        if not _agentive(verb.head, lex):
            return []  # "tweets targeting a rival": a thing, not a doer
        subject = verb.head  # "regime forces encircling the district"
    # "it"/"they" in a side's words are mostly that side itself; "he"/"she" may not be
    if subject is None or subject.lower_ in reading.self_pronouns:
        return []
    if subject.lemma_.lower() in lex.hostile_agents:
        return [subject]  # "suicide bombers entered the town": whatever they do
    if subject.lemma_.lower() in reading.instrument_nouns and lemma in lex.hostile_light_verbs:
        return [subject]  # "government warplanes dropped nerve agents": whatever they drop
    if _hostile_clause(verb, lex, reading) or _labels_subject(verb, lex) or _progressive_misparse(verb, reading):
        return [subject]
    return []


def _at_the_hands_of(verb: Token) -> Token | None:
    """"her brother died at the hands of regime forces", "suffered at the hands of Y": the idiom
    names who did the harm."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "at":
            hands = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ == "hands"), None)
            if hands is not None:
                return _object_of_prep(hands, ("of",))
    return None


def _author_named(verb: Token, lex, reading) -> Token | None:
    """Who a clause names as the author of harm without making them its subject:
    - "responsibility for the attack lies with Y", "the blame rests on Y";
    - "the bombing was the work of Y", "the attack bore the hallmarks of Y"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if verb.lemma_.lower() in reading.lying_with_verbs and subject.lemma_.lower() in reading.responsibility_nouns:
        return _object_of_prep(verb, ("with", "on", "upon"))
    if subject.lemma_.lower() not in lex.hostile_nouns:
        return None
    for c in verb.children:
        if c.dep_ in ("attr", "dobj") and c.lemma_.lower() in reading.authorship_nouns:
            return _object_of_prep(c, ("of",))
    return None


def _names_an_act(noun: Token, reading) -> bool:
    """A noun of a hostile act ("strikes", "the invasion"), or an instrument named as the
    act's ("they were Israeli rockets", "bombs dropped from an army helicopter"). An
    instrument that is a subject does harm only if its clause says so (read there: "Russian
    warplanes bombed"; not "were in the skies"); one that is an object is only given or moved
    ("to send Nato planes")."""
    lemma = noun.lemma_.lower()
    if lemma in reading.act_nouns:
        return True
    if lemma in reading.carrier_nouns:
        # "Y's use of cluster bombs", "Y's policy of starvation", "Y's hostile policies"
        lex = load_lexicon()
        if any(c.dep_ == "amod" and c.lemma_.lower() in lex.hostile_adjectives for c in noun.children):
            return True
        inner = _object_of_prep(noun, ("of",))
        return inner is not None and inner.lemma_.lower() in lex.hostile_nouns
    if lemma not in reading.instrument_nouns:
        return False
    if noun.dep_ == "pobj":
        return noun.head.lower_ in reading.instrument_preps  # "fired from Israeli jets", not "the launch of a missile"
    return noun.dep_ in ("attr", "appos")  # "they were Israeli rockets"


def _agentive(noun: Token, lex) -> bool:
    """A noun that can do harm itself: a force, a group, a side, an instrument, a name."""
    lemma = noun.lemma_.lower()
    if lemma in lex.state_roles | lex.hostile_groups | lex.side_nouns | lex.body_heads or lemma in load_reading().instrument_nouns:
        return True
    return noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "ORG", "NORP")


def _pins_harm_plainly(verb: Token, lex, reading) -> bool:
    """A hostile verb or a predicate of blame ("who shelled", "who is guilty"), not a light verb
    or an adjective, which a relative clause often uses of the speaker's own side."""
    if verb.lemma_.lower() in lex.hostile_verbs:
        return True
    words = {t.lemma_.lower() for c in verb.children if c.dep_ in ("acomp", "attr", "prep") for t in c.subtree}
    return verb.lemma_ == "be" and bool(words & lex.blame_words)


def _doers_of_act(noun: Token, lex) -> list[Token]:
    """A hostile act named by a noun, and who it says did it: the noun itself, whose
    modifiers or owner may name the side ("U.S. air strikes", "Russia's invasion"), and the
    agent of "by" or of a participle ("strikes by American aircraft", "attacks carried out by
    Washington")."""
    doers = [noun]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in load_reading().stopping_verbs:
        # "the authorities must end this crackdown", "Russia must stop its attacks": the one
        # told to stop is the one doing it
        subject = _subject(noun.head)
        if subject is not None and subject.pos_ != "PRON":
            doers.append(subject)
    by = _object_of_prep(noun, ("by",))
    if by is not None:
        doers.append(_actor_behind(by, lex))
    for participle in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        agent = _agent_of(participle)
        if agent is not None:
            doers.append(_actor_behind(agent, lex))
    return doers


def _agent_of(verb: Token) -> Token | None:
    """The doer that "by" names on a passive or a participle: "was shelled by Y", "carried
    out by Y", "shelling by regime forces"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((g for g in agent.children if g.dep_ == "pobj"), None)
    if verb.tag_ in ("VBG", "VBN"):
        return _object_of_prep(verb, ("by",))
    return None


def _object_of_prep(head: Token, preps: tuple[str, ...]) -> Token | None:
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in preps), None)
    return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _not_asserted(noun: Token, span: Span, reading) -> bool:
    """A hostile act named but not said to have happened: denied ("was not responsible for
    the bombing", "carried out no raids"), feared ("the threat of air strikes"), or one to be
    ended ("to stop the shelling")."""
    if _in_negated_clause(noun, span):
        return True
    if any(c.dep_ == "det" and c.lower_ in reading.negative_determiners for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in reading.hypothetical_heads:
        return True
    return noun.dep_ == "dobj" and head.lemma_.lower() in reading.ending_verbs


def _pledged(verb: Token, lex, reading) -> bool:
    """"We will support our partners", "Britain will send more weapons": a commitment to give
    or do, not a report of harm done. A hostile verb keeps its future: "the enemy will attack"."""
    future = any(c.dep_ == "aux" and c.lower_ in reading.future_auxiliaries for c in verb.children)
    return future and verb.lemma_.lower() not in lex.hostile_verbs


def _progressive_misparse(verb: Token, reading) -> bool:
    """"the regime is escalating attacks", parsed as "is" + "escalating attacks": the -ing
    word is the verb, the noun its object."""
    if verb.lemma_ != "be":
        return False
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attr is None or attr.lemma_.lower() not in reading.act_nouns:
        return False
    return any(c.dep_ == "amod" and c.tag_ == "VBG" and c.i == verb.i + 1 for c in attr.children)


def _verbs_and_nouns(span: Span) -> list[Token]:
    """The verbs and nouns of a span, in order: the only words `_blamed_in` looks at. Found
    once per Doc from its arrays, so a statement need not walk every one of its words."""
    doc = span.doc
    found = doc.user_data.get("rashomon.verbs_and_nouns")
    if found is None:
        tokens = find_tokens(doc, pos=_CLAUSE_POS)
        found = doc.user_data["rashomon.verbs_and_nouns"] = (tokens, [t.i for t in tokens])
    tokens, positions = found
    return tokens[bisect.bisect_left(positions, span.start) : bisect.bisect_left(positions, span.end)]


_CLAUSE_POS = frozenset({"VERB", "AUX", "NOUN"})


def _subject(verb: Token) -> Token | None:
    """A clause's subject; for "continued to shell", "shelling a mosque" and "and fired", the
    subject of the verb it hangs from. "These rioters, they are ...": the noun, not the pronoun."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subject = next((c for c in subjects if c.pos_ != "PRON"), subjects[0] if subjects else None)
    if subject is not None and subject.pos_ == "PRON":
        # "These rioters, they are criminals": the noun set before the pronoun
        dislocated = next((c for c in verb.children if c.dep_ in ("npadvmod", "dep") and c.pos_ == "NOUN" and c.i < subject.i), None)
        subject = dislocated or subject
    if subject is None and verb.head.pos_ in ("VERB", "AUX") and (
        verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    ):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        subject = _stranded_subject(verb)
    return subject


def _controller(verb: Token) -> Token | None:
    """Who is to do what an infinitive says: the object of "urged Russia to stop", the object of
    "on" in "called on Israel to stop", else the subject."""
    if verb.dep_ != "xcomp":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if obj is None:
        obj = _object_of_prep(head, ("on", "upon"))
    return obj if obj is not None else next((c for c in head.children if c.dep_ == "nsubj"), None)


def _stranded_subject(verb: Token) -> Token | None:
    """"... involving chlorine gas and the ISIS group was responsible for ...": a finite verb
    with no subject, whose subject the parser joined to the phrase before it ("gas and the
    ISIS group")."""
    if verb.tag_ not in _FINITE or any(c.dep_ in ("nsubjpass", "expl", "csubj") for c in verb.children) or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("NOUN", "PROPN") and before.dep_ == "conj" and before.head.i < before.i:
        return before
    return None


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _negated_or_hypothetical(verb: Token) -> bool:
    """"does not attack", "could help enforce": not a claim that harm was done."""
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll")) for c in verb.children)


def _hostile_clause(verb: Token, lex, reading) -> bool:
    """A clause that does or pins harm: a hostile verb ("shelled"), a light verb with a hostile
    object ("carried out strikes"), "be" with a word of blame ("was behind the attack", "was to
    blame"), a verb of bearing with a noun of blame ("bears responsibility for"), or a hostile
    adjective ("their hostile approach")."""
    lemma = _verb_lemma(verb, lex)
    if lemma in lex.hostile_verbs:
        return True
    # the object's words; in the passive, the subject's ("the attack was carried out by Y")
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "prep", "xcomp", "oprd", "advmod", "nsubjpass", "advcl", "npadvmod")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects.append(verb.head)  # "the strikes carried out by Y"
    words = {t.lemma_.lower() for c in objects for t in (c.subtree if c is not verb.head else (c,))}
    if lemma in reading.captivity_verbs and words & reading.captivity_words:
        return True  # "held hostage by Y", "taken prisoner"
    if lemma in reading.captivity_verbs and _is_passive(verb) and any(
        c.dep_ == "nsubjpass" and (c.lower_ in lex.person_pronouns or c.lemma_.lower() in lex.people_nouns) for c in verb.children
    ):
        return True  # "she had been held by the militia" (but "areas held by rebels")
    if lemma in reading.lying_forms or verb.lower_ in reading.lying_forms:
        return True  # "Y is lying", "Y lied about the strike"
    if lemma in lex.hostile_light_verbs and words & lex.harm_words:
        return True
    if lemma == "be" and words & lex.blame_words:
        return True
    if lemma in reading.breaking_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in reading.undertakings for c in verb.children
    ):
        return True  # "Y has broken the ceasefire"
    if lemma in reading.responsibility_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in reading.responsibility_nouns for c in verb.children
    ):
        return True
    # an adjective on what the clause does or is ("waged an illegal war", "is hostile"), not
    # on its circumstances ("after years of hostile relations, the government plans ...")
    core = {t.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "oprd", "xcomp") for t in c.subtree}
    return bool(core & lex.hostile_adjectives)


def _verb_lemma(verb: Token, lex) -> str:
    """A verb's lemma, mended where the tagger cut an -ing form to another word: "waging" read
    as "wag" is "wage"."""
    lemma = verb.lemma_.lower()
    known = lex.hostile_verbs | lex.hostile_light_verbs
    if lemma not in known and verb.tag_ == "VBG" and verb.lower_.endswith("ing") and verb.lower_[:-3] + "e" in known:
        return verb.lower_[:-3] + "e"
    return lemma


def _labels_subject(verb: Token, lex) -> bool:
    """"These rioters are criminals": the subject called by a word of harm."""
    if verb.lemma_ != "be":
        return False
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    return attr is not None and (attr.lemma_.lower() in lex.hostile_labels or attr.lower_ in lex.hostile_labels)


def _actor_behind(token: Token, lex) -> Token:
    """"three drone strikes by American aircraft" -> "American aircraft"."""
    if token.lemma_.lower() in lex.hostile_nouns:
        by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            return pobj
    return token


def _side_modifier(noun: Token, actors: ActorModel) -> Token | None:
    """The word on a hostile act that names who did it: a side's name or adjective ("U.S.",
    "Russian", "Taliban"), or a side described ("coalition strikes", "rebel fire"). A capital is
    the act's place ("the Kabul bombing"), not its author; "fresh" or "deadly" name no one."""
    lex = load_lexicon()
    for c in noun.children:
        if c.dep_ == "amod" and c.lemma_.lower() in load_reading().leading_participles:
            # "Saudi-led warplanes", "US-led coalition strikes": the leader
            c = next((g for g in c.children if g.dep_ in ("npadvmod", "compound") and g.pos_ in ("PROPN", "NOUN")), c)
        if c.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod") or c.pos_ not in ("PROPN", "ADJ", "NOUN"):
            continue
        if c.text in lex.capitals or c.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"):
            continue
        if c.lemma_.lower() in lex.side_nouns:
            return c
        if actors.mention(c).party:
            return c
    return None


def _accused(token: Token, actors: ActorModel) -> Mention:
    """The accused as a Mention. A hostile act names its author: "U.S. air strikes" (United
    States), "Putin's war" (Putin)."""
    lex = load_lexicon()
    if token.lemma_.lower() in lex.hostile_nouns or token.pos_ == "NOUN":
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
        if owner is not None:
            mention = actors.mention(owner)
            if mention.party or mention.name or owner.ent_type_ in ("PERSON", "ORG") or (
                owner.lemma_.lower() in lex.hostile_groups | lex.side_nouns
            ):
                return mention  # "Putin's war", "the militia's guards"
    mention = actors.mention(token)
    if mention.party is None and token.pos_ == "NOUN":
        patron = _patron(token, lex)
        if patron is not None:
            found = actors.mention(patron)
            if found.party or found.name:
                return Mention(text=mention.text, name=found.name, party=found.party)
            if _is_side_word(patron, lex):
                return found  # "warplanes of the regime", "gunmen from the militia": the regime
    if token.lemma_.lower() in lex.hostile_nouns:
        # an act's or instrument's side is the one its modifiers name, never its place:
        # "U.S. air strikes" (United States), not "the Paris attacks" (France)
        side = _side_modifier(token, actors)
        found = actors.mention(side) if side is not None else None
        if found is not None and found.party:
            return Mention(text=mention.text, name=found.name, party=found.party)
        if mention.party is not None and not any(_names_a_side(c, lex) for c in token.children):
            return Mention(text=mention.text)
    return mention


def _names_a_side(modifier: Token, lex) -> bool:
    """A modifier that can name an act's side: an owner, a group, a nation ("U.S.", "Israeli",
    "Taliban"), not a place ("Paris", "Aleppo")."""
    if modifier.dep_ in ("poss", "appos"):
        return True
    if modifier.dep_ not in ("compound", "amod", "nmod") or modifier.text in lex.capitals:
        return False
    if modifier.lemma_.lower() in lex.side_nouns:
        return True  # "government warplanes", "coalition strikes": the side the article means
    return modifier.ent_type_ in ("NORP", "ORG") or modifier.text in lex.country_aliases


def _backed_by_a_side(noun: Token, actors: ActorModel, lex) -> bool:
    """A group described by the side behind it: "Iranian-backed groups", "Russian-backed
    fighters" (a participle of backing on a side's name), "pro-government thugs", "pro-Kremlin
    activists" ("pro" beside a side's name or word)."""
    backing = load_reading().backing_participles
    def names_a_side(word: Token) -> bool:
        return bool(actors.mention(word).party) or word.ent_type_ == "NORP" or word.text in lex.country_aliases or (
            word.lemma_.lower() in lex.side_nouns
        )
    for c in noun.children:
        if c.dep_ == "amod" and c.lemma_.lower() in backing:
            if any(g.dep_ in ("npadvmod", "compound", "amod") and names_a_side(g) for g in c.children):
                return True
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    if any(c.lower_ == "pro" for c in modifiers):
        return any(c.lower_ != "pro" and names_a_side(c) for c in modifiers)
    return False


def _patron(noun: Token, lex) -> Token | None:
    """The side a force or an instrument is said to serve: "forces loyal to Assad",
    "militias allied with Iran", "warplanes of the Syrian regime", "troops of country Y"."""
    reading = load_reading()
    for c in noun.children:
        if c.dep_ == "amod" and c.lemma_.lower() in reading.allegiance_words:
            found = _object_of_prep(c, ("to", "with"))
            if found is not None:
                return found
    lemma = noun.lemma_.lower()
    if lemma in reading.instrument_nouns or lemma in lex.state_roles or lemma in lex.hostile_groups:
        return _object_of_prep(noun, ("of", "from"))
    return None


def _is_side_word(token: Token, lex) -> bool:
    """A common noun that names a side as the article means it: "the regime", "the army", "the
    militia", "the occupiers" (not an unnamed "gunman")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (
        lemma in lex.side_nouns or lemma in lex.hostile_groups - lex.hostile_agents or lemma in load_reading().side_epithets
    )


def _accused_sides(token: Token, actors: ActorModel) -> list[Mention]:
    """The accused a phrase names: one, or one per side on a hostile act or instrument whose
    modifiers are joined ("Russian and regime warplanes")."""
    first = _accused(token, actors)
    sides = [first]
    if token.lemma_.lower() not in load_lexicon().hostile_nouns:
        return sides
    side = _side_modifier(token, actors)
    lex = load_lexicon()
    for other in (c for c in (side.children if side is not None else ()) if c.dep_ == "conj"):
        found = actors.mention(other)
        if found.party and all(found.party != s.party for s in sides):
            sides.append(Mention(text=first.text, name=found.name, party=found.party))
        elif not found.party and other.lemma_.lower() in lex.side_nouns:
            # "Russian and regime warplanes": the regime's warplanes, though no party is known
            sides.append(Mention(text=f"{other.text} {token.text}"))
    return sides


def _with_conjuncts(token: Token) -> list[Token]:
    """"accused the UK and the US": both are accused."""
    return [token] + [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]


# --- shared tests -------------------------------------------------------------------


def _is_accusable(accused: Mention, token: Token, actors: ActorModel, frame: Frame) -> bool:
    """Whom a verb of accusing can accuse. The object of "accuse" is accused by the verb's very
    sense, whoever it names ("accused trawler crews of hiring the gunmen"); other verbs take
    ordinary words too ("blamed the weather", "criticised the decision"), so their accused must
    be blameable."""
    if frame.any_accused and token.pos_ in ("NOUN", "PROPN") and not _own_side_words(accused):
        return True
    return _is_blameable(accused, token, actors)


def _own_side_words(accused: Mention) -> bool:
    """"our forces", "its strikes": the speaker's own side. "US aircraft" is not "us"."""
    first = accused.text.split()[:1]
    if not first or (first[0].isupper() and len(first[0]) > 1):
        return False
    return first[0].lower() in _OWN_SIDE


_OWN_SIDE = frozenset({"our", "my", "we", "us", "i", "its", "their"})


def _is_blameable(accused: Mention, token: Token, actors: ActorModel) -> bool:
    """A side, a named actor, or a group that is a side in itself ("militants", "the regime",
    "coalition strikes"). An unnamed "suicide bomber" is the act's doer, not a side."""
    if _own_side_words(accused):
        return False  # the speaker's own side ("its strikes" in the coalition's own words)
    if accused.party:
        return True
    lex = load_lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ == "PRON":
        return bool(accused.name)
    if (token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG")) or any(
        c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "ORG") for c in token.children
    ):
        return True  # a named person or organisation: "Putin's war"
    if lemma in lex.hostile_nouns | load_reading().carrier_nouns and any(
        c.dep_ == "poss" and c.lemma_.lower() in lex.hostile_groups | lex.side_nouns for c in token.children
    ):
        return True  # "the regime's policy of starvation", "the militia's attacks"
    if token.pos_ == "NOUN" and (lemma in lex.hostile_groups - lex.hostile_agents or lemma in load_reading().side_epithets):
        return True  # "militants", "the occupiers" (but an unnamed "gunman" is no side)
    if token.pos_ == "NOUN" and lemma not in lex.hostile_nouns and any(
        c.dep_ in ("amod", "compound") and (c.ent_type_ == "NORP" or c.text in lex.country_aliases) for c in token.children
    ):
        return True  # "Israeli settlers", "Chechen fighters": a group described by its nation
    if token.pos_ == "NOUN" and lemma not in lex.hostile_nouns and _backed_by_a_side(token, actors, lex):
        return True  # "Iranian-backed groups", "pro-government thugs": a group by the side behind it
    patron = _patron(token, lex) if token.pos_ == "NOUN" else None
    if patron is not None and _is_side_word(patron, lex):
        return True  # "warplanes of the regime", "soldiers of the army": the side they serve
    # "U.S.-led strikes", "regime planes", "government forces": an act or force with its side
    return (lemma in lex.hostile_nouns or lemma in lex.state_roles) and _side_modifier(token, actors) is not None


def _in_negated_clause(token: Token, span: Span) -> bool:
    """"was not responsible for the bombing": a hostile act named only to be denied."""
    node = token
    stopping = load_reading().stopping_verbs
    while node.head.i != node.i and span.start <= node.head.i < span.end:
        child, node = node, node.head
        if child.dep_ == "dobj" and node.lemma_.lower() in stopping and not any(c.dep_ == "neg" for c in node.children):
            continue  # "Russia must stop its attacks": the attacks are taken as done
        if node.pos_ in ("VERB", "AUX") and _negated_or_hypothetical(node):
            return True
    return False


def _names_someone(mention: Mention | None) -> bool:
    """An accuser worth reporting: not missing, not a pronoun left unresolved, not page
    furniture read as a subject ("Sun 05 Jul 2015", "Updated 10:42 GMT")."""
    if mention is None:
        return False
    lex = load_lexicon()
    if mention.text.lower() in lex.pronouns | load_reading().relative_pronouns and not (mention.name or mention.party):
        return False  # "he" unresolved; "which", a relative pronoun read as a subject
    words = re.findall(r"[^\W\d_]+", mention.text)
    reading = load_reading()
    if len(words) >= 2 and words[0].lower() in reading.outlet_determiners and _base(words[-1].lower()) & reading.reporter_nouns:
        return False  # "our correspondent", "this reporter": the outlet's own eyewitness account
    if mention.name or mention.party:
        return True
    if all(w.lower() in load_reading().not_accusers for w in words):
        return False
    return bool(mention.role) or _can_speak(words, lex)


def _can_speak(words: list[str], lex) -> bool:
    """Not a thing or a place that a misread sentence made a subject: "several buildings",
    "the strike". Anyone else may speak."""
    if not words:
        return False
    head = _base(words[-1].lower())
    return not (head & load_reading().not_speaker_heads or head & lex.hostile_nouns)


def _base(word: str) -> set[str]:
    """A word and its likely singulars: "witnesses", "militias", "parties", "fishermen"."""
    forms = {word, word[:-1], word[:-2]} if word.endswith("s") else {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    return forms


def _same_side(a: Mention, b: Mention) -> bool:
    """One side: the same party, the same name, or the accused named in the accuser's own
    title ("the coalition spokesman" on "coalition targeting")."""
    if a.party and b.party:
        return a.party == b.party
    if _words(a.name or a.text) == _words(b.name or b.text):
        return True
    if b.party or b.name:
        return False
    acts = load_lexicon().hostile_nouns
    accused = {_singular(w) for w in _words(b.text)} - {_singular(w) for w in acts}
    title = {_singular(w) for w in _words(" ".join(filter(None, (a.text, a.role))))}
    return bool(accused) and accused <= title


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


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


def _text_before(node: Token, stop: Token) -> str:
    """A phrase's words up to a dependent: "the high civilian death toll" of "... on Hamas"."""
    tokens = [t for t in node.subtree if t.i < stop.i]
    return _text(node.doc[tokens[0].i : tokens[-1].i + 1]) if tokens else ""


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
    # the sub-code of the longest topic phrase found: "war crime" (1124) over "crime" (1121)
    found = [(len(m.group(0)), sub) for sub, pattern in _cameo_patterns() for m in pattern.finditer(lowered)]
    return max(found)[1] if found else code


@cache
def _cameo_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Each CAMEO sub-code with one pattern for its topic words, whole words only."""
    return tuple((sub, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"))
                 for sub, words in load_lexicon().cameo_topics.items())


def _date(sentence: Span, published: str | None) -> str | None:
    for ent in ents_in(sentence):
        if ent.label_ == "DATE":
            resolved = resolve_date(ent.text, published)
            if resolved:
                return resolved
    return None
