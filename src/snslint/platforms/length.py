"""Post length as each platform measures it: pure functions over a string.

Which counter a platform uses, and its limit, is data (rules/data/platforms.yaml);
`COUNTERS` maps the counter names used there to the functions here.

The third-party modules (regex, emoji) and the URL extractor are imported
inside the functions that need them: importing this module must stay cheap
because the CLI imports it on every run, `snslint --version` included.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from snslint import regexcache

# twitter-text configuration v3 (config/v3.json in twitter/twitter-text), which
# X's "Counting characters" page names as the definition of a post's length.
X_MAX_WEIGHTED_LENGTH = 280
X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_URL_LENGTH = 23
X_RANGES = (
    (0x0000, 0x10FF, 100),  # Latin, Greek, Cyrillic, Hebrew, Arabic, ... up to Georgian
    (0x2000, 0x200D, 100),  # spaces of General Punctuation, up to the zero width joiner
    (0x2010, 0x201F, 100),  # dashes and quotation marks
    (0x2032, 0x2037, 100),  # primes
)
# twitter-text rejects a post holding any of these. The directional formatting
# characters U+202A-U+202E were on the list once, but the conformance suite
# (UnicodeDirectionalMarkerCounterTest) now expects posts with them to be valid.
X_INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")


def x_weighted_length(text: str, *, emoji_parsing: bool = True) -> int:
    """Weighted length of a post on X (twitter-text v3); 280 is the limit.

    The text is NFC-normalised first. Each URL counts 23 whatever its length.
    Each code point weighs 1 in the X_RANGES and 2 elsewhere, except that an
    emoji sequence of several code points (ZWJ sequence, skin tone, flag,
    keycap, variation selector) counts 2 as a whole. `emoji_parsing=False`
    gives twitter-text v2, which weighs every code point of such a sequence.
    """
    from snslint.urls import extract_urls

    normalized = unicodedata.normalize("NFC", text)
    url_ends = {url.start: url.end for url in extract_urls(normalized)}
    if not (emoji_parsing and may_contain_emoji(normalized)):
        return _x_length_without_emoji(normalized, url_ends) // X_SCALE
    total = 0
    index = 0
    while index < len(normalized):
        end = url_ends.get(index)
        if end is not None and end > index:
            total += X_URL_LENGTH * X_SCALE
            index = end
            continue
        end = _emoji_sequence_end(normalized, index)
        if end:
            total += X_DEFAULT_WEIGHT
            index = end
            continue
        total += _x_weight(ord(normalized[index]))
        index += 1
    return total // X_SCALE


def _x_length_without_emoji(text: str, url_ends: dict[int, int]) -> int:
    """The scaled weight of a text without emoji sequences: URLs, then runs between them.

    Most posts: their characters are weighed by the run, in C, rather than one by one.
    """
    total = 0
    position = 0
    for start, end in sorted(url_ends.items()):
        if start < position or end <= start:
            continue  # inside a URL counted already
        total += _x_run_weight(text, position, start) + X_URL_LENGTH * X_SCALE
        position = end
    return total + _x_run_weight(text, position, len(text))


def _x_run_weight(text: str, start: int, end: int) -> int:
    run = text[start:end]
    light = len(run) - len(_x_light().sub("", run))
    return light * 100 + (len(run) - light) * X_DEFAULT_WEIGHT


@lru_cache(maxsize=1)
def _x_light():
    # Every range of X_RANGES weighs 100 (one character); the rest weigh X_DEFAULT_WEIGHT.
    return regexcache.compile("[" + "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end, _weight in X_RANGES) + "]")


def x_has_invalid_characters(text: str) -> bool:
    """True when X would refuse the post for a character it never accepts."""
    return not X_INVALID_CHARACTERS.isdisjoint(text)


def grapheme_length(text: str) -> int:
    """Extended grapheme clusters (UAX #29): what a reader sees as characters.

    Bluesky limits posts in these, and Mastodon counts them too.
    """
    import regex

    return len(regex.findall(r"\X", text))


def code_point_length(text: str) -> int:
    """Unicode code points, which is what Python's len() counts."""
    return len(text)


def utf16_length(text: str) -> int:
    """UTF-16 code units: what JavaScript's String.length and LINE count.

    Code points outside the Basic Multilingual Plane (most emoji, some kanji
    such as 𠮷) take two units.
    """
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def emoji_utf8_length(text: str) -> int:
    """Code points, except that each emoji counts as many as its UTF-8 bytes.

    This is the Threads rule ("Emojis are counted as the number of UTF-8
    bytes"): 😀 counts 4 and a four-person family emoji 25. A character that
    is only an emoji when followed by U+FE0F (©, ☺, ...) counts 1 on its own.
    """
    if not may_contain_emoji(text):
        return len(text)
    total = 0
    index = 0
    while index < len(text):
        end = _emoji_sequence_end(text, index) or _emoji_character_end(text, index)
        if end:
            total += len(text[index:end].encode("utf-8"))
            index = end
        else:
            total += 1
            index += 1
    return total


def post_length(text: str, counter: str, *, url_length: int | None = None) -> int:
    """Length of `text` under the named counter of a platform profile.

    With `url_length`, every URL written with its scheme (http://, https://)
    counts that many characters whatever its length, the way Mastodon
    replaces each such URL with a 23-character placeholder before counting;
    a bare domain counts its own characters there. The x_weighted counter
    already gives every URL, bare or not, 23, so it takes no `url_length`.
    """
    count = COUNTERS[counter]
    if url_length is None:
        return count(text)
    if counter == "x_weighted":
        raise ValueError("x_weighted already counts every URL as 23")
    from snslint.urls import extract_urls

    pieces = []
    position = 0
    for url in sorted(extract_urls(text), key=lambda url: url.start):
        if url.start < position or not getattr(url, "has_scheme", True):
            continue  # overlaps one already replaced, or a bare domain
        pieces.append(text[position:url.start])
        # ASCII letters count one per unit under every counter.
        pieces.append("x" * url_length)
        position = url.end
    pieces.append(text[position:])
    return count("".join(pieces))


def _x_weight(code_point: int) -> int:
    for start, end, weight in X_RANGES:
        if start <= code_point <= end:
            return weight
    return X_DEFAULT_WEIGHT


# Every non-ASCII code point that occurs in some emoji or emoji sequence (Unicode's
# emoji data as the `emoji` package ships it; tests/test_platform_length.py checks the
# list against the installed package). A post without any of them has no emoji, and
# the 5,000-entry emoji table need not be loaded: most posts are such.
_EMOJI_CODE_POINTS = (
    "00A9 00AE 200D 203C 2049 20E3 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 23CF "
    "23E9-23F3 23F8-23FA 24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2604 260E 2611 "
    "2614-2615 2618 261D 2620 2622-2623 2626 262A 262E-262F 2638-263A 2640 2642 "
    "2648-2653 265F-2660 2663 2665-2666 2668 267B 267E-267F 2692-2697 2699 269B-269C "
    "26A0-26A1 26A7 26AA-26AB 26B0-26B1 26BD-26BE 26C4-26C5 26C8 26CE-26CF 26D1 "
    "26D3-26D4 26E9-26EA 26F0-26F5 26F7-26FA 26FD 2702 2705 2708-270D 270F 2712 2714 "
    "2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757 2763-2764 "
    "2795-2797 27A1 27B0 27BF 2934-2935 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D 3297 "
    "3299 FE0F 10000-10FFFF"
)


@lru_cache(maxsize=1)
def _maybe_emoji():
    def char(code: str) -> str:
        return "\\U" + code.rjust(8, "0")

    parts = ("-".join(map(char, item.split("-"))) for item in _EMOJI_CODE_POINTS.split())
    return regexcache.compile("[" + "".join(parts) + "]")


def may_contain_emoji(text: str) -> bool:
    """False when `text` certainly holds no emoji (so the emoji table is not needed)."""
    return _maybe_emoji().search(text) is not None


def _emoji_sequence_end(text: str, index: int) -> int:
    """End of the longest emoji sequence of two or more code points at `index`, or 0.

    Sequences come from the Unicode emoji data the `emoji` package ships
    (fully-, minimally- and unqualified forms alike, as twitter-text's emoji
    parser also accepts "1⃣" without U+FE0F). Lone code points are left to the
    caller: on X a single emoji weighs 2 either way, while © and ® are emoji
    for X only when a U+FE0F follows, which makes them a sequence.
    """
    sequences, first_characters, longest = _emoji_sequences()
    if text[index] not in first_characters:
        return 0
    for size in range(min(longest, len(text) - index), 1, -1):
        if text[index:index + size] in sequences:
            return index + size
    return 0


def _emoji_character_end(text: str, index: int) -> int:
    """index + 1 when the code point at `index` is an emoji on its own, else 0."""
    return index + 1 if text[index] in _emoji_characters() else 0


@lru_cache(maxsize=1)
def _emoji_sequences() -> tuple[frozenset[str], frozenset[str], int]:
    from emoji import EMOJI_DATA

    sequences = frozenset(key for key in EMOJI_DATA if len(key) > 1)
    return sequences, frozenset(key[0] for key in sequences), max(map(len, sequences))


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    from emoji import EMOJI_DATA, STATUS

    alone = (STATUS["fully_qualified"], STATUS["component"])
    # Unqualified lone characters (©, ☺, ...) show as text unless U+FE0F
    # follows, so only emoji-presentation characters and the skin tone
    # swatches count as emoji by themselves.
    return frozenset(
        key for key, data in EMOJI_DATA.items()
        if len(key) == 1 and data["status"] in alone
    )


COUNTERS = {
    "x_weighted": x_weighted_length,
    "graphemes": grapheme_length,
    "code_points": code_point_length,
    "utf16": utf16_length,
    "emoji_utf8": emoji_utf8_length,
}


def emoji_end(text: str, index: int) -> int:
    """End of the emoji (a sequence or a lone emoji character) at `index`, or 0."""
    return _emoji_sequence_end(text, index) or _emoji_character_end(text, index)


# --- the post as published, and the platform profiles ------------------------------

class Posted:
    """A post body as it will be published, with a map back to the body it came from.

    Line breaks become \\n (every platform stores them so, and CRLF would count
    twice), and whitespace around the post is dropped: the newline that ends the
    file, and blank lines after the front matter, are never posted.
    """

    __slots__ = ("text", "_lead", "_positions")

    def __init__(self, body: str):
        if "\r" in body:
            pieces, positions = [], []
            index = 0
            while index < len(body):
                char = body[index]
                positions.append(index)
                if char == "\r":
                    pieces.append("\n")
                    index += 2 if body.startswith("\r\n", index) else 1
                else:
                    pieces.append(char)
                    index += 1
            unified = "".join(pieces)
            positions.append(len(body))
            self._positions = positions
        else:
            unified = body
            self._positions = None
        stripped = unified.lstrip()
        self._lead = len(unified) - len(stripped)
        self.text = stripped.rstrip()

    def to_body(self, offset: int) -> int:
        """Offset in the body of the posted character at `offset` (or of its end)."""
        offset = min(max(offset, 0), len(self.text)) + self._lead
        if self._positions is None:
            return offset
        return self._positions[offset]


class Profile(NamedTuple):
    """One platform: how it counts a post, its limits and how it reads hashtags."""

    key: str
    name: str
    counter: str
    limit: int
    hashtag_limit: int | None = None
    mention_limit: int | None = None
    url_length: int | None = None
    hashtag_syntax: str = "basic"
    fullwidth_hash: bool = False

    def measure(self, text: str) -> int:
        return post_length(text, self.counter, url_length=self.url_length)

    def has_invalid_characters(self, text: str) -> bool:
        return self.counter == "x_weighted" and x_has_invalid_characters(text)

    def is_valid(self, text: str) -> bool:
        # twitter-text calls an empty post invalid too; so does every composer.
        return 0 < self.measure(text) <= self.limit and not self.has_invalid_characters(text)

    def cut_offset(self, text: str) -> int | None:
        """Where the platform stops accepting `text`, or None when it all fits.

        The offset is the end of the longest prefix that fits, at a grapheme
        boundary (an emoji sequence is never split) and never inside a URL,
        which every counter treats as a unit or would leave broken.
        """
        if self.measure(text) <= self.limit:
            return None
        import regex

        from snslint.urls import extract_urls

        urls = extract_urls(text)
        url_ends = {url.start: url.end for url in urls}
        # Every counter gives each grapheme outside a URL at least 1, so the cut is
        # within the first limit + 1 of them: search only that far, not the whole text.
        bounds, outside, position = [0], 0, 0
        clusters = regex.compile(r"\X")
        while position < len(text) and outside <= self.limit:
            if position in url_ends:
                position = url_ends[position]
            else:
                position = clusters.match(text, position).end()
                outside += 1
            bounds.append(position)
        low, high = 0, len(bounds) - 1  # bounds[low] fits, bounds[high] does not
        while high - low > 1:
            middle = (low + high) // 2
            if self.measure(text[:bounds[middle]]) <= self.limit:
                low = middle
            else:
                high = middle
        # Bounds never fall inside a URL, which every counter takes or leaves whole.
        return bounds[low]


HASHTAG_SYNTAXES = ("twitter", "mastodon", "bluesky", "basic", "none")
_PROFILE_KEYS = frozenset({"name", "counter", "limit", "hashtag_limit", "mention_limit", "url_length"})


def profiles_path():
    from snslint.rules import builtin_rules_dir

    return builtin_rules_dir() / "data" / "platforms.yaml"


@lru_cache(maxsize=1)
def load_profiles() -> dict[str, Profile]:
    """The platform profiles of rules/data/platforms.yaml, in file order."""
    from snslint.errors import ConfigError
    from snslint.yamlio import load_yaml_file

    path = str(profiles_path())
    data = load_yaml_file(path)

    def fail(message: str, key: str | None = None):
        raise ConfigError(message, path=path, key=key)

    if not isinstance(data, dict) or not isinstance(data.get("platforms"), dict):
        fail("platforms: のマッピングがありません。")
    hashtags = data.get("hashtags") or {}
    if not isinstance(hashtags, dict):
        fail("hashtags はマッピングにしてください。", "hashtags")
    profiles = {}
    for key, raw in data["platforms"].items():
        if not isinstance(raw, dict) or set(raw) - _PROFILE_KEYS:
            fail(f"{key} のキーは {'、'.join(sorted(_PROFILE_KEYS))} だけが使えます。", key)
        if raw.get("counter") not in COUNTERS:
            fail(f"{key} の counter は {'、'.join(COUNTERS)} のいずれかです。", "counter")
        for number in ("limit", "hashtag_limit", "mention_limit", "url_length"):
            value = raw.get(number)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
                fail(f"{key} の {number} は正の整数です。", number)
        if not isinstance(raw.get("limit"), int):
            fail(f"{key} に limit がありません。", "limit")
        tags = hashtags.get(key) or {}
        if not isinstance(tags, dict) or tags.get("syntax", "basic") not in HASHTAG_SYNTAXES \
                or not isinstance(tags.get("fullwidth", False), bool):
            fail(f"hashtags.{key} は syntax（{'、'.join(HASHTAG_SYNTAXES)}）と fullwidth（true/false）です。",
                 "hashtags")
        profiles[key] = Profile(
            key=key, name=str(raw.get("name") or key), counter=raw["counter"], limit=raw["limit"],
            hashtag_limit=raw.get("hashtag_limit"), mention_limit=raw.get("mention_limit"),
            url_length=raw.get("url_length"),
            hashtag_syntax=tags.get("syntax", "basic"), fullwidth_hash=tags.get("fullwidth", False),
        )
    return profiles


def profiles_for(platform: str | None) -> list[Profile]:
    """The profiles a draft is checked against: none when unknown, every one for `all`."""
    if not platform:
        return []
    profiles = load_profiles()
    if platform == "all":
        return list(profiles.values())
    profile = profiles.get(str(platform))
    return [profile] if profile else []
