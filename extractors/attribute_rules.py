"""Faster matching for spaCy's attribute ruler, with exactly the same result.

The English pipelines' `attribute_ruler` maps tags to parts of speech, morphology and a few
lemmas with some 180 Matcher patterns, and spaCy's Matcher tries every pattern at every token in
Python-level objects: about an eighth of the whole parse's time. The patterns are plain token
tests (equal to, in a set, not in a set, a regular expression) on a few attributes, in sequences
of fixed length. `index_attribute_rules` gives the ruler a `match` that evaluates each test once
per Doc over the Doc's attribute arrays and finds the patterns' starts with array operations.
Patterns with anything else (operators such as "?" or "+", a bare {}, other attributes,
extensions) stay with a Matcher. Patterns added to the ruler after `index_attribute_rules` are
not seen: index it once its patterns are all in. The matches are the same (rule, rule's key, start, end) tuples, sorted the same
way, and the ruler's own `set_annotations` applies them, so the tokens come out as before.
"""
from __future__ import annotations

import re

# Token attributes a test may read from `Doc.to_array`: string-valued ones compare hashes,
# flags compare 0/1. A value of another kind, or any other key, leaves the pattern to the Matcher.
_STRING_ATTRS = {"TAG": "TAG", "LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM", "DEP": "DEP", "POS": "POS"}
_FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"}
_SET_TESTS = ("IN", "NOT_IN")


def index_attribute_rules(nlp, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the array-based `match`. False, and the ruler left
    as it is, when there is none or its patterns cannot be read."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    try:
        rules = IndexedRules(ruler)
    except Exception:  # noqa: BLE001 (an unfamiliar ruler keeps spaCy's own matching)
        return False
    ruler.match = rules.match
    return True


class IndexedRules:
    """An attribute ruler's patterns, compiled to tests over a Doc's attribute arrays."""

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab, validate=False)
        self.columns: list[str] = []  # the attributes read, in to_array order
        # (rule, its key's hash, one tuple of tests per token); a test is (column, kind, value)
        self.compiled: list[tuple[int, int, tuple[tuple, ...]]] = []
        for rule, pattern in enumerate(ruler.patterns):
            key = str(rule)
            key_hash = self.strings.add(key)
            left = []
            for alternative in pattern["patterns"]:
                tokens = self._compile(alternative)
                if tokens is None:
                    left.append(alternative)
                else:
                    self.compiled.append((rule, key_hash, tokens))
            if left:
                self.rest.add(key, left)
        import numpy

        self._rules = numpy.array([rule for rule, _, _ in self.compiled], dtype=numpy.int64)
        self._lengths = numpy.array([len(tokens) for _, _, tokens in self.compiled], dtype=numpy.int64)
        self._keys = {rule: key for rule, key, _ in self.compiled}
        self.searched: dict[str, dict[int, bool]] = {}  # regex -> {string hash: found}

    def _column(self, attr: str) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def _compile(self, alternative: list) -> tuple[tuple, ...] | None:
        if not alternative:
            return None
        tokens = []
        for spec in alternative:
            if not isinstance(spec, dict) or not spec:
                return None  # {} is any token: the Matcher's
            tests = []
            for attr, value in spec.items():
                test = self._test(attr, value)
                if test is None:
                    return None
                tests.append(test)
            tokens.append(tuple(tests))
        return tuple(tokens)

    def _test(self, attr: str, value) -> tuple | None:
        if attr in _FLAG_ATTRS and isinstance(value, bool):
            return (self._column(attr), "eq", int(value))
        if attr not in _STRING_ATTRS:
            return None
        column = self._column(_STRING_ATTRS[attr])
        if isinstance(value, str):
            return (column, "eq", self.strings.add(value))
        if not isinstance(value, dict) or len(value) != 1:
            return None
        (kind, operand), = value.items()
        if kind in _SET_TESTS and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
            return (column, kind, tuple(sorted(self.strings.add(v) for v in operand)))
        if kind == "REGEX" and isinstance(operand, str):
            return (column, kind, operand)
        return None

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` returns: (rule, rule's key, start, end), sorted."""
        import numpy

        matches: list[tuple[int, int, int, int]] = []
        n = len(doc)
        if n and self.compiled:
            from spacy.attrs import IDS

            tests = _DocTests(self, doc.to_array([IDS[a] for a in self.columns]).reshape(n, -1))
            found, starts_found = [], []  # which compiled pattern, and where it starts
            for which, (_, _, tokens) in enumerate(self.compiled):
                length = len(tokens)
                if length > n:
                    continue
                starts = tests.token(tokens[0])
                for k in range(1, length):
                    if starts is None:
                        break
                    following = tests.token(tokens[k])
                    starts = None if following is None else starts[: n - length + 1] & following[k : n - length + 1 + k]
                if starts is None:
                    continue
                where = numpy.flatnonzero(starts)
                if where.size:
                    found.append(numpy.full(where.size, which))
                    starts_found.append(where)
            if found:
                which = numpy.concatenate(found)
                start = numpy.concatenate(starts_found)
                rule, end = self._rules[which], start + self._lengths[which]
                order = numpy.lexsort((end, start, rule))
                rule, start, end = rule[order], start[order], end[order]
                # two alternatives of one rule matching the same tokens are one match
                keep = numpy.ones(len(rule), dtype=bool)
                keep[1:] = (rule[1:] != rule[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
                rule, start, end = rule[keep], start[keep], end[keep]
                keys = self._keys
                matches = [(r, keys[r], s, e) for r, s, e in zip(rule.tolist(), start.tolist(), end.tolist())]
        if len(self.rest):
            matches.extend((int(self.strings[key]), key, start, end)
                           for key, start, end in self.rest(doc, allow_missing=True, as_spans=False))
            matches = sorted(set(matches))
        return matches


class _DocTests:
    """The tests over one Doc's attribute arrays, each evaluated once. A mask of None means no
    token passes, which most tests on most Docs come to: their value is not in the Doc."""

    def __init__(self, rules: IndexedRules, cells) -> None:
        import numpy

        self.rules, self.cells = rules, cells
        self.present = [set(numpy.unique(cells[:, c]).tolist()) for c in range(cells.shape[1])]
        self.masks: dict = {}

    def token(self, tests: tuple):
        """Where a token passes all of one pattern token's tests."""
        if tests in self.masks:
            return self.masks[tests]
        mask = self.test(*tests[0])
        for test in tests[1:]:
            if mask is None:
                break
            other = self.test(*test)
            mask = None if other is None else mask & other
        self.masks[tests] = mask
        return mask

    def test(self, c: int, kind: str, value):
        import numpy

        key = (c, kind, value)
        if key in self.masks:
            return self.masks[key]
        column, present = self.cells[:, c], self.present[c]
        if kind == "eq":
            hits = [value] if value in present else []
        elif kind == "IN":
            hits = [v for v in value if v in present]
        elif kind == "NOT_IN":
            hits = list(present.difference(value))
        else:  # REGEX, searched in each distinct string, remembered across Docs
            known = self.rules.searched.setdefault(value, {})
            hits = []
            for h in present:
                hit = known.get(h)
                if hit is None:
                    hit = known[h] = bool(re.search(value, self.rules.strings[h]))
                if hit:
                    hits.append(h)
        if not hits:
            mask = None
        elif len(hits) == 1:
            mask = column == hits[0]
        else:
            mask = numpy.isin(column, hits)
        self.masks[key] = mask
        return mask
