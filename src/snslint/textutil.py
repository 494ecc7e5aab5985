"""Small text helpers shared by rule loading and reports."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from snslint import regexcache

# YAML folding (`>`) joins lines with a space; Japanese prose has no spaces between words.
_FOLD_SPACE = regexcache.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def unfold_japanese(text: str) -> str:
    """Drop the spaces YAML folding put between two non-ASCII characters."""
    return _FOLD_SPACE.sub("", text)


def cell_len(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(map(_cell_width, text))


@lru_cache(maxsize=4096)
def _cell_width(char: str) -> int:
    # Marks, format characters (ZWJ, variation selectors) and skin-tone modifiers join
    # the character before them.
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf") \
            or "\U0001F3FB" <= char <= "\U0001F3FF":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
