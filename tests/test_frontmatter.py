"""Front matter schema: known keys, their types, and where each key's line is."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from snslint.errors import InputError
from snslint.frontmatter import head_span, key_span, parse_when, split_front_matter

FULL = """\
---
platform: x
account: "@nagasaki_city"
post_at: 2026-12-06 15:00
approval: 口頭
oral_reason: イ
approved_by: 観光政策課長
approved_on: 2026-12-06
images:
  - path: photos/koyo.jpg
    alt: 紅葉した風頭公園
  - path: photos/map.png
allow:
  - rule: links.third-party
    reason: 県観光連盟の公式ページ
    approved_by: 広報広聴課長
---
本文です。
"""


def test_the_documented_front_matter_is_valid():
    meta, body_start = split_front_matter(FULL)
    assert FULL[body_start:] == "本文です。\n"
    assert meta["approval"] == "口頭" and meta["oral_reason"] == "イ"
    assert meta["images"][1] == {"path": "photos/map.png"}
    assert parse_when(meta["post_at"]) == datetime(2026, 12, 6, 15, 0)
    assert parse_when(meta["approved_on"]) == datetime(2026, 12, 6)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-12-01 10:00", datetime(2026, 12, 1, 10, 0)),
        ("2026/12/1 9:30", datetime(2026, 12, 1, 9, 30)),
        ("２０２６-１２-０１", datetime(2026, 12, 1)),
        ("2026-12-01T10:00:00+09:00", datetime(2026, 12, 1, 10, 0)),
        ("2026-12-01T01:00:00Z", datetime(2026, 12, 1, 10, 0)),
        (datetime(2026, 12, 1, 10, 0), datetime(2026, 12, 1, 10, 0)),
        (date(2026, 11, 30), datetime(2026, 11, 30)),
        ("明日の朝", None),
        ("2026-02-30", None),
        (20261201, None),
    ],
)
def test_dates_and_times_are_read_from_strings_and_yaml_timestamps(value, expected):
    assert parse_when(value) == expected


def test_yaml_timestamps_with_seconds_and_a_zone_become_japan_time():
    meta, _ = split_front_matter("---\npost_at: 2026-12-01 01:00:00Z\n---\n本文")
    assert isinstance(meta["post_at"], datetime)
    assert parse_when(meta["post_at"]) == datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(
    "block, named, line",
    [
        ("platform: twitter", "platform", 2),
        ("account: [a, b]", "account", 2),
        ("account: ''", "account", 2),
        ("post_at: 明日の朝", "post_at", 2),
        ("post_at: 2026-02-30 10:00", "post_at", 2),
        ("approved_on: 30", "approved_on", 2),
        ("approval: 承認", "approval", 2),
        ("approval: 決裁\napproved_by: 12", "approved_by", 3),
        ("oral_reason: エ", "oral_reason", 2),
        ("images: photos/koyo.jpg", "images", 2),
        ("images:\n  - photos/koyo.jpg", "images[0]", 3),
        ("images:\n  - alt: 紅葉", "images[0]", 3),
        ("images:\n  - path: a.jpg\n    caption: 紅葉", "images[0].caption", 4),
        ("images:\n  - path: a.jpg\n  - path: b.jpg\n    alt: 123", "images[1].alt", 5),
        ("images:\n  - path: ''", "images[0].path", 3),
        ("allow: links", "allow", 2),
        ("allow:\n  - reason: 確認済み", "allow[0]", 3),
        ("allow:\n  - rule: links\n    reasons: 確認済み", "allow[0].reasons", 4),
        ("allow:\n  - rule: [links]", "allow[0].rule", 3),
        ("allow:\n  - rule: links\n    reason: [確認済み]", "allow[0].reason", 4),
    ],
)
def test_wrong_types_are_japanese_errors_naming_the_key_and_line(block, named, line):
    with pytest.raises(InputError) as info:
        split_front_matter(f"---\n{block}\n---\n本文")
    message = str(info.value)
    assert f"「{named}」" in message
    assert f"{line} 行目" in message
    assert "フロントマター" in message


def test_unknown_keys_are_still_named():
    with pytest.raises(InputError, match="platfrom"):
        split_front_matter("---\nplatfrom: x\n---\n本文")


@pytest.mark.parametrize(
    "block",
    [
        "account: ABC12",
        "account: 12345",                      # an unquoted numeric id is still an id
        "approval: 決裁",
        "oral_reason: ｲ",                       # half-width katakana
        "images: []",
        "images:\n  - path: a.jpg\n    alt:",   # an empty alt is a finding, not a broken draft
        "allow:\n  - rule: links.third-party",  # so is an allow without a reason
        "allow:\n  - rule: links\n    reason:\n    approved_by: 広報広聴課長",
        "post_at: 2026-12-01",
        "platform: x\napproval:\napproved_by:\nimages:\nallow:",  # a template not filled in yet
    ],
)
def test_valid_values_pass(block):
    meta, _ = split_front_matter(f"---\n{block}\n---\n本文")
    assert meta


def test_a_decorative_rule_line_is_not_front_matter():
    assert split_front_matter("---\n区切り線の下が本文です\n---\n本文") == ({}, 0)


def test_key_span_points_at_the_line_of_the_key():
    text = FULL
    assert text[slice(*key_span(text, "approval"))] == "approval: 口頭"
    assert text[slice(*key_span(text, "images", 0, "alt"))] == "alt: 紅葉した風頭公園"
    assert text[slice(*key_span(text, "images", 1, "path"))] == "path: photos/map.png"
    # A key that is absent falls back to its parent, then to the opening line.
    assert text[slice(*key_span(text, "images", 1, "alt"))] == "- path: photos/map.png"
    assert key_span(text, "no_such_key") == (0, 3)
    assert key_span("本文だけです", "approval") is None


def test_key_span_with_crlf_line_breaks():
    text = "---\r\nplatform: x\r\napproval: 決裁\r\n---\r\n本文"
    assert text[slice(*key_span(text, "approval"))] == "approval: 決裁"


def test_head_span_is_the_front_matter_or_the_first_line_of_the_post():
    assert head_span(FULL, split_front_matter(FULL)[1]) == (0, 3)
    text = "\n\n  お知らせ\n本文"
    assert text[slice(*head_span(text, 0))] == "お知らせ"
    assert head_span("", 0) == (0, 0)
