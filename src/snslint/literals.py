"""Required literals: strings one of which must occur in a text for a pattern to match.

Most rule patterns are long alternations of wordings (噂|うわさ|関係者によると…), and a
post contains none of them. Knowing, for each pattern, a set of strings at least one of
which every match contains lets the engine skip the pattern with a few substring tests
instead of running (and even compiling) it. The sets are derived from the parse tree
of the standard `re` module; anything this analysis does not understand yields None,
"no requirement", so a pattern is never skipped wrongly, only run needlessly.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile; private, so its absence only costs speed
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None

# A character class is kept as a set of single characters up to this size, and a
# concatenation of alternatives as a set of strings up to the other.
_MAX_CLASS = 8
_MAX_STRINGS = 64
Requirement = frozenset  # of str; None means "no requirement: always run"


def required_literals(source: str) -> frozenset[str] | None:
    """A set of strings one of which every match of `source` contains, or None."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(source)
    except (re.error, RecursionError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _sequence(list(parsed))


def _sequence(items) -> frozenset[str] | None:
    """Every element of a sequence is required: keep the most selective requirement.

    Adjacent elements that each match one of a few fixed strings (literals, small
    alternations and classes) join into their concatenations: (?:検討|議論)中 requires
    検討中 or 議論中, far rarer than 中. Anything else ends the run, which is always safe.
    """
    best = None
    run: frozenset[str] | None = None  # concatenations of the current run of fixed elements
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is not None and (run is None or len(run) * len(fixed) <= _MAX_STRINGS):
            run = fixed if run is None else frozenset(a + b for a in run for b in fixed)
            continue
        best = _better(best, run)
        run = fixed
        if fixed is None:
            best = _better(best, _node(op, av))
    return _better(best, run)


def _fixed(op, av) -> frozenset[str] | None:
    """The strings an element matches when it is one of a few fixed strings, else None."""
    if op is _c.LITERAL:
        return frozenset([chr(av)])
    if op is _c.IN:
        return _char_class(av)
    if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _fixed_sequence(list(av[3]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            strings = _fixed_sequence(list(branch))
            if strings is None:
                return None
            union |= strings
        return frozenset(union) if len(union) <= _MAX_STRINGS else None
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
        union: set[str] = set()
        for branch in av[1]:
            required = _sequence(list(branch))
            if required is None:
                return None
            union |= required
        return frozenset(union)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, pattern = av
        return None if add_flags & re.IGNORECASE else _sequence(list(pattern))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        minimum, _maximum, pattern = av
        return _sequence(list(pattern)) if minimum >= 1 else None
    return None


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


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest string, then fewer strings."""
    if a is None or not a:
        return b if b else a
    if b is None or not b:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


class LiteralIndex:
    """Finds, in one text, which of many required literals occur.

    Literals are grouped by their first two characters (single characters by
    themselves), so a text is searched only for the literals whose opening pair it
    contains: a post has a few hundred distinct pairs, the packs a few thousand literals.
    """

    def __init__(self, requirements):
        self._by_head: dict[str, list[str]] = {}
        for required in requirements:
            for literal in required or ():
                bucket = self._by_head.setdefault(literal[:2], [])
                if literal not in bucket:
                    bucket.append(literal)

    def present(self, text: str) -> set[str]:
        heads = set(text)
        heads.update(map(text.__getitem__, map(slice, range(len(text)), range(2, len(text) + 2))))
        found = set()
        by_head = self._by_head
        for head in by_head.keys() & heads:
            for literal in by_head[head]:
                if len(literal) <= 2 or literal in text:
                    found.add(literal)
        return found
