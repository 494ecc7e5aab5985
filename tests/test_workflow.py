"""The posting workflow: approval (7(1)), account (3(3)) and attached images.

Images are generated here (a plain coloured JPEG, with and without GPS EXIF); no photo
is committed to the repository.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from conftest import EXAMPLES, run_json
from snslint.config import Config
from snslint.engine import Engine, select_rules

GPS_INFO = 0x8825
# Nagasaki City Hall, roughly: 32°44'40"N 129°52'24"E.
NAGASAKI = {
    1: "N", 2: (IFDRational(32), IFDRational(44), IFDRational(40)),
    3: "E", 4: (IFDRational(129), IFDRational(52), IFDRational(24)),
}
NO_FIX = {1: "N", 2: (IFDRational(0), IFDRational(0), IFDRational(0)),
          3: "E", 4: (IFDRational(0), IFDRational(0), IFDRational(0))}
APPROVED = "approval: 決裁\napproved_by: 広報広聴課長\napproved_on: 2026-11-30\n"


def jpeg(path, gps=None) -> bytes:
    image = Image.new("RGB", (32, 24), (200, 120, 40))
    options = {}
    if gps is not None:
        exif = Image.Exif()
        exif[GPS_INFO] = gps
        options["exif"] = exif
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


@pytest.fixture(scope="module")
def engine(all_rules):
    return Engine(select_rules(all_rules, ("workflow",)))


def findings(engine, text, config=None, path="<text>"):
    return [(f.rule, f.severity, f.text) for f in engine.lint_text(text, path=path, config=config)]


# --- 7(1) approval ---------------------------------------------------------------------

def test_approval_is_required_only_when_the_configuration_says_so(engine):
    text = "---\nplatform: x\n---\n紅葉まつりを開催します。"
    assert findings(engine, text) == []
    assert findings(engine, text, Config()) == []
    [finding] = engine.lint_text(text, config=Config(require_approval=True))
    assert (finding.rule, finding.severity) == ("workflow.approval-missing", "error")
    assert (finding.line, finding.column, finding.text) == (1, 1, "---")
    assert "7(1)" in finding.message and "approval" in finding.message


def test_a_draft_without_front_matter_is_reported_at_its_first_line(engine):
    text = "\n【お知らせ】\n紅葉まつりを開催します。"
    [finding] = engine.lint_text(text, config=Config(require_approval=True))
    assert (finding.line, finding.column, finding.text) == (2, 1, "【お知らせ】")


def test_empty_keys_of_a_template_count_as_missing(engine):
    text = "---\napproval:\napproved_by:\napproved_on:\nimages:\n---\n本文"
    assert findings(engine, text) == []
    assert findings(engine, text, Config(require_approval=True)) == \
        [("workflow.approval-missing", "error", "---")]


def test_a_complete_record_satisfies_required_approval(engine):
    text = f"---\n{APPROVED}---\n紅葉まつりを開催します。"
    assert findings(engine, text, Config(require_approval=True)) == []


@pytest.mark.parametrize(
    "block, line, missing",
    [
        ("approved_by: 広報広聴課長\napproved_on: 2026-11-30\n", "approved_by: 広報広聴課長", "approval"),
        ("approval: 決裁\n", "approval: 決裁", "approved_by"),
        ("platform: x\napproval: 決裁\napproved_by: 課長\n", "approval: 決裁", "approved_on"),
    ],
)
def test_a_partial_record_is_an_error_whatever_the_configuration(engine, block, line, missing):
    [finding] = engine.lint_text(f"---\n{block}---\n本文")
    assert finding.rule == "workflow.approval-missing"
    assert finding.text == line
    assert missing in finding.message


def test_oral_approval_needs_one_of_the_three_reasons_of_7_1(engine):
    text = "---\napproval: 口頭\napproved_by: 観光政策課長\napproved_on: 2026-12-06\n---\n本日の様子です。"
    [finding] = engine.lint_text(text, config=Config(require_approval=True))
    assert (finding.rule, finding.severity, finding.text) == \
        ("workflow.oral-approval-reason", "error", "approval: 口頭")
    assert (finding.line, finding.column) == (2, 1)
    # The message quotes the three cases of 7(1).
    for quoted in ("既に一般に留置されている事項", "イベント、競技会等の現況や結果等", "法令等で定められている内容"):
        assert quoted in finding.message
    for reason in ("ア", "イ", "ウ", "ｲ"):
        fixed = text.replace("approval: 口頭\n", f"approval: 口頭\noral_reason: {reason}\n")
        assert findings(engine, fixed, Config(require_approval=True)) == []


def test_approval_after_posting_is_an_error(engine):
    text = "---\npost_at: 2026-12-01 10:00\napproval: 決裁\napproved_by: 課長\napproved_on: 2026-12-02\n---\n本文"
    assert findings(engine, text) == [("workflow.approval-after-post", "error", "approved_on: 2026-12-02")]
    assert findings(engine, text.replace("2026-12-02", "2026-12-01")) == []


# --- 3(3) account ----------------------------------------------------------------------

OFFICIAL = Config(official_accounts=("@nagasaki_city", "@nagasaki_bousai"))


@pytest.mark.parametrize("account", ['"@nagasaki_city"', "nagasaki_bousai", '"@Nagasaki_City"',
                                     "https://x.com/nagasaki_city"])
def test_an_official_account_passes(engine, account):
    assert findings(engine, f"---\naccount: {account}\n---\n本文", OFFICIAL) == []


def test_a_personal_account_is_an_error_when_official_accounts_are_configured(engine):
    text = '---\nplatform: x\naccount: "@taro_private"\n---\n本文'
    [finding] = engine.lint_text(text, config=OFFICIAL)
    assert (finding.rule, finding.guideline, finding.severity) == ("workflow.account", "3(3)", "error")
    assert (finding.line, finding.text) == (3, 'account: "@taro_private"')
    assert "@taro_private" in finding.message and "@nagasaki_city" in finding.message


def test_accounts_are_not_checked_without_official_accounts(engine):
    text = '---\naccount: "@taro_private"\n---\n本文'
    assert findings(engine, text, Config()) == []
    assert findings(engine, "本文", OFFICIAL) == []  # no account given: nothing to compare


# --- images ----------------------------------------------------------------------------

def draft_with_images(tmp_path, images: str, body="紅葉が見頃です。") -> tuple[str, str]:
    text = f"---\nimages:\n{images}---\n{body}\n"
    path = tmp_path / "drafts" / "draft.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text, str(path)


def test_a_photo_with_gps_position_is_a_warning(engine, tmp_path):
    jpeg(tmp_path / "drafts" / "photos" / "gps.jpg", NAGASAKI)
    text, path = draft_with_images(tmp_path, "  - path: photos/gps.jpg\n    alt: 紅葉した風頭公園\n")
    [finding] = engine.lint_text(text, path=path)
    assert (finding.rule, finding.guideline, finding.severity) == \
        ("workflow.image-location", "8(4)オ", "warning")
    assert (finding.line, finding.column, finding.text) == (3, 5, "path: photos/gps.jpg")


@pytest.mark.parametrize("gps", [None, NO_FIX, {0: b"\x02\x03\x00\x00", 29: "2026:11:30"}])
def test_a_photo_without_a_position_passes(engine, tmp_path, gps):
    jpeg(tmp_path / "drafts" / "photos" / "plain.jpg", gps)
    text, path = draft_with_images(tmp_path, "  - path: photos/plain.jpg\n    alt: 紅葉した風頭公園\n")
    assert findings(engine, text, path=path) == []


def test_images_are_read_and_never_modified(engine, tmp_path):
    photo = tmp_path / "drafts" / "photos" / "gps.jpg"
    data = jpeg(photo, NAGASAKI)
    before = photo.stat().st_mtime_ns
    text, path = draft_with_images(tmp_path, "  - path: photos/gps.jpg\n    alt: 紅葉\n")
    engine.lint_text(text, path=path)
    assert photo.read_bytes() == data and photo.stat().st_mtime_ns == before


def test_images_resolve_relative_to_the_draft_not_the_working_directory(engine, tmp_path, monkeypatch):
    jpeg(tmp_path / "drafts" / "photos" / "plain.jpg")
    text, path = draft_with_images(tmp_path, "  - path: photos/plain.jpg\n    alt: 紅葉\n")
    monkeypatch.chdir(tmp_path)
    assert findings(engine, text, path=path) == []
    # Without a file path (standard input, library use) the working directory is the base.
    monkeypatch.chdir(tmp_path / "drafts")
    assert findings(engine, text) == []


def test_a_missing_file_or_a_file_that_is_not_an_image_is_an_error(engine, tmp_path):
    (tmp_path / "drafts" / "photos").mkdir(parents=True)
    (tmp_path / "drafts" / "photos" / "notes.jpg").write_text("画像ではありません", encoding="utf-8")
    text, path = draft_with_images(
        tmp_path,
        "  - path: photos/missing.jpg\n    alt: a\n"
        "  - path: photos/notes.jpg\n    alt: b\n"
        "  - path: photos\n    alt: c\n",
    )
    found = engine.lint_text(text, path=path)
    assert [(f.rule, f.severity, f.line) for f in found] == [
        ("workflow.image-file", "error", 3), ("workflow.image-file", "error", 5),
        ("workflow.image-file", "error", 7)]
    assert "見つかりません" in found[0].message
    assert "画像として読み取れません" in found[1].message
    assert "ファイルではありません" in found[2].message


def test_missing_or_empty_alt_text_is_an_info(engine, tmp_path):
    jpeg(tmp_path / "drafts" / "photos" / "plain.jpg")
    text, path = draft_with_images(
        tmp_path, "  - path: photos/plain.jpg\n  - path: photos/plain.jpg\n    alt: '  '\n")
    assert findings(engine, text, path=path) == [
        ("workflow.image-alt", "info", "- path: photos/plain.jpg"),
        ("workflow.image-alt", "info", "alt: '  '"),
    ]


def test_an_image_may_be_a_data_uri(engine):
    import base64

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[GPS_INFO] = NAGASAKI
    Image.new("L", (1, 1)).save(buffer, "PNG", exif=exif)
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    text = f'---\nimages:\n  - path: "{uri}"\n    alt: 地図\n---\n本文'
    [finding] = engine.lint_text(text)
    assert finding.rule == "workflow.image-location"
    assert "data:image/png;base64,…" in finding.message


# --- end to end ------------------------------------------------------------------------

def test_ci_requires_approval_and_reports_front_matter_positions(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("---\nplatform: x\n---\n紅葉まつりを開催します。\n", encoding="utf-8")
    code, report = run_json("--ci", "--select", "workflow", draft, cwd=tmp_path)
    assert code == 1
    [finding] = report["files"][0]["findings"]
    assert finding["rule"] == "workflow.approval-missing"
    assert (finding["line"], finding["column"], finding["start"], finding["end"], finding["text"]) == \
        (1, 1, 0, 3, "---")


def test_the_oral_approval_example_is_clean_under_a_strict_configuration(tmp_path):
    config = tmp_path / "strict.yaml"
    config.write_text('official_accounts: ["@nagasaki_city"]\nrequire_approval: true\n', encoding="utf-8")
    code, report = run_json("--config", config, EXAMPLES / "approved-oral.md", cwd=tmp_path)
    assert code == 0, report
    assert report["files"][0]["findings"] == []
