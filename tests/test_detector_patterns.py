"""Detector patterns compiled with `regex` for speed must find what `re` finds."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import snslint.detectors
from snslint.patterns import REGEX_AFTER, LazyPattern
from snslint.rules import load_rules

CORPUS = Path(__file__).parent / "corpus"


def scan_literal_patterns() -> dict[str, LazyPattern]:
    found = {}
    for module_info in pkgutil.iter_modules(snslint.detectors.__path__, "snslint.detectors."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern) and value._scan_literal:
                found[f"{module_info.name}.{name}"] = value
    return found


PATTERNS = scan_literal_patterns()


@lru_cache(maxsize=None)
def scanner(name: str):
    return PATTERNS[name].literal_scanner()


def test_the_date_and_time_patterns_move_to_regex_after_a_few_texts():
    names = {name.rsplit(".", 1)[1] for name in PATTERNS}
    assert {"_DATE", "_SLASH", "_ABBREVIATED", "_TIME", "_CLOCK"} <= names
    date = next(pattern for name, pattern in PATTERNS.items() if name.endswith("._DATE"))
    pattern = LazyPattern(date.pattern, scan_literal=True)
    text = "12月6日（土）10時から"
    runs = [type(pattern._prepared(text)).__module__ for _ in range(REGEX_AFTER + 2)]
    # A run of a few drafts stays on re (no regex compile); a repository moves to regex.
    assert runs[:REGEX_AFTER - 1] == ["re"] * (REGEX_AFTER - 1)
    assert runs[REGEX_AFTER - 1:] == ["_regex"] * 3


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    """Every text of the test corpora and every rule's good and bad example."""
    texts = []
    for path in sorted(CORPUS.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [item["text"] for item in data.get("drafts", data.get("items", []))]
    for rule in load_rules():
        texts += [text for examples in rule.examples.values() for text in examples if isinstance(text, str)]
    return tuple(texts)


def spans(pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


# What the patterns look at, and what `re` and `regex` might read differently: white
# space of every kind (\x1c-\x1f and U+0085 are white space to `re`), digits of other
# scripts, surrogates-free astral characters, and the patterns' own literals.
ALPHABET = st.sampled_from(
    list("0123456789０１２〇一二年月日時分午前後令和平成昭大正明治元昨来今R.H/:-・、〜~()[]（）"
         "月火水木金土日曜祝休振祭間 \t\n\u3000\x1c\x1f\x85\xa0\u2028\u180e\u200b٣۴߅aZ#+TELFAX")
    + ["\U0001d7d8", "\U0001f600"])


@pytest.mark.parametrize("name", sorted(PATTERNS))
@settings(max_examples=400, derandomize=True, deadline=None)
@given(text=st.lists(ALPHABET, max_size=40).map("".join))
def test_regex_finds_what_re_finds(name, text):
    pattern = PATTERNS[name]
    assert spans(scanner(name), text) == spans(re.compile(pattern.pattern), text)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_regex_finds_what_re_finds_in_the_corpus(name):
    pattern = PATTERNS[name]
    reference = re.compile(pattern.pattern)
    texts = corpus_texts()
    assert sum(bool(spans(reference, text)) for text in texts) >= 1  # the corpus exercises it
    for text in texts:
        assert spans(scanner(name), text) == spans(reference, text)


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(list("0９ー- ‐‑‒–—―−﹘﹣市ab")), max_size=30).map("".join))
def test_folding_dashes_is_a_same_length_translation(text):
    from snslint.detectors.numbers import DASHES, fold_dashes

    table = str.maketrans({dash: "-" for dash in DASHES})
    expected = re.sub(r"(?<=[0-9 ])ー(?=[0-9 ])", "-", text.translate(table))
    assert fold_dashes(text) == expected and len(fold_dashes(text)) == len(text)


def _all_lazy_patterns() -> dict[str, LazyPattern]:
    found = {}
    for module_info in pkgutil.iter_modules(snslint.detectors.__path__, "snslint.detectors."):
        for name, value in vars(importlib.import_module(module_info.name)).items():
            if isinstance(value, LazyPattern):
                found[f"{module_info.name}.{name}"] = value
    return found


@pytest.mark.parametrize("name", sorted(_all_lazy_patterns()))
def test_the_literal_gate_never_rules_out_a_text_the_pattern_matches(name):
    pattern = _all_lazy_patterns()[name]
    reference = re.compile(pattern.pattern)
    ruled_out = [text for text in corpus_texts() if not pattern.may_match(text)]
    assert not [text[:60] for text in ruled_out if reference.search(text)]
