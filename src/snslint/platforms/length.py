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
    total = 0
    index = 0
    while index < len(normalized):
        end = url_ends.get(index)
        if end is not None and end > index:
            total += X_URL_LENGTH * X_SCALE
            index = end
            continue
        if emoji_parsing:
            end = _emoji_sequence_end(normalized, index)
            if end:
                total += X_DEFAULT_WEIGHT
                index = end
                continue
        total += _x_weight(ord(normalized[index]))
        index += 1
    return total // X_SCALE


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
