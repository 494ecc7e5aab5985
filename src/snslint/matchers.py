"""The generic matchers a YAML rule can name: word lists, patterns, context filters.

All of them work on a Document's normalized view and report Matches in its offsets.
"""

from __future__ import annotations

from typing import Iterable

from snslint.findings import Match
from snslint.tokens import lemma_sequence


class WordEntry:
    """One word-list entry: a lemma sequence with optional POS and form constraints."""

    __slots__ = ("word", "keys", "pos", "forms")

    def __init__(self, word: str, pos: tuple[str, ...] = (), forms: tuple[str, ...] = ()):
        self.word = word
        # An entry without a word matches any single token of the given part of speech.
        self.keys = lemma_sequence(word) if word else ()
        self.pos = pos
        self.forms = forms

    def matches_at(self, tokens, index: int) -> int:
        """Return the index after the match, or -1."""
        end = index + max(1, len(self.keys))
        if end > len(tokens):
            return -1
        for offset, key in enumerate(self.keys):
            if tokens[index + offset].key != key:
                return -1
        if self.pos and not tokens[index].pos.startswith(self.pos):
            return -1
        if self.forms and not _form_of(tokens, end - 1).startswith(self.forms):
            return -1
        return end


# UniDic often reads a sentence-final godan imperative (殴れ) as the renyokei of the
# potential verb (殴れる), with the same lemma; the e-row ending at a sentence end gives it away.
_E_ROW = frozenset("えけせてねへめれげぜでべぺ")


def _form_of(tokens, index: int) -> str:
    token = tokens[index]
    if token.cform.startswith("連用形") and token.surface[-1:] in _E_ROW and token.pos.startswith("動詞"):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None or following.pos.startswith(("補助記号", "助詞-終助詞")) \
                or following.start > token.end:
            return "命令形"
    return token.cform


class WordMatcher:
    """Dictionary forms matched on tokens: 殺す matches 殺せ and 殺して, never 殺菌."""

    def __init__(self, entries: list[WordEntry]):
        self.entries = entries
        self._by_first: dict[str, list[WordEntry]] = {}
        self._by_pos = [entry for entry in entries if not entry.keys]
        for entry in entries:
            if entry.keys:
                self._by_first.setdefault(entry.keys[0], []).append(entry)
        # The engine skips this matcher on a post with none of these token keys
        # (None: a part-of-speech entry can match any post).
        self.keys = None if self._by_pos else frozenset(self._by_first)

    def __call__(self, doc) -> Iterable[Match]:
        return self.find(doc.tokens, 0, len(doc.tokens))

    def find(self, tokens, first: int, last: int) -> Iterable[Match]:
        by_first = self._by_first
        for index in range(first, last):
            candidates = by_first.get(tokens[index].key, ())
            for entry in (*candidates, *self._by_pos) if self._by_pos else candidates:
                end = entry.matches_at(tokens, index)
                if 0 <= end <= last:
                    yield Match(tokens[index].start, tokens[end - 1].end,
                                data={"word": entry.word})
                    break

    def occurs_between(self, doc, start: int, end: int) -> bool:
        tokens = doc.tokens
        first = doc.token_index_at(start)
        last = first
        while last < len(tokens) and tokens[last].start < end:
            last += 1
        return any(True for _ in self.find(tokens, first, last))


class PatternMatcher:
    """A regular expression over the normalized view.

    A group named `hit` narrows the reported span; alternatives that report different
    parts name theirs `hit_2`, `hit_3`… (group names must be unique), and the first
    group that took part in the match wins.
    """

    def __init__(self, pattern):
        self.pattern = pattern
        self._hits = sorted(name for name in pattern.groupindex if name == "hit" or name.startswith("hit_"))

    @property
    def requirement(self):
        """What a post must contain to match (literals.Requirement), or None."""
        return self.pattern.requirement

    def __call__(self, doc) -> Iterable[Match]:
        for found in self.pattern.finditer(doc.text):
            start, end = self._span(found)
            if end > start:
                yield Match(start, end, data={"word": found.group(0)})

    def _span(self, found) -> tuple[int, int]:
        for name in self._hits:
            if found.start(name) >= 0:
                return found.span(name)
        return found.span()


SCOPES = ("sentence", "line", "window", "document")


class Context:
    """Words or patterns near a match: `unless` makes it innocent, `requires` makes it count."""

    def __init__(self, words: WordMatcher | None, patterns: list,
                 scope: str = "sentence", window: int = 20):
        self.words = words
        self.patterns = patterns
        self.scope = scope
        self.window = window

    def span(self, doc, match: Match) -> tuple[int, int]:
        if self.scope == "sentence":
            return doc.sentence_at(match.start)
        if self.scope == "line":
            return doc.line_at(match.start)
        if self.scope == "window":
            return max(0, match.start - self.window), min(len(doc.text), match.end + self.window)
        return 0, len(doc.text)

    def present(self, doc, match: Match) -> bool:
        start, end = self.span(doc, match)
        for pattern in self.patterns:
            if pattern.search(doc.text, start, end):
                return True
        return self.words is not None and self.words.occurs_between(doc, start, end)
