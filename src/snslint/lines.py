"""Line and column numbers (1-based, in code points) for offsets in the original text."""

from __future__ import annotations

from bisect import bisect_right

from snslint import regexcache

_BREAK = regexcache.compile(r"\r\n|\r|\n")


class LineIndex:
    __slots__ = ("_starts", "_text")

    def __init__(self, text: str):
        self._text = text
        self._starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def locate(self, offset: int) -> tuple[int, int]:
        """Return (line, column) of an offset; both 1-based."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")
