"""Small text helpers shared by rule loading and reports."""

from __future__ import annotations

import re

# YAML folding (`>`) joins lines with a space; Japanese prose has no spaces between words.
_FOLD_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def unfold_japanese(text: str) -> str:
    """Drop the spaces YAML folding put between two non-ASCII characters."""
    return _FOLD_SPACE.sub("", text)
