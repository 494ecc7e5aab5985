"""Post length per platform: twitter-text conformance, profile limits, graphemes."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import twitter_text
from snslint.platforms.length import (
    COUNTERS,
    X_MAX_WEIGHTED_LENGTH,
    code_point_length,
    emoji_utf8_length,
    grapheme_length,
    post_length,
    utf16_length,
    x_has_invalid_characters,
    x_weighted_length,
)

REPO = Path(__file__).resolve().parents[1]
# Third-party data shared beside the repository; it is never copied into it.
PROFILES = yaml.safe_load((REPO / "rules" / "data" / "platforms.yaml").read_text(encoding="utf-8"))
PLATFORMS = PROFILES["platforms"]

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
KISS_WITH_SKIN_TONES = "\U0001F469\U0001F3FB\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468\U0001F3FC"
ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"


# --- twitter-text conformance ---------------------------------------------------

@pytest.fixture(scope="module")
def conformance() -> dict:
    return twitter_text("validate.yml")["tests"]


@pytest.mark.parametrize("group, options", [
    ("WeightedTweetsWithDiscountedEmojiCounterTest", {}),
    ("UnicodeDirectionalMarkerCounterTest", {}),
    # Config v2 weighs like v3 but does not discount emoji sequences.
    ("WeightedTweetsCounterTest", {"emoji_parsing": False}),
])
def test_twitter_text_weighted_length(conformance, group, options):
    cases = conformance[group]
    assert cases, f"{group} has no cases"
    failures = []
    for case in cases:
        expected = case["expected"]
        length = x_weighted_length(case["text"], **options)
        valid = 0 < length <= X_MAX_WEIGHTED_LENGTH and not x_has_invalid_characters(case["text"])
        if (length, valid) != (expected["weightedLength"], expected["valid"]):
            failures.append(f"{case['description']}: weightedLength {length} "
                            f"(expected {expected['weightedLength']}), valid {valid} "
                            f"(expected {expected['valid']})")
    print(f"\n{group}: {len(cases) - len(failures)}/{len(cases)} passed")
    for failure in failures:
        print(f"  FAIL {failure}")
    assert not failures


# --- X beyond the conformance data -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("©", 1),                                     # text-style: Latin-1 weight
    ("©\uFE0F", 2),                               # emoji presentation: one emoji
    ("\u2764\uFE0F\u200D\U0001F525", 2),          # heart on fire, Emoji 13.1
    ("\U0001FAF1\U0001F3FB\u200D\U0001FAF2\U0001F3FF", 2),  # handshake, Emoji 14.0
    ("\U0001F9D1\u200D\U0001F9D1\u200D\U0001F9D2", 2),      # family, Emoji 15.1
    ("\U0001F600\u200D\U0001F600", 5),            # not a real sequence: 2 + ZWJ 1 + 2
    ("\U0001F1E6\U0001F1E6", 4),                  # no such flag: two lone letters
    ("長崎市", 6),
    ("お知らせ https://www.city.nagasaki.lg.jp/kanko/index.html", 8 + 1 + 23),
])
def test_x_weighted_length_emoji_and_urls(text, expected):
    assert x_weighted_length(text) == expected


def test_x_invalid_characters():
    assert x_has_invalid_characters("お知らせ\uFEFF")
    assert x_has_invalid_characters("\uFFFE")
    # Directional formatting characters are allowed (UnicodeDirectionalMarkerCounterTest).
    assert not x_has_invalid_characters("\u202A長崎\u202C\u2066")


# --- platform profiles ----------------------------------------------------------

PROFILE_KEYS = {"name", "counter", "limit", "hashtag_limit", "mention_limit", "url_length"}


def test_profiles_cover_every_platform_with_known_keys():
    assert set(PLATFORMS) == {"x", "facebook", "instagram", "threads", "bluesky", "mastodon", "line"}
    for key, profile in PLATFORMS.items():
        assert set(profile) <= PROFILE_KEYS, key
        assert isinstance(profile["name"], str) and profile["name"], key
        assert profile["counter"] in COUNTERS, key
        assert isinstance(profile["limit"], int) and profile["limit"] > 0, key
        for optional in ("hashtag_limit", "mention_limit", "url_length"):
            value = profile.get(optional)
            assert value is None or (isinstance(value, int) and value > 0), (key, optional)


def test_profile_figures_match_their_sources():
    # Each figure has its source in a comment in rules/data/platforms.yaml: change both together.
    figures = {key: (profile["counter"], profile["limit"]) for key, profile in PLATFORMS.items()}
    assert figures == {
        "x": ("x_weighted", 280),
        "facebook": ("utf16", 63206),
        "instagram": ("utf16", 2200),
        "threads": ("emoji_utf8", 500),
        "bluesky": ("graphemes", 300),
        "mastodon": ("graphemes", 500),
        "line": ("utf16", 500),
    }
    assert PLATFORMS["instagram"]["hashtag_limit"] == 5
    assert PLATFORMS["instagram"]["mention_limit"] == 20
    assert PLATFORMS["threads"]["hashtag_limit"] == 1
    assert PLATFORMS["mastodon"]["url_length"] == 23


# Building blocks whose cost under each counter was worked out by hand, so the
# boundary tests do not take the code under test as their own oracle.
BLOCKS = [
    ("【お知らせ】", {"x_weighted": 12, "graphemes": 6, "code_points": 6, "utf16": 6, "emoji_utf8": 6}),
    ("\U0001F341", {"x_weighted": 2, "graphemes": 1, "code_points": 1, "utf16": 2, "emoji_utf8": 4}),
    (FAMILY, {"x_weighted": 2, "graphemes": 1, "code_points": 7, "utf16": 11, "emoji_utf8": 25}),
    ("\U0001F1EF\U0001F1F5", {"x_weighted": 2, "graphemes": 1, "code_points": 2, "utf16": 4, "emoji_utf8": 8}),
    ("\n", {"x_weighted": 1, "graphemes": 1, "code_points": 1, "utf16": 1, "emoji_utf8": 1}),
]
URL = "https://www.city.nagasaki.lg.jp/site/kanko/autumn-leaves.html"


def _text_of_length(counter: str, target: int, url_length: int | None) -> str:
    """A post of CJK, emoji and a URL that measures exactly `target`."""
    text = "".join(block for block, _ in BLOCKS) + URL + "\n"
    if counter == "x_weighted":
        url_cost = 23
    else:
        url_cost = url_length if url_length is not None else len(URL)  # ASCII: 1 each
    cost = sum(costs[counter] for _, costs in BLOCKS) + url_cost + 1
    cjk_cost = 2 if counter == "x_weighted" else 1
    remaining = target - cost
    assert remaining >= 0
    return text + "紅" * (remaining // cjk_cost) + "a" * (remaining % cjk_cost)


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_profile_limit_boundary(platform):
    profile = PLATFORMS[platform]
    counter, limit, url_length = profile["counter"], profile["limit"], profile.get("url_length")
    at_limit = _text_of_length(counter, limit, url_length)
    assert post_length(at_limit, counter, url_length=url_length) == limit
    assert post_length(at_limit + "a", counter, url_length=url_length) == limit + 1
    assert post_length(at_limit + "。", counter, url_length=url_length) > limit


def test_x_boundary_is_valid_at_limit_only():
    at_limit = _text_of_length("x_weighted", X_MAX_WEIGHTED_LENGTH, None)
    assert x_weighted_length(at_limit) == 280 and not x_has_invalid_characters(at_limit)
    assert x_weighted_length(at_limit + "🍁") == 282


def test_post_length_url_length():
    text = "詳細 " + URL
    assert post_length(text, "graphemes", url_length=23) == 3 + 23
    assert post_length(text, "graphemes") == 3 + len(URL)
    # Mastodon shortens only URLs written with a scheme.
    assert post_length("詳細 city.nagasaki.lg.jp", "graphemes", url_length=23) == 3 + 19
    with pytest.raises(ValueError):
        post_length(text, "x_weighted", url_length=23)


@pytest.mark.parametrize("name", sorted(PROFILES["examples"]))
def test_yaml_examples(name):
    example = PROFILES["examples"][name]
    measured = {counter: COUNTERS[counter](example["text"]) for counter in example["lengths"]}
    assert measured == example["lengths"]


# --- graphemes and plain counts ----------------------------------------------------

@pytest.mark.parametrize("text, graphemes, code_points, utf16", [
    (FAMILY, 1, 7, 11),
    (KISS_WITH_SKIN_TONES, 1, 10, 15),
    ("\U0001F1EF\U0001F1F5\U0001F1FA\U0001F1F8", 2, 4, 8),  # two flags
    ("\U0001F1EF\U0001F1F5\U0001F1E6", 2, 3, 6),             # a flag and a lone letter
    (ENGLAND, 1, 7, 14),                                       # tag sequence
    ("\U0001F44D\U0001F3FD", 1, 2, 4),                         # skin tone
    ("\U0001F44B\U0001F3FF\U0001F44B\U0001F3FB", 2, 4, 8),
    ("1\uFE0F\u20E3", 1, 3, 3),                                # keycap
    ("e\u0301", 1, 2, 2),                                      # combining acute
    ("\u304B\u3099", 1, 2, 2),                                 # か + combining dakuten
    ("\u1100\u1161\u11A8", 1, 3, 3),                           # Hangul jamo 각
    ("\r\n", 1, 2, 2),
    ("𠮷野家", 3, 3, 4),
    ("", 0, 0, 0),
])
def test_grapheme_code_point_and_utf16_lengths(text, graphemes, code_points, utf16):
    assert grapheme_length(text) == graphemes
    assert code_point_length(text) == code_points
    assert utf16_length(text) == utf16


@pytest.mark.parametrize("text, expected", [
    ("\U0001F600", 4),
    ("長崎\U0001F600", 2 + 4),
    (FAMILY, 25),
    ("\u263A", 1),             # text-style smiley: a character, not an emoji
    ("\u263A\uFE0F", 3 + 3),   # emoji-style smiley: its UTF-8 bytes
    ("\U0001F3FB", 4),         # a skin tone swatch on its own
])
def test_emoji_utf8_length(text, expected):
    assert emoji_utf8_length(text) == expected


def test_importing_length_module_stays_light():
    # `snslint --version` imports the package; the heavy modules must wait until counting.
    code = ("import sys, snslint.platforms.length; "
            "print(sorted(m for m in ('regex', 'emoji', 'snslint.urls') if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert result.stdout.strip() == "[]"


def test_every_emoji_has_a_code_point_the_quick_emoji_test_sees():
    # may_contain_emoji lets a post skip the emoji table; it must never miss an emoji.
    from emoji import EMOJI_DATA

    from snslint.platforms.length import may_contain_emoji

    missed = [key for key in EMOJI_DATA if not may_contain_emoji(key)]
    assert missed == []
    assert not may_contain_emoji("【お知らせ】★☆♪※→■●○◎ 10月1日（水）10:00〜 ＃長崎")


def _x_length_char_by_char(text: str) -> int:
    """twitter-text's loop, one code point at a time: what the run-wise count must equal."""
    from snslint.platforms.length import X_SCALE, X_URL_LENGTH, _x_weight
    from snslint.urls import extract_urls

    normalized = unicodedata.normalize("NFC", text)
    url_ends = {url.start: url.end for url in extract_urls(normalized)}
    total, index = 0, 0
    while index < len(normalized):
        end = url_ends.get(index)
        if end is not None and end > index:
            total, index = total + X_URL_LENGTH * X_SCALE, end
        else:
            total, index = total + _x_weight(ord(normalized[index])), index + 1
    return total // X_SCALE


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["市", "a", " ", "\u2010", "\u2031", "\u2032", "\u10ff", "\u1100", "ｱ", "\n",
                                 "e\u0301", "https://example.jp/a ", "www.city.nagasaki.lg.jp", "𠮷"]),
                max_size=25).map("".join))
def test_x_length_by_runs_equals_the_count_by_code_point(text):
    from snslint.platforms.length import X_RANGES, x_weighted_length

    assert all(weight == 100 for _start, _end, weight in X_RANGES)  # what the run count assumes
    assert x_weighted_length(text) == _x_length_char_by_char(text)
