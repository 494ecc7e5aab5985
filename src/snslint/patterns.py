"""Regular expressions: those of rule packs (run with a time limit) and of detectors.

A city's own packs (`extend_rules`) come from a shared repository that many people edit,
so a pattern such as (a+)+$ must not be able to hang the linter: they are compiled with
the `regex` module, whose matching can be stopped after a timeout, and a timeout becomes
an error naming the rule. The packs shipped with snslint are reviewed and fuzzed in CI;
they are compiled with the standard `re`, which compiles about eight times faster.

Shipped patterns are also compiled only when first needed: a post is checked against a
pattern only when it contains the pattern's required literals (literals.py), and
most posts need only a handful of the 260 patterns, so a one-draft run compiles few.
The detectors' own patterns (LazyPattern) are compiled late and gated the same way.
"""

from __future__ import annotations

import re

from snslint import regexcache
from snslint.literals import CASELESS, fold, requirement

# Seconds one search may take; real patterns need microseconds on a post.
MATCH_TIMEOUT = 1.0
# Texts a `scan_literal` pattern runs on with `re` before it moves to `regex` (LazyPattern).
REGEX_AFTER = 16


class PatternTimeout(Exception):
    """A pack's pattern took longer than MATCH_TIMEOUT on a draft."""


class PatternError(ValueError):
    """A pattern that does not compile; the message is the compiler's."""


class Regex:
    """A pack's pattern: its source, what a match requires and, once used, its compiled form.

    Only the source and the requirement are pickled (the rule cache); the compiled form is
    rebuilt on first use.
    """

    __slots__ = ("source", "trusted", "requirement", "_compiled")

    def __init__(self, source: str, trusted: bool = False, gate: bool = True):
        """`gate`: work out the literals a match needs, by which the engine skips a rule's
        pattern on most posts; a context's patterns run only on a found span and need none."""
        self.source = source
        self.trusted = trusted
        self._compiled = _compile(source, trusted)  # validates now: a bad pattern fails at load
        # `regex` syntax differs from `re` (fuzzy matching, \p{…}), so only `re` is analysed.
        self.requirement = requirement(source) if trusted and gate else None

    def __getstate__(self):
        return self.source, self.trusted, self.requirement

    def __setstate__(self, state):
        self.source, self.trusted, self.requirement = state
        self._compiled = None

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = _compile(self.source, self.trusted)
        return self._compiled

    @property
    def groupindex(self):
        return self.compiled.groupindex

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        if self.trusted:
            return self.compiled.finditer(text, pos, endpos)
        return self._finditer_limited(text, pos, endpos)

    def _finditer_limited(self, text: str, pos: int, endpos: int):
        try:
            yield from self.compiled.finditer(text, pos, endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        if self.trusted:
            return self.compiled.search(text, pos, endpos)
        try:
            return self.compiled.search(text, pos, endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.source) from None


class LazyPattern:
    """A detector's regular expression, compiled on first use and not run on a text that
    lacks its required literals (a post without パスワード or PIN has no password).

    Most posts meet few of the detectors' patterns, so most are never compiled in a
    one-draft run and, in a batch, most posts are ruled out by a few substring tests.

    `scan_literal=True` moves to the `regex` module (in `re`'s syntax and behaviour,
    VERSION0) once the pattern has run on REGEX_AFTER texts. `re` tries a match at every
    position when a pattern opens with a look-behind or an optional part; `regex` first
    looks for a literal every match must contain (月, 時, :), and on the benchmark corpus
    ran the date and time patterns 5 to 12 times faster. But compiling with `regex`
    costs about 0.7 ms a pattern, every run, where `re` builds the pattern from the
    pattern cache for nothing: a run of a few drafts is quicker on `re`.
    """

    __slots__ = ("pattern", "_compiled", "_requirement", "_literals", "_scan_literal", "_runs")

    def __init__(self, source: str, gate: bool = True, scan_literal: bool = False):
        self.pattern = source
        self._compiled = None
        self._scan_literal = scan_literal
        self._runs = 0
        self._requirement = None
        # None: not analysed yet. Without a gate (where the substring tests would cost
        # more than the pattern, which most posts meet anyway) it is only compiled late.
        self._literals = None if gate else ((), ())

    def may_match(self, text: str) -> bool:
        if self._literals is None:
            self._requirement = regexcache.requirement(self.pattern)
            found = self._requirement.literals() if self._requirement else ()
            self._literals = (tuple(literal for literal in found if not literal.startswith(CASELESS)),
                              tuple(literal for literal in found if literal.startswith(CASELESS)))
        plain, caseless = self._literals
        if not plain and not caseless:
            return True
        present = {literal for literal in plain if literal in text}
        if caseless:
            folded = fold(text)
            present.update(literal for literal in caseless if literal[1:] in folded)
        return self._requirement.met(present)

    @property
    def compiled(self):
        """The compiled pattern this run uses now (see REGEX_AFTER)."""
        if self._compiled is None:
            self._compiled = regexcache.compile(self.pattern, guard=True)
        return self._compiled

    @property
    def scans_literal(self) -> bool:
        """Whether it has moved to `regex`, which looks for its literal itself."""
        return self._runs >= REGEX_AFTER

    def literal_scanner(self):
        """The pattern compiled with the `regex` module (VERSION0: re's syntax and behaviour)."""
        import regex

        return regex.compile(self.pattern, flags=regex.VERSION0)

    def _prepared(self, text: str):
        """The compiled pattern to run on `text`, or None when its literals rule it out."""
        if self._scan_literal and self._runs < REGEX_AFTER:
            self._runs += 1
            if self._runs == REGEX_AFTER:
                self._compiled = self.literal_scanner()
        # Once on `regex`, the substring tests would only repeat its own first step.
        if not self.scans_literal and not self.may_match(text):
            return None
        return self.compiled

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern = self._prepared(text)
        if pattern is None:
            return iter(())
        return pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern = self._prepared(text)
        if pattern is None:
            return None
        return pattern.search(text, pos, len(text) if endpos is None else endpos)


def _compile(source: str, trusted: bool):
    if trusted:
        try:
            return regexcache.compile(source, guard=True)
        except re.error as exc:
            raise PatternError(str(exc)) from None
    import regex  # only city packs and options need it

    try:
        # VERSION0: the same syntax and behaviour as the standard `re` module.
        return regex.compile(source, flags=regex.VERSION0)
    except regex.error as exc:
        raise PatternError(str(exc)) from None
