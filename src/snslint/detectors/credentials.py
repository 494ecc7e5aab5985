"""Login secrets (guideline 9(3)): passwords, PINs, API keys, tokens, and login IDs
written together with a password.

A secret is recognised by its label (パスワード：…, PW=…, APIキー …) or by the
fixed shape providers give their keys (AKIA…, ghp_…, xoxb-…, AIza…, sk-…, JWTs).
A label with no value (パスワードは定期的に変更) or a masked one (********) is
not a secret; neither is a length rule (パスワード（8～16文字）).
"""

from __future__ import annotations

from bisect import bisect_left

from snslint import regexcache
from snslint.detectors.sensitive import Span
from snslint.patterns import LazyPattern

# Printable ASCII without space, quotes and parentheses: what a typed secret is made of.
_VALUE = r"[!#-&*-~]"
_OPEN = r"[「『\"'“‘(\[]?"
_PASSWORD = LazyPattern(
    r"(?:ログイン|新しい|仮の?|初期|管理者)?(?:パスワード|暗証番号|パスコード|PINコード|PIN番号|合言葉)"
    rf"\s{{0,3}}(?:は|:|=|→|->)?\s{{0,3}}{_OPEN}\s?(?P<hit>{_VALUE}{{4,64}})"
    r"|(?<![A-Za-z])(?i:password|passwd|passcode|pwd|pw|pin)"
    rf"\s{{0,2}}(?:[:=]|は|→|->)\s{{0,3}}{_OPEN}(?P<hit2>{_VALUE}{{4,64}})"
)
_LOGIN_ID = LazyPattern(
    r"(?:ログインID|ユーザー(?:名|ID)|アカウント(?:名|ID)|(?<![A-Za-z])(?:ID|(?i:user(?:name)?|login(?:\s?id)?)))"
    rf"\s{{0,2}}(?:は|:|=|→)?\s{{0,3}}{_OPEN}(?P<hit>[A-Za-z0-9_.@+\-]{{3,64}})"
)
_SHAPED = LazyPattern(
    r"(?<![A-Za-z0-9_\-])(?:"
    r"AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,255}|AIza[0-9A-Za-z_\-]{35}|glpat-[0-9A-Za-z_\-]{20,255}"
    r"|sk-(?:proj-|live-)?[A-Za-z0-9_\-]{20,255}|[sr]k_live_[0-9A-Za-z]{16,255}"
    r"|eyJ[A-Za-z0-9_\-]{8,2048}\.eyJ[A-Za-z0-9_\-]{8,2048}\.[A-Za-z0-9_\-]{8,2048}"
    r"|-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----)"
)
_KEYED = LazyPattern(
    r"(?:(?i:api[_\- ]?key|access[_\- ]?token|secret(?:[_\- ]?key)?|client[_\- ]?secret|auth[_\- ]?token|bearer)"
    r"|APIキー|アクセストークン|シークレット(?:キー)?|トークン|認証キー)"
    rf"\s{{0,2}}(?:[:=]|は)?\s{{0,3}}{_OPEN}(?P<hit>[A-Za-z0-9_\-./+=~]{{12,512}})"
)
# A number followed by one of these is a length rule or a count, not a secret.
_UNIT = regexcache.compile(r"\s?(?:文字|桁|字|回|日|ヶ月|か月|カ月|年|分|秒|時間|個|以上|以下|種類|人|円)")
_MASK = regexcache.compile(r"^[*xX●•・#\-_.]+$")
_TRAILING = ".,;:!?)]}>'\"”’"
_PAIR_WINDOW = 80


def find_credentials(text: str) -> list[Span]:
    secrets: list[tuple[int, int]] = []
    for match in _PASSWORD.finditer(text):
        group = "hit" if match.group("hit") is not None else "hit2"
        span = _value(text, *match.span(group), strict=True)
        if span:
            secrets.append(span)
    for match in _SHAPED.finditer(text):
        secrets.append(match.span())
    for match in _KEYED.finditer(text):
        span = _value(text, *match.span("hit"), strict=False)
        if span:
            secrets.append(span)
    spans = _merge(secrets)
    starts = [start for start, _end in spans]
    ids = []
    # A login ID is a secret only when its password is written next to it.
    for match in _LOGIN_ID.finditer(text) if spans else ():
        start, end = match.span("hit")
        index = bisect_left(starts, start - _PAIR_WINDOW)
        nearby = spans[index:index + 3]
        if any(s_start <= end + _PAIR_WINDOW for s_start, _s_end in nearby) \
                and not any(s_start < end and start < s_end for s_start, s_end in nearby):
            ids.append((start, end))
    return [Span(start, end, "credential") for start, end in sorted(spans + ids)]


def _value(text: str, start: int, end: int, strict: bool) -> tuple[int, int] | None:
    value = text[start:end]
    # Strip what closes the value rather than belongs to it; a "!" stays when it is
    # the password's own last character followed by a closing quote.
    while value and value[-1] in _TRAILING and not (value[-1] == "!" and text[end:end + 1] in "」』\"'"):
        value = value[:-1]
        end -= 1
    if len(value) < 4 or _MASK.match(value) or value.lower().startswith(("http", "www.")):
        return None
    if strict and _UNIT.match(text, end):
        return None
    return start, end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
