"""Edits of a text that cannot change what it says, one finder per kind of character.

Each finder yields (start, end, replacement) edits. A readability rule's detector reports
what its finder finds, and `--fix` (fix.py) applies the same edits, so a fixed draft is
clean for that rule by construction. Linting needs only this module, not the file fixing.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator, NamedTuple

from snslint import regexcache


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str


_HALFWIDTH_KATAKANA = regexcache.compile(r"[\uFF61-\uFF9F]+")
# A lone half-width sound mark at the start of a run has nothing to join; NFKC would
# make it a combining mark that lands on whatever precedes it.
_SPACING_MARKS = {"\uFF9E": "\u309B", "\uFF9F": "\u309C"}


def widen_katakana(run: str) -> str:
    head = ""
    while run and run[0] in _SPACING_MARKS:
        head += _SPACING_MARKS[run[0]]
        run = run[1:]
    return head + unicodedata.normalize("NFKC", run)


def find_halfwidth_katakana(text: str) -> Iterator[Edit]:
    for found in _HALFWIDTH_KATAKANA.finditer(text):
        yield Edit(found.start(), found.end(), widen_katakana(found.group()))


# Code point ranges of the characters Japanese accessibility guides call 機種依存文字:
# the NEC and IBM extensions of Shift_JIS that other systems lacked or drew
# differently, and which screen readers read inconsistently (① as まるいち, まる1 or
# nothing). Each range is (first, last, how to write it plainly).
_ENCLOSED, _NFKC = "enclosed", "nfkc"
_MACHINE_DEPENDENT_RANGES = (
    (0x2116, 0x2116, _NFKC),     # №
    (0x2121, 0x2121, _NFKC),     # ℡
    (0x2160, 0x217F, _NFKC),     # Ⅰ … ⅿ Roman numerals
    (0x2460, 0x2487, _ENCLOSED), # ① … ⑳, ⑴ … ⒇
    (0x2488, 0x249B, _NFKC),     # ⒈ … ⒛ (digit full stop: 1.)
    (0x249C, 0x24FF, _ENCLOSED), # ⒜ … ⒵, Ⓐ … ⓩ, ⓪, ⓫ … ⓿
    (0x2776, 0x2793, _ENCLOSED), # ❶ … ➓
    (0x3220, 0x3243, _ENCLOSED), # ㈠ … ㉃ (㈱ ㈲ ㈹ …)
    (0x3251, 0x325F, _ENCLOSED), # ㉑ … ㉟
    (0x3280, 0x32B0, _ENCLOSED), # ㊀ … ㊰ (㊤ ㊥ ㊦ ㊧ ㊨ ㊙ …)
    (0x32B1, 0x32BF, _ENCLOSED), # ㊱ … ㊿
    (0x32D0, 0x32FE, _ENCLOSED), # ㋐ … ㋾
    (0x32FF, 0x32FF, _NFKC),     # ㋿ 令和
    (0x3300, 0x3357, _NFKC),     # ㌀ … ㍗ (㌔ ㌢ ㍍ ㌘ ㌧ ㌦ …)
    (0x3371, 0x33DF, _NFKC),     # ㍱ … ㏟ (㍻ ㍼ ㍽ ㍾ ㍿, ㎜ ㎝ ㎞ ㎎ ㎏ ㏄ …)
    (0x33E0, 0x33FF, _NFKC),     # ㏠ … ㏿ (1日 … 31日)
)
_SPELLED_OUT = {
    "\u2116": "No.", "\u2121": "TEL",
    "\u339F": "平方ミリメートル", "\u33A0": "平方センチメートル", "\u33A1": "平方メートル",
    "\u33A2": "平方キロメートル", "\u33A3": "立方ミリメートル", "\u33A4": "立方センチメートル",
    "\u33A5": "立方メートル", "\u33A6": "立方キロメートル",
}
_MACHINE_DEPENDENT = regexcache.compile(
    "[" + "".join(f"\\u{a:04X}-\\u{b:04X}" for a, b, _ in _MACHINE_DEPENDENT_RANGES) + "]+")


def _how(char: str) -> str:
    code = ord(char)
    for first, last, how in _MACHINE_DEPENDENT_RANGES:
        if first <= code <= last:
            return how
    return _NFKC


def plain_form(char: str) -> str:
    """How to write one machine-dependent character with ordinary characters."""
    if char in _SPELLED_OUT:
        return _SPELLED_OUT[char]
    folded = unicodedata.normalize("NFKC", char)
    if _how(char) != _ENCLOSED:
        return folded
    inner = folded.strip("()")
    if inner == char or not inner:
        # Negative and double circled numbers (❶, ⓫, ⓵) have no decomposition.
        value = unicodedata.numeric(char, None)
        inner = str(int(value)) if value is not None else char
    return f"（{inner}）"


def find_machine_dependent(text: str) -> Iterator[Edit]:
    for found in _MACHINE_DEPENDENT.finditer(text):
        yield Edit(found.start(), found.end(), "".join(map(plain_form, found.group())))


_TRAILING_SPACE = regexcache.compile(r"[ \t\u3000]+(?=\r\n|\r|\n|\Z)")


def find_trailing_spaces(text: str) -> Iterator[Edit]:
    for found in _TRAILING_SPACE.finditer(text):
        yield Edit(found.start(), found.end(), "")


_COMPATIBILITY_IDEOGRAPH = regexcache.compile("[\uF900-\uFAFF\U0002F800-\U0002FA1F]")


def find_unnormalized(text: str) -> Iterator[Edit]:
    """Clusters that NFC would change (decomposed が, Ω as OHM SIGN, …)."""
    if unicodedata.is_normalized("NFC", text):
        return
    import regex

    # NFC composes only within a grapheme cluster, so clusters can be fixed one by one.
    for found in regex.finditer(r"\X", text):
        cluster = found.group()
        if unicodedata.is_normalized("NFC", cluster) or _COMPATIBILITY_IDEOGRAPH.search(cluster):
            continue
        yield Edit(found.start(), found.end(), unicodedata.normalize("NFC", cluster))
