"""The discourse model: who the article has named, where, and whom a pronoun or a bare role
stands for.

The actor model's ordered read records each actor-bearing phrase as a `Referent`: its actor,
number, the gender its words show, whether it is a clause's subject and whether it lies in a
quotation. `Discourse` holds those, the documents with their issuers, the quotation mask and the
genders learned over the whole article. It is built once per Doc when the read ends and is
read-only after.

The functions are pure. Each looks only at what lies before the token it resolves, so the read
can ask them about what it has seen so far and give the answer they give afterwards. Speakers
resolve in reading order over the statements already resolved ("turns"): "he said" is the last
man who spoke, unless another man has since been named as the subject of a clause.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterator, Mapping, Protocol, Sequence

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .records import Mention
from .text import find_tokens, sentence_floor, sentence_starts

PERSON, ORG, STATE = "person", "org", "state"
MALE, FEMALE = "male", "female"
# How far back (in sentences) a pronoun or a definite description may point.
LOOKBACK_SENTENCES = 4
# How far back a speaker pronoun looks for the statements before it.
SPEAKER_LOOKBACK = 5
# How far back a bare "the group said" looks for the body last named as a subject.
BODY_SUBJECT_LOOKBACK = 2
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How many sentences after "a monitor said" the article may take to name the monitor.
NAMED_NEXT_SENTENCES = 1


@dataclass(frozen=True)
class Actor:
    name: str
    party: str | None
    kind: str = ORG
    role: str | None = None


@dataclass(frozen=True)
class Referent:
    """An actor mentioned at tokens [start, end), in document order."""

    start: int
    end: int
    actor: Actor
    head_lemma: str
    plural: bool
    gender: str | None = None  # MALE or FEMALE where the phrase's words say so
    subject: bool = False  # the subject of a clause
    quoted: bool = False  # inside a quotation


class Turn(Protocol):
    """A statement already resolved, as speaker resolution reads it (`statements.Attribution`)."""

    speaker: Mention
    speaker_kind: str | None
    speaker_start: int | None
    content_start: int
    content_end: int
    sentence: Span


@dataclass(frozen=True)
class Discourse:
    """Who the article names, in reading order; read-only once built (`build_discourse`)."""

    doc: Doc
    referents: tuple[Referent, ...]
    documents: tuple[tuple[int, Actor], ...]  # (token of the document's noun, its issuer)
    quoted: tuple[bool, ...]  # whether each token lies in a quotation
    genders: Mapping[str, str]  # a person's name -> MALE or FEMALE, learned anywhere
    parties: Mapping[str, str]  # a person's name -> the side some mention of them gives


# --- gender ------------------------------------------------------------------------------


def word_gender(word: str, lex: Lexicon) -> str | None:
    """"Mr", "spokeswoman", "he": the gender a word marks, if any."""
    word = word.lower().rstrip(".")
    if word in lex.male_words or word in lex.male_pronouns:
        return MALE
    if word in lex.female_words or word in lex.female_pronouns:
        return FEMALE
    return None


def phrase_gender(span: Span, lex: Lexicon) -> str | None:
    """The gender a person's phrase shows: its head ("the spokeswoman"), an honorific or title
    ("Mrs Diallo", "King Abdullah"), else the given name that starts the name ("Olga Petrova")."""
    head = span.root
    found = word_gender(head.lemma_, lex) if head.pos_ == "NOUN" else None
    for t in span:
        if found is None and t.i < head.i and t.pos_ != "PRON":  # not "his wife"
            found = word_gender(t.text, lex)
    if found is None:
        names = [t for t in span if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        given = names[0].lower_ if names else ""
        found = MALE if given in lex.male_names else FEMALE if given in lex.female_names else None
    return found


def mention_gender(mention: Mention, genders: Mapping[str, str], lex: Lexicon) -> str | None:
    """The gender of a speaker already resolved: learned for its name, or shown by its words."""
    for name in (mention.name, mention.text):
        if name and name in genders:
            return genders[name]
    words = f"{mention.text} {mention.role or ''}".split()
    marks = {word_gender(w, lex) for w in words} - {None}
    return marks.pop() if len(marks) == 1 else None


def _learned_genders(doc: Doc, referents: Sequence[Referent], quoted: Sequence[bool], lex: Lexicon) -> dict[str, str]:
    """Each person's gender, from the words of any phrase naming them ("Mr Orlov") or, where a
    sentence names one person only and its pronouns are all of one gender, from those ("Lula,
    76, said he would ...")."""
    genders: dict[str, str] = {}
    for ref in referents:
        if ref.actor.kind == PERSON and ref.gender and not ref.plural:
            genders.setdefault(ref.actor.name, ref.gender)
    starts = sentence_starts(doc)
    pronouns = find_tokens(doc, lowers=lex.male_pronouns | lex.female_pronouns)
    by_sentence: dict[int, set[str]] = {}
    first_pronoun: dict[int, int] = {}
    for t in pronouns:
        if quoted[t.i]:
            continue
        s = bisect.bisect_right(starts, t.i) - 1
        by_sentence.setdefault(s, set()).add(word_gender(t.lower_, lex))
        first_pronoun.setdefault(s, t.i)
    people: dict[int, set[Referent]] = {}
    for ref in referents:
        if ref.actor.kind == PERSON and not ref.plural and not ref.quoted:
            people.setdefault(bisect.bisect_right(starts, ref.start) - 1, set()).add(ref)
    for s, marks in by_sentence.items():
        named = people.get(s, set())
        if len(marks) != 1 or len({r.actor.name for r in named}) != 1:
            continue
        (ref, *_) = named
        if ref.start < first_pronoun[s]:
            genders.setdefault(ref.actor.name, next(iter(marks)))
    return genders


def build_discourse(doc: Doc, referents: Sequence[Referent], documents: Sequence[tuple[int, Actor]],
                    quoted: Sequence[bool], lex: Lexicon) -> Discourse:
    return Discourse(
        doc=doc, referents=tuple(referents), documents=tuple(documents), quoted=tuple(quoted),
        genders=_learned_genders(doc, referents, quoted, lex),
        parties=_learned_parties(referents),
    )


def _learned_parties(referents: Sequence[Referent]) -> dict[str, str]:
    """Each person's side, from whichever mention of them says it: "Stoltenberg said" before
    "Nato's secretary general, Jens Stoltenberg" is still Nato's."""
    parties: dict[str, str] = {}
    for ref in referents:
        if ref.actor.kind == PERSON and ref.actor.party:
            parties.setdefault(ref.actor.name, ref.actor.party)
    return parties


def with_known_party(d: Discourse, mention: Mention) -> Mention:
    """A person's mention with the side the article gives them elsewhere, if it gives none."""
    name = mention.name or mention.text
    if mention.party or name not in d.parties:
        return mention
    return Mention(text=mention.text, name=mention.name, party=d.parties[name], role=mention.role)


# --- antecedents -------------------------------------------------------------------------


def _before(referents: Sequence[Referent], i: int, floor: int) -> Iterator[Referent]:
    """Referents that start in [floor, i), latest first."""
    end = bisect.bisect_left(referents, i, key=lambda r: r.start)
    for k in range(end - 1, -1, -1):
        if referents[k].start < floor:
            return
        yield referents[k]


def _fits(ref: Referent, kinds: tuple[str, ...], plural: bool | None, gender: str | None,
          genders: Mapping[str, str]) -> bool:
    if ref.actor.kind not in kinds:
        return False
    if ref.actor.kind != PERSON:
        return True
    if plural is not None and ref.plural != plural:
        return False
    known = ref.gender or genders.get(ref.actor.name)
    return gender is None or known is None or known == gender


def antecedent(referents: Sequence[Referent], i: int, floor: int, kinds: tuple[str, ...], *,
               plural: bool | None = None, gender: str | None = None,
               genders: Mapping[str, str] = {}, narration: bool = False) -> Referent | None:
    """The latest referent of one of `kinds` in [floor, i) that fits the number and gender;
    with `narration`, none inside a quotation (the outlet's "he" is not the man a quote names)."""
    for ref in _before(referents, i, floor):
        if narration and ref.quoted:
            continue
        if _fits(ref, kinds, plural, gender, genders):
            return ref
    return None


def last_subject(referents: Sequence[Referent], i: int, floor: int, kinds: tuple[str, ...]) -> Referent | None:
    """The latest actor of `kinds` with a side that was the subject of a clause in [floor, i):
    "The ALM denied any involvement. ... the group said" -> the ALM."""
    for ref in _before(referents, i, floor):
        if ref.actor.kind in kinds and ref.actor.party and ref.subject:
            return ref
    return None


def latest_document(referents: Sequence[Referent], documents: Sequence[tuple[int, Actor]], i: int,
                    floor: int) -> Actor | None:
    """The issuer of a document mentioned in [floor, i) after the latest organisation, if any:
    "the statement said ... it added"."""
    docs = [(k, a) for k, a in documents if floor <= k < i]
    orgs = [r.start for r in referents if r.start < i and r.actor.kind in (ORG, STATE)]
    if docs and (not orgs or docs[-1][0] > orgs[-1]):
        return docs[-1][1]
    return None


def pronoun_actor(referents: Sequence[Referent], documents: Sequence[tuple[int, Actor]], pronoun: Token,
                  lex: Lexicon, *, in_quote: bool = False, genders: Mapping[str, str] = {}) -> Actor | None:
    """Whom "he", "she", "it" or "they" stands for: the latest fitting actor (a man for "he", a
    woman for "she", named outside quotations when the pronoun is), or for "it" the issuer of a
    document just mentioned."""
    lower = pronoun.lower_
    floor = sentence_floor(pronoun, LOOKBACK_SENTENCES)
    if lower in lex.person_pronouns:
        gender = word_gender(lower, lex)
        found = antecedent(referents, pronoun.i, floor, (PERSON,), plural=False, gender=gender, genders=genders,
                           narration=not in_quote)
        if found is None and not in_quote:
            found = antecedent(referents, pronoun.i, floor, (PERSON,), plural=False, gender=gender, genders=genders)
        return found.actor if found else None
    if lower in ("it", "its", "itself"):
        issuer = latest_document(referents, documents, pronoun.i, floor)
        if issuer is not None:
            return issuer
        # the subject of its own sentence first: "Finland must apply to join, in the wake of
        # Russia's attack on Ukraine, its president said" -> Finland's
        found = last_subject(referents, pronoun.i, sentence_floor(pronoun, 0), (ORG, STATE))
        found = found or antecedent(referents, pronoun.i, floor, (ORG, STATE))
        return found.actor if found else None
    if lower in lex.group_pronouns or lower == "their":
        found = antecedent(referents, pronoun.i, floor, (ORG, STATE, PERSON), plural=True)
        return found.actor if found else None
    return None


def mention_of(actor: Actor, text: str) -> Mention:
    """A Mention for an actor found by reference ("he", "the statement")."""
    return Mention(text=text, name=actor.name, party=actor.party, role=actor.role)


# --- speakers ----------------------------------------------------------------------------

# Entities that never speak: "24 February said" is a misparse.
NOT_SPEAKER_ENTITIES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT")


def can_speak(head: Token, lex: Lexicon) -> bool:
    """Animacy: people, bodies, documents, groups and sources speak; places, events,
    buildings, times and abstractions do not ("the fighting", "last week", "the decision").
    A word that may name a body ("the campaign") speaks though it may also be an act."""
    if head.pos_ == "PRON":
        return True
    dated = head.ent_type_ in ("DATE", "TIME")
    if head.like_num or (head.lower_ in lex.not_speakers and (head.pos_ != "PROPN" or dated)):
        return False  # "24 February said", "Monday" (but "the White House" speaks)
    if head.ent_type_ in NOT_SPEAKER_ENTITIES and head.pos_ != "PROPN":
        return False  # a name the recogniser swept into a date ("Lula, 76,") still speaks
    if head.pos_ != "NOUN":
        return True  # a name
    lemma = head.lemma_.lower()
    if lemma in lex.body_heads:
        return True
    if lemma in lex.hostile_nouns or lemma in lex.not_speakers:
        return False
    return True



def resolve_speaker(d: Discourse, span: Span, mention: Mention, kind: str | None, said: Sequence[Turn],
                    lex: Lexicon, anchor: int) -> tuple[Mention, str | None]:
    """A speaker phrase as the Mention of whom it names, with its kind. `mention` and `kind` are
    what the phrase names by itself; pronouns and bare descriptions ("he", "the group", "the
    spokeswoman") point to the speakers before them (`said`, in reading order), then to the
    actors named as subjects. `anchor` is the first token of the utterance: a long quotation
    before "he said" does not use up the lookback."""
    head = span.root
    if head.pos_ == "PRON" or head.lower_ in lex.pronouns:
        if head.lower_ in lex.person_pronouns:
            return _person_pronoun_speaker(d, head, said, lex, anchor)
        return _group_pronoun_speaker(d, head, said, lex, anchor)
    if mention.party is None and is_bare_body(head, lex):
        return _body_speaker(d, head, mention, said, lex)
    if mention.party is None and _is_indefinite_body(head, lex):
        named = _body_named_next(d, head)
        if named is not None:
            # "..., a monitor said. ... the Syrian Observatory for Human Rights said"
            return Mention(text=mention.text, name=named.name, party=named.party, role=mention.role), named.kind
    if mention.name is None and mention.party is None and is_person_description(head, span, lex):
        return _described_person_speaker(d, head, mention, kind, said, lex, anchor)
    return mention, kind


def is_bare_body(head: Token, lex: Lexicon) -> bool:
    """"the group", "the ministry": a definite description of a body with no name of its own."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    return definite and head.pos_ == "NOUN" and head.lemma_.lower() in lex.body_heads


def _is_indefinite_body(head: Token, lex: Lexicon) -> bool:
    """"a monitor", "a rights group": a body introduced before the article names it."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    return indefinite and head.pos_ == "NOUN" and head.tag_ == "NN" and head.lemma_.lower() in lex.group_heads


def _body_named_next(d: Discourse, head: Token) -> Actor | None:
    """The organisation named next as a subject, in the narration of the next sentences."""
    starts = sentence_starts(d.doc)
    own = bisect.bisect_right(starts, head.i) - 1
    end = starts[own + 1 + NAMED_NEXT_SENTENCES] if own + 1 + NAMED_NEXT_SENTENCES < len(starts) else len(d.doc)
    after = bisect.bisect_right(d.referents, head.i, key=lambda r: r.start)
    for ref in d.referents[after:]:
        if ref.start >= end:
            return None
        # a subject, or a name the comma-less wire copy left in apposition ("... the X said")
        named = ref.subject or d.doc[ref.start : ref.end].root.dep_ == "appos"
        if ref.actor.kind == ORG and ref.actor.party and named and not ref.quoted:
            return ref.actor
    return None


def is_person_description(head: Token, span: Span, lex: Lexicon) -> bool:
    """"the spokeswoman", "the veteran leftist", "the former president": one person, described
    but not named."""
    if head.pos_ != "NOUN" or head.tag_ == "NNS" or any(t.pos_ == "PROPN" for t in span):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    lemma = head.lemma_.lower()
    return lemma in lex.person_nouns or lemma in lex.person_markers or word_gender(lemma, lex) is not None


def _identity(turn: Turn, text: str, role: str | None = None) -> tuple[Mention, str | None]:
    m = turn.speaker
    return Mention(text=text, name=m.name or m.text, party=m.party, role=role or m.role), turn.speaker_kind


def _earlier_turn(said: Sequence[Turn], i: int, floor: int, kinds: tuple, gender: str | None = None,
                  genders: Mapping[str, str] = {}, lex: Lexicon | None = None) -> Turn | None:
    """The latest statement named before token `i`, since `floor`, by a speaker of `kinds`
    (None: a speaker of no known kind, "residents") that fits `gender`."""
    for turn in reversed(said):
        if turn.sentence.start < floor:
            break
        if turn.speaker_start is not None and turn.speaker_start >= i:
            continue
        m = turn.speaker
        named = m.party or m.name or turn.speaker_kind == PERSON
        if turn.speaker_kind not in kinds or not (named or None in kinds):
            continue
        if gender and lex is not None and turn.speaker_kind == PERSON:
            known = mention_gender(m, genders, lex)
            if known and known != gender:
                continue
        return turn
    return None


def _in_contents(d: Discourse, ref: Referent, said: Sequence[Turn]) -> bool:
    """Whether a referent lies in what someone was reported to say: "X said Y had resigned"
    names Y, but the next "he said" is still X's."""
    at = d.doc[ref.start].idx
    return any(t.content_start <= at < t.content_end for t in said)


def _named_subject_since(d: Discourse, head: Token, said: Sequence[Turn], floor: int, gender: str | None,
                         lex: Lexicon) -> Referent | None:
    """The latest person of `gender` named as a subject in the narration before `head`."""
    for ref in _before(d.referents, head.i, floor):
        if ref.quoted or not ref.subject or not _fits(ref, (PERSON,), False, gender, d.genders):
            continue
        if not _in_contents(d, ref, said):
            return ref
    return None


def _named_in_turn(d: Discourse, turn: Turn, said: Sequence[Turn], gender: str | None) -> Actor | None:
    """The one person of `gender` named in the narration of a turn's sentence whose speaker is
    a role without a name: the role's holder, set before it."""
    people = {ref.actor.name: ref.actor for ref in d.referents
              if turn.sentence.start <= ref.start < turn.sentence.end and not ref.quoted
              and _fits(ref, (PERSON,), False, gender, d.genders) and not _in_contents(d, ref, said)}
    return next(iter(people.values())) if len(people) == 1 else None


def _same_actor(turn: Turn, actor: Actor) -> bool:
    return actor.name == (turn.speaker.name or turn.speaker.text)


def _person_pronoun_speaker(d: Discourse, head: Token, said: Sequence[Turn], lex: Lexicon,
                            anchor: int) -> tuple[Mention, str | None]:
    """"he said": the last man to speak, unless another man has been named as a subject since
    ("Lula said ... Biden spoke next. 'We ...,' he said" -> Biden); else the last man named."""
    gender = word_gender(head.lower_, lex)
    floor = sentence_floor(d.doc[min(anchor, head.i)], SPEAKER_LOOKBACK)
    earlier = _earlier_turn(said, head.i, floor, (PERSON,), gender, d.genders, lex)
    rival = _named_subject_since(d, head, said, floor, gender, lex)
    if earlier is not None and (rival is None or _same_actor(earlier, rival.actor)
                                or rival.start < (earlier.speaker_start or 0)):
        named = _named_in_turn(d, earlier, said, gender) if not earlier.speaker.name else None
        if named is not None:
            # "Linda Ortiz, speaking at the council, the US envoy said ... she said": the envoy
            m = earlier.speaker
            return Mention(text=head.text, name=named.name, party=m.party or named.party, role=m.role or m.text), PERSON
        return _identity(earlier, head.text)
    if rival is not None:
        return mention_of(rival.actor, head.text), PERSON
    actor = pronoun_actor(d.referents, d.documents, head, lex, in_quote=d.quoted[head.i], genders=d.genders)
    return (mention_of(actor, head.text), actor.kind) if actor else (Mention(text=head.text), None)


def _group_pronoun_speaker(d: Discourse, head: Token, said: Sequence[Turn], lex: Lexicon,
                           anchor: int) -> tuple[Mention, str | None]:
    """"it said", "they said": the last body (or, for "they", group of people) to speak, unless
    another body has been named as a subject since; else the latest fitting actor."""
    plural = head.lower_ in ("they", "them")
    kinds = (ORG, STATE, None) if plural else (ORG, STATE)
    floor = sentence_floor(head, SPEAKER_LOOKBACK)
    earlier = _earlier_turn(said, head.i, floor, kinds)
    group = _plural_subject_before(d, head, lex) if plural else None
    if group is not None and (earlier is None or (earlier.speaker_start or 0) < group.i):
        # "The activists had no information. They claimed ...": the people just named
        span = d.doc[group.left_edge.i : group.i + 1]
        return Mention(text=head.text, name=span.text), None
    if earlier is None and not plural:
        # "according to the daily Nice Matin ... it added": a named body of no known kind
        earlier = _earlier_turn(said, head.i, floor, (None,))
        earlier = earlier if earlier is not None and _has_name(earlier.speaker) else None
    subject = last_subject(d.referents, head.i, floor, (ORG, STATE))
    if earlier is not None and not _named_since(d, earlier, subject, head):
        return _identity(earlier, head.text)
    actor = pronoun_actor(d.referents, d.documents, head, lex, in_quote=d.quoted[head.i], genders=d.genders)
    return (mention_of(actor, head.text), actor.kind) if actor else (Mention(text=head.text), None)


def _plural_subject_before(d: Discourse, head: Token, lex: Lexicon) -> Token | None:
    """The people or bodies (a plural noun) that are the main subject of the sentence before
    "they", in the narration: "The Syrian activists had no information."""
    starts = sentence_starts(d.doc)
    own = bisect.bisect_right(starts, head.i) - 1
    if own < 1:
        return None
    previous = d.doc[starts[own - 1] : starts[own]]
    subject = next((t for t in previous if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.tag_ not in ("NNS", "NNPS") or d.quoted[subject.i]:
        return None
    lemma = subject.lemma_.lower()
    people = lemma in lex.person_nouns or lemma in lex.individual_roles or lemma in lex.anonymous_heads
    return subject if people or lemma in lex.body_heads else None


def _has_name(mention: Mention) -> bool:
    """A speaker named by a proper name: "the regional daily Nice Matin", not "residents"."""
    return bool(mention.name) or any(ch.isupper() for ch in mention.text[1:])


def _named_since(d: Discourse, earlier: Turn, subject: Referent | None, head: Token) -> bool:
    """Whether another actor became the subject of a clause after the earlier speaker was named:
    then a pronoun more likely means that one."""
    if subject is None or earlier.speaker_start is None or _same_actor(earlier, subject.actor):
        return False
    positions = [r.start for r in d.referents if r.actor == subject.actor and r.start < head.i]
    return bool(positions) and positions[-1] > earlier.speaker_start


def _body_speaker(d: Discourse, head: Token, mention: Mention, said: Sequence[Turn],
                  lex: Lexicon) -> tuple[Mention, str | None]:
    """"the group said": the body of that kind that spoke last, else the one last named as a
    subject nearby."""
    kinds = (STATE,) if head.lemma_.lower() in lex.state_heads else (ORG,)
    earlier = _earlier_turn(said, head.i, sentence_floor(head, SPEAKER_LOOKBACK), kinds)
    if earlier is not None and earlier.speaker.party:
        return _identity(earlier, mention.text, mention.role)
    subject = last_subject(d.referents, head.i, sentence_floor(head, BODY_SUBJECT_LOOKBACK), kinds)
    if subject is not None:
        actor = subject.actor
        return Mention(text=mention.text, name=actor.name, party=actor.party, role=mention.role), actor.kind
    return mention, None


def _described_person_speaker(d: Discourse, head: Token, mention: Mention, kind: str | None,
                              said: Sequence[Turn], lex: Lexicon, anchor: int) -> tuple[Mention, str | None]:
    """"the veteran leftist said", "the spokeswoman added": the last person of that gender to
    speak, unless another has been named as a subject since."""
    gender = word_gender(head.lemma_, lex)
    floor = sentence_floor(d.doc[min(anchor, head.i)], SPEAKER_LOOKBACK)
    earlier = _earlier_turn(said, head.i, floor, (PERSON,), gender, d.genders, lex)
    if earlier is None:
        return mention, kind
    rival = _named_subject_since(d, head, said, floor, gender, lex)
    if rival is None or _same_actor(earlier, rival.actor) or rival.start < (earlier.speaker_start or 0):
        return _identity(earlier, mention.text, mention.role)
    return mention, kind
