"""Find http(s) URLs and bare domain names in Japanese social-media text.

The extractor is a single left-to-right pass: one regular expression finds
the next place where a URL could start (an ``http(s)://`` scheme or the first
label of a Latin-script domain), and small helpers then read the host, the
port and the path from there.  Every regular expression used is free of
nested ambiguous quantifiers and every helper only looks a bounded distance
past what it consumes, so the whole pass is linear in the length of the text.

Only the standard library is used.  The list of top-level domains comes from
the public-suffix snapshot that the ``tldextract`` package ships, read as a
plain file (importing ``tldextract`` would pull in ``requests`` and is slow);
without ``tldextract`` a small built-in set is used instead.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from snslint import regexcache
from snslint import suffixes

__all__ = ["Url", "extract_urls"]


class Url(NamedTuple):
    start: int  # code-point offset in the text given
    end: int  # exclusive
    text: str  # text[start:end], exactly as written
    host: str  # lower-cased host without port/userinfo (IDN kept in Unicode), '' if none
    has_scheme: bool


_MAX_LABEL = 63  # RFC 1035 limit for one label
_MAX_HOST = 253  # RFC 1035 limit for a whole name

# Characters of a bare (schemeless) domain label.  Bare domains are limited to
# Latin script because Japanese prose glued to a domain ("詳しくは例え.jp")
# cannot be told apart from the domain itself; IDN hosts need a scheme.
_LATIN = (
    r"A-Za-z0-9_\-"
    r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"  # Latin-1 letters, Latin Extended-A/B
    r"\u0300-\u036F"  # combining diacritics
    r"\u1E00-\u1EFF"  # Latin Extended Additional
)
_LATIN_LABEL = regexcache.compile(rf"[{_LATIN}]+")

# Next possible URL start.  A scheme may follow anything except the marks of
# hashtags, mentions and cashtags, so "URLhttps://..." (common in Japanese
# posts) still works.  A bare domain must start a run of label characters and
# dots (which also keeps the search linear: no start inside a run is tried),
# must not follow "/" (the tail of another scheme) or "@" (an e-mail address),
# and must be followed by a dot.  "..", as left by NFKC of "…", is allowed.
_BLOCKED_BEFORE = r"@#$\uFF20\uFF03\uFF04"  # @ # $ and their full-width forms
CANDIDATE = (
    rf"(?<![{_BLOCKED_BEFORE}])(?P<scheme>(?i:https?)://)"
    rf"|(?:(?<![{_LATIN}.{_BLOCKED_BEFORE}/\\\uFF0F])|(?<=\.\.))[{_LATIN}]+\."
)
# Behind a look-ahead for its opening characters: kana and kanji, most of a post, are
# passed over in one test each (25 -> 11 ms per 1,000 drafts).
_CANDIDATE = regexcache.compile(CANDIDATE, guard=True)

# One host label, read permissively; non-ASCII characters are vetted later.
# The bound lets an over-long label be noticed without reading all of it.
# (Letters, digits, _ and - of ASCII and anything beyond it, written as what it excludes:
# a class that spells out the range up to U+10FFFF takes 3 ms to compile.)
_LABEL = regexcache.compile(rf"[^\x00-\x2c./:-@\[-\^`{{-\x7f]{{1,{_MAX_LABEL + 1}}}")
# A label valid anywhere but in the TLD position: RFC 1035 length, no
# leading or trailing hyphen or underscore.
_VALID_ASCII_LABEL = regexcache.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?")
_ASCII_LABEL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

_USERINFO = regexcache.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:%]+@")
_PORT = regexcache.compile(r":[0-9]{1,5}(?![0-9])")
_IPV4 = regexcache.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])")

# Path, query and fragment characters: RFC 3986 plus what is common in the
# wild ("|", Latin letters, Cyrillic, en dash).  Japanese and full-width
# characters are not included, so they end the URL.
_PATH = regexcache.compile(
    r"[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#\[\]|"
    r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u0400-\u04FF\u1E00-\u1EFF\u2013]*"
)
_BRACKET = regexcache.compile(r"[()\[\]]")
_OPENER = {")": "(", "]": "["}
# Sentence punctuation that ends a URL when it is the last thing written.
_TRAILING = ".,:;!?'*"
# A host followed by these is part of an e-mail address or similar, not a URL.
_NOT_AFTER_HOST = frozenset("@+\uFF20")

# Used only when tldextract (and its public-suffix snapshot) is not installed.
_FALLBACK_TLDS = frozenset(
    """
    com net org edu gov mil int info biz name pro mobi asia tel travel jobs
    io me ly co gl be to tv cc fm am ai gg im la ws sh ac so st gd vc
    app dev page site online xyz top club shop store tech blog news live link
    click world today jp tokyo osaka nagoya yokohama kyoto okinawa ryukyu
    みんな コム ストア セール ファッション ポイント クラウド 世界 書籍 通販
    us uk ca au nz de fr it es nl se no fi dk ch at pl cz ru ua cn hk mo tw
    kr sg my th vn ph id in br ar mx cl eu
    """.split()
)


def extract_urls(text: str) -> list[Url]:
    """Return the URLs in ``text`` in order of appearance, without overlaps."""
    urls: list[Url] = []
    pos = 0
    while (match := _CANDIDATE.search(text, pos)) is not None:
        if match.group("scheme"):
            url = _scheme_url(text, match.start(), match.end())
        else:
            url = _bare_url(text, match.start())
        if url is None:
            pos = match.end()
        else:
            urls.append(url)
            pos = url.end
    return urls


def _scheme_url(text: str, start: int, after_scheme: int) -> Url | None:
    host_start = _skip_userinfo(text, after_scheme)
    host_end = _host_end(text, host_start, latin_only=False)
    if host_end < 0:
        host_end = _ipv4_end(text, host_start)
    if host_end < 0:
        return None
    return _finish(text, start, host_start, host_end, has_scheme=True)


def _bare_url(text: str, start: int) -> Url | None:
    host_end = _host_end(text, start, latin_only=True)
    if host_end < 0:
        return None
    return _finish(text, start, start, host_end, has_scheme=False)


def _finish(text: str, start: int, host_start: int, host_end: int, has_scheme: bool) -> Url | None:
    """Add port and path to a host; reject hosts that belong to e-mail addresses."""
    end = host_end
    port = _PORT.match(text, end) if text[end : end + 1] == ":" else None
    if port is not None:
        end = port.end()
    if end < len(text) and text[end] in _NOT_AFTER_HOST:
        return None
    end = _path_end(text, end)
    host = text[host_start:host_end].lower()
    return Url(start, end, text[start:end], host, has_scheme)


def _skip_userinfo(text: str, pos: int) -> int:
    # Userinfo is rare, but "http://example.com@evil.example" must report the
    # real host, so it is skipped rather than taken for the host.
    match = _USERINFO.match(text, pos)
    return match.end() if match is not None else pos


def _ipv4_end(text: str, pos: int) -> int:
    match = _IPV4.match(text, pos)
    if match is None or any(int(part) > 255 for part in match.group().split(".")):
        return -1
    return match.end()


# --- host -------------------------------------------------------------------


def _host_end(text: str, start: int, latin_only: bool) -> int:
    """End of the longest valid host starting at ``start``, or -1.

    A host is two or more labels of which the last is a known TLD, either a
    whole label or the start of one that runs on into other text, as in
    "example.comてすと".  Longer readings are preferred, like a greedy regex.
    """
    labels = _scan_labels(text, start, latin_only)
    for k in range(len(labels) - 1, 0, -1):
        if "_" in labels[k - 1][1]:
            continue  # underscores are tolerated in subdomains only
        end = _tld_end(*labels[k])
        if end >= 0 and end - start <= _MAX_HOST:
            return end
    return -1


def _scan_labels(text: str, start: int, latin_only: bool) -> list[tuple[int, str]]:
    """(offset, label) of the dot-separated labels from ``start``.

    Scanning stops after a label that could only be a TLD (an invalid label,
    or a non-Latin one in a bare domain) and after one host length.
    """
    labels: list[tuple[int, str]] = []
    pos = start
    while (match := _LABEL.match(text, pos)) is not None:
        label = match.group()
        if not label.isascii():
            label = _trim_idn_label(label)
            if not label:
                break
        labels.append((pos, label))
        end = pos + len(label)
        if not _is_valid_label(label, latin_only) or end - start > _MAX_HOST or text[end : end + 1] != ".":
            break
        pos = end + 1
    return labels


def _trim_idn_label(label: str) -> str:
    """Cut a label at its first non-ASCII character that cannot be in an IDN."""
    for index, char in enumerate(label):
        if char >= "\x80" and not _is_idn_char(char):
            return label[:index]
    return label


def _is_idn_char(char: str) -> bool:
    # Letters, marks and digits of any script, plus symbols such as emoji and
    # "✪" that real IDN hosts use; punctuation and spaces (「」、。 and U+3000
    # included) are excluded so that they end the host.
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "So"


def _is_valid_label(label: str, latin_only: bool) -> bool:
    """Whether ``label`` may stand anywhere but in the TLD position."""
    if label.isascii():
        return _VALID_ASCII_LABEL.fullmatch(label) is not None
    if latin_only and _LATIN_LABEL.fullmatch(label) is None:
        return False
    # "xn--" marks Punycode, which is ASCII by definition. The 63-character limit
    # applies to the encoded form ("xn--" plus Punycode), not to the Unicode text.
    return (
        _punycode_length(label) + 4 <= _MAX_LABEL
        and label[0] not in "-_"
        and label[-1] not in "-_"
        and label[:4].lower() != "xn--"
    )


@lru_cache(maxsize=4096)
def _punycode_length(label: str) -> int:
    # Python's punycode codec is pure Python and slow; posts repeat their words.
    return len(label.encode("punycode"))


def _tld_end(pos: int, label: str) -> int:
    """End of the TLD that the label at ``pos`` is or begins with, or -1."""
    tlds, longest = _tld_set()
    if label.lower() in tlds:
        return pos + len(label)
    if label.isascii():
        return -1  # "comm" must not yield "com"; "comてすと" may
    for length in range(min(len(label) - 1, longest), 1, -1):
        if label[length] not in _ASCII_LABEL_CHARS and label[:length].lower() in tlds:
            return pos + length
    return -1


# --- path -------------------------------------------------------------------


def _path_end(text: str, pos: int) -> int:
    """End of the path, query and fragment that start at ``pos``, if any."""
    if pos >= len(text) or text[pos] not in "/?#":
        return pos
    end = _balance_brackets(text, pos, _PATH.match(text, pos).end())
    return pos + len(text[pos:end].rstrip(_TRAILING))


def _balance_brackets(text: str, start: int, end: int) -> int:
    """Cut the path at an unmatched bracket, keeping Wikipedia-style pairs."""
    if _BRACKET.search(text, start, end) is None:
        return end
    open_positions: list[tuple[str, int]] = []
    for match in _BRACKET.finditer(text, start, end):
        char = match.group()
        if char in "([":
            open_positions.append((char, match.start()))
        elif open_positions and open_positions[-1][0] == _OPENER[char]:
            open_positions.pop()
        else:
            return match.start()  # "(see http://x.jp/a)" closes the prose
    return open_positions[0][1] if open_positions else end


# --- TLD set ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _tld_set() -> tuple[frozenset[str], int]:
    """Known TLDs (lower case, Unicode and Punycode forms) and the longest length."""
    tlds = suffixes.top_level_domains() or suffixes.with_punycode(_FALLBACK_TLDS)
    return tlds, max(map(len, tlds))
