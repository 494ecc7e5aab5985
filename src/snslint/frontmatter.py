"""YAML front matter at the top of a draft: metadata, never linted as post text.

The key names are a contract (DESIGN.md). Their types are checked here, once, when the
draft is read, so that detectors can trust the shape of `doc.meta`; what the values mean
for the posting workflow (approval under 7(1), the account under 3(3), images) is checked
by the `workflow.*` rules.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from snslint import regexcache
from snslint.errors import ConfigError, InputError
from snslint.yamlio import load_yaml_text, parse_located

KNOWN_KEYS = frozenset(
    {
        "platform", "account", "post_at", "approval", "approved_by", "approved_on",
        "oral_reason", "images", "allow",
    }
)
APPROVALS = ("決裁", "口頭")
# The three cases of 7(1) in which oral approval is allowed.
ORAL_REASONS = {
    "ア": "既に一般に留置されている事項について再度、正しい情報として発信する場合",
    "イ": "イベント、競技会等の現況や結果等について情報発信する場合",
    "ウ": "法令等で定められている内容を情報発信する場合",
}
IMAGE_KEYS = frozenset({"path", "alt"})
ALLOW_KEYS = frozenset({"rule", "reason", "approved_by"})
# Nagasaki posts on Japan time, which has no daylight saving time.
JST = timezone(timedelta(hours=9), "JST")

_OPEN = regexcache.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = regexcache.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)
_BREAK = regexcache.compile(r"\r\n|\r|\n")
_WHEN = regexcache.compile(
    r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
    r"(?:(?:[ \t]+|T)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)


def split_front_matter(text: str, path: str = "") -> tuple[dict, int]:
    """Return (metadata, offset where the post body starts).

    A block that is not a YAML mapping (a decorative `---` line, say) is not front
    matter: the whole text is then the post.
    """
    block_span = _block_span(text)
    if block_span is None:
        return {}, 0
    start, end, body_start = block_span
    block = text[start:end]
    try:
        meta = load_yaml_text(block, path, first_line=2)
    except InputError:
        if not _looks_like_mapping(block):
            return {}, 0
        raise
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, 0
    _check_keys(meta)
    _Checker(meta, block).check()
    return meta, body_start


def _block_span(text: str) -> tuple[int, int, int] | None:
    """(start, end) of the YAML between the `---` lines, and where the body starts."""
    opening = _OPEN.match(text)
    if not opening:
        return None
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return None
    return opening.end(), closing.start(), closing.end()


def _looks_like_mapping(block: str) -> bool:
    return bool(re.search(r"^[A-Za-z_]+[ \t]*:", block, re.MULTILINE))


def _check_keys(meta: dict) -> None:
    for key in meta:
        if key not in KNOWN_KEYS:
            allowed = "、".join(sorted(KNOWN_KEYS, key=str))
            raise InputError(
                f"フロントマターのキー「{key}」は使えません。使えるキー: {allowed}"
            )


# --- values --------------------------------------------------------------------------

def parse_when(value) -> datetime | None:
    """A front matter date or date and time as a naive datetime in Japan time.

    YAML gives datetime or date objects for ISO timestamps with seconds, and a string
    for the common `2026-12-01 10:00`; both are accepted, as are slashes (2026/12/01).
    Returns None for anything else.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(JST).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        found = _WHEN.fullmatch(text)
        if not found:
            return None
        try:
            parsed = datetime(*(int(found.group(k) or 0) for k in "ymdHMS"))
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(JST).replace(tzinfo=None)
    return parsed


def oral_reason(value) -> str | None:
    """The katakana of an oral_reason value (half-width ｱ counts as ア), or None."""
    if not isinstance(value, str):
        return None
    letter = unicodedata.normalize("NFKC", value).strip()
    return letter if letter in ORAL_REASONS else None


class _Checker:
    """Type checks of the known keys; every error names the key and, when known, its line."""

    def __init__(self, meta: dict, block: str):
        self.meta = meta
        self.block = block
        self._located = None

    def line(self, *keys) -> int | None:
        if self._located is None:
            try:
                self._located = parse_located(self.block, "")
            except ConfigError:
                return None
        line = self._located.line(*keys)
        # The block starts on the second line of the file, after the opening `---`.
        return line + 1 if line else None

    def fail(self, keys: tuple, message: str):
        line = self.line(*keys)
        name = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in keys).replace(".[", "[")
        where = f"（{line} 行目）" if line else ""
        raise InputError(f"フロントマター{where}の「{name}」: {message}")

    def check(self) -> None:
        # A key left empty (`approved_by:` in a template) is a key not given yet, not a wrong type.
        meta = {key: value for key, value in self.meta.items() if value is not None}
        if "account" in meta:
            # An all-digit account id is an int to YAML unless quoted; it is still an id.
            self.text("account", meta["account"], numbers=True)
        if "approved_by" in meta:
            self.text("approved_by", meta["approved_by"])
        if "platform" in meta:
            self.platform(meta["platform"])
        for key in ("post_at", "approved_on"):
            if key in meta and parse_when(meta[key]) is None:
                self.fail((key,), "日付か日時で書いてください（例: 2026-12-01 10:00、2026-11-30）。")
        if "approval" in meta and meta["approval"] not in APPROVALS:
            self.fail(("approval",), "決裁（文書による決裁）か 口頭（口頭による決裁）のどちらかを書いてください。")
        if "oral_reason" in meta and oral_reason(meta["oral_reason"]) is None:
            self.fail(("oral_reason",), "ガイドライン7(1)の ア、イ、ウ のいずれか一文字を書いてください。")
        if "images" in meta:
            self.images(meta["images"])
        if "allow" in meta:
            self.allow(meta["allow"])

    def text(self, key, value, keys=None, numbers=False) -> None:
        keys = keys or (key,)
        kinds = (str, int) if numbers else str
        if isinstance(value, bool) or not isinstance(value, kinds) or not str(value).strip():
            self.fail(keys, "空でない文字列で書いてください。")

    def platform(self, value) -> None:
        from snslint.config import PLATFORM_NAMES

        if value not in PLATFORM_NAMES:
            self.fail(("platform",), "次のいずれかを書いてください: " + "、".join(PLATFORM_NAMES))

    def images(self, value) -> None:
        for index, item in self.entries("images", value, IMAGE_KEYS, "path", _IMAGE_MESSAGES):
            alt = item.get("alt")
            if alt is not None and not isinstance(alt, str):
                self.fail(("images", index, "alt"), "代替テキストは文字列で書いてください。")

    def allow(self, value) -> None:
        # A missing or empty reason is a finding of the suppression rules, not a broken
        # draft: the suppression then simply does not apply.
        for index, item in self.entries("allow", value, ALLOW_KEYS, "rule", _ALLOW_MESSAGES):
            for key in ("reason", "approved_by"):
                if item.get(key) is not None and not isinstance(item[key], str):
                    self.fail(("allow", index, key), "文字列で書いてください。")

    def entries(self, name: str, value, allowed, required: str, messages: dict):
        """Each (index, entry) of a list of mappings, checked as it is reached: known keys
        and a non-empty string under `required`."""
        if not isinstance(value, list):
            self.fail((name,), messages["list"])
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail((name, index), messages["item"])
            for key in item:
                if key not in allowed:
                    self.fail((name, index, key), messages["unknown"])
            if required not in item:
                self.fail((name, index), messages["missing"])
            if not isinstance(item[required], str) or not item[required].strip():
                self.fail((name, index, required), messages["not_text"])
            yield index, item


_IMAGE_MESSAGES = {
    "list": "画像のリストで書いてください（各項目に path と alt）。",
    "item": "各画像は path と alt を持つマッピングで書いてください（例: - path: photos/koyo.jpg）。",
    "unknown": "知らないキーです（path、alt が使えます）。",
    "missing": "path（下書きからの相対パス）がありません。",
    "not_text": "画像ファイルのパスを文字列で書いてください。",
}
_ALLOW_MESSAGES = {
    "list": "rule と reason を持つマッピングのリストで書いてください。",
    "item": "各項目は rule と reason を持つマッピングで書いてください。",
    "unknown": "知らないキーです（rule、reason、approved_by が使えます）。",
    "missing": "rule（抑止するルール ID）がありません。",
    "not_text": "ルール ID を文字列で書いてください。",
}


# --- positions -----------------------------------------------------------------------

@lru_cache(maxsize=16)
def _index(text: str):
    """(where the YAML block starts, the block, its line starts, its key lines) of a draft.

    Cached: the workflow rules each ask for a few keys of the same draft."""
    span = _block_span(text)
    if span is None:
        return None
    start, end, _body = span
    block = text[start:end]
    try:
        located = parse_located(block, "")
    except ConfigError:
        located = None
    starts = [0] + [m.end() for m in _BREAK.finditer(block)]
    return start, block, starts, located


def key_span(text: str, *keys) -> tuple[int, int] | None:
    """The span in `text` (the original draft) of the front matter line holding `keys`.

    `keys` walks into the mapping: ("approval",), ("images", 0, "alt"). When that key
    is absent the nearest enclosing key's line is used, then the opening `---` line.
    Returns None when the draft has no front matter.
    """
    index = _index(text)
    if index is None:
        return None
    start, block, starts, located = index
    found = next((keys[:n] for n in range(len(keys), 0, -1)
                  if located is not None and keys[:n] in located.lines), None)
    if found is None:
        return (0, 3)
    line = located.lines[found]
    begin = starts[line - 1]
    finish = starts[line] if line < len(starts) else len(block)
    content = block[begin:finish].rstrip("\r\n")
    stripped = content.lstrip()
    begin += len(content) - len(stripped)
    # A list item's dash belongs to the list, not to the key on its line.
    if stripped.startswith("- ") and not isinstance(found[-1], int):
        dash = len(stripped) - len(stripped[2:].lstrip())
        begin += dash
        stripped = stripped[dash:]
    return start + begin, start + begin + len(stripped.rstrip())


def head_span(text: str, body_start: int) -> tuple[int, int]:
    """Where a finding about the draft as a whole goes: the opening `---` line of the
    front matter, or else the first non-blank line of the post."""
    if _block_span(text) is not None:
        return (0, 3)
    first = re.search(r"\S[^\r\n]*", text[body_start:])
    if not first:
        return body_start, body_start
    return body_start + first.start(), body_start + first.end()
