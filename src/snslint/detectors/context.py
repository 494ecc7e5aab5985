"""Context around a candidate: keywords before it, and whether a person is named near it.

Every look-around here is bounded (a fixed number of characters, clipped to the
line), so checking many candidates in a long draft stays linear in its length.
"""

from __future__ import annotations

import re

from snslint import regexcache

PERSON_POS = "名詞-固有名詞-人名"
# Anonymized people still identify someone to their neighbours: 〇〇さん, Aさん.
_PLACEHOLDER_PERSON = regexcache.compile(r"(?:[〇○◯●×]{1,3}|(?<![A-Za-z])[A-Z])(?:さん|様|さま|氏|君|くん|ちゃん)")
# A person's name needs at least one kanji or katakana; digit soup never has one, which
# spares the tokenizer on long runs of numbers.
_NAME_CHAR = regexcache.compile(r"[\u4e00-\u9fff\u3005\u30a1-\u30fa]")
# One-letter "names" (A評価, B級) count only with an honorific, which the placeholder
# pattern above already covers.
_ASCII = regexcache.compile(r"^[A-Za-z]$")


def line_window(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """[start - before, end + after), clipped to the line that holds the span."""
    low = max(0, start - before)
    break_before = text.rfind("\n", low, start)
    if break_before >= 0:
        low = break_before + 1
    high = min(len(text), end + after)
    break_after = text.find("\n", end, high)
    if break_after >= 0:
        high = break_after
    return low, high


def sentence_window(doc, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """Like line_window, but also clipped to the sentence (。！？ end one)."""
    low, high = line_window(doc.text, start, end, before, after)
    sentence_start, sentence_end = doc.sentence_at(start)
    return max(low, sentence_start), min(high, max(sentence_end, end))


def keyword_before(pattern: re.Pattern, text: str, start: int, end: int,
                   before: int, after: int = 0) -> int | None:
    """Distance from the nearest match of `pattern` to the span, or None.

    The keyword may end up to `before` characters before the span or start up to
    `after` characters after it, on the same line.
    """
    low, high = line_window(text, start, end, before, after)
    best = None
    for found in pattern.finditer(text, low, start):
        best = start - found.end()
    if best is not None:
        return max(best, 0)
    if after:
        found = pattern.search(text, end, high)
        if found:
            return found.start() - end
    return None


HONORIFICS = frozenset({"さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿"})
# ちゃん and くん follow given names the tokenizer does not know (陽向ちゃん);
# さん and 様 also follow 皆, お客 and 利用者, so they need a real name before them.
_FIRST_NAME_HONORIFICS = frozenset({"ちゃん", "くん", "君"})
_NOT_NAMES = frozenset({"皆", "赤", "子", "お子", "坊", "姉", "兄", "お客", "客"})


def honored_person_near(doc, low: int, high: int) -> bool:
    """Whether someone is named with an honorific (田中さん, 山本様, 蓮くん, 〇〇さん) in text[low:high].

    Public figures named by title (山田市長, 田中医師) and historical names without an
    honorific do not count: they are not private individuals in municipal posts.
    """
    text = doc.text
    if _PLACEHOLDER_PERSON.search(text, low, high):
        return True
    if not _NAME_CHAR.search(text, low, high):
        return False
    tokens = doc.tokens
    index = max(1, doc.token_index_at(low))
    while index < len(tokens) and tokens[index].start < high:
        token = tokens[index]
        if token.surface in HONORIFICS and token.pos.startswith("接尾辞"):
            previous = tokens[index - 1]
            if previous.end == token.start and previous.start >= low:
                if previous.pos.startswith(PERSON_POS) and not _ASCII.match(previous.surface):
                    return True
                if token.surface in _FIRST_NAME_HONORIFICS and previous.surface not in _NOT_NAMES \
                        and _NAME_CHAR.match(previous.surface):
                    return True
        index += 1
    return False
