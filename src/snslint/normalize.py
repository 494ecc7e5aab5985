"""The normalized view of a post and its map back to the original text.

Rules match against NFKC text with unified line breaks (so ＵＲＬ, ０９０ and ｶﾀｶﾅ match
their plain forms), but findings must point at the text the user wrote. NFKC is
applied per cluster (a base character with the marks that compose onto it), which
lets every normalized character be traced to the original span it came from.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from snslint import regexcache

# Half-width voiced sound marks compose with the preceding kana under NFKC.
_JOINING = frozenset("\uff9e\uff9f")
# A line body and its break (empty at the end of the text).
_LINE = regexcache.compile(r"([^\r\n]*)(\r\n|\r|\n)?")
# Runs of characters NFKC leaves alone whatever surrounds them (tests/test_positions.py
# checks each): printable ASCII, Japanese punctuation and brackets, kana, the unified
# kanji. Japanese lines mix them with full-width forms (（水）、！) that NFKC changes;
# only those few need the per-cluster treatment.
_STABLE_RUN = regexcache.compile("[\x20-\x7e\u3001-\u3003\u3005-\u3007\u300c-\u3011"
                         "\u3041-\u3096\u30a1-\u30fa\u30fc-\u30fe\u4e00-\u9fff]+")


def _joins_previous(ch: str) -> bool:
    return ch in _JOINING or unicodedata.combining(ch) != 0


class _Segments:
    """The map from normalized offsets to original spans, one entry per run.

    A one-to-one run maps character by character (text NFKC left alone, and single
    characters it replaced by one other: （ by ( ); any other entry is one cluster (or
    a CRLF), all of whose normalized characters map to the whole original span.
    """

    __slots__ = ("starts", "origins", "origin_ends", "one_to_one")

    def __init__(self):
        self.starts: list[int] = []  # normalized offset where each entry begins
        self.origins: list[int] = []
        self.origin_ends: list[int] = []
        self.one_to_one: list[bool] = []

    def add(self, start: int, origin: int, origin_end: int, one_to_one: bool) -> None:
        if one_to_one and self.one_to_one and self.one_to_one[-1] and self.origin_ends[-1] == origin \
                and self.starts[-1] + (origin - self.origins[-1]) == start:
            self.origin_ends[-1] = origin_end  # extends the previous one-to-one run
            return
        self.starts.append(start)
        self.origins.append(origin)
        self.origin_ends.append(origin_end)
        self.one_to_one.append(one_to_one)

    def span_of(self, index: int) -> tuple[int, int]:
        entry = bisect_right(self.starts, index) - 1
        if self.one_to_one[entry]:
            origin = self.origins[entry] + index - self.starts[entry]
            return origin, origin + 1
        return self.origins[entry], self.origin_ends[entry]


class NormalizedText:
    """`text` is the normalized view; `span_to_original` maps spans back."""

    __slots__ = ("text", "_segments", "_length")

    def __init__(self, original: str):
        self._length = len(original)
        self._segments = None
        if "\r" not in original and unicodedata.is_normalized("NFKC", original):
            # Most drafts: nothing changes, so the map is the identity and costs nothing.
            self.text = original
            return
        self._build(original)

    def _build(self, original: str) -> None:
        pieces: list[str] = []
        segments = _Segments()
        self._segments = segments
        size = 0
        for line in _LINE.finditer(original):
            begin, end = line.span(1)
            body = original[begin:end]
            if unicodedata.is_normalized("NFKC", body):
                # Most lines survive NFKC unchanged: one one-to-one run.
                pieces.append(body)
                segments.add(size, begin, end, True)
                size += end - begin
            else:
                size = self._add_mixed(original, begin, end, pieces, segments, size)
            if line.group(2):
                pieces.append("\n")
                segments.add(size, line.start(2), line.end(2), line.group(2) == "\n")
                size += 1
        self.text = "".join(pieces)

    @classmethod
    def _add_mixed(cls, original, begin, end, pieces, segments, size) -> int:
        """A line NFKC changes: stable runs in bulk, the rest cluster by cluster."""
        position = begin
        for run in _STABLE_RUN.finditer(original, begin, end):
            run_start, run_end = run.span()
            if run_end < end and _joins_previous(original[run_end]):
                run_end -= 1  # a mark after the run composes onto its last character
            if run_end <= run_start:
                continue
            if run_start > position:
                size = cls._add_clusters(original, position, run_start, pieces, segments, size)
            pieces.append(original[run_start:run_end])
            segments.add(size, run_start, run_end, True)
            size += run_end - run_start
            position = run_end
        if position < end:
            size = cls._add_clusters(original, position, end, pieces, segments, size)
        return size

    @staticmethod
    def _add_clusters(original, begin, end, pieces, segments, size) -> int:
        for cluster_start, cluster_end in _clusters(original, begin, end):
            source = original[cluster_start:cluster_end]
            out = unicodedata.normalize("NFKC", source)
            if out:
                pieces.append(out)
                segments.add(size, cluster_start, cluster_end, len(source) == 1 and len(out) == 1)
                size += len(out)
        return size

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) to the smallest original span covering it."""
        if self._segments is None:
            return start, end
        size = len(self.text)
        if start >= size:
            return self._length, self._length
        original_start = self._segments.span_of(start)[0]
        if end <= start:
            return original_start, original_start
        return original_start, self._segments.span_of(min(end, size) - 1)[1]


def _clusters(text: str, start: int, stop: int):
    """Yield (start, end) of the normalization clusters in text[start:stop]."""
    index = start + 1
    while start < stop:
        while index < stop and _joins_previous(text[index]):
            index += 1
        yield start, index
        start = index
        index += 1
