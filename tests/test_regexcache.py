"""snslint's patterns are kept compiled between runs; a kept pattern must be exactly re's."""

from __future__ import annotations

import marshal
import re
import sys

import pytest

from snslint import regexcache
from snslint.engine import Engine
from snslint.openings import guarded
from snslint.rules import load_rules

pytestmark = pytest.mark.skipif(regexcache.BUILD is None, reason="this Python's re has no parts to keep")

SAMPLES = [
    r"(?x) (?P<year>\d{4}) 年 (?P<month>\d{1,2}) 月",
    r"[\u4e00-\u9fff\u3005\u30a1-\u30fa]{2,}(?:さん|様)",
    r"(?i)https?://(?:www\.)?city\.nagasaki\.lg\.jp/",
    r"(?<![0-9])0\d{1,4}-\d{1,4}-\d{4}(?![0-9])",
]


@pytest.fixture
def cache_at(tmp_path, monkeypatch):
    """A fresh, empty pattern cache in a temporary folder, as in a new installation."""
    target = tmp_path / "pycache" / "regex-code.marshal"
    monkeypatch.setattr(regexcache, "file_path", lambda: target)
    _new_process(monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return target


def _new_process(monkeypatch):
    # What a later run starts with: nothing but the file.
    monkeypatch.setattr(regexcache, "_patterns", regexcache._Kept(packed=True))
    monkeypatch.setattr(regexcache, "_requirements", regexcache._Kept())


@pytest.mark.parametrize("guard", [False, True])
def test_a_saved_pattern_is_used_by_the_next_run_and_equals_res(cache_at, monkeypatch, guard):
    first = [regexcache.compile(source, guard=guard) for source in SAMPLES]
    assert regexcache.save() and cache_at.is_file()
    _new_process(monkeypatch)
    second = [regexcache.compile(source, guard=guard) for source in SAMPLES]
    assert regexcache._patterns.added == {}  # nothing compiled again
    for source, before, after in zip(SAMPLES, first, second):
        expected = re.compile(guarded(source) if guard else source)
        # Patterns compare by flags, source and the matcher's code.
        assert after == before == expected
        assert after.groupindex == expected.groupindex == re.compile(source).groupindex
        assert after.groups == expected.groups == re.compile(source).groups


TEXTS = ["【部外秘】11月3日(火)に説明会。問合せ 095-825-5151 https://bit.ly/x #長崎",
         "令和8年11月25日（水）10時から、○○さんの住所は長崎市桜町2-22です。"]


def test_a_lint_from_kept_patterns_finds_what_a_fresh_one_finds(cache_at, monkeypatch):
    engine = Engine(load_rules())
    before = [engine.lint_text(text) for text in TEXTS]
    regexcache.save()
    _new_process(monkeypatch)
    assert [Engine(load_rules()).lint_text(text) for text in TEXTS] == before


def test_a_file_of_another_python_build_is_ignored(cache_at, monkeypatch):
    regexcache.compile(SAMPLES[0])
    regexcache.save()
    build, *rest = marshal.loads(cache_at.read_bytes())
    cache_at.write_bytes(marshal.dumps(((*build[:1], "another Python", *build[2:]), *rest)))
    _new_process(monkeypatch)
    assert regexcache.compile(SAMPLES[0]) == re.compile(SAMPLES[0])
    assert list(regexcache._patterns.added) == [(SAMPLES[0], 0, False)]  # compiled again, not taken from the file


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps([1, 2, 3])])
def test_a_damaged_file_is_ignored(cache_at, content):
    cache_at.parent.mkdir(parents=True)
    cache_at.write_bytes(content)
    assert regexcache.compile(SAMPLES[1]).search("長崎太郎さん").group() == "長崎太郎さん"


def test_a_damaged_entry_falls_back_to_re(cache_at, monkeypatch):
    regexcache.compile(SAMPLES[3])
    regexcache.save()
    build, table, *rest = marshal.loads(cache_at.read_bytes())
    source, flags, code, *form = marshal.loads(table[(SAMPLES[3], 0, False)])
    cut = (source, flags, code[: len(code) // 2], *form)  # the matcher rejects cut code
    table[(SAMPLES[3], 0, False)] = marshal.dumps(cut)
    cache_at.write_bytes(marshal.dumps((build, table, *rest)))
    _new_process(monkeypatch)
    pattern = regexcache.compile(SAMPLES[3])
    assert pattern == re.compile(SAMPLES[3])
    assert pattern.search("電話 095-825-5151").group() == "095-825-5151"


def test_without_re_s_private_parts_patterns_still_compile(cache_at, monkeypatch):
    def missing(*_args):
        raise AttributeError("no _code in this Python")

    monkeypatch.setattr(regexcache, "_stored_form", missing)
    assert regexcache.compile(SAMPLES[2]).match("https://www.city.nagasaki.lg.jp/")
    assert regexcache._patterns.added == {} and not regexcache.save()


def test_a_bad_pattern_raises_re_error(cache_at):
    with pytest.raises(re.error):
        regexcache.compile("(unclosed")


def test_nothing_is_written_when_python_writes_no_bytecode(cache_at, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    regexcache.compile(SAMPLES[0])
    assert not regexcache.save()
    assert not cache_at.exists()


def test_runs_add_to_the_file_and_a_full_file_starts_again(cache_at, monkeypatch):
    regexcache.compile(SAMPLES[0])
    regexcache.save()
    _new_process(monkeypatch)
    regexcache.compile(SAMPLES[1])
    regexcache.save()
    assert set(marshal.loads(cache_at.read_bytes())[1]) == {(SAMPLES[0], 0, False), (SAMPLES[1], 0, False)}

    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 2)
    _new_process(monkeypatch)
    regexcache.compile(SAMPLES[1])  # from the file
    regexcache.compile(SAMPLES[2])  # new: the file would hold three
    regexcache.save()
    assert set(marshal.loads(cache_at.read_bytes())[1]) == {(SAMPLES[1], 0, False), (SAMPLES[2], 0, False)}


REQUIRING = ["(?:噂|うわさ)が(?:ある|広が)", r"\d+", "パスワード|暗証番号"]


def test_a_saved_requirement_is_used_by_the_next_run_and_equals_a_fresh_one(cache_at, monkeypatch):
    from snslint import literals

    first = [regexcache.requirement(source) for source in REQUIRING]
    assert first[1] is None  # \d+ needs no literal
    regexcache.save()
    _new_process(monkeypatch)
    worked_out, fresh = [], literals.requirement
    monkeypatch.setattr(literals, "requirement", lambda source: (worked_out.append(source), fresh(source))[1])
    second = [regexcache.requirement(source) for source in REQUIRING]
    assert worked_out == []  # all three came from the file
    for source, kept in zip(REQUIRING, second):
        expected = fresh(source)
        assert (kept is None) == (expected is None)
        if expected is not None:
            assert kept.alternatives == expected.alternatives and kept.first() == expected.first()
            assert kept.met({"噂", "ある"}) == expected.met({"噂", "ある"})


def test_requirements_are_worked_out_again_when_literals_py_changes(cache_at, monkeypatch):
    regexcache.requirement(REQUIRING[0])
    regexcache.compile(SAMPLES[0])
    regexcache.save()
    _new_process(monkeypatch)
    monkeypatch.setattr(regexcache, "_analysis", lambda: ("another snslint",))
    regexcache.requirement(REQUIRING[0])
    regexcache.compile(SAMPLES[0])
    assert list(regexcache._requirements.added) == [REQUIRING[0]]  # worked out again
    assert regexcache._patterns.added == {}  # compiled code depends on Python alone
