"""Broken rule packs give Japanese errors naming the file, line, rule and key."""

from __future__ import annotations

import pytest

from snslint.errors import ConfigError
from snslint.rules import load_pack, load_rules

VALID = """\
rules:
  - id: local.sample
    guideline: "8(4)オ"
    severity: warning
    message: 内部資料の可能性があります。
    pattern: '部外秘'
    examples: {bad: [部外秘の資料], good: [公開資料]}
"""


def write(tmp_path, text: str):
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_pack(write(tmp_path, text))
    return info.value


def test_valid_pack_loads(tmp_path):
    [rule] = load_pack(write(tmp_path, VALID))
    assert rule.id == "local.sample"
    assert rule.category == "オ"
    assert rule.summary == "内部資料の可能性があります。"


@pytest.mark.parametrize(
    "old, new, key, line",
    [
        ("severity: warning", "severity: fatal", "severity", 4),
        ("    pattern: '部外秘'", "    pattern: '部外秘('", "pattern", 6),
        ('guideline: "8(4)オ"', 'guideline: "8(5)"', "guideline", 3),
        ("    pattern: '部外秘'", "    pattern: '部外秘'\n    colour: red", "colour", 7),
        ("    pattern: '部外秘'", "    detector: no_such_detector", "detector", 6),
        ("    pattern: '部外秘'", "    pattern: '部外秘'\n    words: [秘]", "words", 7),
        ("examples: {bad: [部外秘の資料], good: [公開資料]}", "examples: {bad: [部外秘の資料]}", "examples", 7),
        ("    pattern: '部外秘'", "    words: [秘]\n    unless: {scope: nearby, words: [x]}", "unless", 7),
    ],
)
def test_errors_name_file_line_rule_and_key(tmp_path, old, new, key, line):
    error = load_error(tmp_path, VALID.replace(old, new))
    message = str(error)
    assert error.key == key
    assert error.line == line
    assert "pack.yaml" in message and "local.sample" in message and key in message


def test_broken_yaml_names_the_line(tmp_path):
    error = load_error(tmp_path, VALID.replace("severity: warning", "severity: [warning"))
    assert error.line is not None and error.line >= 4
    assert "YAML" in str(error)


def test_python_tags_are_refused_not_executed(tmp_path):
    error = load_error(tmp_path, "rules: !!python/object/apply:os.system ['echo pwned']\n")
    assert "安全でない" in str(error)


def test_yaml_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nrules: *c\n"
    error = load_error(tmp_path, bomb)
    assert "エイリアス" in str(error)


def test_a_pack_needs_a_rules_list(tmp_path):
    assert "rules" in str(load_error(tmp_path, "- id: x\n"))


def test_duplicate_rule_ids_across_packs_are_refused(tmp_path):
    path = write(tmp_path, VALID.replace("local.sample", "links.shortener"))
    with pytest.raises(ConfigError, match="重複"):
        load_rules([path])


def test_invalid_rule_id_is_refused(tmp_path):
    error = load_error(tmp_path, VALID.replace("local.sample", "Local Sample"))
    assert error.key == "id"
