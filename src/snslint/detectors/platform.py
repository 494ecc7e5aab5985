"""Platform detectors: post length, hashtags and mentions as each platform reads them.

Which platform a draft is for is `doc.platform` (--platform, else the front
matter's `platform:`, else the configuration's); `all` checks every profile in
rules/data/platforms.yaml. With no platform known, length and limit checks stay
silent (a Facebook post is not too long for X), and hashtags are read the way X
reads them, the platform whose syntax is documented best.

Everything here reads the post as it will be published (snslint.platforms.length.
Posted: the original body, not the NFKC view, with \\n line breaks and trimmed),
because NFKC would hide what matters here (＃ becomes #, ｶ becomes カ), and maps
its spans back to the normalized view the engine expects.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from snslint import regexcache
from snslint.detectors import check_options
from snslint.findings import Match
from snslint.platforms.length import Posted, Profile, load_profiles, profiles_for

# --- the post as published, and its offsets ------------------------------------------


class PostView:
    """The published text of a Document, with spans mapped to the normalized view."""

    def __init__(self, doc):
        # Weakly: the document keeps its view (Document.shared), and a view that held
        # its document would make a cycle, which only the garbage collector frees.
        self._doc = weakref.ref(doc)
        self.posted = Posted(doc.body)
        self.text = self.posted.text
        self._normalized_length = len(doc.text)
        # Most drafts: NFKC changed nothing and there is no CR, so offsets are the same.
        self._identity = doc.text == doc.body
        self._cache: dict = {}

    @property
    def doc(self):
        return self._doc()

    def _normalized(self, body_offset: int) -> int:
        # The smallest normalized offset whose original position is at or after
        # body_offset; the engine maps normalized spans back with doc.to_original.
        if self._identity:
            return body_offset
        doc, low, high = self.doc, 0, self._normalized_length
        target = body_offset + doc.body_start
        while low < high:
            middle = (low + high) // 2
            if doc.to_original(middle, middle + 1)[0] < target:
                low = middle + 1
            else:
                high = middle
        return low

    def match(self, start: int, end: int, **data) -> Match:
        """A Match covering the posted span [start, end)."""
        begin = self._normalized(self.posted.to_body(start))
        finish = self._normalized(self.posted.to_body(end))
        return Match(begin, max(finish, begin + 1 if end > start else begin), data=data)

    def cached(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def urls(self) -> list:
        def compute():
            if self.text == self.doc.text:
                return self.doc.urls  # the same text: the URLs the document already found
            if "." not in self.text:
                return []
            from snslint.urls import extract_urls

            return extract_urls(self.text)

        return self.cached("urls", compute)

    @property
    def url_spans(self) -> Spans:
        return self.cached("url_spans", lambda: Spans(self.urls))

    def hashtags(self, syntax: str) -> list:
        return self.cached(("tags", syntax), lambda: extract_hashtags(self.text, syntax, self.url_spans))


class Spans:
    """Sorted, non-overlapping spans (URLs) asked whether a range touches one: O(log n)."""

    def __init__(self, spans):
        self.spans = sorted((span.start, span.end) for span in spans)
        self.starts = [start for start, _end in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.spans[index][1] > start


def view(doc) -> PostView:
    """One PostView per Document, shared by every detector that reads it."""
    return doc.shared(view, PostView)


def _names(profiles) -> str:
    return "・".join(profile.name for profile in profiles)


def _grouped(found: list[tuple[Profile, int, int, str]]):
    """Findings per span: platforms that agree on a span share one finding.

    The engine keeps one finding per rule and span, so with `all` two platforms
    cut at the same place must be reported together, not one of them dropped.
    """
    spans: dict[tuple[int, int], dict[str, list[Profile]]] = {}
    for profile, start, end, detail in found:
        spans.setdefault((start, end), {}).setdefault(detail, []).append(profile)
    for (start, end), details in spans.items():
        profiles = [profile for group in details.values() for profile in group]
        text = "。".join(f"{_names(group)}: {detail}" if len(details) > 1 else detail
                         for detail, group in details.items())
        yield start, end, profiles, text


# --- length ------------------------------------------------------------------------

_HOW = {
    "x_weighted": "漢字・かな・全角記号・絵文字を2、半角英数字を1、URLを長さによらず23として数えます",
    "graphemes": "見た目の1文字（絵文字の組み合わせも1文字）を1として数えます",
    "code_points": "Unicodeの符号位置ごとに1として数えます",
    "utf16": "1文字を1、絵文字や一部の漢字（𠮷など）を2として数えます",
    "emoji_utf8": "1文字を1、絵文字をUTF-8のバイト数（多くは4）として数えます",
}


def make_platform_length(options: dict):
    """Over a platform's limit: the span is what the platform would not take."""
    check_options(options, {})

    def detect(doc):
        profiles = profiles_for(doc.platform)
        if not profiles:
            return
        post = view(doc)
        found = []
        for profile in profiles:
            cut = profile.cut_offset(post.text)
            if cut is None:
                continue
            length = profile.measure(post.text)
            detail = f"{length:,}／上限{profile.limit:,}、{length - profile.limit:,}超過"
            found.append((profile, cut, len(post.text), detail))
        for start, end, profiles, detail in _grouped(found):
            head = post.text[start:start + 12].replace("\n", "↵")
            yield post.match(start, end, platform=_names(profiles), detail=detail, head=head,
                             how="。".join(f"{p.name}は{_how(p)}" for p in profiles))

    return detect


def _how(profile: Profile) -> str:
    how = _HOW.get(profile.counter, "")
    if profile.url_length:
        how += f"（http:// や https:// で始まるURLは{profile.url_length}）"
    return how



# --- hashtags ---------------------------------------------------------------------

class Hashtag(NamedTuple):
    start: int   # offset of the # in the posted text
    end: int
    name: str
    mark: str    # "#" or "＃"


# twitter-text (regexen: hashtagAlpha, hashtagAlphaNumeric, hashtagBoundary).
_TW_JOINERS = "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
_TW_ALNUM = r"\p{L}\p{M}\p{Nd}" + _TW_JOINERS + "\uff5e\u301c"
_TW_NOT_BEFORE = r"&\p{L}\p{M}\p{Nd}" + _TW_JOINERS
# Mastodon Tag::Naming ([[:word:]] and [[:alpha:]] in Onigmo's Unicode sense).
_MA_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_MA_SEP = "_\u00b7\u30fb\u200c"
# @atproto/api rich-text TAG_REGEX: zero-width characters that never belong to a tag.
_BS_ZERO = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"

_SYNTAX_PATTERNS = {
    "twitter": (r"(?:(?<=[\ufe0e\ufe0f])|(?<![" + _TW_NOT_BEFORE + r"#＃]))(?P<mark>[#＃])(?![\ufe0f\u20e3])"
                r"(?P<name>[" + _TW_ALNUM + r"]*[\p{L}\p{M}][" + _TW_ALNUM + r"]*)"),
    "mastodon": (r"(?<!\S)(?P<mark>[#＃])(?P<name>"
                 r"[" + _MA_WORD + r"_][" + _MA_WORD + _MA_SEP + r"]*[\p{L}\p{M}" + _MA_SEP + r"]"
                 r"[" + _MA_WORD + _MA_SEP + r"]*[" + _MA_WORD + r"_]"
                 r"|[" + _MA_WORD + r"_]*[\p{L}\p{M}][" + _MA_WORD + r"_]*)"),
    "bluesky": (r"(?<!\S)(?P<mark>[#＃])(?P<name>(?!\ufe0f)[^\s" + _BS_ZERO + r"]*"
                r"[^\d\s\p{P}" + _BS_ZERO + r"]+[^\s" + _BS_ZERO + r"]*)"),
    # Letters, digits and _ only, after anything but a letter: what every platform takes.
    "basic": (r"(?<![\p{L}\p{M}\p{Nd}_&#＃])(?P<mark>[#＃])"
              r"(?P<name>[\p{L}\p{M}\p{Nd}_]*[\p{L}\p{M}][\p{L}\p{M}\p{Nd}_]*)"),
    # Bluesky drops punctuation at the end of a tag (TRAILING_PUNCTUATION_REGEX).
    "trailing_punctuation": r"\p{P}+$",
}


@lru_cache(maxsize=None)
def _syntax(name: str):
    import regex

    return regex.compile(_SYNTAX_PATTERNS[name])


def extract_hashtags(text: str, syntax: str, urls=None) -> list[Hashtag]:
    """Hashtags of `text` as a platform with this syntax links them (# and ＃ alike)."""
    if syntax == "none" or ("#" not in text and "＃" not in text):
        return []
    if urls is None:
        from snslint.urls import extract_urls

        urls = extract_urls(text) if "." in text else []
    if not isinstance(urls, Spans):
        urls = Spans(urls)
    tags = []
    trailing = _syntax("trailing_punctuation")
    for found in _syntax(syntax).finditer(text):
        start, end = found.start("mark"), found.end("name")
        name = found.group("name")
        if syntax == "bluesky":
            stripped = trailing.sub("", name)
            end -= len(name) - len(stripped)
            name = stripped
            if not name or len(name) > 64:
                continue
        elif text.startswith(("#", "＃", "://"), end):
            continue  # twitter-text: a hashtag running into # or :// is not one
        if urls.overlaps(start, end):
            continue
        tags.append(Hashtag(start, end, name, found.group("mark")))
    return tags


def _platform_tags(post: PostView, profile: Profile) -> list[Hashtag]:
    """The hashtags the platform links: ＃ counts only where it works."""
    return [tag for tag in post.hashtags(profile.hashtag_syntax) if tag.mark == "#" or profile.fullwidth_hash]


def _hashtag_profiles(doc) -> list[Profile]:
    if doc.platform:
        return [p for p in profiles_for(doc.platform) if p.hashtag_syntax != "none"]
    return [load_profiles()["x"]]


def _over_limit(limit_of, items_of, unit: str):
    """Findings for more items (hashtags, mentions) than a platform takes: each span
    runs from the first item too many to the last; platforms that agree share one."""

    def detect(doc):
        post = view(doc)
        found = []
        for profile in profiles_for(doc.platform):
            limit = limit_of(profile)
            if limit is None:
                continue
            items = items_of(post, profile)
            if len(items) > limit:
                extra = items[limit:]
                detail = f"{profile.name}は{limit}{unit}までのところ{len(items)}{unit}あります"
                found.append((profile, extra[0].start, extra[-1].end, detail))
        for start, end, profiles, detail in _grouped(found):
            yield post.match(start, end, platform=_names(profiles), detail=detail)

    return detect


def make_hashtag_limit(options: dict):
    """More hashtags than a platform takes."""
    check_options(options, {})
    return _over_limit(
        lambda p: None if p.hashtag_syntax == "none" else p.hashtag_limit,
        _platform_tags, "個")


def make_fullwidth_hashtag(options: dict):
    """＃ where the platform only links #."""
    check_options(options, {})

    def detect(doc):
        if "＃" not in doc.body:
            return
        post = view(doc)
        found = []
        for profile in profiles_for(doc.platform):
            if profile.fullwidth_hash or profile.hashtag_syntax == "none":
                continue
            for tag in post.hashtags(profile.hashtag_syntax):
                if tag.mark == "＃":
                    found.append((profile, tag.start, tag.end, "全角の＃"))
        for start, end, profiles, _detail in _grouped(found):
            yield post.match(start, end, platform=_names(profiles), name=post.text[start + 1:end])

    return detect


# What a writer means as the end of a hashtag: whitespace, sentence punctuation,
# brackets, quotes, the next tag or mention, and pictographs (emoji, ★).
_ENDS_TAG = (r"\s。、，．,.!?！？:：;；「」『』（）()【】\[\]［］〈〉《》〔〕{}｛｝\"'“”‘’…‥"
             r"#＃♯@＠\p{So}")
_INTENDED = r"(?P<mark>[#＃♯])(?P<run>[^" + _ENDS_TAG + r"]+)"
_SPACE_AFTER_MARK = r"(?<=\S[ \t\u3000]+)(?P<mark>[#＃])[ \t\u3000]+(?=[\p{L}])"


@lru_cache(maxsize=1)
def _intended_patterns():
    import regex

    return regex.compile(_INTENDED), regex.compile(r"[\p{L}\p{M}\p{Nd}]"), \
        regex.compile(_SPACE_AFTER_MARK), regex.compile(r"[\p{L}\p{M}\p{Nd}_]+")


def _intended_end(start: int, run: str, alnum) -> int:
    # Joiners the writer left at the end (#長崎- ) are not meant as part of the tag.
    end = len(run)
    while end and not alnum.match(run[end - 1]):
        end -= 1
    return start + 1 + end


def broken_hashtags(text: str, syntax: str, urls, tags=None) -> list[tuple[int, int, str]]:
    """(start, end, why) of each hashtag a platform with `syntax` would not link as written."""
    intended, alnum, space_after, word = _intended_patterns()
    if not isinstance(urls, Spans):
        urls = Spans(urls)
    if tags is None:
        tags = extract_hashtags(text, syntax, urls)
    tags = {tag.start: tag for tag in tags}
    found = []
    for match in intended.finditer(text):
        start, run = match.start(), match.group("run")
        if run[0].isdigit() or not any(ch.isalpha() for ch in run):
            continue  # #7119へ, #8000, #1: telephone short codes and numbers, not tags
        end = _intended_end(start, run, alnum)
        if urls.overlaps(start, end):
            continue
        mark = match.group("mark")
        tag = tags.get(start)
        before = text[start - 1] if start else ""
        if mark == "♯":
            # Only where a tag would start: F♯ and ハ長調♯ are music, not hashtags.
            if not before or before.isspace():
                found.append((start, end, "「♯」は音楽のシャープ記号で、ハッシュタグになりません。半角の「#」を使ってください"))
        elif tag is None:
            if before and not before.isspace():
                # C#, F#: a Latin letter or digit before # is a name, not a tag gone wrong.
                if before.isascii() and before.isalnum():
                    continue
                found.append((start, end, f"「{mark}」の前に空白がないため、ハッシュタグになりません。"
                                          f"「{before}」と「{mark}」の間に半角の空白を入れてください"))
            else:
                found.append((start, end, "ハッシュタグとして認識されません。記号を使わず、文字・数字・_ だけで書いてください"))
        elif tag.end < end:
            cut = text[tag.end]
            found.append((start, end, f"「{cut}」の位置でハッシュタグが切れ、「#{tag.name}」だけがハッシュタグになります。"
                                      f"「{cut}」を使わずに書いてください"))
        elif tag.end > end and alnum.search(text, end, tag.end):
            found.append((start, tag.end, f"後ろの文字までハッシュタグになり、「#{tag.name}」になります。"
                                          "ハッシュタグの後ろに半角の空白か改行を入れてください"))
    # Only after other text on the line: a line that starts with "# " may be a heading.
    for match in space_after.finditer(text):
        word_end = match.end()
        while word_end < len(text) and alnum.match(text[word_end]):
            word_end += 1
        found.append((match.start(), word_end, f"「{match.group('mark')}」の直後に空白があるため、ハッシュタグになりません。"
                                               "空白を入れずに続けて書いてください"))
    found.extend(_split_by_space(text, tags, word))
    return found


_CHUNK = regexcache.compile(r"[^\s]+")


def _split_by_space(text: str, tags: dict, word_pattern) -> list[tuple[int, int, str]]:
    """A word between two hashtags on a line of hashtags: a tag split by a space.

    `#長崎 ランタン #観光` was meant as #長崎ランタン; a word between two tags is the
    one place a space inside a tag can be told from prose after a tag.
    """
    found = []
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if "#" not in line and "＃" not in line:
            continue  # no tag, so no line of tags
        chunks = [(m.start() + start, m.end() + start, m.group()) for m in _CHUNK.finditer(line)]
        if len(chunks) < 3 or chunks[0][0] not in tags:
            continue
        for before, word, after in zip(chunks, chunks[1:], chunks[2:]):
            if before[0] in tags and after[0] in tags and word_pattern.fullmatch(word[2]):
                found.append((before[0], word[1], f"空白の位置でハッシュタグが切れ、「{word[2]}」はハッシュタグに含まれません。"
                                                  "空白を入れずに続けて書いてください"))
    return found


def make_broken_hashtag(options: dict):
    """Hashtags a platform would cut short, run on, or not link at all."""
    check_options(options, {})

    def detect(doc):
        if not any(mark in doc.body for mark in "#＃♯"):
            return
        post = view(doc)
        found = []
        for profile in _hashtag_profiles(doc):
            syntax = profile.hashtag_syntax
            broken = post.cached(("broken", syntax), lambda: broken_hashtags(
                post.text, syntax, post.url_spans, post.hashtags(syntax)))
            for start, end, why in broken:
                found.append((profile, start, end, why))
        for start, end, profiles, detail in _grouped(found):
            names = _names(profiles) if doc.platform else "X（旧Twitter）など"
            yield post.match(start, end, platform=names, detail=detail)

    return detect


# --- mentions ---------------------------------------------------------------------

# @user (X, Instagram, Threads), @user@server (Mastodon), @handle.example (Bluesky);
# never an e-mail address, whose @ follows a letter or digit.
_MENTION = regexcache.compile(
    r"(?<![A-Za-z0-9_.!#$%&*@＠/])[@＠](?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)"
    r"(?:@(?P<server>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+))?")
_RETWEET = regexcache.compile(r"(?:RT|QT)\s?\Z")


class Mention(NamedTuple):
    start: int
    end: int
    account: str   # as written, without the leading @


def extract_mentions(text: str, urls=()) -> list[Mention]:
    if "@" not in text and "＠" not in text:
        return []
    if not isinstance(urls, Spans):
        urls = Spans(urls)
    mentions = []
    for found in _MENTION.finditer(text):
        if urls.overlaps(found.start(), found.end()):
            continue
        mentions.append(Mention(found.start(), found.end(), found.group()[1:]))
    return mentions


def _official(account: str, config) -> bool:
    accounts = {a.lower().lstrip("@＠") for a in (config.official_accounts if config else ())}
    account = account.lower()
    return account in accounts or account.split("@")[0] in accounts


def make_mention_limit(options: dict):
    check_options(options, {})
    return _over_limit(lambda p: p.mention_limit,
                       lambda post, _profile: extract_mentions(post.text, post.url_spans), "件")


def make_mention(options: dict):
    """Each account mentioned, other than the city's own, for a person to confirm (7(2)).

    A post that opens with a mention is a reply, which replies.mention reports
    (3(4)); `RT @user` is a quote, which links.quote reports.
    """
    check_options(options, {})

    def detect(doc):
        if "@" not in doc.body and "＠" not in doc.body:
            return
        post = view(doc)
        for mention in extract_mentions(post.text, post.url_spans):
            if mention.start == 0 or _RETWEET.search(post.text, max(0, mention.start - 3), mention.start):
                continue
            if _official(mention.account, doc.config):
                continue
            yield post.match(mention.start, mention.end, account=mention.account)

    return detect
