"""Word, pattern and context matching through rule packs."""

from __future__ import annotations

import textwrap

import pytest

from snslint.engine import Engine
from snslint.rules import load_pack


def make_engine(tmp_path, body: str) -> Engine:
    pack = tmp_path / "pack.yaml"
    header = "rules:\n  - id: test.rule\n    guideline: null\n    severity: warning\n    message: 「{text}」\n"
    examples = "    examples: {bad: [x], good: [y]}\n"
    pack.write_text(header + textwrap.indent(textwrap.dedent(body).strip() + "\n", "    ") + examples, encoding="utf-8")
    return Engine(load_pack(pack))


def hits(engine: Engine, text: str) -> list[str]:
    return [finding.text for finding in engine.lint_text(text)]


@pytest.mark.parametrize("text", ["犯人を殺す", "犯人を殺せ", "犯人を殺して", "犯人を殺そう", "犯人をころせ"])
def test_words_match_every_conjugation_and_spelling(tmp_path, text):
    engine = make_engine(tmp_path, "words: [殺す]")
    assert len(hits(engine, text)) == 1


@pytest.mark.parametrize("text", ["手指を殺菌しましょう", "殺虫剤の使い方", "必殺の技"])
def test_words_do_not_match_inside_other_words(tmp_path, text):
    engine = make_engine(tmp_path, "words: [殺す]")
    assert hits(engine, text) == []


def test_forms_restrict_to_imperative_and_volitional(tmp_path):
    engine = make_engine(tmp_path, "words: [壊す]\nforms: [命令形, 意志推量形]")
    assert hits(engine, "みんなで壊そう") == ["壊そう"]
    assert hits(engine, "壊せ") == ["壊せ"]
    assert hits(engine, "台風で屋根が壊れた") == []
    assert hits(engine, "古い倉庫を壊します") == []


def test_pos_restricts_by_part_of_speech(tmp_path):
    engine = make_engine(tmp_path, "words: [{word: 田中, pos: [名詞-固有名詞-人名]}]")
    assert hits(engine, "田中さんが来た") == ["田中"]


def test_multi_token_entries_match_in_sequence(tmp_path):
    engine = make_engine(tmp_path, "words: [拡散希望]")
    assert hits(engine, "【拡散希望】断水するらしい") == ["拡散希望"]
    assert hits(engine, "希望者に拡散") == []


def test_pattern_hit_group_narrows_the_span(tmp_path):
    engine = make_engine(tmp_path, "pattern: '(?:TEL|電話)[:：]?\\s*(?P<hit>\\d+)'")
    assert hits(engine, "電話：12345") == ["12345"]


def test_patterns_match_the_normalized_view(tmp_path):
    engine = make_engine(tmp_path, "pattern: 'URL'")
    assert hits(engine, "ＵＲＬはこちら") == ["ＵＲＬ"]


def test_unless_context_makes_a_match_innocent(tmp_path):
    engine = make_engine(tmp_path, "words: [詐欺]\nunless: {words: [注意, 被害], scope: sentence}")
    assert hits(engine, "詐欺被害に注意してください。") == []
    assert hits(engine, "あの店は詐欺だ。被害はない") == ["詐欺"]


def test_requires_context_within_a_window(tmp_path):
    engine = make_engine(tmp_path, "pattern: '\\d{4}'\nrequires: {patterns: ['暗証番号'], scope: window, window: 6}")
    assert hits(engine, "暗証番号は1234です") == ["1234"]
    assert hits(engine, "令和8年は2026年です") == []


def test_unless_as_a_plain_list_of_patterns(tmp_path):
    engine = make_engine(tmp_path, "words: [噂]\nunless: ['惑わされ']")
    assert hits(engine, "噂に惑わされないでください") == []
    assert hits(engine, "噂では断水するそうです") == ["噂"]


def test_pos_only_entry_matches_any_token_of_that_part_of_speech(tmp_path):
    engine = make_engine(tmp_path, "words: [無能]\nrequires: {words: [{pos: [名詞-固有名詞-人名]}]}")
    assert hits(engine, "田中議員は無能だ") == ["無能"]
    assert hits(engine, "無能な上司への対処法セミナー") == []


def test_named_context_is_shared_by_rules(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "contexts:\n  person: {words: [{pos: [名詞-固有名詞-人名]}], scope: sentence}\n"
        "rules:\n"
        "  - id: t.a\n    guideline: null\n    severity: warning\n    message: m\n"
        "    words: [無能]\n    requires: person\n    examples: {bad: [x], good: [y]}\n"
        "  - id: t.b\n    guideline: null\n    severity: warning\n    message: m\n"
        "    words: [役立たず]\n    requires: person\n    examples: {bad: [x], good: [y]}\n",
        encoding="utf-8")
    engine = Engine(load_pack(pack))
    assert [f.rule for f in engine.lint_text("田中さんは無能で役立たずだ")] == ["t.a", "t.b"]
    assert engine.lint_text("無能で役立たずな自分が嫌だ") == []


def test_unknown_named_context_is_a_load_error(tmp_path):
    from snslint.errors import ConfigError

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - id: t.a\n    guideline: null\n    severity: warning\n    message: m\n"
        "    words: [無能]\n    requires: person\n    examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(pack)
    assert info.value.key == "requires" and "person" in str(info.value) and info.value.line == 7


def test_a_very_long_line_does_not_crash_the_tokenizer():
    # MeCab segfaults on a single 300,000-character line; run it in a child process so
    # that a crash fails this test instead of killing the test run.
    import subprocess
    import sys

    probe = ("from snslint.tokens import tokenize\n"
             "text = '長崎市のお知らせです' * 30000 + '0' * 300000\n"
             "tokens = tokenize(text)\n"
             "assert all(text[t.start:t.end] == t.surface for t in tokens)\n"
             "print(len(tokens))\n")
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    assert int(completed.stdout) > 300000


def test_a_rule_can_use_a_named_context_with_its_own_scope(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "contexts:\n  push: {patterns: ['しよう'], scope: sentence}\n"
        "rules:\n"
        "  - id: t.near\n    guideline: null\n    severity: warning\n    message: m\n"
        "    words: [落書き]\n    requires: {use: push, patterns: ['しちゃえ'], scope: window, window: 5}\n"
        "    examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    engine = Engine(load_pack(pack))
    assert [f.text for f in engine.lint_text("落書きしよう")] == ["落書き"]
    assert [f.text for f in engine.lint_text("落書きしちゃえ")] == ["落書き"]
    assert engine.lint_text("落書きの多い壁を、みんなできれいにしよう") == []
