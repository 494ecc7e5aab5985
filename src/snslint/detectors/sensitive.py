"""Personal details written in words: addresses, birth dates, 要配慮個人情報,
vehicle registration numbers and passport numbers.

Most of these are personal only next to a person, so each finder first matches a
bounded pattern and then looks a bounded distance around it for someone named
with an honorific (see context.honored_person_near).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from snslint import regexcache
from snslint.detectors.context import honored_person_near, keyword_before, line_window, sentence_window
from snslint.patterns import LazyPattern


class Span(NamedTuple):
    start: int
    end: int
    kind: str


# ---------------------------------------------------------------- addresses

_PLACE_CHAR = r"(?:[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc\u3007〇ヶケ]|の(?=[\u4e00-\u9fff]))"
_ADDRESS = LazyPattern(
    rf"(?<![\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc〇ヶケ])(?P<place>{_PLACE_CHAR}{{2,24}})\s?"
    # Block numbers never start with 0 (phone numbers do), and 123-4567 is a postal code.
    r"(?!0)(?!\d{3}-\d{4}(?![\d-]))"
    r"(?P<number>\d{1,4}丁目\s?\d{1,5}(?:番地?\s?\d{1,4}号?|-\d{1,4}(?:-\d{1,4})?)"
    r"|\d{1,5}番地?\s?\d{1,4}号|\d{1,5}番地(?:の?\d{1,4})?"
    r"|\d{1,5}(?:-\d{1,4}){1,3}|\d{1,4}号室)"
    # A building's name (katakana or Latin first: グリーンハイツ, ハイツ田中) and a room number.
    r"(?P<room>\s?[\u30a1-\u30fa\u30fcA-Za-z][\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]{0,11}\s?\d{1,4}"
    r"(?:号室)?(?![\d年月日階])|\s?\d{1,4}号室)?"
    r"(?![\d年月日度回時分人円%])",
    gate=False,
)
_POSTAL_BEFORE = regexcache.compile(r"(?:〒\s?)?\d{3}-\d{4}\s{0,2}$")
_FACILITY = regexcache.compile(
    r"会館|ホール|センター|市役所|役所|役場|庁舎|県庁|図書館|体育館|公民館|病院|学校|大学|公園|駅|会場|施設"
    r"|事務所|支所|美術館|博物館|記念館|資料館|ドーム|アリーナ|スタジアム|プラザ|メッセ|店|株式会社|\(株\)"
    r"|協会|組合|窓口|教会|神社|寺|館"
)
_FACILITY_BEFORE = regexcache.compile(rf"(?:{_FACILITY.pattern})[^\sぁ-ゖ、。]{{0,4}}[\s(（:：]{{0,3}}$")
_RESIDENCE = regexcache.compile(r"宅|住所|お住まい|在住|住む|住んで|様方|一家|世帯")


def find_addresses(doc, flat: str) -> list[Span]:
    """Residential addresses down to 番地/号 or a room, next to a person; and their postal codes."""
    spans: list[Span] = []
    text = doc.text
    for match in _ADDRESS.finditer(flat):
        start, end = match.span()
        if match.group("place").startswith("の"):
            start += 1
        if match.group("room") and _FACILITY.search(match.group("room")):
            end = match.end("number")  # "アミュプラザ5階" names a building's floor, not a home
        postal = _POSTAL_BEFORE.search(flat, max(0, start - 14), start)
        if _is_public(text, postal.start() if postal else start, end):
            continue
        low, high = sentence_window(doc, start, end, 40, 25)
        if not (_RESIDENCE.search(text, low, high) or honored_person_near(doc, low, high)):
            continue
        if postal:
            spans.append(Span(postal.start(), postal.start() + len(postal.group().rstrip()), "postal_code"))
        spans.append(Span(start, end, "address"))
    return spans


def _is_public(text: str, start: int, end: int) -> bool:
    # A facility named right before the address (長崎市民会館（長崎市魚の町5-1）, 県庁1階（…）)
    # or right after it in the same phrase (長崎市魚の町4-1 長崎市役所) makes it a public address.
    if _FACILITY_BEFORE.search(text, max(0, start - 20), start):
        return True
    tail = re.match(r"[\s)）]{0,2}[^\s、。,.]{0,12}", text[end:end + 16])
    return bool(tail and _FACILITY.search(tail.group()))


# ---------------------------------------------------------------- birth dates

_ERA = r"(?:明治|大正|昭和|平成|令和)"
_DATE = (
    rf"(?:(?:{_ERA}\s?(?:\d{{1,2}}|元)|\d{{4}})\s?年\s?)?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|[MTSHR]\s?\d{1,2}[-/.]\d{1,2}[-/.]\d{1,2}"
)
_LABELLED_BIRTH = LazyPattern(rf"(?P<label>生年月日|誕生日)\s?[:は]?\s?\(?\s?(?P<hit>{_DATE})(?!\d)")
_BORN = LazyPattern(rf"(?<!\d)(?P<hit>{_DATE})\s?(?:生まれ|生(?!活|産|涯|徒)|産まれ|に(?:生まれ|誕生))")


def find_birth_dates(doc, flat: str) -> list[Span]:
    spans = []
    for match in _LABELLED_BIRTH.finditer(flat):
        # 生年月日 is a form's label: whoever it belongs to, the date is personal.
        if match.group("label") == "生年月日" or _person(doc, match.start(), match.end()):
            spans.append(Span(*match.span("hit"), "birth_date"))
    for match in _BORN.finditer(flat):
        if _person(doc, match.start(), match.end()):
            spans.append(Span(*match.span("hit"), "birth_date"))
    return spans


def _person(doc, start: int, end: int) -> bool:
    low, high = sentence_window(doc, start, end, 30, 15)
    return honored_person_near(doc, low, high)


# ---------------------------------------------------------------- 要配慮個人情報

_CONDITION = LazyPattern(
    r"(?:新型コロナ(?:ウイルス)?(?:感染症)?|コロナ陽性|インフルエンザ|麻しん|麻疹|はしか|風しん|結核|HIV|エイズ|AIDS|肝炎"
    r"|(?:アルコール|ギャンブル|薬物)依存症|依存症|認知症|アルツハイマー病?|うつ病|鬱病|統合失調症|双極性障害"
    r"|パニック障害|適応障害|摂食障害|てんかん|精神疾患|自閉症|ADHD|学習障害|難病"
    r"|(?:身体|知的|精神|発達|聴覚|視覚|言語|肢体)障(?:害|がい)(?:者手帳)?|障(?:害|がい)者手帳|療育手帳"
    r"|がん|癌|白血病|糖尿病|脳梗塞|脳卒中|心筋梗塞|心臓病|腎臓病|人工透析|透析|パーキンソン病|ALS"
    r"|入院|通院|闘病|余命|持病|既往歴|病歴|妊娠|不妊|流産|死産"
    r"|前科|前歴|逮捕歴|犯罪歴|服役|受刑|執行猶予|逮捕"
    r"|信者|入信|信仰|党員|支持政党|被差別部落)"
    # A condition followed by one of these is a service or a topic, not a person's state.
    r"(?!検診|健診|予防|対策|カフェ|サポーター|教室|講座|相談|啓発|月間|週間|ワクチン|予防接種|基本法"
    r"|センター|フォーラム|研究|専門|について|に関する|の方|の人|のある|の家族|の予防|の早期|の正しい|病棟|外来)"
)


def find_conditions(doc) -> list[Span]:
    text = doc.text
    spans: list[Span] = []
    for match in _CONDITION.finditer(text):
        start, end = match.span()
        if not _on_token_boundaries(doc, start, end):
            continue  # がん in がんばる, 逮捕 in a longer word
        if spans and _JOINER.fullmatch(text, spans[-1].end, start):
            # がん闘病, 麻しん（はしか）: one mention of one condition, reported once.
            spans[-1] = Span(spans[-1].start, end, "health_condition")
            continue
        low, high = line_window(text, start, end, 30, 60)
        if honored_person_near(doc, low, high):
            spans.append(Span(start, end, "health_condition"))
    return spans


_JOINER = regexcache.compile(r"[\s()（）・]{0,2}")


def _on_token_boundaries(doc, start: int, end: int) -> bool:
    tokens = doc.tokens
    index = doc.token_index_at(start)
    if index >= len(tokens) or tokens[index].start != start:
        return False
    while index < len(tokens) and tokens[index].end < end:
        index += 1
    return index < len(tokens) and tokens[index].end == end


# ---------------------------------------------------------------- vehicles and passports

# 運輸支局 names that appear on plates (a subset: those of Kyushu and the larger cities).
_PLATE_REGIONS = (
    "長崎|佐世保|福岡|北九州|久留米|筑豊|佐賀|熊本|大分|宮崎|鹿児島|奄美|沖縄|下関|山口|広島|福山|岡山|倉敷"
    "|神戸|姫路|大阪|なにわ|和泉|堺|京都|奈良|滋賀|名古屋|豊橋|三河|岡崎|豊田|尾張小牧|一宮|春日井|静岡|浜松"
    "|横浜|川崎|湘南|相模|品川|世田谷|練馬|杉並|板橋|足立|江東|葛飾|八王子|多摩|千葉|習志野|船橋|市川|柏|松戸"
    "|大宮|川口|所沢|川越|熊谷|春日部|越谷|宇都宮|水戸|土浦|つくば|前橋|高崎|新潟|長岡|富山|金沢|石川|福井|長野"
    "|松本|岐阜|三重|鈴鹿|四日市|和歌山|鳥取|島根|徳島|香川|高松|愛媛|高知|仙台|宮城|福島|郡山|いわき|山形|秋田"
    "|青森|八戸|岩手|盛岡|札幌|函館|旭川|室蘭|釧路|帯広|北見"
)
_PLATE_KANA = "あいうえかきくけこさすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるろれわを"
_PLATE = LazyPattern(
    rf"(?:{_PLATE_REGIONS})\s?\d{{1,3}}\s?[{_PLATE_KANA}]\s?(?:\d{{1,2}}-\d{{2}}|[・.]{{1,3}}\s?\d{{1,3}}|\d{{4}})(?!\d)",
    gate=False,
)
_PASSPORT = regexcache.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\s?\d{7}(?![0-9A-Za-z])")
_PASSPORT_CONTEXT = regexcache.compile(r"旅券|パスポート|[Pp]assport|PASSPORT")


def find_plates(flat: str) -> list[Span]:
    return [Span(m.start(), m.end(), "license_plate") for m in _PLATE.finditer(flat)]


def find_passports(text: str) -> list[Span]:
    if not _PASSPORT_CONTEXT.search(text):
        return []  # a passport number is told by its word nearby
    return [Span(m.start(), m.end(), "passport") for m in _PASSPORT.finditer(text)
            if keyword_before(_PASSPORT_CONTEXT, text, m.start(), m.end(), 30, 10) is not None]
