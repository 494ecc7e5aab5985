"""Output formats for CI, --output, --ci, parallel runs and the result cache."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, shared_data

BAD = "【部外秘】来年度の案です。\n詳しくはhttps://bit.ly/3abcdをご覧ください\n"
CLEAN = "ごみの収集日は毎週月曜日です。詳しくは市ホームページをご覧ください。\n"


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "bad.txt").write_text(BAD, encoding="utf-8")
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_sarif_output_validates_against_the_official_schema(drafts, tmp_path):
    import jsonschema

    schema = json.loads((shared_data("sarif") / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    completed = run_cli("--format", "sarif", drafts, cwd=tmp_path)
    assert completed.returncode == 2  # the binary file could not be checked
    sarif = json.loads(completed.stdout)
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {"links.shortener", "confidential.marking"} <= ids
    shortener = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "links.shortener")
    assert shortener["properties"]["guideline"] == "7(3)" and "ＵＲＬ短縮サービス" in shortener["help"]["text"]
    result = next(r for r in run["results"] if r["ruleId"] == "confidential.marking")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 2, 5)
    assert run["invocations"][0]["executionSuccessful"] is False


def test_github_annotations(drafts, tmp_path):
    output = run_cli("--format", "github", drafts, cwd=tmp_path).stdout.decode()
    lines = output.splitlines()
    assert any(l.startswith("::error file=") and ",line=1,col=2,endLine=1,endColumn=5," in l
               and "title=confidential.marking [8(4)オ]" in l for l in lines)
    assert any(l.startswith("::error file=") and "broken.txt" in l for l in lines)
    assert all(l.startswith("::") for l in lines)


def test_github_escapes_newlines_and_percent():
    from snslint.findings import FileResult, Finding
    from snslint.report.github import render_github
    import io

    finding = Finding("a.b", None, None, None, "warning", "100%\n次", 1, 1, 1, 2, 0, 1, "x", None)
    stream = io.StringIO()
    render_github([FileResult(path="d,1.txt", findings=[finding])], stream)
    assert stream.getvalue() == "::warning file=d%2C1.txt,line=1,col=1,endLine=1,endColumn=2,title=a.b::100%25%0A次\n"


def test_output_file(drafts, tmp_path):
    target = tmp_path / "report.json"
    completed = run_cli("--format", "json", "--output", target, drafts / "bad.txt", cwd=tmp_path)
    assert completed.returncode == 1 and completed.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] >= 2


def test_ci_uses_github_format_under_github_actions(drafts, tmp_path):
    completed = run_cli("--ci", drafts / "bad.txt", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert completed.stdout.decode().startswith("::")
    plain = run_cli("--ci", drafts / "bad.txt", cwd=tmp_path, env={"GITHUB_ACTIONS": ""})
    assert b"\x1b[" not in plain.stdout and b"::error" not in plain.stdout


def make_repository(folder, count: int):
    folder.mkdir()
    for index in range(count):
        text = BAD if index % 7 == 0 else f"第{index}回 ごみ収集のお知らせです。市ホームページをご覧ください。\n"
        (folder / f"draft-{index:04d}.txt").write_text(text, encoding="utf-8")


def test_parallel_output_is_identical_and_ordered(tmp_path):
    repo = tmp_path / "repo"
    make_repository(repo, 150)
    serial = run_cli("--format", "json", "--jobs", "1", "--no-cache", repo, cwd=tmp_path)
    parallel = run_cli("--format", "json", "--jobs", "2", "--no-cache", repo, cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    paths = [f["path"] for f in json.loads(serial.stdout)["files"]]
    assert paths == sorted(paths) and len(paths) == 150


def test_cache_reuses_results_and_notices_changes(tmp_path):
    repo = tmp_path / "repo"
    make_repository(repo, 20)
    first = run_cli("--format", "json", repo, cwd=tmp_path)
    cache_file = tmp_path / ".snslint_cache" / "results-v1.json"
    assert cache_file.exists()
    assert (tmp_path / ".snslint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    second = run_cli("--format", "json", repo, cwd=tmp_path)
    assert first.stdout == second.stdout
    (repo / "draft-0001.txt").write_text(BAD, encoding="utf-8")
    third = json.loads(run_cli("--format", "json", repo, cwd=tmp_path).stdout)
    changed = next(f for f in third["files"] if f["path"].endswith("draft-0001.txt"))
    assert any(f["rule"] == "links.shortener" for f in changed["findings"])


def test_no_cache_writes_nothing(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(BAD, encoding="utf-8")
    run_cli("--no-cache", draft, cwd=tmp_path)
    assert not (tmp_path / ".snslint_cache").exists()


def test_unwritable_cache_is_skipped_silently(tmp_path):
    # Tests run as root here, so a chmod cannot make the folder read-only: a file
    # standing where the cache folder should be makes every cache write fail instead.
    draft = tmp_path / "d.txt"
    draft.write_text(BAD, encoding="utf-8")
    (tmp_path / ".snslint_cache").write_text("not a folder", encoding="utf-8")
    completed = run_cli(draft, cwd=tmp_path)
    assert completed.returncode == 1
    assert b"Traceback" not in completed.stderr
    assert (tmp_path / ".snslint_cache").read_text(encoding="utf-8") == "not a folder"


def test_parallel_run_fills_the_cache_and_reuses_it(tmp_path):
    repo = tmp_path / "repo"
    make_repository(repo, 80)  # above the parallel threshold
    first = run_cli("--format", "json", "--jobs", "2", repo, cwd=tmp_path)
    entries = json.loads((tmp_path / ".snslint_cache" / "results-v1.json").read_text(encoding="utf-8"))
    assert len(entries) == 80
    second = run_cli("--format", "json", "--jobs", "2", repo, cwd=tmp_path)
    serial = run_cli("--format", "json", "--jobs", "1", "--no-cache", repo, cwd=tmp_path)
    assert first.stdout == second.stdout == serial.stdout
