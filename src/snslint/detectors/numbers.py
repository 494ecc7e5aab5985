"""Numbers in a draft: where they are, and which kind of personal number each one is.

One left-to-right pass finds *runs*: digits joined by the separators people type
between the parts of one number (hyphens and dashes of every width, ー, ・,
parentheses, spaces). A run never starts right after a digit or inside a URL,
and a run glued to more digits by ``. , / :`` is part of a decimal, price, date
or time, so it is left alone. Runs split at spaces into segments; up to four
neighbouring segments make a *window* (``090 1234 5678``), and each window is
classified once, from its digits, their check digits and the nearest keyword
before it. Every step looks a bounded distance, so the pass is linear.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from snslint import regexcache
from snslint.detectors import checkdigits
from snslint.detectors.context import honored_person_near, sentence_window
from snslint.patterns import LazyPattern

# NFKC keeps most dashes as they are: fold them to "-" in a same-length copy of the text.
DASHES = "‐‑‒–—―−﹘﹣"
# ー is the katakana long-vowel mark (グリーン) and a dash only between digits (095ー822).
_LONG_VOWEL_DASH = regexcache.compile(r"(?<=[0-9 ])ー(?=[0-9 ])")


_DASH = regexcache.compile(f"[{DASHES}]")


def fold_dashes(text: str) -> str:
    # str.translate walks a Japanese text slowly (a dict lookup a character); most
    # posts have none of these dashes, which one regular-expression scan tells.
    folded = _DASH.sub("-", text) if _DASH.search(text) else text
    return _LONG_VOWEL_DASH.sub("-", folded) if "ー" in folded else folded


# URLs (with a scheme, or www. / a host followed by a path): numbers in them are ids.
_URL = regexcache.compile(
    r"(?i:https?://|www\.)[!-~]{1,2048}"
    r"|(?<![A-Za-z0-9.\-])[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}/[!-~]{0,2048}"
)


def url_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _URL.finditer(text)]


_RUN = LazyPattern(
    # Not inside a word, URL or longer number; but "TEL095-…" glues the label to its number.
    r"(?:(?<![0-9A-Za-z_+/@#%&=?\\])|(?<=TEL|Tel|tel|FAX|Fax|fax))(?<![0-9][-,./:])"
    r"(?P<plus>\+ ?)?\(?\d{1,20}(?:[ ()\-・]{1,3}\d{1,20}){0,15}",
    # Every run has a digit, and nearly every post has one: no gate. With the look-ahead
    # for its opening characters (openings.py), re runs it as fast as the regex module.
    gate=False,
)
_GLUED_AFTER = regexcache.compile(r"[0-9A-Za-z_@%]|[.,/:\-][0-9]")
_PART = regexcache.compile(r"\d[\d()\-・]*\d|\d")
_DIGITS = regexcache.compile(r"\d+")
_NON_DIGIT = regexcache.compile(r"\D")
_MAX_SEGMENTS_PER_WINDOW = 4
_MAX_WINDOW_DIGITS = 20
_MIN_CLASSIFIED_DIGITS = 7


class Segment(NamedTuple):
    start: int
    end: int
    digits: str
    groups: tuple[int, ...]  # digit count of each group, for formats such as ゆうちょ 5-8


class Window(NamedTuple):
    start: int
    end: int
    digits: str
    groups: tuple[int, ...]
    plus: bool  # written with a leading "+" (an international phone number)
    text: str


def _segments(flat: str, start: int, end: int) -> list[Segment]:
    """Split a run into segments: parts joined by a dash or parenthesis stay together,
    parts separated by spaces alone become separate segments."""
    if flat[start:end].isdecimal():
        return [Segment(start, end, flat[start:end], (end - start,))]  # most runs: 2025, 10, 30
    segments: list[Segment] = []
    for part in _PART.finditer(flat, start, end):
        digits = _NON_DIGIT.sub("", part.group())
        groups = tuple(len(group) for group in _DIGITS.findall(part.group()))
        if segments and flat[segments[-1].end:part.start()].strip():
            # "095 - 829" or "81 (0)95": a dash or parenthesis among the spaces joins them.
            last = segments[-1]
            segments[-1] = Segment(last.start, part.end(), last.digits + digits, last.groups + groups)
        else:
            segments.append(Segment(part.start(), part.end(), digits, groups))
    return segments


def windows(flat: str, urls: list[tuple[int, int]]):
    """Yield (written with "+", segments) for each run outside URLs and not glued to more digits."""
    url_index = 0
    for run in _RUN.finditer(flat):
        start, end = run.span()
        while url_index < len(urls) and urls[url_index][1] <= start:
            url_index += 1
        if url_index < len(urls) and urls[url_index][0] < end:
            continue
        if _GLUED_AFTER.match(flat, end):
            continue
        yield run.group("plus") is not None, _segments(flat, start, end)


def make_window(text: str, segments: list[Segment], first: int, last: int, plus: bool) -> Window:
    chosen = segments[first:last + 1]
    start, end = chosen[0].start, chosen[-1].end
    if start and text[start - 1] == "(" and ")" in text[start:end].split("(")[0]:
        start -= 1  # "(095)822-1234": report the opening parenthesis with its number
    if plus and first == 0:
        # Include the "+" that the run regex consumed before the digits.
        plus_at = text.rfind("+", max(0, start - 3), start)
        start = plus_at if plus_at >= 0 else start
    return Window(start, end, "".join(s.digits for s in chosen),
                  tuple(g for s in chosen for g in s.groups), plus and first == 0, text[start:end])


# ---------------------------------------------------------------- keywords

# Alternatives are tried left to right at each position, so longer words come first.
_KEYWORDS = LazyPattern(
    r"(?P<public>法人番号|ISBN|ISSN|登録番号|(?<!被)保険者番号|JAN|インボイス)"
    r"|(?P<my_number>マイナンバー(?:カード)?|個人番号|[Mm]y ?[Nn]umber|通知カード)"
    r"|(?P<drivers_license>運転免許証?(?:番号)?|免許証(?:番号)?|免許番号)"
    r"|(?P<resident_code>住民票コード)"
    r"|(?P<pension_number>基礎年金番号|年金番号|年金手帳)"
    r"|(?P<insurance>被保険者(?:証|番号)?|保険証(?:番号)?|資格確認書)"
    r"|(?P<phone>電話(?:番号)?|携帯(?:番号|電話)?|TEL|Tel|tel|☎|℡|FAX|Fax|ファクス|ファックス|連絡先|問い?合わ?せ|ダイヤル|コール|Call)"
    r"|(?P<bank_account>口座(?:番号)?|普通|当座|預金|支店|銀行|信用金庫|信金|ゆうちょ|労金|農協|JA|営業部|本所)"
    r"|(?P<label>記号|枝番)"
    r"|(?P<code>[A-Za-z]?コード|ID|No\.?|受付番号|整理券?番号|申込番号|管理番号|予約番号|会員番号|注文番号|品番|型番|番号札)"
    r"|(?P<card>カード|クレジット|決済)"
    r"|(?P<number>番号)",
    gate=False,  # compiled late: looked up only around runs long enough to be personal
)
_INSURANCE_CONTEXT = regexcache.compile(r"被保険者|保険証|資格確認書")
_BANK_CONTEXT = regexcache.compile(r"口座|銀行|ゆうちょ|信用金庫|信金|振込先|振込口座")
_OWNERS = frozenset({"my_number", "drivers_license", "resident_code", "pension_number",
                     "insurance", "bank_account", "public", "code"})
_KEYWORD_BEFORE = 30
_KEYWORD_AFTER = 12


def nearest_keyword(text: str, start: int, end: int) -> str | None:
    low = max(0, start - _KEYWORD_BEFORE)
    newline = text.rfind("\n", low, start)
    low = newline + 1 if newline >= 0 else low
    last = previous = None
    for found in _KEYWORDS.finditer(text, low, start):
        previous, last = last, found
    if last is not None:
        # "免許証の番号", "通知カードに記載の番号": a bare 番号 belongs to the word before it.
        if last.lastgroup == "number" and previous is not None and previous.lastgroup in _OWNERS:
            return previous.lastgroup
        return last.lastgroup
    high = min(len(text), end + _KEYWORD_AFTER)
    newline = text.find("\n", end, high)
    found = _KEYWORDS.search(text, end, newline if newline >= 0 else high)
    return found.lastgroup if found else None


# ---------------------------------------------------------------- phones


class Phone(NamedTuple):
    e164: str
    kind: str  # mobile, fixed, voip, free, navi, other


_PHONE_KINDS = {0: "fixed", 1: "mobile", 2: "fixed", 3: "free", 4: "other", 6: "voip",
                8: "mobile", 9: "navi"}


@lru_cache(maxsize=4096)
def parse_phone(candidate: str) -> Phone | None:
    """A valid Japanese (or +81) number, validated by libphonenumber's numbering plan."""
    import phonenumbers

    try:
        number = phonenumbers.parse(candidate, "JP")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 81 or not phonenumbers.is_valid_number(number):
        return None
    kind = _PHONE_KINDS.get(phonenumbers.number_type(number), "other")
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), kind)


def phone_of(window: Window, official: frozenset[str] = frozenset()) -> Phone | None:
    """The phone number a window spells; one of `official` (E.164) needs no validation."""
    digits = window.digits
    if window.plus:
        if not digits.startswith("81"):
            return None
        rest = digits[2:]
        # "+81 (0)95 …": the trunk 0 in parentheses is dropped when dialling from abroad.
        if len(window.groups) > 1 and window.groups[0] == 2 and window.groups[1] == 1 and rest[:1] == "0":
            rest = rest[1:]
        if not 9 <= len(rest) <= 10 or rest.startswith("0"):
            return None
        candidate = "+81" + rest
    else:
        if not digits.startswith("0") or not 10 <= len(digits) <= 11:
            return None
        candidate, rest = digits, digits[1:]
    if "+81" + rest in official:
        # The city's own number is allowed whatever it is: skip loading the numbering plan.
        return Phone("+81" + rest, "official")
    return parse_phone(candidate)


_NOT_IN_NUMBER = regexcache.compile(r"[^\d+()]")


def e164_of(value: str) -> str | None:
    """The E.164 form of a Japanese number as written in a configuration (095-825-5151, +81 …)."""
    compact = _NOT_IN_NUMBER.sub("", value)
    digits = _NON_DIGIT.sub("", compact)
    if compact.startswith("+"):
        if not digits.startswith("81"):
            return None
        rest = digits[3:] if compact.startswith("+81(0)") else digits[2:]
    elif digits.startswith("0"):
        rest = digits[1:]
    else:
        return None
    return "+81" + rest if 9 <= len(rest) <= 10 and not rest.startswith("0") else None


# ---------------------------------------------------------------- classification


class NumberHit(NamedTuple):
    start: int
    end: int
    kind: str
    text: str
    phone: Phone | None = None
    brand: str | None = None


def classify(doc, window: Window, keyword: str | None, official=frozenset()) -> NumberHit | None:
    digits, size = window.digits, len(window.digits)

    def hit(kind, **extra):
        return NumberHit(window.start, window.end, kind, window.text, **extra)

    if keyword in ("public", "code"):
        return None
    if keyword == "my_number":
        return hit("my_number") if size == 12 and checkdigits.my_number_ok(digits) else None
    if keyword == "drivers_license":
        return hit("drivers_license") if size == 12 else None
    if keyword == "resident_code":
        return hit("resident_code") if size == 11 else None
    if keyword == "pension_number":
        return hit("pension_number") if size == 10 else None
    if keyword == "bank_account":
        # A 7-digit account number, or ゆうちょ's 5-digit 記号 and 8-digit 番号.
        return hit("bank_account") if size == 7 or window.groups == (5, 8) else None
    if keyword in ("insurance", "label", "number"):
        # 記号 and 番号 are the parts of a health-insurance card's number only on such a card.
        on_card = keyword == "insurance" or _INSURANCE_CONTEXT.search(
            doc.text, max(0, window.start - 40), window.start)
        if on_card:
            return hit("health_insurance_number") if 1 <= size <= 10 else None
        if keyword == "label":
            return None
        # ゆうちょ銀行 記号17010 番号12345671: the 番号 of an account has 7 or 8 digits.
        if size in (7, 8) and _BANK_CONTEXT.search(doc.text, max(0, window.start - 40), window.start):
            return hit("bank_account")
    if keyword == "number" and size == 12 and checkdigits.my_number_ok(digits):
        # A bare 12-digit number passes the check digit one time in ten: it is a
        # My Number only when it is called a 番号 next to a person (山田さんの番号).
        low, high = sentence_window(doc, window.start, window.end, 40, 20)
        if honored_person_near(doc, low, high):
            return hit("my_number")
    brand = checkdigits.card_brand(digits)
    if brand:
        return hit("credit_card", brand=brand)
    phone = phone_of(window, official)
    if phone:
        return hit("phone", phone=phone)
    return None


def find_numbers(doc, flat: str, urls: list[tuple[int, int]]) -> list[NumberHit]:
    """Every personal number in the draft, longest window first at each segment."""
    from snslint.detectors.contacts import official_phones

    hits: list[NumberHit] = []
    text = doc.text
    official = official_phones(doc.config)
    # Without a health-insurance card in the draft, classify() takes no number shorter
    # than a 7-digit account: dates, times and prices need no keyword looked up.
    shortest = 1 if _INSURANCE_CONTEXT.search(text) else _MIN_CLASSIFIED_DIGITS
    for plus, segments in windows(flat, urls):
        index = 0
        while index < len(segments):
            last = min(len(segments), index + _MAX_SEGMENTS_PER_WINDOW) - 1
            if sum(len(segment.digits) for segment in segments[index:last + 1]) < shortest:
                index += 1
                continue
            keyword = nearest_keyword(text, segments[index].start, segments[index].end)
            found = None
            for stop in range(last, index - 1, -1):
                window = make_window(text, segments, index, stop, plus)
                if len(window.digits) > _MAX_WINDOW_DIGITS:
                    continue
                found = classify(doc, window, keyword, official)
                if found:
                    hits.append(found)
                    index = stop + 1
                    break
            if not found:
                index += 1
    return hits

