"""Readability and accessibility detectors: the city's posts must be readable by everyone.

Characters are looked at as written (snslint.detectors.platform.view), not in the
NFKC view, which would already have turned ｶ into カ and ① into 1. The checks
that `snslint --fix` can repair call the same finders the fixer uses
(snslint.edits), so a fixed draft is clean for them by construction.
"""

from __future__ import annotations

from bisect import bisect_right

from snslint import edits, regexcache
from snslint.detectors import check_options
from snslint.detectors.platform import view
from snslint.findings import Match


def _finder(name: str, find):
    def make(options: dict):
        check_options(options, {})

        def detect(doc):
            post = view(doc)
            for edit in find(post.text):
                yield post.match(edit.start, edit.end, plain=edit.replacement,
                                 count=edit.end - edit.start)

        return detect

    return make


make_machine_dependent = _finder("machine_dependent", edits.find_machine_dependent)
make_halfwidth_katakana = _finder("halfwidth_katakana", edits.find_halfwidth_katakana)
make_trailing_space = _finder("trailing_space", edits.find_trailing_spaces)
make_unnormalized = _finder("unnormalized", edits.find_unnormalized)


# Symbols used as decoration, which screen readers read out one by one by name
# (ほし、くろぼし、おんぷ…). Arrows and ※ are left out: they carry meaning.
DECORATIONS = frozenset("★☆♪♫♬♩◆◇■□●○◎▲△▼▽♡♥❤✿❀✧✦✩✪✫✬✭✮✯✰❁❂❃❋")
_GAP = frozenset(" \u3000\ufe0e\ufe0f")


def _positive_int(name: str, options: dict, key: str, default: int) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name}: {key} は 1 以上の整数です。")
    return value


def emoji_runs(text: str, min_run: int) -> list[tuple[int, int, int]]:
    """(start, end, count) of each run of at least `min_run` emoji or decorations.

    Spaces between them do not end a run: "✨ ✨ ✨" is read out as much as "✨✨✨".
    """
    from snslint.platforms.length import emoji_end, may_contain_emoji

    if not may_contain_emoji(text):
        if DECORATIONS.isdisjoint(text):
            return []
        emoji_end = _no_emoji  # only decorations can make a run

    runs = []
    index, start, count, last_end = 0, None, 0, 0
    while index < len(text):
        end = emoji_end(text, index) or (index + 1 if text[index] in DECORATIONS else 0)
        if end:
            if start is None:
                start, count = index, 0
            count += 1
            index = last_end = end
            continue
        if start is not None and text[index] not in _GAP:
            if count >= min_run:
                runs.append((start, last_end, count))
            start = None
        index += 1
    if start is not None and count >= min_run:
        runs.append((start, last_end, count))
    return runs


def _no_emoji(_text: str, _index: int) -> int:
    return 0


def make_emoji_run(options: dict):
    check_options(options, {"min_run": None})
    min_run = _positive_int("emoji_run", options, "min_run", 3)

    def detect(doc):
        post = view(doc)
        if post.text.isascii():
            return
        for start, end, count in emoji_runs(post.text, min_run):
            yield post.match(start, end, count=count)

    return detect


_LATIN_TAG = regexcache.compile(r"[A-Za-z0-9]+")


def make_hashtag_case(options: dict):
    """#nagasakicityevent: screen readers cannot tell where its words begin."""
    check_options(options, {"min_length": None})
    min_length = _positive_int("hashtag_case", options, "min_length", 10)

    def detect(doc):
        if "#" not in doc.text:
            return
        post = view(doc)
        for tag in post.hashtags("twitter"):
            letters = sum(ch.isalpha() for ch in tag.name)
            if not _LATIN_TAG.fullmatch(tag.name) or letters < min_length:
                continue
            if tag.name.islower() or tag.name.isupper():
                yield post.match(tag.start, tag.end, name=tag.name)

    return detect


def make_long_sentence(options: dict):
    """A sentence longer than `max_length` characters, URLs left out of the count."""
    check_options(options, {"max_length": None})
    max_length = _positive_int("long_sentence", options, "max_length", 100)

    def detect(doc):
        text = doc.text
        if len(text) <= max_length:
            return
        urls = sorted((url.start, url.end) for url in doc.urls)
        starts = [start for start, _end in urls]
        for start, end in doc.sentences:
            stripped_end = end
            while stripped_end > start and text[stripped_end - 1] in "。！？!?\n":
                stripped_end -= 1
            if stripped_end - start <= max_length:
                continue
            # URLs are sorted and do not overlap: only those from the last one starting
            # before the sentence up to its end can be inside it.
            first = max(bisect_right(starts, start) - 1, 0)
            last = bisect_right(starts, stripped_end)
            length = stripped_end - start - sum(
                max(0, min(url_end, stripped_end) - max(url_start, start))
                for url_start, url_end in urls[first:last])
            if length > max_length:
                finish = end
                while finish > start and text[finish - 1] == "\n":
                    finish -= 1
                yield Match(start, finish, data={"length": length, "max": max_length})

    return detect
