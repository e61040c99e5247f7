"""Who is who in an article, and which side each mention speaks for.

One `ActorModel` per Doc serves every extractor, so the accusations, the casualties, the
statements and the accounts agree on names and parties. It reads the article once, in order,
learning as it goes: acronyms the text defines, people's titles and appositions, the parents of
sub-units ("the 47th Brigade of the ... Command"), documents and their issuers; on top of a
general lexicon of states and well-known organisations.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from .discourse import (ORG, PERSON, STATE, Actor, Discourse, Referent, antecedent, build_discourse, mention_of,
                        phrase_gender, pronoun_actor)
from .lexicon import Lexicon, load_lexicon
from .quotes import quote_mask
from .records import Mention
from .text import doc_ents, doc_text, find_tokens, punct_or_space, sentence_floor, span_text

_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"}
_SPACES = re.compile(r"\s+")
_NAME_TAIL = re.compile(r" (?:of|for|in) ")
_POSSESSIVE = re.compile(r"'s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,9}$")
_ENTITY_LABELS = ("ORG", "PERSON", "NORP", "GPE", "FAC")
_PROPER = frozenset({"PROPN"})
# Entities that are never an actor: "Monday", "March 3" are proper nouns with no side.
_NOT_ACTOR_ENTITIES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
_MODIFIER_DEPS = ("det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case")
# How far back (in sentences) a definite description or a pronoun may point.
LOOKBACK_SENTENCES = 4
__all__ = ["ORG", "PERSON", "STATE", "Actor", "ActorModel", "lexicon_matches", "lookup", "normalize_name"]


# --- the lexicon as patterns -------------------------------------------------


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 6 and letters.isupper()


@cache
def _alias_table() -> tuple[re.Pattern, re.Pattern, dict[str, tuple[str, str]]]:
    """Regexes over every lexicon alias (exact case for acronyms, any case for the rest) and the
    table from alias to (party, kind)."""
    lex = load_lexicon()
    table: dict[str, tuple[str, str]] = {}
    for alias, country in lex.country_aliases.items():
        table.setdefault(alias, (country, STATE))
    for alias, country in {**lex.institutions, **lex.state_media}.items():
        table.setdefault(alias, (country, STATE))
    for alias, org in lex.org_aliases.items():
        table.setdefault(alias, (org, ORG))
    exact = sorted((a for a in table if _is_acronym(a)), key=len, reverse=True)
    loose = sorted((a for a in table if not _is_acronym(a)), key=len, reverse=True)
    exact_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, exact)) + r")(?!\w)")
    loose_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, loose)) + r")(?!\w)", re.I)
    keyed = {(a if _is_acronym(a) else a.lower()): v for a, v in table.items()}
    return exact_re, loose_re, keyed


@lru_cache(maxsize=65536)
def lexicon_matches(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """Lexicon aliases in `text` as (start, end, party, kind), left to right, longest first;
    skipping links such as "Iran-aligned" or "Britain-based", which name someone else."""
    exact_re, loose_re, table = _alias_table()
    affiliations = load_lexicon().affiliation_suffixes
    found = []
    for pattern in (exact_re, loose_re):
        for m in pattern.finditer(text):
            alias = m.group(1)
            if text[m.end(1):].lower().startswith(affiliations):
                continue
            hit = table.get(alias) or table.get(alias.lower())
            if hit:
                found.append((m.start(1), m.end(1), *hit))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, last_end = [], -1
    for item in found:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return tuple(kept)


@lru_cache(maxsize=65536)
def lookup(text: str) -> tuple[str, str] | None:
    """(party, kind) when the whole of `text` is a lexicon alias."""
    _, _, table = _alias_table()
    name = normalize_name(text)
    if not name:
        return None
    return table.get(name) if _is_acronym(name) else table.get(name.lower())


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """A name as a label: no leading determiners, possessive ending or stray punctuation."""
    text = _SPACES.sub(" ", text.replace("\u2019", "'")).strip(" ,;:.\"'()[]\u201c\u201d")
    words = text.split(" ")
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    text = _POSSESSIVE.sub("", " ".join(words))
    return text.strip(" ,;:\"'()")


# --- the model ---------------------------------------------------------------


@dataclass
class ActorModel:
    doc: Doc
    lex: Lexicon = field(default_factory=load_lexicon)
    names: dict[str, Actor] = field(default_factory=dict)  # lower-cased name -> actor
    sightings: list[Referent] = field(default_factory=list)  # in document order, as read
    person_index: dict[str, set[Actor]] = field(default_factory=dict)  # a word of a person's name -> people
    quoted: list[bool] = field(default_factory=list)  # whether each token lies in a quotation
    discourse: Discourse | None = None  # who was named where: built when the read ends
    documents: list[tuple[int, Actor]] = field(default_factory=list)  # (token, issuer)
    person_words: set[str] = field(default_factory=set)  # words of names tagged PERSON anywhere
    home: str | None = None  # the state the story happens in, when one clearly dominates
    _resolved: dict[tuple[int, int], Actor | None] = field(default_factory=dict)
    _phrases: dict[int, Span] = field(default_factory=dict)
    _edges: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    _edges_for: int = 0  # how many names _edges has taken in

    @classmethod
    def from_doc(cls, doc: Doc) -> "ActorModel":
        model = cls(doc)
        model.quoted = quote_mask(doc)
        model._learn_acronyms()
        model._survey()
        model._read()
        model.discourse = build_discourse(doc, model.sightings, model.documents, model.quoted, model.lex)
        return model

    def _survey(self) -> None:
        """What the whole article says before reading it in order: the people it names (the
        recogniser may tag "Zelenskiy" PERSON in one place and ORG in another) and the state
        it mostly takes place in."""
        lex = self.lex
        not_names = lex.group_heads | lex.state_roles | lex.person_titles | lex.spokes_roles | lex.individual_roles
        counts: dict[str, int] = {}
        titles = lex.person_titles | lex.spokes_roles
        for ent in doc_ents(self.doc):
            titled = ent.label_ in ("ORG", "") and any(
                a.lemma_.lower() in titles for a in _appositions(ent.root)
            ) or any(c.dep_ == "compound" and c.lower_ in titles for c in ent.root.lefts)
            if ent.label_ == "PERSON" or titled:  # "Ukraine's president, Volodymyr Zelenskiy"
                self.person_words.update(
                    t.lower_ for t in ent if t.pos_ == "PROPN" and len(t.text) > 2 and t.lower_ not in not_names
                )
            elif ent.label_ in ("GPE", "NORP"):
                found = lookup(ent.text)
                # "the German consulate" in Mazar-i-Sharif: a state present abroad, not at home
                abroad = ent.root.head.lemma_.lower() in lex.foreign_presence
                if found is not None and found[1] == STATE and not abroad:
                    counts[found[0]] = counts.get(found[0], 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
            self.home = ranked[0][0]

    # --- learning ---------------------------------------------------------------

    def _learn_acronyms(self) -> None:
        """"Popular Mobilization Forces (PMF)": the acronym stands for the name before it."""
        doc = self.doc
        for token in find_tokens(doc, lowers=frozenset({"("})):
            if not 0 < token.i < len(doc) - 2:
                continue
            acronym = doc[token.i + 1].text
            if doc[token.i + 2].text != ")" or not _ACRONYM.match(acronym):
                continue
            if not acronym[:2].isupper():
                continue
            name_span = self._name_before(token.i - 1) or self._spelled_out(token.i - 1, acronym)
            if name_span is None:
                continue
            name = normalize_name(name_span.text)
            if not name or not _initials_fit(acronym, name):
                name_span = self._spelled_out(token.i - 1, acronym)
                name = normalize_name(name_span.text) if name_span is not None else ""
                if not name:
                    continue
            known = lookup(name)
            actor = Actor(name=known[0], party=known[0], kind=known[1]) if known else Actor(name, name, ORG)
            self.names.setdefault(acronym.lower(), actor)
            self.names.setdefault(name.lower(), actor)

    def _name_before(self, end: int) -> Span | None:
        """The capitalised name that ends at token `end` ("Popular Mobilization Forces")."""
        doc = self.doc
        i = end
        while i >= 0 and (doc[i].is_space or doc[i].text in ",)"):
            i -= 1
        if i < 0 or not doc[i].text[:1].isupper():
            return None
        start = i
        while start > 0:
            prev = doc[start - 1]
            joins = prev.lower_ in ("of", "for", "and", "the") and start >= 2 and doc[start - 2].text[:1].isupper()
            if prev.text[:1].isupper() or prev.text in ("-", "'s") or joins:
                start -= 1
            else:
                break
        while start < i and doc[start].lower_ in ("of", "for", "and", "the", "-"):
            start += 1
        return doc[start : i + 1]

    def _spelled_out(self, end: int, acronym: str) -> Span | None:
        """"European court of human rights (ECHR)": the words before an acronym whose initials
        spell it, capitalised or not, skipping "of", "for", "and", "the"."""
        doc = self.doc
        letters = [c for c in acronym.upper() if c.isalpha()]
        i = end
        while i >= 0 and (doc[i].is_space or doc[i].text in ",)"):
            i -= 1
        words: list[Token] = []
        while i >= 0 and len(words) < len(letters) + 4:
            t = doc[i]
            if t.is_punct and t.text not in ("-", "'s", "’s"):
                break
            words.insert(0, t)
            content = [w for w in words if w.lower_ not in ("of", "for", "and", "the", "on", "in", "-")]
            initials = [w.text[0].upper() for w in content if w.text[:1].isalpha()]
            if initials == letters:
                return doc[words[0].i : end + 1]
            i -= 1
        return None

    def _read(self) -> None:
        """One pass in document order: each actor-bearing phrase is resolved with what is known
        so far, then remembered for the phrases after it."""
        actor_heads = self.lex.actor_heads
        seen: set[int] = set()
        # names, and the common nouns that can name an actor or a document
        for token in find_tokens(self.doc, pos=_PROPER, lemmas=actor_heads | self.lex.documents):
            if token.i in seen or token.pos_ not in ("PROPN", "NOUN") or token.ent_type_ in _NOT_ACTOR_ENTITIES:
                continue
            if token.dep_ in ("compound", "amod", "poss") and token.head.i > token.i and token.head.pos_ in ("PROPN", "NOUN"):
                continue  # a modifier: its head carries the phrase
            lemma = token.lemma_.lower()
            if lemma in self.lex.documents:
                issuer = self._issuer(token)
                if issuer is not None:
                    self.documents.append((token.i, issuer))
                continue
            if token.pos_ == "NOUN" and lemma not in actor_heads and not _in_entity(token):
                continue
            span = self.phrase(token)
            # a person named inside another's phrase is read on their own: "a question from
            # Labour member of parliament Ann Clwyd" names Ann Clwyd as well as the member
            seen.update(i for i in range(span.start, span.end)
                        if token.ent_type_ == "PERSON" or self.doc[i].ent_type_ != "PERSON")
            actor = self._resolve(token, span)
            if actor is None:
                continue
            self._remember(token, span, actor)
            bisect.insort(self.sightings, Referent(
                span.start, span.end, actor, lemma, token.tag_ in ("NNS", "NNPS"),
                gender=phrase_gender(span, self.lex) if actor.kind == PERSON else None,
                subject=token.dep_ in ("nsubj", "nsubjpass"), quoted=self.quoted[token.i],
            ), key=lambda r: r.start)  # a phrase may start before one read just before it

    def _remember(self, token: Token, span: Span, actor: Actor) -> None:
        ent = _entity_of(token)
        keys = []
        if actor.kind == PERSON:
            keys = [actor.name, _surname(actor.name)]
            for word in _name_words(actor.name):
                self.person_index.setdefault(word, set()).add(actor)
        elif ent is not None:
            keys = [ent.text]
        for key in filter(None, keys):
            key = normalize_name(key).lower()
            previous = self.names.get(key)
            # A later, better-informed mention of a name wins over a bare first one.
            if key and (previous is None or (previous.party is None and actor.party is not None)):
                self.names[key] = actor

    # --- phrases ----------------------------------------------------------------

    def phrase(self, token: Token) -> Span:
        """The noun phrase a token heads: modifiers and name, without clauses or asides."""
        found = self._phrases.get(token.i)
        if found is None:
            found = self._phrases[token.i] = self._phrase(token)
        return found

    def _phrase(self, token: Token) -> Span:
        ent = _entity_of(token)
        if ent is not None and ent.root == token:
            left = [ent.start] + [c.left_edge.i for c in token.lefts if c.dep_ in _MODIFIER_DEPS]
            right = [ent.end] + [self._prep_end(c) for c in token.rights if _is_name_prep(c)]
            return _trimmed(self.doc, min(left), max(right))
        keep = [token.i, token.i]
        for child in token.children:
            if child.i < token.i and child.dep_ in _MODIFIER_DEPS:
                keep.append(child.left_edge.i)
            elif child.i > token.i and child.dep_ == "compound":
                keep.append(child.right_edge.i)
            elif child.i > token.i and (_is_name_prep(child) or self._speaks_for(token, child)):
                keep.append(self._prep_end(child) - 1)
        return _trimmed(self.doc, min(keep), max(keep) + 1)

    def _speaks_for(self, head: Token, prep: Token) -> bool:
        """"a spokesman for the union": whom a spokesperson speaks for is part of the phrase."""
        return prep.lower_ in ("for", "of") and head.lemma_.lower() in self.lex.spokes_roles and any(
            c.dep_ == "pobj" for c in prep.children
        )

    def _prep_end(self, prep: Token) -> int:
        """End of "for Human Rights" in a name: the object's own phrase, not its asides."""
        pobj = next(c for c in prep.children if c.dep_ == "pobj")
        return self.phrase(pobj).end

    def mention(self, token_or_span: Token | Span, role: str | None = None) -> Mention:
        """The Mention for a phrase: its text, who it is, and the side it speaks for.
        Pronouns name the last fitting actor before them."""
        if isinstance(token_or_span, Span):
            span, token = token_or_span, token_or_span.root
        else:
            token, span = token_or_span, self.phrase(token_or_span)
        if token.pos_ == "PRON" or token.lower_ in self.lex.pronouns:
            actor = self._pronoun(token)
            return mention_of(actor, token.text) if actor else Mention(text=token.text)
        actor = self._resolve(token, span)
        text = _clean(span_text(span))
        named = self.apposed_person(token)
        if named is not None and (actor is None or actor.kind != PERSON):
            # "the US secretary of state, Antony Blinken": the role's holder, and their side
            party = actor.party if actor is not None and actor.party else named.party
            return Mention(text=text, name=named.name, party=party, role=role or normalize_name(text))
        if actor is None:
            return Mention(text=text, role=role)
        name = actor.name if actor.name and actor.name.lower() != normalize_name(text).lower() else None
        return Mention(text=text, name=name, party=actor.party, role=role or actor.role)

    def apposed_person(self, token: Token) -> Actor | None:
        """The person named beside a role: "the Ukrainian president, Volodymyr Zelenskiy"."""
        if token.pos_ != "NOUN":
            return None
        for other in _appositions(token):
            if other.pos_ == "PROPN" and (other.ent_type_ in ("PERSON", "") or self._is_person(other)):
                actor = self._resolve(other, self.phrase(other))
                if actor is not None and actor.kind == PERSON:
                    return actor
                name = _person_name(self.phrase(other))
                if name:
                    return Actor(name=name, party=None, kind=PERSON)
        return None

    def mention_of(self, actor: Actor, text: str) -> Mention:
        """A Mention for an actor found by reference ("he", "the statement")."""
        return mention_of(actor, text)

    def _pronoun(self, pronoun: Token) -> Actor | None:
        """Whom a pronoun stands for, by the discourse model: over what the read has seen so far
        while it reads, over the whole article after."""
        genders = self.discourse.genders if self.discourse is not None else {}
        return pronoun_actor(self.sightings, self.documents, pronoun, self.lex, in_quote=self.quoted[pronoun.i],
                             genders=genders)

    def actor(self, token: Token) -> Actor | None:
        return self._resolve(token, self.phrase(token))

    # --- resolving --------------------------------------------------------------

    def _resolve(self, token: Token, span: Span) -> Actor | None:
        key = (span.start, span.end)
        if key not in self._resolved:
            actor = self._from_phrase(token, span) or self._refer_back(token, span)
            home = self._at_home(token, span) if actor is None or actor.kind == STATE else None
            # "the government" in a story set in Nigeria is Nigeria's, even after "the Swiss
            # government" brokered a deal; a town's police named earlier keeps its name.
            if home is not None and (actor is None or (actor.party != home.party and not self._names_a_state(span))):
                actor = home
            self._resolved[key] = actor
        return self._resolved[key]

    def _from_phrase(self, token: Token, span: Span, depth: int = 0) -> Actor | None:
        """What a phrase names, from its own words and attachments (no coreference)."""
        lex = self.lex
        text = normalize_name(span_text(span))
        if not text or depth > 3 or token.lower_ in lex.pronouns:
            return None
        # 1. A name this article has taught us, or one the lexicon knows.
        learned = self.names.get(text.lower()) or self._shortened(text, token)
        if learned is not None:
            return learned
        known = lookup(text) or self._known_ending(text, span)  # "Russians" (people) never match
        if known is None and token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "ORG"):
            known = lookup(token.text)  # "policy Finland": a caption's last word run into the name
        if known is not None:
            return Actor(name=known[0], party=known[0], kind=known[1])
        # 2. A person: their side from titles, appositions, "spokesman for X".
        if self._is_person(token):
            return self._person(token, span, depth)
        lemma = token.lemma_.lower()
        is_entity = _in_entity(token) and token.ent_type_ in ("ORG", "FAC", "NORP", "GPE")
        # 3. A state body or office named with a town's or region's name is that place's
        #    ("Aleppo local authorities", "the governor of Donetsk").
        if (lemma in lex.state_heads or lemma in lex.local_offices) and not self._names_a_person(span):
            place = self._local_place(token, span)
            if place is not None:
                # named compactly by place and office: "Donetsk governor", "Aleppo authorities"
                where = _entity_of(place) or self.doc[place.i : place.i + 1]
                name = normalize_name(f"{where.text} {token.text}")
                return Actor(name=name, party=name, kind=ORG)
        # 4. "US-led coalition": the leader is the side.
        led = self._leader(span)
        if led is not None:
            return Actor(name=text, party=led, kind=ORG)
        # 5. "the 47th Brigade of the ... Command", "a spokesman for the Pentagon": the parent.
        #    (Not for an attack: "the bombing of the UN convoy" is not the UN's.)
        parent = self._parent(token, depth) if lemma not in lex.hostile_nouns else None
        # 6. "US officials", "PMF fighters", "Russia's defence ministry": a modifier names it.
        modifier = self._modifier_party(token, span)
        if modifier is not None:
            party, kind = modifier
            # "Russian troops", "a Russian spokesman", "Ukrainian saboteurs" (but "Syrian
            # rebels" are not the Syrian state)
            state_body = lemma in lex.state_roles or lemma in lex.spokes_roles or lemma in lex.hostile_agents
            if kind == ORG or state_body:
                if parent is not None and kind == STATE and parent.kind == ORG:
                    return Actor(name=text, party=parent.party, kind=ORG)
                return Actor(name=text, party=party, kind=ORG if is_entity or kind == ORG else STATE)
        if parent is not None:
            return Actor(name=text, party=parent.party, kind=ORG)
        # 7. A named organisation we know nothing more of is its own side: tagged ORG, or a
        #    capitalised name with an organisation's head word ("Syrian Observatory for ...").
        ent = _entity_of(token)
        organised = token.pos_ == "PROPN" and token.lemma_.lower() in lex.group_heads and text[:1].isupper()
        if (ent is not None and ent.label_ == "ORG" and token.pos_ == "PROPN") or organised:
            name = normalize_name(ent.text if ent is not None and ent.label_ == "ORG" else text)
            if name and any(ch.isupper() for ch in name) and not self._state_body_name(name):
                # "North Korea's official newspaper, the Rodong Sinmun": the side of its apposition
                for other in _appositions(token):
                    described = self._from_phrase(other, self.phrase(other), depth + 1)
                    if described is not None and described.party and described.kind != PERSON:
                        return Actor(name=name, party=described.party, kind=ORG)
                return Actor(name=name, party=name, kind=ORG)
        return None

    def _state_body_name(self, name: str) -> bool:
        """"Interior Ministry", "Armed Forces": a state's body, named without its state."""
        words = name.lower().split()
        return len(words) >= 2 and all(w in self.lex.portfolios for w in words)

    def _unattributed(self, token: Token, span: Span) -> bool:
        """"officials", "local security officials": no word that places them elsewhere."""
        generic = self.lex.generic_official_modifiers
        return all(t.lower_ in generic for t in span if t.i != token.i and not t.is_punct)

    def _local_place(self, token: Token, span: Span) -> Token | None:
        """A place below a state's level named on a body: "Aleppo authorities", "the mayor of
        Kharkiv", "the president of the Provence region"."""
        own = _entity_of(token)

        def local(t: Token) -> bool:
            named = t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "LOC", "FAC", "", "ORG")
            if not named or t.lower_ in self.lex.portfolios or t.lower_ in self.lex.compass_words or (own is not None and own.start <= t.i < own.end and t.ent_type_ == "ORG"):
                return False  # "Interior" in "Interior Ministry" is the body's remit, not a place
            return lookup(t.text) is None and t.text not in self.lex.capitals and not self._affiliated(t)

        before = next((t for t in span if t.i < token.i and local(t)), None)
        if before is not None:
            return before
        of = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            return next((t for t in of.subtree if local(t)), None)
        return None

    def _at_home(self, token: Token, span: Span) -> Actor | None:
        """A state body named without its state ("the Interior Ministry", "state media",
        "local officials") is the state the story happens in, when one clearly dominates."""
        if self.home is None or self._names_a_person(span):
            return None
        lex = self.lex
        before = [t for t in span if t.i < token.i]
        if span.start > 0 and self.doc[span.start - 1].pos_ == "PROPN":
            before.append(self.doc[span.start - 1])  # a name the parser left outside the phrase
        if any(t.pos_ == "PROPN" and t.lower_ not in lex.portfolios for t in before):
            return None  # "the Obama administration": named after someone we cannot place
        lemma = token.lemma_.lower()
        state_voice = lemma in lex.state_media_heads and any(
            t.lower_ in ("state", "state-run", "state-owned", "official", "government") for t in span if t.i < token.i
        )
        officials = lemma in ("official", "authority") and self._unattributed(token, span)
        if lemma in lex.state_heads or state_voice or officials:
            return Actor(name=normalize_name(span.text), party=self.home, kind=STATE)
        return None

    def _names_a_state(self, span: Span) -> bool:
        """Whether the phrase itself says whose it is ("the Swiss government", "Russia's army")."""
        return any(lexicon_matches(t.text) for t in span if t.i < span.root.i or t.dep_ == "poss")

    def _names_a_person(self, span: Span) -> bool:
        return any(t.ent_type_ == "PERSON" for t in span)

    def _known_ending(self, text: str, span: Span) -> tuple[str, str] | None:
        """A name that ends in a known organisation's ("... Human Rights Watch", with a caption
        swept in front) is that organisation. States are left out: "a hospital in Damascus"."""
        if not any(t.ent_type_ == "ORG" for t in span):
            return None
        matches = lexicon_matches(text)
        if matches and matches[-1][1] == len(text) and matches[-1][3] == ORG:
            return matches[-1][2], ORG
        return None

    def _shortened(self, text: str, token: Token) -> Actor | None:
        """"the Operations Command" after "the Al-Jazira Operations Command", "the Observatory"
        after "the Syrian Observatory for Human Rights": a proper name that ends the core of a
        longer organisation's name is that organisation."""
        if token.pos_ not in ("PROPN", "NOUN"):
            return None
        words = text.split()
        if not (text[:1].isupper() or any(w[:1].isupper() for w in words)):
            return None
        lowered = text.lower()
        words = [w.lower() for w in words]
        last_words, first_words = self._name_edges()
        if words[-1] not in last_words and words[0] not in first_words:
            return None  # no name could end in these words or start with them: skip the walk
        for name, actor in reversed(self.names.items()):
            if actor.kind == PERSON or name == lowered:
                continue
            core = _name_core(name)
            if core[-len(words):] == words or name.startswith(lowered + " of "):
                return actor
        return None

    def _name_edges(self) -> tuple[set[str], set[str]]:
        """The last word of every learned name's core and the first word of every name, kept
        up to date as names are learned (names are added, never removed)."""
        if self._edges_for != len(self.names):
            last_words, first_words = self._edges
            for name in islice(self.names, self._edges_for, None):
                last_words.add((_name_core(name) or [""])[-1])
                first_words.add(name.split(" ", 1)[0])
            self._edges_for = len(self.names)
        return self._edges

    def is_person(self, token: Token) -> bool:
        """Whether a name is a person's, whatever the recogniser tagged it."""
        return self._is_person(token)

    def _is_person(self, token: Token) -> bool:
        if any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "ADJ") and c.lower_ in self.lex.group_heads
               for c in token.lefts):
            return False  # "the regional daily Nice Matin", "the militia Kataib Hezbollah": a body's name
        if token.ent_type_ == "PERSON" and token.ent_iob_ != "O":
            return True
        if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "") and token.lower_ in self.person_words:
            return True  # tagged PERSON elsewhere in the article
        # The small model often tags a person ORG or not at all: a title before the name, or a
        # person's role beside it ("Lawan Zanna, the father of ..."), settles it.
        if token.pos_ != "PROPN" or token.ent_type_ in ("GPE", "NORP", "LOC", "FAC"):
            return False
        lex = self.lex
        person_words = lex.person_markers
        before = [t for t in token.lefts if t.dep_ == "compound"]
        return any(t.lower_ in lex.person_titles for t in before) or any(
            a.lemma_.lower() in person_words for a in _appositions(token)
        )

    def _leader(self, span: Span) -> str | None:
        text = span_text(span)
        for suffix, pattern in _leader_patterns():
            m = pattern.search(text) if suffix in text else None
            if m:
                hit = lexicon_matches(m.group(1))
                if hit:
                    return hit[-1][2]
                learned = self.names.get(normalize_name(m.group(1)).lower())
                if learned is not None and learned.party:
                    return learned.party
        return None

    def _modifier_party(self, token: Token, span: Span) -> tuple[str, str] | None:
        """A state or organisation named among the words before a phrase's head."""
        left = [t for t in self.doc[span.start : max(span.start, token.i)] if t.dep_ != "det"]
        for child in token.children:
            if child.dep_ == "poss":
                left.extend(t for t in child.subtree if t not in left)
        if not left:
            return None
        left.sort(key=lambda t: t.i)
        return self._party_of_words(left)

    def _party_of_words(self, words: list[Token]) -> tuple[str, str] | None:
        """The side that modifier or title words name: a lexicon alias ("US", "Taliban"), a
        name the article taught ("PMF"), or a common noun that named a side just before
        ("a coalition spokesman" after "the US-led coalition")."""
        if not words:
            return None
        text = doc_text(self.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
        for _, _, party, kind in lexicon_matches(text):
            return party, kind
        for t in words:
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.country_nouns and t.dep_ == "poss":
                # "the country's president": the state last named
                state = antecedent(self.sightings, t.i, sentence_floor(t, LOOKBACK_SENTENCES), (STATE,))
                if state is not None and state.actor.party:
                    return state.actor.party, STATE
            if t.dep_ == "poss" and t.pos_ == "PRON":  # "its fighters", "their army"
                owner = self._pronoun(t)
                if owner is not None and owner.party:
                    return owner.party, owner.kind
                continue
            if self._affiliated(t) or not (t.pos_ == "PROPN" or t.text.isupper()):
                continue
            # "PMF", or "Observatory" in "Observatory chief X" after "the Syrian Observatory ..."
            learned = self.names.get(t.lower_) or (self._shortened(t.text, t) if t.pos_ == "PROPN" else None)
            if learned and learned.party and learned.kind != PERSON:
                return learned.party, learned.kind
        learned = self.names.get(normalize_name(text).lower())
        if learned and learned.party and learned.kind != PERSON:
            return learned.party, learned.kind
        for t in words:
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.body_heads:
                for seen in reversed(self.sightings):
                    if seen.head_lemma == t.lemma_.lower() and seen.actor.party and seen.start < t.i:
                        return seen.actor.party, seen.actor.kind
        return None

    def _affiliated(self, token: Token) -> bool:
        """"Iran" in "Iran-aligned forces": a link to a side, not the side."""
        after = doc_text(self.doc)[token.idx + len(token.text) : token.idx + len(token.text) + 15].lower()
        return after.startswith(self.lex.affiliation_suffixes)

    def _parent(self, token: Token, depth: int) -> Actor | None:
        """The body a phrase belongs to: "X of Y", "spokesman for Y", "Y's X", "X in the Y"."""
        if token.lemma_.lower() in self.lex.anonymous_heads:
            # "a diplomatic source in Berlin": a source placed in a capital speaks for its state
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "in":
                    place = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if place is not None and place.text in self.lex.capitals:
                        country = self.lex.capitals[place.text]
                        return Actor(name=country, party=country, kind=STATE)
        # "an official with the aid agency Oxfam": whom a role's holder works with
        works_with = token.lemma_.lower() in self.lex.anonymous_heads | self.lex.spokes_roles
        for child in token.children:
            if child.dep_ == "prep" and (child.lower_ in ("of", "for", "in", "at") or (works_with and child.lower_ == "with")):
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or pobj.pos_ not in ("PROPN", "NOUN"):
                        continue
                    parent = self._from_phrase(pobj, self.phrase(pobj), depth + 1)
                    if parent is None and pobj.lemma_.lower() in self.lex.group_heads:
                        # "a member for the aid group MSF": the body by the name beside it
                        named = next((a for a in pobj.children if a.dep_ == "appos" and a.pos_ == "PROPN"), None)
                        parent = self._from_phrase(named, self.phrase(named), depth + 1) if named is not None else None
                    # "in"/"at" attach places too ("an attack in Hama"): only a unit inside an
                    # organisation ("the 47th Brigade ... in the PMF").
                    inside = parent is not None and parent.kind == ORG and token.lemma_.lower() in self.lex.group_heads
                    if parent is not None and parent.party and parent.kind != PERSON and (
                        child.lower_ in ("of", "for", "with") or inside
                    ):
                        return parent
            if child.dep_ == "poss" and child.lower_ not in self.lex.pronouns:
                parent = self._from_phrase(child, self.phrase(child), depth + 1)
                if parent is not None and parent.party and parent.kind != PERSON:
                    return parent
        return None

    def _person(self, token: Token, span: Span, depth: int) -> Actor | None:
        lex = self.lex
        name = _person_name(span)
        if not name:
            return None
        learned = self.names.get(name.lower()) or self.names.get((_surname(name) or "").lower()) or self._named_by_word(name)
        if learned is not None and not _may_be_same_person(name, learned.name):
            learned = None  # "Aisha Zanna" after "Lawan Zanna": a relative, not the man
        name_tokens = set(t.i for t in _name_tokens(span))
        title_words = [t for t in self.doc[span.start : token.i + 1] if t.i not in name_tokens and t.dep_ != "det"]
        role = " ".join(t.text for t in title_words).strip() or None
        party = None
        private = any(t.lemma_.lower() in lex.individual_roles for t in title_words)
        if title_words and not private:
            found = self._party_of_words(title_words)
            party = found[0] if found else None
        if party is None:
            # "Zabihullah Mujahid, a Taliban spokesman" / "the Ukrainian president, V. Zelenskiy"
            for other in _appositions(token):
                if other.lemma_.lower() in lex.individual_roles:
                    continue
                actor = self._from_phrase(other, self.phrase(other), depth + 1)
                if other.pos_ == "NOUN":  # a description says more than a rank
                    role = normalize_name(self.phrase(other).text)
                if actor is not None and actor.party and actor.kind != PERSON:
                    party = actor.party
                    break
        if party is None:
            parent = self._parent(token, depth)
            party = parent.party if parent else None
        if party is None:
            party = self._party_of_title_before(token)
        if party is None and learned is not None:
            return learned
        if party is None and self.home is not None and any(t.lemma_.lower() in lex.state_heads for t in title_words):
            party = self.home  # "local police chief Sayed Kamal Sadat": the home state's police
        return Actor(name=name, party=party, kind=PERSON, role=role)

    def _party_of_title_before(self, token: Token) -> str | None:
        """"Labour member of parliament Ann Clwyd": the parse makes the name the object of the
        title's "of"; the side the title names is the person's."""
        if token.dep_ != "pobj" or token.head.lower_ != "of":
            return None
        role = token.head.head
        lex = self.lex
        if role.pos_ != "NOUN" or role.lemma_.lower() not in lex.person_markers | lex.anonymous_heads:
            return None
        words = [t for t in role.lefts if t.dep_ in ("compound", "amod", "nmod")]
        found = self._party_of_words(words)
        if found is None:
            # a party of its own named as the title's modifier ("Labour", "Republican")
            named = next((t for t in words if t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "NORP")
                          and lookup(t.text) is None and t.lower_ not in lex.portfolios), None)
            return normalize_name(named.text) if named is not None else None
        return found[0]

    def _named_by_word(self, name: str) -> Actor | None:
        """"Lula" after "Luiz Inácio Lula da Silva": a one-word name that is a word of exactly
        one person's name named before."""
        words = _name_words(name)
        if len(words) != 1 or len(name.split()) != 1:
            return None
        people = {a.name: a for a in self.person_index.get(words[0], ())}
        return next(iter(people.values())) if len(people) == 1 else None

    def _issuer(self, token: Token) -> Actor | None:
        """Who issued a document: "its statement", "a statement from X", "In a statement, X
        said", "X issued a statement"."""
        for child in token.children:
            if child.dep_ == "poss":
                found = self._resolve(child, self.phrase(child)) or self._pronoun(child)
                if found is None:  # "their statement" after "the residents"
                    earlier = antecedent(self.sightings, child.i, sentence_floor(child, LOOKBACK_SENTENCES), (ORG, STATE, PERSON))
                    found = earlier.actor if earlier else None
                return found
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._resolve(pobj, self.phrase(pobj))
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.pos_ in ("VERB", "AUX"):
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                    if child.lemma_.lower() in self.lex.documents:
                        return None
                    return self._resolve(child, self.phrase(child))
        return None

    def issuer_before(self, index: int) -> Actor | None:
        """The issuer of the latest document mentioned before token `index`."""
        for i, issuer in reversed(self.documents):
            if i < index:
                return issuer
        return None

    def _refer_back(self, token: Token, span: Span) -> Actor | None:
        """A definite description names the last fitting actor before it: "the coalition" after
        "the US-led coalition", "the statement" after "In a statement, X said"."""
        lex = self.lex
        lemma = token.lemma_.lower()
        if lemma in lex.documents:
            return self._issuer(token) or self.issuer_before(token.i)
        if token.pos_ != "NOUN" or lemma in lex.hostile_nouns:
            return None  # "the strike" need not be the last strike named
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod")}
        # "the officials", and "one official" / "another official" out of officials just named
        if not determiners & {"the", "this", "that", "these", "those", "one", "another"}:
            return None
        earlier = [s for s in self.sightings if s.start < span.start and s.actor.party]
        # the same head anywhere before: "the army" after "the Malian army"
        plural = token.tag_ in ("NNS", "NNPS")
        partitive = bool(determiners & {"one", "another"})  # "one official" of the officials
        for seen in reversed(earlier):
            if seen.head_lemma == lemma and (seen.plural == plural or partitive):
                return seen.actor
        # A bare "the group" or "the government" is left to the statements pass, which looks
        # to the speakers before it: the latest organisation named is too often the wrong one.
        return None

# --- helpers -----------------------------------------------------------------


@lru_cache(maxsize=65536)
def _name_core(name: str) -> list[str]:
    """The words of a name before its "of"/"for"/"in" part: "syrian observatory"."""
    return _NAME_TAIL.split(name)[0].split()


@cache
def _leader_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """"US-led": the word or two before a leader suffix name the leader."""
    return tuple((suffix, re.compile(r"([\w.]+(?:[ -][\w.]+)?)" + re.escape(suffix) + r"\b"))
                 for suffix in load_lexicon().leader_suffixes)


def _initials_fit(acronym: str, name: str) -> bool:
    """Whether an acronym abbreviates a name: its letters in order among the name's initials."""
    target = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    initials = iter("".join(w[0] for w in words).upper())
    capitals = sum(1 for w in words if w[0].isupper())
    return bool(target) and all(ch in initials for ch in target) and len(target) >= min(capitals, 2)


def _entity_of(token: Token) -> Span | None:
    """The named entity a token is in, trimmed of what the recogniser often sweeps in: a
    bracketed acronym, a dangling "of", punctuation."""
    if token.ent_iob == 2 or token.ent_type_ not in _ENTITY_LABELS:  # 2: outside any entity
        return None
    return _entity_index(token.doc).get(token.i)


def _entity_index(doc: Doc) -> dict[int, Span]:
    """Token index -> trimmed entity, built once per Doc (`Doc.ents` rebuilds its list on
    every access)."""
    index = doc.user_data.get("rashomon.entities")
    if index is not None:
        return index
    index = {}
    for ent in doc_ents(doc):
        if ent.label_ not in _ENTITY_LABELS:
            continue
        start, end = ent.start, ent.end
        for t in ent:
            if t.text in ("(", "[", "{") and t.i > start:
                end = min(end, t.i)
            # "Raqqa the Syrian Observatory ...": text without commas runs a place into a name
            if t.lower_ == "the" and t.i > start and doc[t.i - 1].lower_ not in ("of", "for", "and", "to", "in", "on"):
                start = t.i
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("of", "for", "and", "the", "in")):
            end -= 1
        trimmed = ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label)
        for i in range(start, end):
            index[i] = trimmed
    doc.user_data["rashomon.entities"] = index
    return index


def _in_entity(token: Token) -> bool:
    return token.ent_iob_ != "O" and token.ent_type_ in _ENTITY_LABELS


def _is_name_prep(token: Token) -> bool:
    """"for"/"of" inside a name: "Syrian Observatory for Human Rights", "spokesman for X"."""
    return token.dep_ == "prep" and token.lower_ in ("of", "for") and any(
        c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_) for c in token.children
    )


def _trimmed(doc: Doc, start: int, end: int) -> Span:
    """Tokens [start, end) without the punctuation and spaces at either edge (one kept)."""
    skip = punct_or_space(doc)
    while start < end - 1 and skip[start]:
        start += 1
    while end - 1 > start and skip[end - 1]:
        end -= 1
    return doc[start:end]


def _name_tokens(span: Span) -> list[Token]:
    """The tokens of a person's name in a phrase: those tagged PERSON, else (a name the
    recogniser mislabelled or missed) the capitalised words that end the phrase."""
    tokens = [t for t in span if t.ent_type_ == "PERSON" and t.ent_iob_ != "O"]
    if tokens:  # "Ibrahim Ag" tagged, "Mohamed" not: the name runs on over capitalised words
        end = tokens[-1].i + 1
        while end < span.end and span.doc[end].pos_ == "PROPN":
            tokens.append(span.doc[end])
            end += 1
    else:
        for t in reversed(span):
            if t.pos_ != "PROPN":
                break
            tokens.insert(0, t)
    return [t for t in tokens if t.lower_.rstrip(".") not in _HONORIFICS]


def _person_name(span: Span) -> str | None:
    return normalize_name(" ".join(t.text for t in _name_tokens(span))) or None


def _surname(name: str) -> str | None:
    words = [w for w in normalize_name(name).split() if w.lower().rstrip(".") not in _HONORIFICS]
    return words[-1] if len(words) >= 2 else None


# Short words inside names that name no one: "da" in "Lula da Silva", "al" in "Bashar al-Assad".
_MIN_NAME_WORD = 3


def _name_words(name: str) -> list[str]:
    """The words of a person's name that can stand for it alone: no honorifics, no particles."""
    words = [w.lower().rstrip(".") for w in re.split(r"[\s\-]+", normalize_name(name))]
    return [w for w in words if len(w) >= _MIN_NAME_WORD and w not in _HONORIFICS]


def _may_be_same_person(name: str, known: str) -> bool:
    """Whether a name can be a mention of a person named before: the same words, a part of
    them ("Lula", "Mr Osinbajo"), but not another given name with the same surname."""
    first, other = _name_words(name), _name_words(known)
    if len(first) < 2 or len(other) < 2:
        return True
    return first[0] == other[0] or first[0] in other or other[0] in first


def _appositions(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        found.append(token.head)
    return found


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;:")

