"""End to end: the installed `snslint` command, as users and CI pipelines run it."""

from __future__ import annotations

import codecs

import pytest

from conftest import EXAMPLES, run_cli, run_json

BAD = "【部外秘】来年度の案です。\n詳しくはhttps://bit.ly/3abcdをご覧ください\n"
CLEAN = "ごみの収集日は毎週月曜日です。\n"


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_clean_example_exits_zero():
    completed = run_cli(EXAMPLES / "clean-event.txt")
    assert completed.returncode == 0
    assert "問題は見つかりませんでした" in completed.stdout.decode()


def test_errors_exit_one_with_json_contract(tmp_path):
    draft = write(tmp_path / "draft.txt", BAD)
    code, report = run_json("--select", "confidential.marking,links.shortener", draft)
    assert code == 1
    assert report["version"] == 1
    [entry] = report["files"]
    assert entry["path"] == str(draft) and entry["error"] is None
    rules = [f["rule"] for f in entry["findings"]]
    assert rules == ["confidential.marking", "links.shortener"]
    first = entry["findings"][0]
    assert list(first) == ["rule", "guideline", "category", "kind", "severity", "message", "line",
                           "column", "end_line", "end_column", "start", "end", "text", "suggestion"]
    assert (first["guideline"], first["category"], first["kind"]) == ("8(4)オ", "オ", "confidential_marking")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (1, 2, 1, 5)
    assert BAD[first["start"]:first["end"]] == first["text"] == "部外秘"
    assert report["summary"] == {"files": 1, "errors": 2, "warnings": 0, "infos": 0}


def test_warnings_pass_unless_fail_on_warning(tmp_path):
    draft = write(tmp_path / "reply.txt", "@user123 ご質問ありがとうございます。\n")
    assert run_cli(draft).returncode == 0
    assert run_cli("--fail-on", "warning", draft).returncode == 1


def test_select_and_ignore_by_prefix(tmp_path):
    draft = write(tmp_path / "draft.txt", BAD)
    _, only_links = run_json("--select", "links", draft)
    assert {f["rule"] for f in only_links["files"][0]["findings"]} == {"links.shortener", "links.no-official-link"}
    code, ignored = run_json("--select", "links,confidential", "--ignore", "links,confidential", draft)
    assert code == 0 and ignored["files"][0]["findings"] == []


def test_unknown_selector_is_a_usage_error(tmp_path):
    completed = run_cli("--select", "nosuch.rule", write(tmp_path / "d.txt", CLEAN))
    assert completed.returncode == 2
    assert "nosuch.rule" in completed.stderr.decode()


def test_stdin_is_read_with_a_dash():
    completed = run_cli("--format", "json", "-", input=BAD.encode("utf-8"))
    assert completed.returncode == 1
    assert b"links.shortener" in completed.stdout


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    write(tmp_path / "a-bad.txt", BAD)
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02binary")
    write(tmp_path / "c-sjis.txt", "【部外秘】の資料\r\n", encoding="cp932")
    code, report = run_json(tmp_path, tmp_path / "missing.txt")
    assert code == 2
    by_name = {entry["path"].rsplit("/", 1)[-1]: entry for entry in report["files"]}
    assert by_name["a-bad.txt"]["findings"]
    assert "バイナリ" in by_name["b-binary.txt"]["error"]
    assert by_name["c-sjis.txt"]["findings"][0]["text"] == "部外秘"
    assert "見つかりません" in by_name["missing.txt"]["error"]


def test_encodings_and_line_endings_end_to_end(tmp_path):
    text = "一行目です。\r\n二行目に【部外秘】\r\n"
    for name, data in {
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "sjis.txt": text.encode("cp932"),
    }.items():
        (tmp_path / name).write_bytes(data)
    _, report = run_json(tmp_path)
    for entry in report["files"]:
        [finding] = entry["findings"]
        assert (finding["line"], finding["column"], finding["text"]) == (2, 6, "部外秘"), entry["path"]


def test_empty_directory_is_an_error(tmp_path):
    completed = run_cli(tmp_path)
    assert completed.returncode == 2
    assert "見つかりません" in completed.stdout.decode()


def test_text_report_has_location_rule_section_and_suggestion(tmp_path):
    draft = write(tmp_path / "draft.txt", BAD)
    output = run_cli("--select", "confidential.marking,links.shortener", draft).stdout.decode()
    assert "1:2" in output and "confidential.marking" in output and "[8(4)オ]" in output
    assert "^^^" in output and "→" in output
    assert "2 件の指摘" in output


def test_no_escape_codes_when_piped_or_no_color(tmp_path):
    draft = write(tmp_path / "draft.txt", BAD)
    assert b"\x1b[" not in run_cli(draft, env={"NO_COLOR": "1"}).stdout
    assert b"\x1b[" not in run_cli(draft, env={"NO_COLOR": "", "TERM": "xterm-256color"}).stdout
    assert b"\x1b[" in run_cli("--color", draft).stdout


def test_version_and_help():
    assert run_cli("--version").stdout.decode().startswith("snslint ")
    assert "下書き" in run_cli("--help").stdout.decode()
    assert "--fail-on" in run_cli("lint", "--help").stdout.decode()


def test_rules_lists_every_rule():
    output = run_cli("rules").stdout.decode()
    for rule_id in ("links.shortener", "confidential.marking", "replies.mention"):
        assert rule_id in output


def test_explain_quotes_the_guideline_and_examples():
    completed = run_cli("explain", "links.shortener")
    output = completed.stdout.decode()
    assert completed.returncode == 0
    assert "7(3)" in output and "ＵＲＬ短縮サービス" in output
    assert "指摘される例" in output and "bit.ly" in output


def test_explain_unknown_rule_is_a_usage_error():
    completed = run_cli("explain", "links.nothing")
    assert completed.returncode == 2
    assert "links.nothing" in completed.stderr.decode()


def test_unknown_option_gives_japanese_usage_error():
    completed = run_cli("--no-such-option", "x.txt")
    assert completed.returncode == 2
    assert "snslint --help" in completed.stderr.decode()
    assert b"Traceback" not in completed.stderr


def test_broken_front_matter_is_a_file_error(tmp_path):
    draft = write(tmp_path / "draft.txt", "---\nplatform: [x\n---\n本文\n")
    code, report = run_json(draft)
    assert code == 2
    assert "YAML" in report["files"][0]["error"]


def test_unknown_front_matter_key_is_named(tmp_path):
    draft = write(tmp_path / "draft.txt", "---\nplatfrom: x\n---\n本文\n")
    code, report = run_json(draft)
    assert code == 2 and "platfrom" in report["files"][0]["error"]


def test_linting_never_writes_the_draft(tmp_path):
    draft = write(tmp_path / "draft.txt", BAD)
    before = draft.stat().st_mtime_ns, draft.read_bytes()
    run_cli(draft)
    assert (draft.stat().st_mtime_ns, draft.read_bytes()) == before


def test_main_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    from snslint import cli

    draft = tmp_path / "d.txt"
    draft.write_text("お知らせです。", encoding="utf-8")
    for expected in (True, False):
        (gc.enable if expected else gc.disable)()
        try:
            with pytest.raises(SystemExit):
                cli.main(["--no-cache", "--format", "json", str(draft)])
            assert gc.isenabled() is expected
        finally:
            gc.enable()
