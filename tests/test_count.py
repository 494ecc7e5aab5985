"""`snslint count`: lengths, limits and what is left, as a table and as JSON."""

from __future__ import annotations

import json

from conftest import run_cli

from snslint.count import count_text

KANJI_100 = "紅" * 100
PLATFORMS = ["x", "facebook", "instagram", "threads", "bluesky", "mastodon", "line"]


def count_json(*args, cwd=None, **kwargs):
    completed = run_cli("count", "--format", "json", *args, cwd=cwd, **kwargs)
    return completed.returncode, json.loads(completed.stdout.decode("utf-8"))


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_json_shape_for_one_platform(tmp_path):
    draft = write(tmp_path / "d.txt", KANJI_100 + "\n")
    code, report = count_json("--platform", "x", draft, cwd=tmp_path)
    assert code == 0
    assert report == {"files": [{
        "path": str(draft), "error": None,
        "platforms": [{"platform": "x", "length": 200, "limit": 280, "remaining": 80, "valid": True}],
    }]}


def test_all_platforms_and_over_the_limit(tmp_path):
    draft = write(tmp_path / "d.txt", "紅" * 141)
    code, report = count_json("--platform", "all", draft, cwd=tmp_path)
    assert code == 0  # counting never fails a run; linting does
    rows = {row["platform"]: row for row in report["files"][0]["platforms"]}
    assert list(rows) == PLATFORMS
    assert rows["x"] == {"platform": "x", "length": 282, "limit": 280, "remaining": -2, "valid": False}
    assert rows["bluesky"]["length"] == 141 and rows["bluesky"]["valid"] is True


def test_platform_from_front_matter_then_config_then_every_one(tmp_path):
    front = write(tmp_path / "front.md", "---\nplatform: bluesky\n---\n" + KANJI_100 + "\n")
    plain = write(tmp_path / "plain.txt", KANJI_100)
    _, report = count_json(front, plain, cwd=tmp_path)
    by_path = {entry["path"]: entry for entry in report["files"]}
    assert [row["platform"] for row in by_path[str(front)]["platforms"]] == ["bluesky"]
    assert [row["platform"] for row in by_path[str(plain)]["platforms"]] == PLATFORMS
    (tmp_path / ".snslint.yaml").write_text("platform: threads\n", encoding="utf-8")
    _, report = count_json(plain, cwd=tmp_path)
    assert [row["platform"] for row in report["files"][0]["platforms"]] == ["threads"]
    # --platform wins over both.
    _, report = count_json("--platform", "line", front, cwd=tmp_path)
    assert [row["platform"] for row in report["files"][0]["platforms"]] == ["line"]


def test_counts_the_post_as_published(tmp_path):
    # Front matter is not posted; CRLF is one line break; the final newline is not posted.
    text = "---\r\nplatform: bluesky\r\n---\r\n\r\n紅葉\r\n見頃🍁\r\n"
    draft = write(tmp_path / "d.md", text, "utf-16")
    _, report = count_json(draft, cwd=tmp_path)
    assert report["files"][0]["platforms"][0]["length"] == len("紅葉\n見頃🍁")


def test_x_counts_urls_as_23_and_mastodon_only_with_a_scheme():
    url = "https://www.city.nagasaki.lg.jp/kanko/autumn-leaves-2026.html"
    rows = {row["platform"]: row["length"] for row in count_text(f"詳細 {url}", "d.txt", "all")}
    assert rows["x"] == 4 + 1 + 23
    assert rows["mastodon"] == 3 + 23
    assert rows["bluesky"] == 3 + len(url)


def test_unreadable_files_get_an_error_and_exit_two(tmp_path):
    good = write(tmp_path / "a.txt", KANJI_100)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    code, report = count_json("--platform", "x", good, tmp_path / "b.txt", tmp_path / "missing.txt",
                              cwd=tmp_path)
    assert code == 2
    entries = {entry["path"].rsplit("/", 1)[-1]: entry for entry in report["files"]}
    assert entries["a.txt"]["error"] is None and entries["a.txt"]["platforms"]
    assert "バイナリ" in entries["b.txt"]["error"] and entries["b.txt"]["platforms"] == []
    assert "見つかりません" in entries["missing.txt"]["error"]


def test_text_table(tmp_path):
    draft = write(tmp_path / "draft.txt", "紅" * 141)
    completed = run_cli("count", "--platform", "all", draft, cwd=tmp_path, env={"COLUMNS": "160"})
    assert completed.returncode == 0
    out = completed.stdout.decode("utf-8")
    assert "\x1b[" not in out  # no colour when piped
    for heading in ("ファイル", "SNS", "文字数", "上限", "残り", "判定"):
        assert heading in out
    x_row = next(line for line in out.splitlines() if "X（旧Twitter）" in line)
    assert "282" in x_row and "280" in x_row and "-2" in x_row and "超過" in x_row
    bluesky_row = next(line for line in out.splitlines() if "Bluesky" in line)
    assert "141" in bluesky_row and "159" in bluesky_row and "OK" in bluesky_row
    assert "draft.txt" in out


def test_stdin(tmp_path):
    completed = run_cli("count", "--format", "json", "--platform", "x", "-",
                        input=KANJI_100.encode("utf-8"), cwd=tmp_path)
    report = json.loads(completed.stdout)
    assert report["files"][0]["path"] == "-" and report["files"][0]["platforms"][0]["length"] == 200


def test_count_and_fix_stay_out_of_startup():
    # `snslint --version` must stay instant: the new commands import their modules lazily.
    import subprocess
    import sys

    code = ("import sys\nfrom snslint import cli\n"
            "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = ('rich', 'yaml', 'fugashi', 'regex', 'emoji', 'tldextract', 'snslint.count', 'snslint.fix')\n"
            "print(sorted(m for m in heavy if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")
