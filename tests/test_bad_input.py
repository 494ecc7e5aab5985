"""Bad input end to end: each case gets a Japanese message, and the others still run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import OFFLINE, run_cli, run_json
from snslint.errors import InputError
from snslint.sources import read_source

BAD = "【部外秘】来年度の案です。\n"


def by_name(report) -> dict:
    return {Path(f["path"]).name: f for f in report["files"]}


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, report = run_json(tmp_path / "empty.txt")
    assert code == 0 and report["files"][0] == {"path": str(tmp_path / "empty.txt"), "error": None, "findings": []}


def test_symlinks_broken_and_looping(tmp_path):
    (tmp_path / "ok.txt").write_text(BAD, encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink(tmp_path / "loop-a.txt", tmp_path / "loop-b.txt")
    os.symlink(tmp_path, tmp_path / "self")  # a folder loop: never followed
    code, report = run_json(tmp_path)
    assert code == 2
    files = by_name(report)
    assert files["ok.txt"]["findings"]
    assert "見つかりません" in files["broken.txt"]["error"]
    assert "リンク" in files["loop-a.txt"]["error"]
    assert not any("self" in path for path in files)


def test_unreadable_file_message(monkeypatch, tmp_path):
    # Tests run as root, which ignores permissions; the OS error is simulated instead.
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(InputError, match="権限"):
        read_source(str(tmp_path / "secret.txt"))


def test_paths_with_spaces_and_japanese_names(tmp_path):
    folder = tmp_path / "広報 下書き"
    folder.mkdir()
    draft = folder / "12月 お知らせ（案）.txt"
    draft.write_text(BAD, encoding="utf-8")
    code, report = run_json(folder)
    assert code == 1 and report["files"][0]["path"] == str(draft)
    assert "12月 お知らせ（案）.txt" in run_cli(folder).stdout.decode()


def test_stdin_that_is_not_text():
    completed = run_cli("--format", "json", "-", input=b"\x89PNG\r\n\x1a\n\x00\x00")
    assert completed.returncode == 2
    assert "バイナリ" in completed.stdout.decode()


def test_huge_stdin_is_refused_without_reading_it_all():
    completed = run_cli("-", input=b"a" * 3_000_000)
    assert completed.returncode == 2
    assert "大きすぎます" in completed.stdout.decode()


def test_a_directory_of_ten_thousand_drafts(tmp_path):
    repo = tmp_path / "many"
    repo.mkdir()
    for index in range(10_000):
        (repo / f"{index:05d}.txt").write_text("お知らせです。", encoding="utf-8")
    (repo / "09999.txt").write_text(BAD, encoding="utf-8")
    code, report = run_json("--select", "confidential", "--no-cache", repo, cwd=tmp_path)
    assert code == 1
    assert report["summary"] == {"files": 10_000, "errors": 1, "warnings": 0, "infos": 0}


def test_nothing_is_written_to_home_or_the_working_directory(tmp_path):
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD + "https://example.co.jp/ も参照\n", encoding="utf-8")
    completed = run_cli("--no-cache", draft, cwd=work, env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    assert completed.returncode == 1
    assert list(home.iterdir()) == [] and list(work.iterdir()) == []


def test_catastrophic_pattern_in_a_city_pack_is_stopped_and_named(tmp_path):
    (tmp_path / "slow.yaml").write_text(
        "rules:\n  - id: local.slow\n    guideline: null\n    severity: warning\n    message: m\n"
        "    pattern: '(a+)+$'\n    examples: {bad: [a], good: [b]}\n", encoding="utf-8")
    (tmp_path / ".snslint.yaml").write_text("extend_rules: [slow.yaml]\n", encoding="utf-8")
    (tmp_path / "attack.txt").write_text("a" * 5000 + "!", encoding="utf-8")
    (tmp_path / "fine.txt").write_text("【部外秘】の資料", encoding="utf-8")
    # The subprocess timeout is the bound: without the match timeout this never returns.
    code, report = run_json("--no-cache", tmp_path, cwd=tmp_path)
    assert code == 2
    files = by_name(report)
    assert "local.slow" in files["attack.txt"]["error"] and "(a+)+$" in files["attack.txt"]["error"]
    assert files["fine.txt"]["findings"]


def test_the_command_runs_with_the_network_blocked(tmp_path):
    # A draft with URLs exercises tldextract; any connection attempt would be an OSError.
    draft = tmp_path / "d.txt"
    draft.write_text("詳しくは https://www.example.co.jp/a と https://bit.ly/x をご覧ください。\n", encoding="utf-8")
    probe = run_cli("--no-cache", draft, cwd=tmp_path, env={"SNSLINT_DEBUG": "1"})
    assert probe.returncode == 1 and b"network" not in probe.stderr
    blocked = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env={**os.environ, "PYTHONPATH": str(OFFLINE)}, capture_output=True, text=True)
    assert "blocked by the test suite" in blocked.stderr
