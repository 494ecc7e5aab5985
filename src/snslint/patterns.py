"""Regular expressions written in rule packs and their options, run with a time limit.

A city's own packs (`extend_rules`) come from a shared repository that many people edit,
so a pattern such as (a+)+$ must not be able to hang the linter: they are compiled with
the `regex` module, whose matching can be stopped after a timeout, and a timeout becomes
an error naming the rule. The packs shipped with snslint are reviewed and fuzzed in CI;
they are compiled with the standard `re`, which compiles about eight times faster.

Shipped patterns are also compiled only when first needed: a post is checked against a
pattern only when it contains the pattern's required literals (literals.py), and
most posts need only a handful of the 260 patterns, so a one-draft run compiles few.
"""

from __future__ import annotations

import re

from snslint.literals import requirement

# Seconds one search may take; real patterns need microseconds on a post.
MATCH_TIMEOUT = 1.0


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

    def __init__(self, source: str, trusted: bool = False):
        self.source = source
        self.trusted = trusted
        self._compiled = _compile(source, trusted)  # validates now: a bad pattern fails at load
        # `regex` syntax differs from `re` (fuzzy matching, \p{…}), so only `re` is analysed.
        self.requirement = requirement(source) if trusted else None

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


def _compile(source: str, trusted: bool):
    if trusted:
        try:
            return re.compile(source)
        except re.error as exc:
            raise PatternError(str(exc)) from None
    import regex  # only city packs and options need it

    try:
        # VERSION0: the same syntax and behaviour as the standard `re` module.
        return regex.compile(source, flags=regex.VERSION0)
    except regex.error as exc:
        raise PatternError(str(exc)) from None
