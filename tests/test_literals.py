"""Required literals let the engine skip patterns; skipping must never lose a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from snslint.engine import Engine
from snslint.literals import LiteralIndex, required_literals
from snslint.matchers import PatternMatcher
from snslint.normalize import NormalizedText
from snslint.rules import load_rules

CORPORA = Path(__file__).parent / "corpus"


@pytest.mark.parametrize("pattern, expected", [
    ("噂|うわさ", {"噂", "うわさ"}),
    ("(?:職員|幹部)の間で", {"職員の間で", "幹部の間で"}),  # fixed alternatives concatenate
    ("(?:職員|幹部)[^。]の間で", {"の間で"}),  # else the longest required part
    ("未確認(?!飛行)", {"未確認"}),
    ("(?<!皆)さん", {"さん"}),
    ("xy+z", {"x"}),  # a run of literals stops at a repeat
    ("(?:xyz)?abc", {"abc"}),
    ("[@＠][A-Za-z]{2,}", {"@", "＠"}),
    ("(?x) 個人 的 に", {"個人的に"}),  # verbose: spaces are not literals
    ("a{2,3}", {"a"}),
])
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [
    "(?i)abc",  # case folding: a literal test would be wrong
    "x*", "(?:ab|)", "[^。]+", r"\d{4}", r"(a?)\1", "[a-z]", "(?:abc)?",
])
def test_no_requirement_when_none_is_certain(pattern):
    assert required_literals(pattern) is None


def test_a_pattern_the_parser_rejects_has_no_requirement():
    assert required_literals("(unclosed") is None


def _regex_trees():
    atom = st.sampled_from(["a", "b", "ab", "ba", "[ab]", "[^a]", ".", r"\b", "(?=a)", "(?!b)", "(?<=a)"])

    def extend(inner):
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            inner.map(lambda p: f"(?:{p})?"),
            inner.map(lambda p: f"(?:{p})*"),
            inner.map(lambda p: f"(?:{p})+"),
            inner.map(lambda p: f"(?:{p}){{1,2}}"),
            inner.map(lambda p: f"({p})"),
        )

    return st.recursive(atom, extend, max_leaves=8)


@settings(max_examples=400, derandomize=True)
@given(_regex_trees(), st.text(alphabet="abc", max_size=12))
def test_a_match_always_contains_a_required_literal(pattern, text):
    required = required_literals(pattern)
    if required is not None and re.search(pattern, text):
        assert any(literal in text for literal in required)
        assert required & LiteralIndex([required]).present(text)


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPORA.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("drafts") or data.get("items") or []:
            texts.append(item["text"])
    return texts


def test_every_shipped_pattern_match_in_the_corpora_is_found_by_its_literals():
    rules = load_rules()
    texts = _corpus_texts() + [ex for rule in rules for side in ("bad", "good") for ex in rule.examples[side]]
    engine = Engine(rules)
    matchers = [rule.matcher for rule in rules if isinstance(rule.matcher, PatternMatcher)]
    checked = 0
    for text in texts:  # rules see the normalized view
        view = NormalizedText(text).text
        present = engine._literals.present(view)
        for matcher in matchers:
            if matcher.literals is not None and matcher.pattern.search(view):
                assert not matcher.literals.isdisjoint(present), (matcher.pattern.source[:60], view[:60])
                checked += 1
    assert checked > 500  # the corpora do exercise the patterns


def test_most_shipped_patterns_have_literals():
    matchers = [rule.matcher for rule in load_rules() if isinstance(rule.matcher, PatternMatcher)]
    with_literals = [m for m in matchers if m.literals is not None]
    assert len(with_literals) >= 0.9 * len(matchers)
