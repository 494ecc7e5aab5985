"""The normalized view of a post and its map back to the original text.

Rules match against NFKC text with unified line breaks (so ＵＲＬ, ０９０ and ｶﾀｶﾅ match
their plain forms), but findings must point at the text the user wrote. NFKC is
applied per cluster (a base character with the marks that compose onto it), which
lets every normalized character be traced to the original span it came from.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

# Half-width voiced sound marks compose with the preceding kana under NFKC.
_JOINING = frozenset("\uff9e\uff9f")
# A line body and its break (empty at the end of the text).
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n)?")


def _joins_previous(ch: str) -> bool:
    return ch in _JOINING or unicodedata.combining(ch) != 0


class NormalizedText:
    """`text` is the normalized view; `span_to_original` maps spans back."""

    __slots__ = ("text", "_starts", "_ends", "_length")

    def __init__(self, original: str):
        self._length = len(original)
        if "\r" not in original and unicodedata.is_normalized("NFKC", original):
            # Most drafts: nothing changes, so the map is the identity and costs nothing.
            self.text = original
            self._starts = self._ends = None
            return
        self._build(original)

    def _build(self, original: str) -> None:
        pieces: list[str] = []
        starts = array("l")
        ends = array("l")
        for line in _LINE.finditer(original):
            begin, end = line.span(1)
            body = original[begin:end]
            if unicodedata.is_normalized("NFKC", body):
                # Most lines survive NFKC unchanged: map them in bulk, not per character.
                pieces.append(body)
                starts.extend(range(begin, end))
                ends.extend(range(begin + 1, end + 1))
            else:
                self._add_clusters(original, begin, end, pieces, starts, ends)
            if line.group(2):
                pieces.append("\n")
                starts.append(line.start(2))
                ends.append(line.end(2))
        self.text = "".join(pieces)
        self._starts = starts
        self._ends = ends

    @staticmethod
    def _add_clusters(original, begin, end, pieces, starts, ends) -> None:
        for cluster_start, cluster_end in _clusters(original, begin, end):
            out = unicodedata.normalize("NFKC", original[cluster_start:cluster_end])
            pieces.append(out)
            starts.extend([cluster_start] * len(out))
            ends.extend([cluster_end] * len(out))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) to the smallest original span covering it."""
        if self._starts is None:
            return start, end
        size = len(self._starts)
        if start >= size:
            return self._length, self._length
        original_start = self._starts[start]
        if end <= start:
            return original_start, original_start
        return original_start, self._ends[min(end, size) - 1]


def _clusters(text: str, start: int, stop: int):
    """Yield (start, end) of the normalization clusters in text[start:stop]."""
    index = start + 1
    while start < stop:
        while index < stop and _joins_previous(text[index]):
            index += 1
        yield start, index
        start = index
        index += 1
