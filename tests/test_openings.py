"""A look-ahead for a pattern's opening characters must never change what it matches."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import snslint.detectors
from snslint import urls
from snslint.matchers import PatternMatcher
from snslint.openings import guarded, opening_ranges
from snslint.patterns import LazyPattern
from snslint.rules import load_rules
from test_detector_patterns import corpus_texts


def _chars(ranges):
    return None if ranges is None else {chr(code) for first, last in ranges for code in range(first, last + 1)}


@pytest.mark.parametrize("source, opening", [
    ("噂|うわさ", {"噂", "う"}),
    ("(?:知人|友人)?から聞いた", {"知", "友", "か"}),
    ("(?<![」』])って聞いた", {"っ"}),  # a look-behind opens nothing
    ("(?=.*市)長崎", {"長"}),  # nor does a look-ahead
    (r"\b(?:ab|c)", {"a", "c"}),
    ("[〇○]{2}さん|様", {"〇", "○", "様"}),
    ("(?P<ctx>入院)?(?:田中)(?(ctx)さん|様)", {"入", "田"}),
    ("(?x) # a comment\n  (?:未 | 確)  認", {"未", "確"}),
    ("(?i)tel", {"t", "T"}),  # ignoring case: both cases of an ASCII letter
    ("(?i:https?)://|www", {"h", "H", "w"}),
    ("(?i)(?-i:a)b", {"a"}),
])
def test_opening_characters(source, opening):
    assert _chars(opening_ranges(source)) == opening


@pytest.mark.parametrize("source", [
    "a*",  # can match the empty string: every position is an opening
    "(?:噂)?",
    "(?i)sms",  # ignoring case, ſ (long s) matches s as well
    "(?i:kyc)",  # and the Kelvin sign k
    "(?i)[a-z]+",  # case-insensitive classes are not spelled out
    "[^。]+です",
    ".市",
    r"(a?)\1b",  # a back-reference may open the match
    "(unclosed",
])
def test_no_opening_characters_where_they_are_not_worked_out(source):
    assert opening_ranges(source) is None
    assert guarded(source) == source


def test_classes_by_category_are_kept_as_written():
    assert opening_ranges(r"\d+円") == [r"\d"]
    assert opening_ranges(r"(?:\s|[a-c])x") == [(ord("a"), ord("c")), r"\s"]
    pattern = re.compile(guarded(r"(?<![0-9])\d{1,2}月"))
    assert [m.group() for m in pattern.finditer("12月と３月、2025月")] == ["12月", "３月"]


def test_a_kanji_range_stays_a_range():
    assert opening_ranges("[一-龥々]{1,4}さん") == [(ord("々"), ord("々")), (ord("一"), ord("龥"))]


@pytest.mark.parametrize("source, text, expected", [
    ("(?x) 噂  # a comment on the last line", "噂です", ["噂"]),
    ("(?xs)未.認 # verbose and dotall stay global", "未\n認", ["未\n認"]),
    ("(?P<hit>田中)(?:さん|様)", "田中様と田中さん", ["田中", "田中"]),
])
def test_guarded_patterns_keep_flags_comments_and_groups(source, text, expected):
    pattern = re.compile(guarded(source))
    assert guarded(source) != source
    assert pattern.findall(text) == expected == re.compile(source).findall(text)
    assert pattern.groupindex == re.compile(source).groupindex


def _shipped_patterns() -> dict[str, str]:
    """Every pattern that is compiled with the look-ahead: the packs' and the detectors'."""
    found = {rule.id: rule.matcher.pattern.source for rule in load_rules()
             if isinstance(rule.matcher, PatternMatcher)}
    for module_info in pkgutil.iter_modules(snslint.detectors.__path__, "snslint.detectors."):
        for name, value in vars(importlib.import_module(module_info.name)).items():
            if isinstance(value, LazyPattern):  # scan_literal ones too: they start on re
                found[f"{module_info.name}.{name}"] = value.pattern
    found["snslint.urls.CANDIDATE"] = urls.CANDIDATE
    return found


PATTERNS = _shipped_patterns()


def _spans(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_most_shipped_patterns_get_a_look_ahead():
    assert sum(guarded(source) != source for source in PATTERNS.values()) >= 0.8 * len(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_shipped_pattern_finds_the_same_with_its_look_ahead_in_the_corpus(name):
    plain, fast = re.compile(PATTERNS[name]), re.compile(guarded(PATTERNS[name]))
    for text in corpus_texts():
        assert _spans(fast, text) == _spans(plain, text), text[:60]


@settings(max_examples=500, derandomize=True, deadline=None)
@given(data=st.data())
def test_a_shipped_pattern_finds_the_same_with_its_look_ahead_in_any_text(data):
    # Texts made of the pattern's own characters come close to matching, often.
    source = data.draw(st.sampled_from(sorted(PATTERNS.values())))
    alphabet = sorted(set(source) - set("\\()[]{}?*+|^$")) + ["。", "\n", " ", "h", "H", "ｈ"]
    text = data.draw(st.lists(st.sampled_from(alphabet), max_size=40).map("".join))
    assert _spans(re.compile(guarded(source)), text) == _spans(re.compile(source), text)
