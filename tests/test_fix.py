"""`snslint --fix` and `--diff`: safe fixes only, atomic writes, encodings and line endings kept."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli

from snslint.edits import plain_form
from snslint.fix import FIX_RULES, fix_text

FIXED_RULES = ",".join(FIX_RULES)
BODY = "ｲﾍﾞﾝﾄのお知らせ  \n会場は①市役所 ②㈱長崎商事です。\u3000\n約3㌔、㍻31年から。\nか\u3099んばらんば"
FIXED = "イベントのお知らせ\n会場は（1）市役所 （2）（株）長崎商事です。\n約3キロ、平成31年から。\nがんばらんば"


# --- the transformations ---------------------------------------------------------

@pytest.mark.parametrize("char, plain", [
    ("①", "（1）"), ("⑳", "（20）"), ("㉑", "（21）"), ("⑴", "（1）"), ("⒈", "1."), ("❶", "（1）"),
    ("㈱", "（株）"), ("㈲", "（有）"), ("㊤", "（上）"), ("㋐", "（ア）"), ("Ⓐ", "（A）"),
    ("㍻", "平成"), ("㋿", "令和"), ("㍿", "株式会社"), ("㌔", "キロ"), ("㍍", "メートル"),
    ("㎞", "km"), ("㎏", "kg"), ("㎡", "平方メートル"), ("㎥", "立方メートル"), ("㏄", "cc"),
    ("Ⅲ", "III"), ("ⅻ", "xii"), ("№", "No."), ("℡", "TEL"),
])
def test_plain_forms(char, plain):
    assert plain_form(char) == plain


def test_fix_text_applies_every_safe_fix():
    fixed, changes = fix_text(BODY)
    assert fixed == FIXED
    assert {change.rule for change in changes} == set(FIX_RULES)
    assert fix_text(fixed) == (fixed, [])


def test_half_width_sound_marks_join_their_kana_only():
    assert fix_text("ﾊﾟﾋﾟﾌﾟ ｶﾞｲﾄﾞ")[0] == "パピプ ガイド"
    # A mark with no kana before it stays a visible mark, not a combining one.
    assert fix_text("Aﾞ")[0] == "A\u309b"


def test_front_matter_is_never_touched():
    head = "---\nplatform: x  \naccount: ｶﾀｶﾅ①\n---\n"
    fixed, changes = fix_text(head + "ｶﾀｶﾅ①  \n", body_start=len(head))
    assert fixed == head + "カタカナ（1）\n"
    assert [change.line for change in changes] == [5, 5, 5]


def test_compatibility_ideographs_keep_their_glyph():
    # NFC would turn U+FA19 into U+795E; a name must keep the glyph it was written with.
    assert fix_text("\ufa19社の祭り")[0] == "\ufa19社の祭り"


def test_line_breaks_are_never_changed():
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["ｱ  ", "①\u3000", "end "]) + newline
        fixed, _ = fix_text(text)
        assert fixed == newline.join(["ア", "（1）", "end"]) + newline


def test_an_edit_the_encoding_cannot_hold_is_left_out():
    # The plain forms are chosen to fit CP932; a lone decomposed letter does not need to.
    fixed, changes = fix_text("e\u0301ｱ", encoding="cp932")
    assert fixed == "e\u0301ア" and [c.rule for c in changes] == ["readability.halfwidth-katakana"]


def test_only_the_selected_fixes():
    fixed, changes = fix_text("ｱ①", rules={"readability.machine-dependent"})
    assert fixed == "ｱ（1）" and len(changes) == 1


# --- files, end to end ---------------------------------------------------------------

ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("cp932", b""),
]


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def lint_fixed_rules(path, cwd) -> dict[str, list]:
    completed = run_cli("--format", "json", "--no-cache", "--select", FIXED_RULES, path, cwd=cwd)
    return {entry["path"]: entry["findings"] for entry in json.loads(completed.stdout)["files"]}


def test_fix_round_trip(tmp_path):
    """Every encoding with every line ending: fixed as expected, bytes otherwise kept, idempotent.

    All variants sit in one folder so that the command runs three times, not 45.
    """
    folder = tmp_path / "drafts"
    folder.mkdir()
    expected = {}
    for index, (encoding, bom) in enumerate(ENCODINGS):
        for newline, name in (("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")):
            head = "---\nplatform: x\n---\n".replace("\n", newline)
            body, fixed = BODY.replace("\n", newline), FIXED.replace("\n", newline)
            if encoding == "cp932":
                # CP932 cannot hold the combining mark.
                body, fixed = body.replace("か\u3099", "か"), fixed.replace("が", "か")
            draft = folder / f"{index}-{encoding}-{name}.md"
            draft.write_bytes(encode(head + body + newline, encoding, bom))
            expected[str(draft)] = encode(head + fixed + newline, encoding, bom)
    assert all(lint_fixed_rules(folder, tmp_path).values())

    completed = run_cli("--fix", "--no-cache", "--select", FIXED_RULES, folder, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr.decode()
    report = completed.stderr.decode("utf-8")
    for path, data in expected.items():
        assert f"{path}: 修正しました" in report
        assert Path(path).read_bytes() == data, path
    assert "「①」→「（1）」" in report
    assert lint_fixed_rules(folder, tmp_path) == {path: [] for path in expected}

    again = run_cli("--fix", "--no-cache", "--select", FIXED_RULES, folder, cwd=tmp_path)
    assert again.returncode == 0 and "修正しました" not in again.stderr.decode()
    assert {path: Path(path).read_bytes() for path in expected} == expected


def test_utf16_byte_order_and_bom_are_kept():
    from snslint.fix import encode as encode_for_file

    assert encode_for_file("ア", "utf-16", codecs.BOM_UTF16_BE) == codecs.BOM_UTF16_BE + "ア".encode("utf-16-be")
    assert encode_for_file("ア", "utf-16", codecs.BOM_UTF16_LE) == codecs.BOM_UTF16_LE + "ア".encode("utf-16-le")
    assert encode_for_file("ア", "utf-8-sig") == codecs.BOM_UTF8 + "ア".encode("utf-8")


def test_diff_shows_and_writes_nothing(tmp_path):
    draft = tmp_path / "draft.txt"
    original = ("紅葉のお知らせ\r\nｲﾍﾞﾝﾄ会場は①です\r\n").encode("cp932")
    draft.write_bytes(original)
    completed = run_cli("--diff", draft, cwd=tmp_path)
    assert completed.returncode == 1
    out = completed.stdout.decode("utf-8")
    name = str(draft).lstrip("/")
    assert out.startswith(f"--- a/{name}\n+++ b/{name}\n")
    assert "-ｲﾍﾞﾝﾄ会場は①です" in out and "+イベント会場は（1）です" in out
    assert draft.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".snslint-")]

    clean = tmp_path / "clean.txt"
    clean.write_text("紅葉が見頃です。\n", encoding="utf-8")
    completed = run_cli("--diff", clean, cwd=tmp_path)
    assert completed.returncode == 0 and completed.stdout == b""


def test_without_fix_nothing_is_written(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes("ｲﾍﾞﾝﾄ ①  \n".encode("utf-8"))
    before = (draft.read_bytes(), draft.stat().st_mtime_ns)
    completed = run_cli("--no-cache", draft, cwd=tmp_path)
    assert completed.returncode == 0
    assert (draft.read_bytes(), draft.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".snslint_cache") == ["draft.txt"]


def test_report_reflects_the_fixed_text(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("ｲﾍﾞﾝﾄ ① ✨✨✨\n", encoding="utf-8")
    completed = run_cli("--fix", "--format", "json", "--no-cache", "--select", "readability", draft,
                        cwd=tmp_path)
    rules = [f["rule"] for f in json.loads(completed.stdout)["files"][0]["findings"]]
    assert rules == ["readability.emoji-run"]  # not fixable: reported, left as written
    assert draft.read_text(encoding="utf-8") == "イベント （1） ✨✨✨\n"


def test_ignored_rules_are_not_fixed(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("ｲﾍﾞﾝﾄ ①\n", encoding="utf-8")
    run_cli("--fix", "--no-cache", "--ignore", "readability.machine-dependent", draft, cwd=tmp_path)
    assert draft.read_text(encoding="utf-8") == "イベント ①\n"


def test_fix_keeps_permissions_and_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("ｲﾍﾞﾝﾄ\n", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run_cli("--fix", "--no-cache", link, cwd=tmp_path)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "イベント\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fix_does_not_rewrite_stdin(tmp_path):
    completed = run_cli("--fix", "--no-cache", "-", input="ｲﾍﾞﾝﾄ\n".encode("utf-8"), cwd=tmp_path)
    assert "標準入力は書き換えられない" in completed.stderr.decode("utf-8")
    assert completed.returncode == 0
