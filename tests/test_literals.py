"""Required literals let the engine skip patterns; skipping must never lose a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from snslint.engine import Engine
from snslint.literals import LiteralIndex, Requirement, requirement
from snslint.matchers import PatternMatcher
from snslint.normalize import NormalizedText
from snslint.rules import load_rules

CORPORA = Path(__file__).parent / "corpus"


def _sets(pattern):
    found = requirement(pattern)
    return None if found is None else [set(sets) for sets in found.alternatives]


@pytest.mark.parametrize("pattern, expected", [
    ("噂|うわさ", [[{"噂"}], [{"うわさ"}]]),  # each top-level alternative on its own
    ("(?:職員|幹部)の間で", [[{"職員の間で", "幹部の間で"}]]),  # fixed alternatives concatenate
    ("(?:職員|幹部)[^。]の間で", [[{"職員", "幹部"}, {"の間で"}]]),  # else every part is required
    ("未確認(?!飛行)", [[{"未確認"}]]),
    ("(?<!皆)さん", [[{"さん"}]]),
    ("xy+z", [[{"x"}, {"y"}, {"z"}]]),  # a run of literals stops at a repeat
    ("(?:xyz)?abc", [[{"abc"}]]),
    ("[@＠][A-Za-z]{2,}", [[{"@", "＠"}]]),
    ("(?x) 個人 的 に", [[{"個人的に"}]]),  # verbose: spaces are not literals
    ("a{2,3}", [[{"a"}]]),
    ("x(?:ab|c[^d]e)y", [[{"x"}, {"ab", "c"}, {"y"}]]),  # a nested alternation: its best set
    ("(?i)AbC|x", [[{"\0abc"}], [{"\0x"}]]),  # case-insensitive: folded and marked
    ("秘|(?i:Top Secret)", [[{"秘"}], [{"\0top secret"}]]),
])
def test_requirement(pattern, expected):
    assert _sets(pattern) == [{frozenset(strings) for strings in sets} for sets in expected]


@pytest.mark.parametrize("pattern", [
    "(?i)ａbc",  # case folding beyond ASCII: a literal test could be wrong
    "x*", "(?:ab|)", "[^。]+", r"\d{4}", r"(a?)\1", "[a-z]", "(?:abc)?", "abc|[^x]",
])
def test_no_requirement_when_none_is_certain(pattern):
    assert requirement(pattern) is None


def test_a_pattern_the_parser_rejects_has_no_requirement():
    assert requirement("(unclosed") is None


def test_a_requirement_is_met_by_all_sets_of_one_alternative():
    found = Requirement(((frozenset({"aaa"}), frozenset({"b", "c"})), (frozenset({"z"}),)))
    assert found.literals() == {"aaa", "b", "c", "z"}

    def met(text):
        return found.met({literal for literal in found.literals() if literal in text})

    assert met("aaa c") and met("z")
    assert not met("aaa") and not met("b c") and not met("")


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


@settings(max_examples=600, derandomize=True)
@given(st.one_of(_regex_trees(), st.tuples(_regex_trees(), _regex_trees()).map("|".join),
                 _regex_trees().map(lambda p: f"(?i:{p})B"), _regex_trees().map(lambda p: "(?i)" + p)),
       st.text(alphabet="abcABİıſK", max_size=12))
def test_a_match_always_meets_the_requirement(pattern, text):
    required = requirement(pattern)
    if required is not None and re.search(pattern, text):
        assert required.met(LiteralIndex([required]).present(text))


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPORA.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("drafts") or data.get("items") or []:
            texts.append(item["text"])
    return texts


def test_every_shipped_pattern_match_in_the_corpora_meets_its_requirement():
    rules = load_rules()
    texts = _corpus_texts() + [ex for rule in rules for side in ("bad", "good") for ex in rule.examples[side]]
    engine = Engine(rules)
    matchers = [rule.matcher for rule in rules if isinstance(rule.matcher, PatternMatcher)]
    checked = 0
    for text in texts:  # rules see the normalized view
        view = NormalizedText(text).text
        present = engine._literals.present(view)
        for matcher in matchers:
            if matcher.requirement is not None and matcher.pattern.search(view):
                assert matcher.requirement.met(present), (matcher.pattern.source[:60], view[:60])
                checked += 1
    assert checked > 500  # the corpora do exercise the patterns


def test_most_shipped_patterns_have_literals():
    matchers = [rule.matcher for rule in load_rules() if isinstance(rule.matcher, PatternMatcher)]
    with_literals = [m for m in matchers if m.requirement is not None]
    assert len(with_literals) >= 0.9 * len(matchers)


def test_case_insensitive_literals_see_the_characters_re_folds_onto_ascii():
    text = "\u212a\u0130S\u017f"  # Kelvin sign, dotted capital I, S, long s
    required = requirement("(?i:kiss)")
    assert re.search("(?i:kiss)", text)
    assert required.met(LiteralIndex([required]).present(text))


_LITERAL_CHARS = st.sampled_from(list("ab市長の噂\n ") + ["\U0001f600", "\U00020b9f", "\ud800"])


@settings(max_examples=500, derandomize=True)
@given(st.lists(st.lists(_LITERAL_CHARS, min_size=1, max_size=4).map("".join), min_size=1, max_size=12),
       st.lists(_LITERAL_CHARS, max_size=30).map("".join))
def test_the_index_finds_exactly_the_literals_a_text_contains(literals, text):
    # Pairs at even and odd positions, one-character literals, astral characters and a
    # lone surrogate (library callers may pass one) all go through the encoded views.
    index = LiteralIndex([Requirement([[frozenset(literals)]])])
    assert index.present(text) == {literal for literal in literals if literal in text}


def test_the_cached_index_of_the_shipped_packs_serves_any_selection_of_them():
    from snslint.engine import select_rules

    loaded = load_rules()
    assert loaded.literal_index is not None
    some = select_rules(loaded, select=("personal-data", "personal-info", "links", "unverified"))
    shared, own = Engine(some, literal_index=loaded.literal_index), Engine(some)
    texts = _corpus_texts()
    assert sum(bool(own.lint_text(text)) for text in texts) > 50
    for text in texts:
        assert shared.lint_text(text) == own.lint_text(text), text[:60]


def test_a_city_pack_gets_an_index_of_its_own(tmp_path):
    pack = tmp_path / "city.yaml"
    pack.write_text("rules:\n  - id: city.test\n    guideline: \"8(4)ケ\"\n    severity: warning\n"
                    "    message: 市独自のルールです。\n    pattern: 独自語\n"
                    "    examples: {bad: [独自語を使う], good: [共通語を使う]}\n", encoding="utf-8")
    loaded = load_rules([pack])
    assert loaded.literal_index is None  # the shipped index lacks the city's literals
    assert [f.rule for f in Engine(loaded).lint_text("独自語を使う")] == ["city.test"]
