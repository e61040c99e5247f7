"""Statements: who said what, quoted or reported, for which side, through which channel.

Two passes. The first finds utterances: quotations with their cue, speech verbs with their
reported clause, "according to X". The second resolves speakers in reading order, so that "he",
"the group" or a quotation that merely continues the last one point back to the speakers before
them. `find_attributions` yields `Attribution`s that keep their spans, so the accusations and
casualties extractors can ask who a sentence's claim comes from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from .actors import PERSON, ActorModel, normalize_name
from .discourse import can_speak, resolve_speaker, with_known_party
from .lexicon import load_lexicon
from .quotes import doc_quotes
from .records import Evidence, Mention, Statement
from .text import (doc_text, paragraph_spans, find_tokens, is_punct, punct_or_space, sentence_bounds, sentence_starts, subject_of,
                   span_text)

# Dependents of a speech verb that carry what was said.
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj", "oprd", "attr"}
CLAUSE_DEPS = {"ccomp", "parataxis"}
# A quotation shorter than this (in words) is a scare quote, not a statement.
MIN_QUOTE_WORDS = 4
MIN_CONTENT_WORDS = 3
MIN_ALLEGATION_WORDS = 2
# Verbs of saying whose report is a clause: what they govern without a verb is not content.
_CLAUSE_VERBS = {"say", "tell", "add", "state", "write", "explain", "note", "stress", "insist", "argue"}
# A transcript line's label: a name of one to four words and a colon opening the paragraph,
# perhaps after an opening quotation mark.
_LINE_LABEL = re.compile(r"[\"\u201c]?\s*([A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3}):\s+(?=\S)")
_CLOSING_MARKS = "\"\u201d"
# What joins a role to the body its holder serves: "a spokeswoman for the navy".
_ROLE_PREPOSITIONS = ("for", "of", "with", "from", "at")
_NOT_SPEAKERS = {"i", "we", "you", "there", "this", "what", "which", "who", "that", "it's"}


@dataclass
class Attribution:
    """A statement with the spans it was read from."""

    speaker: Mention
    cue: Token | None
    cue_text: str
    content_start: int  # character offsets into the Doc's text
    content_end: int
    direct: bool
    anonymous: bool
    via: str | None
    sentence: Span
    speaker_start: int | None = None  # token index of the speaker phrase, when in the text
    speaker_kind: str | None = None  # person, org or state, when known

    def content(self, doc: Doc) -> str:
        return _tidy(doc_text(doc)[self.content_start : self.content_end])

    def covers(self, start_char: int, end_char: int) -> bool:
        return self.content_start <= start_char and end_char <= self.content_end + 1

    def record(self, doc: Doc) -> Statement:
        return Statement(
            speaker=self.speaker,
            content=self.content(doc),
            direct=self.direct,
            cue=self.cue_text,
            evidence=evidence_of(self.sentence),
            anonymous=self.anonymous,
            via=self.via,
        )


@dataclass
class _Utterance:
    """What the first pass finds: the words said, the cue, and where the speaker is named."""

    cue: Token | None
    speaker: Span | None  # None: the same speaker as the utterance before
    content_start: int
    content_end: int
    direct: bool
    sentence: Span

    @property
    def position(self) -> tuple[int, int]:
        """Where the speaker is named, in characters; a continuation sits where it starts."""
        return (self.speaker.start_char if self.speaker is not None else self.content_start, self.content_start)


def evidence_of(span: Span) -> Evidence:
    text = span_text(span)
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    start = span.start_char + lead
    end = span.end_char - trail
    return Evidence(text=text.strip(), start=start, end=end)


def find_statements(doc: Doc, actors: ActorModel) -> list[Statement]:
    return [a.record(doc) for a in find_attributions(doc, actors)]


def find_attributions(doc: Doc, actors: ActorModel) -> list[Attribution]:
    """Every statement in the article, in reading order, without duplicates."""
    finder = _Finder(doc, actors)
    # Quotations first: where both passes read one utterance, the quoted reading wins. Only
    # utterances whose contents overlap can be one, so each is checked against those alone.
    kept: list[_Utterance] = []
    starts: list[tuple[int, int]] = []  # (content start, index in kept), sorted
    longest = 0
    for item in list(finder.labelled()) + list(finder.direct()) + list(finder.reported()):
        lo = bisect.bisect_left(starts, (item.content_start - longest, -1))
        hi = bisect.bisect_left(starts, (item.content_end, -1))
        if any(_same_words(item, kept[i]) for _, i in starts[lo:hi]):
            continue
        bisect.insort(starts, (item.content_start, len(kept)))
        kept.append(item)
        longest = max(longest, item.content_end - item.content_start)
    kept.sort(key=lambda u: (u.content_start, u.position))
    return finder.resolve(kept)


def _same_words(a: _Utterance, b: _Utterance) -> bool:
    """Two readings of one utterance: one content lies (mostly) within the other, and it is
    the same speaker's or a quotation read twice. A claim reported inside another speaker's
    words ("the US condemned the shelling, which Russia claimed was ...") is its own."""
    start, end = max(a.content_start, b.content_start), min(a.content_end, b.content_end)
    overlap = max(0, end - start)
    shorter = min(a.content_end - a.content_start, b.content_end - b.content_start) or 1
    if overlap / shorter <= 0.6:
        return False
    if a.direct or b.direct or a.cue is b.cue or a.speaker is None or b.speaker is None:
        return True
    return a.speaker.start < b.speaker.end and b.speaker.start < a.speaker.end


class _Finder:
    def __init__(self, doc: Doc, actors: ActorModel) -> None:
        self.doc = doc
        self.actors = actors
        self.lex = load_lexicon()
        self.text = doc_text(doc)
        self.quotes = doc_quotes(doc)
        if actors.discourse is None:
            raise ValueError("statements need an ActorModel built by ActorModel.from_doc")
        self.discourse = actors.discourse
        self.in_quote = self.discourse.quoted
        cue_words = self.lex.speech_verbs | frozenset(self.lex.particle_cues)
        # "citing a source", "quoting officials": the words of according_to that are verbs
        self._citing_words = frozenset(w for w in self.lex.according_to if " " not in w)
        # the words that can be cues, found once: every pass below looks only at these
        self.candidates = find_tokens(doc, lemmas=cue_words, lowers=frozenset({"according"}) | self._citing_words)

    # --- transcripts ----------------------------------------------------------------

    def labelled(self) -> Iterator[_Utterance]:
        """A transcript's lines: "WALLACE: Will she attend?" / "Rush Limbaugh: It was ...". The
        label is a person's name, perhaps in capitals and by surname alone; page furniture
        ("WATCH:", "SEE MORE:", "Source:") is not a speaker."""
        doc, text = self.doc, self.text
        for p_start, p_end in paragraph_spans(text):
            match = _LINE_LABEL.match(text, p_start, p_end)
            if match is None or match.group(1).lower() in self.lex.page_labels:
                continue
            label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if label is None or not self._names_a_person(label):
                continue
            start, end = match.end(), p_end
            while end > start and text[end - 1] in _CLOSING_MARKS + " \n":
                end -= 1
            content = doc.char_span(start, end, alignment_mode="expand")
            if content is None or sum(1 for t in content if not t.is_punct) < MIN_CONTENT_WORDS:
                continue
            yield _Utterance(None, label, start, end, True, _sentences_of(doc, doc[label.start : content.end], None))

    def _names_a_person(self, label: Span) -> bool:
        if all(t.ent_type_ == "PERSON" for t in label):
            return True
        actor = self.actors.actor(label.root)
        return actor is not None and actor.kind == PERSON

    # --- direct speech ------------------------------------------------------------

    def direct(self) -> Iterator[_Utterance]:
        doc = self.doc
        previous: _Utterance | None = None
        for k, quote in enumerate(self.quotes):
            inner = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
            if inner is None or len(inner) == 0:
                continue
            words = [t for t in inner if not (t.is_punct or t.is_space)]
            if len(words) < MIN_QUOTE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in words):
                continue  # a scare quote or a title
            found = self._cue_for_quote(inner) or self._cue_of_next_paragraph(k)
            if found is None:
                if previous is None or not self._continues(previous, inner):
                    continue
                cue, speaker, sentence = previous.cue, None, _sentences_of(doc, inner, None)
            else:
                cue, speaker = found
                sentence = _sentences_of(doc, inner, cue)
            utterance = _Utterance(cue, speaker, quote.inner_start, quote.inner_end, True, sentence)
            previous = utterance
            yield utterance

    def _cue_of_next_paragraph(self, k: int) -> tuple[Token, Span] | None:
        """A quotation left open at its paragraph's end goes on in the next paragraph, which
        opens with a quotation mark; the attribution there is this one's too:
        "There were bodies in the corridors. / "We worked two days without sleep," she said."""
        quote = self.quotes[k]
        if not quote.open_ended or k + 1 >= len(self.quotes):
            return None
        following = self.quotes[k + 1]
        if self.text[quote.end : following.start].strip():
            return None  # narration between: not one quotation
        inner = self.doc.char_span(following.inner_start, following.inner_end, alignment_mode="expand")
        return self._cue_for_quote(inner) if inner is not None and len(inner) else None

    def _continues(self, previous: _Utterance, inner: Span) -> bool:
        """A quote with no cue of its own, right after a quoted statement: the same speaker."""
        gap = self.text[previous.content_end : inner.start_char]
        sentences_between = len(re.findall(r"[.!?][\"\u201d\u2019]?\s", gap))
        return sentences_between <= 1 and len(gap) < 200

    def _cue_for_quote(self, inner: Span) -> tuple[Token, Span] | None:
        doc = self.doc
        after = doc[inner.end - 1].sent
        before = doc[inner.start].sent
        sentences: list[Span] = [after] if after == before else [after, before]
        # "X said:" on the line before a quotation that fills its own sentence.
        if before.start > 0:
            prev = doc[before.start - 1].sent
            if span_text(prev).rstrip().endswith(":"):
                sentences.append(prev)
        for sentence in sentences:
            tokens = [t for t in self.candidates if sentence.start <= t.i < sentence.end and not self.in_quote[t.i]]
            cues = [t for t in tokens if t.lower_ != "according" and self._is_cue(t, allow_bare=True)]
            cues.sort(key=lambda t: min(abs(t.i - inner.start), abs(t.i - inner.end)))
            for cue in cues:
                speaker = self._speaker(cue, exclude=(inner.start, inner.end))
                if speaker is not None:
                    return cue, speaker
            according = self._according_to(tokens)
            if according is not None:
                return according
        return None

    # --- reported speech ------------------------------------------------------------

    def reported(self) -> Iterator[_Utterance]:
        doc = self.doc
        for token in self.candidates:
            if self.in_quote[token.i]:
                continue
            if token.lower_ == "according":
                yield from self._according_statement(token)
                continue
            if token.lower_ in self._citing_words and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj"):
                cited = list(self._citing_statement(token))
                if cited:  # else "citing the discovery of weapons": a reason, what was said
                    yield from cited
                    continue
            if not self._is_cue(token, allow_bare=False):
                continue
            found = self._trailing(token) or self._clause(token)
            if found is None:
                continue
            (start, end), speaker = found
            span = doc[start:end]
            quoted = sum(1 for t in span if self.in_quote[t.i])
            if token.lemma_.lower() in _CLAUSE_VERBS and quoted < len(span) * 0.8 and not any(
                t.pos_ in ("VERB", "AUX") for t in span
            ):
                continue  # "said ... a local resident": a phrase, not something said
            yield _Utterance(
                token, speaker, span.start_char, span.end_char, quoted >= len(span) * 0.8,
                _sentences_of(doc, span, token),
            )

    def _clause(self, cue: Token) -> tuple[tuple[int, int], Span] | None:
        content = self._content(cue)
        if content is None:
            return None
        speaker = self._speaker(cue, exclude=content)
        return (content, speaker) if speaker is not None else None

    def _trailing(self, cue: Token) -> tuple[tuple[int, int], Span] | None:
        """"Six were killed in the raid the Observatory said." News copy stripped of its commas
        leaves the parser lost; when a sentence ends in a name and a speech verb, the name is
        the speaker and all before it is what was said."""
        doc = self.doc
        sentence_start, sentence_end = sentence_bounds(doc, cue.i)
        channels = {t.i for c in cue.children if self._is_channel(c) for t in c.subtree}
        skip = punct_or_space(doc)
        rest = [doc[i] for i in range(cue.i + 1, sentence_end) if not (skip[i] or i in channels)]
        if any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("ccomp", "dobj") for t in rest):
            return None  # something follows the cue: not a trailing attribution
        start = self._speaker_before(cue)
        if start is None or start - sentence_start < MIN_CONTENT_WORDS:
            return None
        head = doc[self._head_between(start, cue.i)]
        if not self._is_actor_phrase(head):
            return None
        content = _trim_range(doc, sentence_start, start)
        if content is None or any(self.in_quote[i] for i in range(content[0], content[1])):
            return None  # quotations are the direct pass's
        return content, self.actors.phrase(head)

    def _is_actor_phrase(self, head: Token) -> bool:
        lex = self.lex
        lemma = head.lemma_.lower()
        return bool(head.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")) or lemma in lex.actor_heads or (
            lemma in lex.documents or lemma in lex.individual_roles
        )

    def _content(self, cue: Token) -> tuple[int, int] | None:
        """Token range of what a speech verb reports."""
        doc = self.doc
        frame = cue_frame(cue, self.lex)
        parts = self._frame_parts(cue, frame)
        clause_only = not frame & {"dobj", "xcomp", "oprd"}
        # "Kharkiv was hit, the official said": the cue hangs off the clause it reports.
        # "102 were killed, but the toll will be higher, the commissioner said": a conjunct too,
        # when the cue has a subject of its own
        hangs = cue.dep_ in ("parataxis", "ccomp", "advcl") or (cue.dep_ == "conj" and subject_of(cue) is not None)
        if not parts and not clause_only and hangs and cue.i > cue.head.i:
            head = cue.head
            tokens = [t for t in head.subtree if t.i < cue.left_edge.i]
            if tokens:
                return _trim_range(doc, tokens[0].i, tokens[-1].i + 1)
        if not parts:
            # "X said after a call ... that Y": the parser hung the that-clause elsewhere
            sentence_end = sentence_bounds(doc, cue.i)[1]
            that = next((t for t in doc[cue.i + 1 : sentence_end] if t.lower_ == "that" and t.dep_ == "mark"), None)
            if that is None or self.in_quote[that.i]:
                return None
            return _trim_range(doc, that.i + 1, sentence_end)
        tokens = sorted({t.i for part in parts for t in part.subtree})
        # A speaker phrase caught inside a comma-less clause is not content.
        speaker_start = self._speaker_before(cue)
        if speaker_start is not None and tokens and tokens[0] < speaker_start <= tokens[-1] < cue.i:
            tokens = [i for i in tokens if i < speaker_start]
        if not tokens:
            return None
        start, end = tokens[0], tokens[-1] + 1
        if start < cue.i < end:  # content on both sides: keep the side after the cue
            start = min((i for i in tokens if i > cue.i), default=cue.i + 1)
        while start < end and (doc[start].lower_ in ("that", ",", ":") or doc[start].is_space):
            start += 1
        found = _trim_range(doc, start, end)
        if found is None:
            return None
        punct = is_punct(doc)
        words = sum(1 for i in range(found[0], found[1]) if not punct[i])
        # an allegation may be short: "blamed the rebels for the attack"
        least = MIN_ALLEGATION_WORDS if any(p.head.dep_ == "prep" for p in parts) else MIN_CONTENT_WORDS
        return found if words >= least else None

    def _frame_parts(self, cue: Token, frame: frozenset[str]) -> list[Token]:
        """The cue's dependents its frame names: "accused the army of shelling the town" ->
        "shelling the town" (prep:of), "said the town was shelled" -> the clause (ccomp)."""
        parts = []
        for child in cue.children:
            if self._is_channel(child):
                continue
            if child.dep_ in frame:
                parts.append(child)
            elif child.dep_ == "prep" and f"prep:{child.lower_}" in frame:
                parts.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
            elif child.dep_ == "dobj" and "dobj" not in frame:
                # "accused [foreign crews of hiring gunmen]": the parse hung the allegation
                # from the object
                parts.extend(g for p in child.children if p.dep_ == "prep" and f"prep:{p.lower_}" in frame
                             for g in p.children if g.dep_ in ("pobj", "pcomp"))
        return parts

    def _citing_statement(self, citing: Token) -> Iterator[_Utterance]:
        """"Airstrikes killed 12 people in Idlib, citing an opposition source": the source
        cited says the clause the citing hangs from."""
        doc = self.doc
        source = next((c for c in citing.children if c.dep_ == "dobj"), None)
        if source is None or not (self._is_actor_phrase(source) or is_role_noun(source, self.lex)):
            return  # a source, a person or a body is cited, not a reason
        sentence = citing.sent
        found = _trim_range(doc, sentence.start, citing.left_edge.i)
        if found is None:
            return
        span = doc[found[0] : found[1]]
        if len([t for t in span if not t.is_punct]) < MIN_CONTENT_WORDS or any(self.in_quote[t.i] for t in span):
            return
        yield _Utterance(citing, self.actors.phrase(source), span.start_char, span.end_char, False, sentence)

    def _according_statement(self, according: Token) -> Iterator[_Utterance]:
        doc = self.doc
        found = self._according_to([according] + list(according.subtree))
        if found is None:
            return
        _, speaker = found
        sentence = according.sent
        phrase = list(according.subtree)
        left = _trim_range(doc, sentence.start, phrase[0].i)
        right = _trim_range(doc, phrase[-1].i + 1, sentence.end)
        sides = [r for r in (left, right) if r is not None]
        if not sides:
            return
        start, end = max(sides, key=lambda r: r[1] - r[0])
        span = doc[start:end]
        if len([t for t in span if not t.is_punct]) < MIN_CONTENT_WORDS:
            return
        if sum(1 for t in span if self.in_quote[t.i]) >= len(span) * 0.8:
            return  # a quotation: the direct pass reports it
        yield _Utterance(according, speaker, span.start_char, span.end_char, False, sentence)

    # --- cues and speakers -------------------------------------------------------

    def _is_cue(self, token: Token, allow_bare: bool) -> bool:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            return False
        particle = self.lex.particle_cues.get(lemma)
        if particle is not None:  # "ruled out", "pointed out"
            return any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)
        if lemma not in self.lex.speech_verbs:
            return False
        if any(c.dep_ == "neg" for c in token.children):
            return False  # "did not say"
        if lemma in self.lex.weak_speech_verbs and not allow_bare:
            # a clause, or what its frame takes ("agreed to a ceasefire", "agreed with X")
            framed = self.lex.speech_frames.get(lemma, ())
            return any(c.dep_ == "ccomp" or c.dep_ in framed for c in token.children)
        return True

    def _speaker(self, cue: Token, exclude: tuple[int, int]) -> Span | None:
        """The phrase a speech verb attributes to: its subject, the agent of a passive, or the
        noun phrase right before it when the parse lost the subject."""
        lo, hi = exclude
        subject = subject_of(cue, exclude)
        if subject is None:
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            if agent is not None:
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
        verb = cue
        for _ in range(3):
            # "X confirmed the strike and said ...", "X hit out at Y for ..., dismissing ...":
            # the subject of the verb the cue hangs from, up a chain of such verbs
            if subject is not None or verb.head.pos_ not in ("VERB", "AUX") or not (
                verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp", "pcomp") and verb.tag_ == "VBG")
            ):
                break
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "with the prime minister describing ..., and the president condemning ...": the
            # nearest of the noun it hangs from and that noun's conjuncts
            nouns = [cue.head] + [c for c in cue.head.children if c.dep_ == "conj" and c.i < cue.i]
            subject = max(nouns, key=lambda t: t.i)
        if subject is None:
            start = self._speaker_before(cue)
            if start is not None and not lo <= start < hi:
                head = self.doc[self._head_between(start, cue.i)]
                if not can_speak(head, self.lex) and self.doc[start].pos_ == "PROPN":
                    head = self.doc[start]  # "Lula, 76, said": the name, not the age
                return self._role_holder(self.actors.phrase(head)) if can_speak(head, self.lex) else None
            return None
        if subject.lower_ in _NOT_SPEAKERS or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        if not can_speak(subject, self.lex):
            return None  # "strikes claimed hundreds of lives": an act, not a speaker
        if subject.pos_ == "PRON":
            return self.doc[subject.i : subject.i + 1]
        cited = self._cited_by(subject)
        if cited is not None:
            return self.actors.phrase(cited)  # "Reuters, quoting US officials, said": the officials
        return self._role_holder(self.actors.phrase(subject))

    def _cited_by(self, outlet: Token) -> Token | None:
        """The source an outlet quotes in its own phrase: "Reuters quoting US officials"."""
        for acl in outlet.children:
            if acl.dep_ == "acl" and acl.lower_ in self._citing_words and acl.tag_ == "VBG":
                source = next((c for c in acl.children if c.dep_ == "dobj"), None)
                if source is not None and (self._is_actor_phrase(source) or is_role_noun(source, self.lex)):
                    return source
        return None

    def _one_person(self, head: Token) -> bool:
        """"an official", "the spokeswoman": one person in a role, whoever they speak for."""
        return head.tag_ == "NN" and is_role_noun(head, self.lex)

    def _held_role(self, span: Span) -> tuple[Token, Span] | None:
        """(the role noun, the body) of "a staff member for the group MSF"."""
        for t in span:
            if t.lower_ in _ROLE_PREPOSITIONS and span.start < t.i < span.end - 1 and is_role_noun(self.doc[t.i - 1], self.lex):
                return self.doc[t.i - 1], self.doc[t.i + 1 : span.end]
        return None

    def _role_holder(self, span: Span) -> Span:
        """"a staff member for the group MSF in the city said": where the parse made the body
        the subject, the speaker is the person who holds a role in it, named just before."""
        doc = self.doc
        i = span.start - 1
        if i < 1 or doc[i].lower_ not in _ROLE_PREPOSITIONS or self.in_quote[i - 1] or not is_role_noun(doc[i - 1], self.lex):
            return span
        noun = doc[i - 1]
        start = noun.i
        while start > 0 and doc[start - 1].dep_ in ("det", "amod", "compound", "nummod") and doc[start - 1].head.i >= start - 1:
            start -= 1
        return doc[start : span.end]

    def _speaker_before(self, cue: Token) -> int | None:
        """Start of a name or noun phrase that ends right before the cue ("... the Syrian
        Observatory for Human Rights said")."""
        doc = self.doc
        i = cue.i - 1
        while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].lower_ not in ("not", "n't"):
            i -= 1
        if i > 0 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
            i -= 1  # "Stoltenberg, described ...": a stray comma
        if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN") or self.in_quote[i]:
            return None
        # "a staff member for the group MSF in the city said": climb from "city" through the
        # prepositions to the noun they hang from, so the speaker is the member, not the city
        top = doc[i]
        if top.ent_iob_ != "O" and top.ent_type_ in ("ORG", "FAC", "GPE", "PERSON", "NORP"):
            # the end of a name: the name's start, whatever the parser hung its parts from
            while i > 0 and doc[i].ent_iob_ == "I":
                i -= 1
            return i
        # ... and through a name set beside its description ("the group MSF in the city") up
        # to the role of the one who speaks ("a staff member for ...")
        best = top
        while (top.dep_ in ("pobj", "prep") or is_named_body(top, self.lex)) and top.head.i < cue.i and top.head.pos_ in ("NOUN", "PROPN", "ADP"):
            top = top.head
            if top.pos_ in ("NOUN", "PROPN"):
                best = top
            if is_role_noun(top, self.lex):
                break
        top = best
        if top.pos_ in ("NOUN", "PROPN") and not any(self.in_quote[t.i] for t in doc[top.i : i]):
            i = top.i
        start = i
        while start > 0 and not self.in_quote[start - 1]:
            prev = doc[start - 1]
            inside_name = prev.ent_iob_ != "O" and doc[start].ent_iob_ == "I"
            if prev.pos_ in ("PROPN", "ADJ", "DET") or prev.dep_ == "compound" or inside_name or (
                prev.lower_ in ("for", "of") and prev.ent_iob_ != "O"
            ):
                start -= 1
            else:
                break
        return start

    def _head_between(self, start: int, end: int) -> int:
        """The token of [start, end) whose head lies outside it: the phrase's root."""
        for i in range(start, end):
            head = self.doc[i].head.i
            if not start <= head < end or head == i:
                return i
        return end - 1

    def _according_to(self, tokens: list[Token]) -> tuple[Token, Span] | None:
        for token in tokens:
            if token.lower_ != "according":
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                to = self.doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                return token, self.actors.phrase(pobj)
        return None

    # --- the second pass: speakers in reading order ---------------------------------

    def resolve(self, utterances: list[_Utterance]) -> list[Attribution]:
        said: list[Attribution] = []
        for u in sorted(utterances, key=lambda u: u.position):
            if u.speaker is None:
                previous = next((a for a in reversed(said) if a.direct and a.content_end <= u.content_start), None)
                if previous is None:
                    continue
                speaker, kind, start, anonymous = previous.speaker, previous.speaker_kind, previous.speaker_start, previous.anonymous
            else:
                speaker, kind = self._speaker_mention(u.speaker, said, u.sentence.start)
                start, anonymous = u.speaker.start, self._anonymous(u.speaker, u.sentence)
            for speaker, kind in [(speaker, kind), *self._co_speakers(u.speaker)]:
                said.append(Attribution(
                    speaker=speaker, cue=u.cue, cue_text=_cue_text(u.cue), content_start=u.content_start,
                    content_end=u.content_end, direct=u.direct, anonymous=anonymous, via=self._via(u.cue),
                    sentence=u.sentence, speaker_start=start, speaker_kind=kind,
                ))
        return sorted(said, key=lambda a: a.content_start)

    def _co_speakers(self, span: Span | None) -> list[tuple[Mention, str | None]]:
        """"France and Qatar said ...": each side named says it."""
        if span is None:
            return []
        found = []
        # "The French president Emmanuel Macron and German chancellor Olaf Scholz": the
        # conjunct may hang from any word of the first speaker's phrase
        holders = list(span) + [c for c in span.root.children if c.dep_ == "appos"]
        conjuncts = [c for t in holders for c in t.children if c.dep_ == "conj" and not span.start <= c.i < span.end]
        for conj in conjuncts:
            if conj.pos_ in ("PROPN", "NOUN"):
                mention = self.actors.mention(conj)
                actor = self.actors.actor(conj)
                if mention.party:
                    found.append((mention, actor.kind if actor else None))
        return found

    def _speaker_mention(self, span: Span, said: list[Attribution], anchor: int) -> tuple[Mention, str | None]:
        """A speaker phrase as a Mention, with the kind of actor it is: what the phrase names by
        itself, then, for "he", "the group" or "the spokeswoman", whom the discourse says it is."""
        head = span.root
        held = self._held_role(span)
        if held is not None and held[0].i != head.i:
            # the parse hung the role off the body: "a staff member for the group MSF said"
            noun, body = held
            party = self.actors.mention(body).party
            role = normalize_name(self.doc[span.start : noun.i + 1].text)
            return Mention(text=_tidy(span_text(span)), party=party, role=role), PERSON
        mention = self.actors.mention(span)
        actor = self.actors.actor(head)
        kind = actor.kind if actor else (PERSON if self.actors.is_person(head) else None)
        if kind != PERSON and (self.actors.apposed_person(head) is not None or self._one_person(head)):
            kind = PERSON  # "Denmark's prime minister, Mette Frederiksen", "an official with X"
        mention, kind = resolve_speaker(self.discourse, span, mention, kind, said, self.lex, anchor)
        return with_known_party(self.discourse, mention), kind

    # --- details --------------------------------------------------------------------

    def _is_channel(self, token: Token) -> bool:
        """Whom it was said to: "told Reuters", "told the Orlando Sentinel", "told reporters"."""
        if token.dep_ == "dative":
            return True
        if token.head.lemma_ != "tell" or token.dep_ != "dobj":
            return False
        return self._channel_name(token) is not None or (token.pos_ == "PROPN" and token.ent_type_ == "ORG")

    def _channel_name(self, token: Token) -> str | None:
        span = self.actors.phrase(token)
        text = re.sub(r"^(the|a|an)\s+", "", span.text.strip(), flags=re.I)
        if text in self.lex.channels or span.text.strip() in self.lex.channels:
            return text
        return None

    def _via(self, cue: Token | None) -> str | None:
        """The outlet or platform: "told Reuters", "said on Twitter", "told the BBC"."""
        if cue is None or cue.lower_ == "according":
            return None
        generic = {"reporters", "journalists", "the press", "the media", "lawmakers", "parliament"}
        for child in cue.children:
            if child.dep_ in ("dobj", "dative") and cue.lemma_ == "tell":
                name = self._channel_name(child)
                if name is None and child.ent_type_ == "ORG":
                    name = normalize_name(self.actors.phrase(child).text)
                if name and name.lower() not in generic:
                    return name
            if child.dep_ == "prep" and child.lower_ in ("on", "to", "with", "in"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    name = self._channel_name(pobj)
                    if name is None:  # "in an interview with CNN"
                        inner = next((g for c in pobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
                        name = self._channel_name(inner) if inner is not None else None
                    if name and name.lower() not in generic:
                        return name
        return None

    def _anonymous(self, speaker: Span, sentence: Span) -> bool:
        """Unnamed on purpose: an anonymity formula in the sentence, or a source or official
        that the article does not name ("a senior US official", "security sources")."""
        text = span_text(sentence).lower()
        if any(marker in text for marker in self.lex.anonymity_markers):
            return True
        head = speaker.root
        if head.lemma_.lower() not in self.lex.anonymous_heads:
            return False
        return not any(t.ent_type_ == "PERSON" for t in speaker)


# --- helpers -----------------------------------------------------------------


def cue_frame(cue: Token, lex) -> frozenset[str]:
    """Which dependents of the cue carry what was said (speech.toml's frames)."""
    lemma = cue.lemma_.lower()
    framed = lex.speech_frames.get(lemma)
    if framed is not None:
        return frozenset(framed)
    return frozenset(CLAUSE_DEPS if lemma in lex.speech_clause_only else CONTENT_DEPS)


def is_role_noun(token: Token, lex) -> bool:
    """"official", "spokeswoman", "staff member": a noun for a person in a role."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in lex.person_markers or lemma in lex.anonymous_heads or lemma in lex.person_nouns)


def is_named_body(token: Token, lex) -> bool:
    """A name set beside the body it names: "MSF" in "the aid group MSF"."""
    return token.dep_ == "appos" and token.pos_ == "PROPN" and token.head.lemma_.lower() in lex.group_heads


def _sentences_of(doc: Doc, span: Span, cue: Token | None) -> Span:
    """The sentence or sentences holding the content and its cue: the evidence."""
    first, last = span.start, span.end - 1
    if cue is not None:
        first, last = min(first, cue.i), max(last, cue.i)
    starts = sentence_starts(doc)
    start = starts[bisect.bisect_right(starts, first) - 1]
    after = bisect.bisect_right(starts, last)
    end = starts[after] if after < len(starts) else len(doc)
    return doc[start:end]



def _trim_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    skip = punct_or_space(doc)
    while start < end and skip[start] and doc[start].text not in "\"\u201c(":
        start += 1
    while end > start and skip[end - 1] and doc[end - 1].text not in "\"\u201d)":
        end -= 1
    return (start, end) if end > start else None


def _cue_text(cue: Token | None) -> str:
    if cue is None:
        return ""
    if cue.lower_ == "according":
        return "according to"
    return cue.lemma_.lower()


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(",;:").strip()
