"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, run_json
from snslint.config import Config, config_for_draft, load_config
from snslint.errors import ConfigError

BAD = "【部外秘】来年度の案です。\n"


def test_defaults_without_a_config_file(tmp_path):
    config = config_for_draft(str(tmp_path / "draft.txt"))
    assert config == Config()
    assert config.official_domains == ("city.nagasaki.lg.jp",)


def test_nearest_config_upward_wins(tmp_path):
    (tmp_path / ".snslint.yaml").write_text("official_accounts: ['@top']\n", encoding="utf-8")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert config_for_draft(str(nested / "d.txt")).official_accounts == ("@top",)
    (tmp_path / "a" / ".snslint.yaml").write_text("official_accounts: ['@dept']\n", encoding="utf-8")
    assert config_for_draft(str(tmp_path / "a" / "d.txt")).official_accounts == ("@dept",)


def test_pyproject_tool_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.snslint]\nofficial_domains = ['https://www.city.example.lg.jp/']\n", encoding="utf-8")
    config = config_for_draft(str(tmp_path / "d.txt"))
    assert config.official_domains == ("www.city.example.lg.jp",)


@pytest.mark.parametrize(
    "text, key, line",
    [
        ("platform: x\nofficial_domain: [a.jp]\n", "official_domain", 2),
        ("severity:\n  links.shortener: fatal\n", "severity", 2),
        ("require_approval: yes-please\n", "require_approval", 1),
        ("platform: myspace\n", "platform", 1),
    ],
)
def test_invalid_config_names_file_line_and_key(tmp_path, text, key, line):
    path = tmp_path / ".snslint.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert (info.value.key, info.value.line) == (key, line)
    assert ".snslint.yaml" in str(info.value) and key in str(info.value)


def test_config_select_and_severity_apply(tmp_path):
    (tmp_path / ".snslint.yaml").write_text(
        "severity:\n  confidential.marking: warning\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(BAD, encoding="utf-8")
    code, report = run_json(draft)
    assert code == 0
    assert report["files"][0]["findings"][0]["severity"] == "warning"


def test_broken_config_is_an_error_for_its_drafts_only(tmp_path):
    broken = tmp_path / "broken"
    fine = tmp_path / "fine"
    broken.mkdir()
    fine.mkdir()
    (broken / ".snslint.yaml").write_text("select: [links\n", encoding="utf-8")
    (broken / "a.txt").write_text(BAD, encoding="utf-8")
    (fine / "b.txt").write_text(BAD, encoding="utf-8")
    code, report = run_json(tmp_path)
    assert code == 2
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert ".snslint.yaml" in by_name["a.txt"]["error"]
    assert by_name["b.txt"]["findings"]


def test_explicit_missing_config_is_a_usage_error(tmp_path):
    completed = run_cli("--config", tmp_path / "none.yaml", tmp_path)
    assert completed.returncode == 2
    assert "設定ファイル" in completed.stderr.decode()


def test_extend_rules_adds_a_citys_own_pack(tmp_path):
    (tmp_path / "local.yaml").write_text(
        "rules:\n  - id: local.word\n    guideline: null\n    severity: error\n"
        "    message: 「{text}」は使わないでください。\n    pattern: 'ゆるキャラ'\n"
        "    examples: {bad: [ゆるキャラ], good: [キャラクター]}\n", encoding="utf-8")
    (tmp_path / ".snslint.yaml").write_text("extend_rules: [local.yaml]\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("市のゆるキャラが来ます\n", encoding="utf-8")
    code, report = run_json(draft)
    assert code == 1
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["local.word"]


def test_init_writes_a_valid_commented_config_and_never_overwrites(tmp_path):
    first = run_cli("init", tmp_path)
    assert first.returncode == 0
    written = tmp_path / ".snslint.yaml"
    assert "official_contacts" in written.read_text(encoding="utf-8")
    assert load_config(written) == Config(path=str(written))
    written.write_text("platform: x\n", encoding="utf-8")
    second = run_cli("init", tmp_path)
    assert second.returncode == 2 and "既にあります" in second.stderr.decode()
    assert written.read_text(encoding="utf-8") == "platform: x\n"


def test_exclude_skips_walked_drafts_but_not_named_ones(tmp_path):
    (tmp_path / ".snslint.yaml").write_text("exclude: ['archive/*', 'old-*.txt']\n", encoding="utf-8")
    (tmp_path / "archive" / "2019").mkdir(parents=True)
    for name in ("archive/2019/a.txt", "old-b.txt", "c.txt"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    _, report = run_json(tmp_path)
    assert [Path(f["path"]).name for f in report["files"]] == ["c.txt"]
    _, named = run_json(tmp_path / "old-b.txt")
    assert named["files"][0]["findings"]
