"""Regular expressions written in rule packs and their options, run with a time limit.

A city's own packs (`extend_rules`) come from a shared repository that many people edit,
so a pattern such as (a+)+$ must not be able to hang the linter: they are compiled with
the `regex` module, whose matching can be stopped after a timeout, and a timeout becomes
an error naming the rule. The packs shipped with snslint are reviewed and fuzzed in CI;
they are compiled with the standard `re`, which compiles about eight times faster and
keeps a one-draft run quick (260 patterns: 0.08 s instead of 0.6 s).
"""

from __future__ import annotations

import re

import regex

# Seconds one search may take; real patterns need microseconds on a post.
MATCH_TIMEOUT = 1.0

error = (regex.error, re.error)


class PatternTimeout(Exception):
    """A pack's pattern took longer than MATCH_TIMEOUT on a draft."""


def compile_pattern(source: str, trusted: bool = False):
    if trusted:
        return re.compile(source)
    # VERSION0: the same syntax and behaviour as the standard `re` module.
    return regex.compile(source, flags=regex.VERSION0)


def finditer(pattern, text: str, pos: int = 0, endpos: int | None = None):
    if isinstance(pattern, re.Pattern):
        return pattern.finditer(text, pos, len(text) if endpos is None else endpos)
    return _finditer_limited(pattern, text, pos, endpos)


def _finditer_limited(pattern, text: str, pos: int, endpos: int | None):
    try:
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                    timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(pattern, text: str, pos: int = 0, endpos: int | None = None):
    if isinstance(pattern, re.Pattern):
        return pattern.search(text, pos, len(text) if endpos is None else endpos)
    try:
        return pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None
