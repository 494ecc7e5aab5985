"""The Document: what every rule reads. Built once per draft, never re-tokenized."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from snslint import regexcache
from snslint.lines import LineIndex
from snslint.normalize import NormalizedText
from snslint.tokens import Token, tokenize

_SENTENCE_END = regexcache.compile(r"[。！？!?\n]+")


class Document:
    """A draft: original text (positions refer to it) and a normalized view of its body.

    `text` is the normalized body; every offset a rule produces is an offset into
    `text`, and `to_original` turns it into an offset range of `original`.
    """

    def __init__(self, original: str, *, path: str = "<text>", body_start: int = 0,
                 meta: dict | None = None, platform: str | None = None,
                 config=None):
        self.original = original
        self.path = path
        self.body_start = body_start
        self.meta = meta or {}
        self.platform = platform
        self.config = config
        self._normalized = NormalizedText(original[body_start:])
        self._shared: dict = {}

    @property
    def text(self) -> str:
        return self._normalized.text

    @property
    def body(self) -> str:
        return self.original[self.body_start:]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        begin, finish = self._normalized.span_to_original(start, end)
        return begin + self.body_start, finish + self.body_start

    def shared(self, key, compute):
        """What `compute(self)` returns, computed once for every rule that asks by `key`.

        Detectors share their per-draft work here (the date analysis, the numbers, the
        post as published), so it lives and dies with the draft.
        """
        try:
            return self._shared[key]
        except KeyError:
            value = self._shared[key] = compute(self)
            return value

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.original)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def urls(self) -> list:
        """URLs in `text` (snslint.urls.Url), found once for every rule that needs them."""
        if "." not in self.text:
            return []
        from snslint.urls import extract_urls

        return extract_urls(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence in `text`, split at 。！？ and line breaks."""
        spans = []
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            if match.end() > start:
                spans.append((start, match.end()))
            start = match.end()
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _end in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[index] if index >= 0 else (0, len(self.text))

    def line_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the normalized line holding `offset`, without its break."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    @cached_property
    def _token_ends(self) -> list[int]:
        return [token.end for token in self.tokens]

    def token_index_at(self, offset: int) -> int:
        """Index of the first token that ends after `offset`."""
        return bisect_right(self._token_ends, offset)
