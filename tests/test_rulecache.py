"""The shipped packs are cached like bytecode; a cached rule set must lint exactly as a fresh one."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest
import yaml

from snslint import rulecache, rules
from snslint.engine import Engine

CORPORA = Path(__file__).parent / "corpus"


@pytest.fixture
def cache_at(tmp_path, monkeypatch):
    target = tmp_path / "pycache" / "rule-packs.pickle"
    monkeypatch.setattr(rulecache, "cache_file", lambda: target)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return target


def _packs():
    return sorted(rules.builtin_rules_dir().glob("*.yaml"))


def _build_counting(calls):
    def build():
        calls.append(1)
        return rules._load_packs(_packs(), trusted=True)
    return build


def test_the_second_load_comes_from_the_cache(cache_at):
    calls = []
    first = rulecache.load(_packs(), _build_counting(calls))
    assert cache_at.is_file() and len(calls) == 1
    second = rulecache.load(_packs(), _build_counting(calls))
    assert len(calls) == 1
    assert [r.id for r in second] == [r.id for r in first]
    # The cache holds sources, never compiled patterns.
    assert b"re.compile" not in cache_at.read_bytes() and b"_sre" not in cache_at.read_bytes()


def test_a_changed_pack_is_loaded_again(cache_at, tmp_path):
    packs = [tmp_path / "a.yaml"]
    packs[0].write_text((rules.builtin_rules_dir() / "links.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    calls = []
    build = lambda: (calls.append(1), rules._load_packs(packs, trusted=True))[1]  # noqa: E731
    rulecache.load(packs, build)
    stat = packs[0].stat()
    os.utime(packs[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    rulecache.load(packs, build)
    assert len(calls) == 2


def test_a_damaged_cache_is_rebuilt(cache_at):
    cache_at.parent.mkdir(parents=True)
    cache_at.write_bytes(b"\x80\x05not a pickle")
    calls = []
    loaded = rulecache.load(_packs(), _build_counting(calls))
    assert len(calls) == 1 and loaded
    assert pickle.loads(cache_at.read_bytes())[0] == rulecache.fingerprint(_packs())


def test_nothing_is_written_when_python_writes_no_bytecode(cache_at, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert rulecache.load(_packs(), _build_counting([]))
    assert not cache_at.exists()


def test_an_unwritable_place_only_costs_the_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(rulecache, "cache_file", lambda: blocker / "sub" / "rule-packs.pickle")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert rulecache.load(_packs(), _build_counting([]))


def test_the_cache_follows_pythons_bytecode_location():
    assert rulecache.cache_file().name.startswith("rule-packs.")
    assert rulecache.cache_file().suffix == ".pickle"


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPORA.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [item["text"] for item in data.get("drafts") or data.get("items") or []]
    return texts


def test_cached_rules_lint_every_corpus_text_as_fresh_ones():
    fresh = rules._load_packs(_packs(), trusted=True)
    cached = pickle.loads(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    fresh_engine, cached_engine = Engine(fresh), Engine(cached)
    texts = _corpus_texts()
    assert len(texts) > 1000
    for text in texts:
        assert cached_engine.lint_text(text) == fresh_engine.lint_text(text), text[:60]
