"""The model's attribute rules applied by dictionary lookup instead of spaCy's generic Matcher.

spaCy's `attribute_ruler` runs a Matcher over every rule of the model (179 in
en_core_web_sm: mostly one token, keyed by TAG, LOWER, DEP or IS_SPACE) and costs nearly a
second per 50k words. `TokenAttributes` reads the same rules from the loaded ruler, indexes each
token pattern by the attributes it compares for equality (or membership, expanded into keys),
and finds a token's rules with a few dict lookups. What the index cannot express (NOT_IN,
REGEX) is checked on the candidates only; what this module does not understand at all (OP
quantifiers, extension attributes, other predicates or attributes) stays with a spaCy Matcher,
so every rule keeps working.

The result is spaCy's, token for token: all rules are matched against the attributes as they
were on entry, then applied in rule order, so the later rule wins when two set the same
attribute (spaCy sorts its matches by rule index before setting them).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

TOKEN_ATTRIBUTES = "wirewatch_token_attributes"
_RULES_FILE = "rules.msgpack"

# Attributes whose value on a token is a string hash: equality, membership and REGEX all apply.
_STRING_ATTRS = {IDS[name] for name in
                 ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG", "DEP",
                  "ENT_TYPE")}
# Lexical flags (IS_SPACE, LIKE_NUM, ...) read as 0/1, plus POS (a symbol id) and LENGTH.
_NUMBER_ATTRS = {value for name, value in IDS.items() if 0 < value < 64} | {POS, IDS["LENGTH"]}
# Attributes that `set_token_attrs` writes only on the token (the lexeme ignores them), so
# writing them through `Doc.from_array` is the same assignment done for all tokens at once.
_ARRAY_WRITABLE = (TAG, POS, MORPH, DEP, LEMMA)
# An IN list on several attributes is expanded into one index key per combination, up to this.
_MAX_KEYS_PER_SPEC = 4096
# What each distinct row of read attributes matches is remembered; the memory is cleared past this
# many rows (news text repeats its (word, tag, dep) combinations, so few are new after a while).
_MAX_REMEMBERED_ROWS = 200_000


class _Unsupported(Exception):
    """A pattern this module does not evaluate itself; it is left to spaCy's Matcher."""


@dataclass
class _TokenSpec:
    """One token of a pattern: equalities (indexed) and checks made on the candidates."""

    indexed: dict[int, frozenset[int]]  # attr -> allowed values (exact value or IN list)
    excluded: list[tuple[int, frozenset[int]]] = field(default_factory=list)  # NOT_IN
    regexes: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)
    members: list[tuple[int, frozenset[int]]] = field(default_factory=list)  # IN not indexed

    def holds(self, values: Mapping[int, int], vocab: Vocab) -> bool:
        """Whether a token with these attribute values satisfies the whole spec."""
        return (
            all(values[attr] in allowed for attr, allowed in self.indexed.items())
            and self.residual_holds(values, vocab)
        )

    def residual_holds(self, values: Mapping[int, int], vocab: Vocab) -> bool:
        """The checks the index does not make, for a token already found through it."""
        for attr, allowed in self.members:
            if values[attr] not in allowed:
                return False
        for attr, forbidden in self.excluded:
            if values[attr] in forbidden:
                return False
        return all(regex.search(vocab.strings[values[attr]]) for attr, regex in self.regexes)

    @property
    def attrs(self) -> set[int]:
        checked = self.excluded + self.regexes + self.members
        return set(self.indexed) | {attr for attr, _ in checked}


def _attr_id(name: str | int) -> int:
    if isinstance(name, int):
        attr = name
    else:
        upper = name.upper()
        attr = IDS.get("ORTH" if upper == "TEXT" else upper, -1)
    if attr not in _STRING_ATTRS and attr not in _NUMBER_ATTRS:
        raise _Unsupported(f"attribute {name!r}")
    return attr


def _exact_value(value: Any, vocab: Vocab) -> int:
    # As spaCy's Matcher: strings by their id (added to the store), booleans as 0/1.
    if isinstance(value, str):
        return vocab.strings.add(value)
    if isinstance(value, bool | int):
        return int(value)
    raise _Unsupported(f"value {value!r}")


def _id_set(values: Any) -> frozenset[int]:
    if not isinstance(values, list | tuple) or not all(isinstance(v, str | int) for v in values):
        raise _Unsupported(f"set {values!r}")
    return frozenset(get_string_id(v) for v in values)


def _compile_spec(spec: Mapping[Any, Any], vocab: Vocab) -> _TokenSpec:
    compiled = _TokenSpec(indexed={})
    for name, value in spec.items():
        attr = _attr_id(name)
        if not isinstance(value, dict):
            compiled.indexed[attr] = frozenset({_exact_value(value, vocab)})
            continue
        for predicate, argument in value.items():
            if predicate == "IN" and attr not in compiled.indexed:
                compiled.indexed[attr] = _id_set(argument)
            elif predicate == "IN":
                compiled.members.append((attr, _id_set(argument)))
            elif predicate == "NOT_IN":
                compiled.excluded.append((attr, _id_set(argument)))
            elif predicate == "REGEX" and attr in _STRING_ATTRS and isinstance(argument, str):
                compiled.regexes.append((attr, re.compile(argument)))
            else:
                raise _Unsupported(f"predicate {predicate!r} on {name!r}")
    keys = 1
    for attr in sorted(compiled.indexed, key=lambda a: len(compiled.indexed[a])):
        if keys * len(compiled.indexed[attr]) > _MAX_KEYS_PER_SPEC:
            compiled.members.append((attr, compiled.indexed.pop(attr)))
        else:
            keys *= len(compiled.indexed[attr])
    return compiled


@dataclass(frozen=True)
class _Pattern:
    """A fixed-length pattern of one rule, found through the spec at position `anchor`."""

    rule: int
    specs: tuple[int, ...]  # spec ids, one per token
    anchor: int
    target: int  # the rule's index into the matched span, may be negative


class TokenAttributes:
    """Set token attributes from attribute-ruler rules, as spaCy's `attribute_ruler` does."""

    def __init__(self, vocab: Vocab, name: str = TOKEN_ATTRIBUTES) -> None:
        self.vocab = vocab
        self.name = name
        self._clear()

    def _clear(self) -> None:
        self._rules: list[dict[str, Any]] = []  # as given, for `patterns`
        self._rule_attrs: list[dict[Any, Any]] = []  # normalised as spaCy sets them
        self._rule_indices: list[int] = []
        self._specs: list[_TokenSpec] = []
        self._spec_ids: dict[str, int] = {}
        self._patterns: list[_Pattern] = []
        self._fallback = Matcher(self.vocab)
        self._fallback_rules: dict[int, int] = {}  # matcher key -> rule
        self._built = False

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The rules as added, in `AttributeRuler.patterns` form."""
        return [dict(rule) for rule in self._rules]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The rules, so a pipeline saved with this component loads with them."""
        return srsly.msgpack_dumps(self.patterns)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> TokenAttributes:
        self._clear()
        self.add_patterns(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _RULES_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TokenAttributes:
        return self.from_bytes((Path(path) / _RULES_FILE).read_bytes())

    def add_patterns(self, rules: Iterable[Mapping[str, Any]]) -> None:
        """Add rules given as `AttributeRuler.patterns` gives them: patterns, attrs, index."""
        for rule in rules:
            self.add(rule["patterns"], rule["attrs"], rule.get("index", 0))

    def add(self, patterns: Sequence[Sequence[Mapping[Any, Any]]], attrs: Mapping[str, Any],
            index: int = 0) -> None:
        """One rule: set `attrs` on the token at `index` of every span matching a pattern."""
        rule = len(self._rules)
        given = [[dict(token) for token in pattern] for pattern in patterns]
        self._rules.append({"patterns": given, "attrs": dict(attrs), "index": index})
        self._rule_attrs.append(normalize_token_attrs(self.vocab, dict(attrs)))
        self._rule_indices.append(index)
        for pattern in patterns:
            try:
                self._patterns.append(self._compile_pattern(rule, pattern, index))
            except _Unsupported:
                key = self.vocab.strings.add(f"{self.name}:{rule}")
                self._fallback.add(key, [list(pattern)])
                self._fallback_rules[key] = rule
        self._built = False

    def _compile_pattern(self, rule: int, pattern: Sequence[Mapping[Any, Any]],
                         index: int) -> _Pattern:
        if not pattern:
            raise _Unsupported("empty pattern")
        specs = []
        for token in pattern:
            key = json.dumps(token, sort_keys=True, default=str)
            if key not in self._spec_ids:
                self._specs.append(_compile_spec(token, self.vocab))
                self._spec_ids[key] = len(self._specs) - 1
            specs.append(self._spec_ids[key])
        anchor = next((i for i, s in enumerate(specs) if self._specs[s].indexed), 0)
        return _Pattern(rule, tuple(specs), anchor, index)

    def _build(self) -> None:
        """Index the anchor spec of every pattern by the attributes it compares for equality."""
        anchors = {p.specs[p.anchor] for p in self._patterns}
        self._read_attrs = sorted({a for s in {s for p in self._patterns for s in p.specs}
                                   for a in self._specs[s].attrs})
        column = {attr: i for i, attr in enumerate(self._read_attrs)}
        indexes: dict[tuple[int, ...], dict[Any, list[int]]] = {}
        self._unindexed = []
        for spec_id in sorted(anchors):
            spec = self._specs[spec_id]
            if not spec.indexed:
                self._unindexed.append(spec_id)
                continue
            attrs = tuple(sorted(spec.indexed))
            index = indexes.setdefault(attrs, {})
            for values in itertools.product(*(sorted(spec.indexed[a]) for a in attrs)):
                key = values[0] if len(values) == 1 else values
                index.setdefault(key, []).append(spec_id)
        self._indexes = [(tuple(column[a] for a in attrs), index)
                         for attrs, index in indexes.items()]
        self._by_anchor: dict[int, list[_Pattern]] = {}
        for pattern in self._patterns:
            self._by_anchor.setdefault(pattern.specs[pattern.anchor], []).append(pattern)
        self._array_attrs = [a for a in _ARRAY_WRITABLE
                             if any(a in attrs for attrs in self._rule_attrs)]
        self._array_column = {attr: i for i, attr in enumerate(self._array_attrs)}
        self._by_array = all(set(attrs) <= set(_ARRAY_WRITABLE) for attrs in self._rule_attrs)
        self._hits: dict[tuple[int, ...], _Hits] = {}
        self._hits_of_class: dict[tuple[int, ...], _Hits] = {}
        self._classes = self._value_classes()
        self._built = True

    def _value_classes(self) -> list[_ValueClasses]:
        """Per read attribute, each value's class: two values no rule names and every regex
        treats alike match the same rules, so a token is matched as its row of classes."""
        named: dict[int, set[int]] = {attr: set() for attr in self._read_attrs}
        regexes: dict[int, list[re.Pattern[str]]] = {attr: [] for attr in self._read_attrs}
        for spec in self._specs:
            for attr, values in [*spec.indexed.items(), *spec.members, *spec.excluded]:
                named.setdefault(attr, set()).update(values)
            for attr, regex in spec.regexes:
                regexes.setdefault(attr, []).append(regex)
        return [_ValueClasses(frozenset(named[attr]), tuple(regexes[attr]), self.vocab)
                for attr in self._read_attrs]

    def _class_row(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """`row` with each value no rule names replaced by its class's representative."""
        return tuple([classes[value] for classes, value in zip(self._classes, row, strict=True)])

    def __call__(self, doc: Doc) -> Doc:
        if not self._built:
            self._build()
        if not len(doc) or not self._rules:
            return doc
        hits, spans = self._match(doc)
        if self._fallback_rules:
            spans.extend(self._fallback_matches(doc))
        if self._by_array:
            self._set_by_array(doc, hits, spans)
        else:
            self._set_by_token(doc, hits, spans)
        return doc

    def _match(self, doc: Doc) -> tuple[list[_Hits], list[tuple[int, int]]]:
        """Each token's one-token hits, and (rule, position) for longer patterns' matches."""
        if not self._read_attrs:
            return [_NO_HITS] * len(doc), []
        rows = doc.to_array(self._read_attrs).reshape(len(doc), -1).tolist()
        known = self._hits
        if len(known) > _MAX_REMEMBERED_ROWS:
            known.clear()
            self._hits_of_class.clear()
            for classes in self._classes:
                classes.clear()
        hits = []
        spans: list[tuple[int, int]] = []
        for position, row in enumerate(rows):
            key = tuple(row)
            found = known.get(key)
            if found is None:
                classed = self._class_row(key)
                found = self._hits_of_class.get(classed)
                if found is None:
                    found = self._hits_of_class[classed] = self._hits_of(classed)
                known[key] = found
            hits.append(found)
            for pattern in found.longer:
                start = position - pattern.anchor
                end = start + len(pattern.specs)
                if start >= 0 and end <= len(rows) and all(
                    self._specs[s].holds(dict(zip(self._read_attrs, rows[start + k], strict=True)),
                                         self.vocab)
                    for k, s in enumerate(pattern.specs) if k != pattern.anchor
                ):
                    spans.append((pattern.rule, _target(pattern.target, start, end, pattern)))
        return hits, spans

    def _hits_of(self, row: tuple[int, ...]) -> _Hits:
        """The rules whose one-token patterns a token with these values matches, and the longer
        patterns whose anchor it matches. The answer depends on the values only, so it is kept."""
        candidates = list(self._unindexed)
        for columns, index in self._indexes:
            key = row[columns[0]] if len(columns) == 1 else tuple(row[c] for c in columns)
            candidates.extend(index.get(key, ()))
        values = dict(zip(self._read_attrs, row, strict=True))
        rules: set[int] = set()
        longer = []
        for spec_id in candidates:
            if not self._specs[spec_id].residual_holds(values, self.vocab):
                continue
            for pattern in self._by_anchor[spec_id]:
                if len(pattern.specs) == 1:
                    _target(pattern.target, 0, 1, pattern)
                    rules.add(pattern.rule)
                else:
                    longer.append(pattern)
        ordered = tuple(sorted(rules))
        return _Hits(ordered, tuple(longer), self._writes(ordered) if self._by_array else ())

    def _writes(self, rules: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """(array column, value) the rules leave, applied in order so that later ones win."""
        merged: dict[int, int] = {}
        for rule in rules:
            merged.update(self._rule_attrs[rule])
        return tuple((self._array_column[attr], value) for attr, value in merged.items())

    def _fallback_matches(self, doc: Doc) -> list[tuple[int, int]]:
        found = []
        for key, start, end in self._fallback(doc, allow_missing=True):
            rule = self._fallback_rules[key]
            found.append((rule, _target(self._rule_indices[rule], start, end, rule)))
        return found

    def _set_by_array(self, doc: Doc, hits: list[_Hits], spans: list[tuple[int, int]]) -> None:
        more: dict[int, set[int]] = {}
        for rule, position in spans:
            more.setdefault(position, set()).add(rule)
        columns = doc.to_array(self._array_attrs).reshape(len(doc), -1).T.tolist()
        for position, found in enumerate(hits):
            extra = more.get(position)
            if extra is None:
                writes = found.writes
            else:
                writes = self._writes(sorted(extra.union(found.rules)))
            for column, value in writes:
                columns[column][position] = value
        doc.from_array(self._array_attrs, numpy.array(columns, dtype=numpy.uint64).T)

    def _set_by_token(self, doc: Doc, hits: list[_Hits], spans: list[tuple[int, int]]) -> None:
        # Some rule sets an attribute of the lexeme or an extension: spaCy's own setter, in
        # spaCy's order (rule, then position), since tokens of one word share the lexeme.
        matches = spans + [(rule, position) for position, found in enumerate(hits)
                           for rule in found.rules]
        for rule, position in sorted(matches):
            set_token_attrs(doc[position], self._rule_attrs[rule])


class _ValueClasses(dict[int, int]):
    """value -> the representative of its class, worked out on first sight: a value some rule
    names is its own class; the others are classed by which of the attribute's regexes match."""

    def __init__(self, named: frozenset[int], regexes: tuple[re.Pattern[str], ...],
                 vocab: Vocab) -> None:
        super().__init__()
        self._named = named
        self._regexes = regexes
        self._vocab = vocab
        self._representatives: dict[tuple[bool, ...], int] = {}

    def __missing__(self, value: int) -> int:
        if value in self._named:
            self[value] = value
            return value
        text = self._vocab.strings[value] if self._regexes else ""
        outcome = tuple(bool(regex.search(text)) for regex in self._regexes)
        self[value] = representative = self._representatives.setdefault(outcome, value)
        return representative


@dataclass(frozen=True)
class _Hits:
    rules: tuple[int, ...]  # rules with a one-token pattern matching the token, in order
    longer: tuple[_Pattern, ...]  # longer patterns whose anchor token it matches
    writes: tuple[tuple[int, int], ...]  # (array column, value) those rules leave


_NO_HITS = _Hits((), (), ())


def _target(index: int, start: int, end: int, source: object) -> int:
    """The token the rule sets: `index` into the span [start, end), negative from its end."""
    if not -(end - start) <= index < end - start:
        raise ValueError(f"attribute rule index {index} outside a match of "
                         f"{end - start} tokens ({source})")
    return start + index if index >= 0 else end + index


@Language.factory(TOKEN_ATTRIBUTES)
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """An empty component; `add_patterns(nlp.get_pipe("attribute_ruler").patterns)` fills it."""
    return TokenAttributes(nlp.vocab, name)
