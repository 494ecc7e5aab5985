"""Required literals: strings a text must contain for a pattern to match.

Most rule patterns are long alternations of wordings (噂|うわさ|関係者によると…), and a
post contains none of them. Knowing, for each pattern, strings every match contains
lets the engine skip the pattern with a few substring tests instead of running (and
even compiling) it. The sets are derived from the parse tree of the standard `re`
module; anything this analysis does not understand yields None, "no requirement", so
a pattern is never skipped wrongly, only run needlessly.
"""

from __future__ import annotations

import re
import sys

try:  # the parser behind re.compile; private, so its absence only costs speed
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None

# A character class is kept as a set of single characters up to this size, and a
# concatenation of alternatives as a set of strings up to the other.
_MAX_CLASS = 8
_MAX_STRINGS = 64
# Literals of a case-insensitive pattern or group are lower-cased, marked with this
# prefix and looked for in a folded copy of the text. Only ASCII ones: there re's
# IGNORECASE lets just four other characters match (İ and ı for i, ſ for s, the Kelvin
# sign for k), which the folding maps to them.
CASELESS = "\0"


def fold(text: str) -> str:
    # str.translate walks a Japanese text character by character; these membership
    # tests and lower() run in C, and the three characters are rare. (lower() already
    # turns the Kelvin sign into k, but İ into i plus a combining dot.)
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    folded = text.lower()
    if "\u0131" in folded or "\u017f" in folded:
        folded = folded.replace("\u0131", "i").replace("\u017f", "s")
    return folded


def _caseless(strings: frozenset[str] | None) -> frozenset[str] | None:
    if not strings or not all(string.isascii() for string in strings):
        return None
    return frozenset(CASELESS + string.lower() for string in strings)


class Requirement:
    """What a text must contain for a pattern to match: any alternative, all of its sets.

    `alternatives` holds one tuple per top-level alternative of the pattern; each tuple
    holds sets of strings, and a text meets the tuple when it contains a string of
    every set. 殴(?:って|る)[^。]{0,12}(?:しつけ|躾) needs one of 殴って/殴る and one
    of しつけ/躾, which far fewer posts have than either alone.
    """

    __slots__ = ("alternatives", "_first")

    def __init__(self, alternatives: tuple[tuple[frozenset[str], ...], ...]):
        # The most selective set of each alternative first: most posts fail on it.
        self.alternatives = tuple(tuple(sorted(sets, key=_selectivity, reverse=True)) for sets in alternatives)
        # No alternative can be met without its first set: one test rules most posts out.
        self._first = frozenset().union(*(sets[0] for sets in self.alternatives))

    def __getstate__(self):
        return self.alternatives, self._first

    def __setstate__(self, state):
        self.alternatives, self._first = state

    def state(self) -> tuple:
        """Plain tuples and frozensets, for marshal (regexcache.py)."""
        return self.__getstate__()

    @classmethod
    def restored(cls, state: tuple) -> Requirement:
        made = cls.__new__(cls)
        made.__setstate__(state)
        return made

    def __repr__(self):
        return f"Requirement({[[sorted(s) for s in a] for a in self.alternatives]!r})"

    def first(self) -> frozenset[str]:
        """Literals of which a text must contain one to meet the requirement."""
        return self._first

    def literals(self) -> set[str]:
        """The literals a LiteralIndex must look for."""
        return {literal for sets in self.alternatives for strings in sets for literal in strings}

    def met(self, present: set[str]) -> bool:
        """`present`: which of literals() a post contains."""
        if self._first.isdisjoint(present):
            return False
        for sets in self.alternatives:
            for strings in sets:
                if strings.isdisjoint(present):
                    break
            else:
                return True
        return False


def requirement(source: str) -> Requirement | None:
    """What every match of `source` contains, or None when nothing certain is known."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(source)
    except (re.error, RecursionError):
        return None
    caseless = parsed.state.flags & re.IGNORECASE
    items = list(parsed)
    if len(items) == 1 and items[0][0] is _c.BRANCH:
        branches = [list(branch) for branch in items[0][1][1]]
    else:
        branches = [items]
    alternatives = []
    for branch in branches:
        sets = _conjunction(branch)
        if caseless:
            sets = [_caseless(strings) for strings in sets]
        if not sets or None in sets:
            return None
        alternatives.append(tuple(sets))
    return Requirement(tuple(alternatives))


def _conjunction(items) -> list[frozenset[str]]:
    """Sets of strings a match of a sequence contains one of each.

    Adjacent elements that each match one of a few fixed strings (literals, small
    alternations and classes) join into their concatenations: (?:検討|議論)中 requires
    検討中 or 議論中, far rarer than 中. Anything else ends the run, which is always safe.
    """
    sets = []
    run: frozenset[str] | None = None  # concatenations of the current run of fixed elements
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is not None and (run is None or len(run) * len(fixed) <= _MAX_STRINGS):
            run = fixed if run is None else frozenset(a + b for a in run for b in fixed)
            continue
        if run:
            sets.append(run)
        run = fixed
        if fixed is None:
            required = _node(op, av)
            if required:
                sets.append(required)
    if run:
        sets.append(run)
    return sets


def _sequence(items) -> frozenset[str] | None:
    """The most selective single set a sequence requires."""
    best = None
    for strings in _conjunction(items):
        best = _better(best, strings)
    return best


def _fixed(op, av) -> frozenset[str] | None:
    """The strings an element matches when it is one of a few fixed strings, else None."""
    if op is _c.LITERAL:
        return frozenset([chr(av)])
    if op is _c.IN:
        return _char_class(av)
    if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _fixed_sequence(list(av[3]))
    if op is _c.BRANCH:
        union = _union(av[1], _fixed_sequence)
        return union if union is not None and len(union) <= _MAX_STRINGS else None
    return None


def _fixed_sequence(items) -> frozenset[str] | None:
    strings = frozenset([""])
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is None or len(strings) * len(fixed) > _MAX_STRINGS:
            return None
        strings = frozenset(a + b for a in strings for b in fixed)
    return strings if "" not in strings else None


def _node(op, av) -> frozenset[str] | None:
    """The requirement of an element that is not a few fixed strings."""
    if op is _c.BRANCH:
        return _union(av[1], _sequence)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, pattern = av
        required = _sequence(list(pattern))
        return _caseless(required) if add_flags & re.IGNORECASE else required
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        minimum, _maximum, pattern = av
        return _sequence(list(pattern)) if minimum >= 1 else None
    return None


def _union(branches, of) -> frozenset[str] | None:
    """An alternation requires what any branch requires: None as soon as one requires nothing."""
    union: set[str] = set()
    for branch in branches:
        strings = of(list(branch))
        if strings is None:
            return None
        union |= strings
    return frozenset(union)


def _char_class(items) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, wide ranges
            return None
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    """Longer shortest string, then fewer strings: the rarer in a post."""
    return min(map(len, strings)), -len(strings)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements."""
    if a is None or not a:
        return b if b else a
    if b is None or not b:
        return a
    return a if _selectivity(a) >= _selectivity(b) else b


class LiteralIndex:
    """Finds, in one text, which of many required literals occur (of Requirements).

    Literals are grouped by their first two characters (single characters by
    themselves), so a text is searched only for the literals whose opening pair it
    contains: a post has a few hundred distinct pairs, the packs a few thousand literals.
    A pair is kept as the 64-bit number of its two UTF-32 code units, so that the
    post's pairs come from two views of one encoded buffer instead of a string per
    position (a third of the time of slicing, measured on the benchmark corpus).
    """

    def __init__(self, requirements):
        literals: dict[str, None] = {}  # ordered and without repeats
        caseless = set()
        for required in requirements:
            for literal in (required.literals() if required is not None else ()):
                if literal.startswith(CASELESS):
                    caseless.add(literal)
                else:
                    literals[literal] = None
        self._caseless = sorted(caseless)
        self._by_char: dict[int, list[str]] = {}
        self._by_pair: dict[int, list[str]] = {}
        pairs = [literal for literal in literals if len(literal) > 1]
        # All opening pairs encoded at once: an engine is built on every run.
        codes = memoryview("".join(literal[:2] for literal in pairs).encode(_UTF32, "surrogatepass")).cast("Q")
        for literal, code in zip(pairs, codes):
            self._by_pair.setdefault(code, []).append(literal)
        for literal in literals:
            if len(literal) == 1:
                self._by_char.setdefault(ord(literal), []).append(literal)

    @classmethod
    def of_rules(cls, rules) -> LiteralIndex:
        """The index of the literals the rules' patterns require."""
        return cls(getattr(rule.matcher, "requirement", None) for rule in rules)

    def present(self, text: str) -> set[str]:
        if not self._by_char and not self._by_pair and not self._caseless:
            return set()
        units = memoryview(text.encode(_UTF32, "surrogatepass"))
        found = set()
        for code in self._by_char.keys() & set(units.cast("I")):
            found.update(self._by_char[code])
        pairs = set(_pairs(units, 0))
        pairs.update(_pairs(units, 4))
        for code in self._by_pair.keys() & pairs:
            found.update(literal for literal in self._by_pair[code] if len(literal) == 2 or literal in text)
        if self._caseless:
            folded = fold(text)
            found.update(literal for literal in self._caseless if literal[1:] in folded)
        return found


# In the machine's byte order, so that a memoryview cast reads code points and pairs.
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


def _pairs(units: memoryview, start: int) -> memoryview:
    """Every other pair of neighbouring characters, from byte `start`, as 64-bit numbers."""
    usable = (len(units) - start) // 8 * 8
    return units[start:start + usable].cast("Q")
