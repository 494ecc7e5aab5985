"""Dates and times in a post: weekdays, eras, impossible values, events already past.

A wrong weekday or a 和暦 year that disagrees with the 西暦 beside it is false
information (8(4)ク) that readers act on: they come on the wrong day. Each date is read
once per draft (`analyse`), and the rules pick the problems they report.

Which year a date without one means:

- a 西暦 or 和暦 year written with it: that year;
- the end of a range or the next item of a list (12月28日（月）〜1月4日（月）,
  5日（土）・6日（日）): the year (and month) of the date before it;
- another date with a written year in the draft, not more than a year from the posting
  date: the year that puts the date nearest to it (2026年12月6日 … 申込は11月30日まで);
- 昨年・来年 and the like: relative to the posting date;
- otherwise the nearest year on or after the posting date (`post_at`), or today in Japan
  when the draft has none. A date up to three months before it (a year, in a sentence
  that reports: 開催しました) is also accepted when its weekday fits that year, since
  posts report events just past (7(1)イ).

Only the last case with today's date is a guess (a draft may be linted long after it was
written), so its weekday mismatches go to a separate, advisory rule.

The era table is ours, not a library's: japanera (the maintained option on PyPI) and
jeraconv (unmaintained since 2019) convert era dates in fixed formats, whereas a post
needs dates found inside running text, and five rows of fixed history need no dependency.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime

from snslint import regexcache
from snslint.findings import Match
from snslint.frontmatter import JST, parse_when
from snslint.patterns import LazyPattern

# (era, first day). An era ends the day before the next one begins; 令和 is open-ended.
ERAS = (
    ("明治", date(1868, 1, 25)),
    ("大正", date(1912, 7, 30)),
    ("昭和", date(1926, 12, 25)),
    ("平成", date(1989, 1, 8)),
    ("令和", date(2019, 5, 1)),
)
_ERA_START = dict(ERAS)
_ERA_END = {name: ERAS[i + 1][1] for i, (name, _start) in enumerate(ERAS[:-1])}
WEEKDAYS = "月火水木金土日"
# Reports of an event just past (7(1)イ) may give its date without a year.
RECENT_PAST_DAYS = 92
# A date with a written year further than this from the posting date is history (1945年8月9日),
# not the year of the post's other dates.
ANCHOR_DAYS = 400
# An announcement dated within this many days before posting is probably stale; older dates
# are history.
STALE_DAYS = 366
PAST_WINDOW = 120

_ERA = "|".join(name for name, _start in ERAS)
_WEEKDAY = (
    r"(?:\s?[(\[](?P<w1>[月火水木金土日])(?:曜日?)?(?:[・･,、/]?(?:祝日?|休日?|振休|祭日?))?[)\]]"
    r"|\s?(?P<w2>[月火水木金土日])曜日?)"
)
_RELATIVE = {"昨年": -1, "去年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1, "翌年": 1}
_DATE = LazyPattern(
    r"(?:(?P<rel>昨年|去年|前年|今年|本年|来年|翌年)[のもは]?\s?)?"
    rf"(?:(?:(?P<era>{_ERA})\s?(?P<eyear>\d{{1,2}}|元)\s?年|(?<![\d.])(?P<year>\d{{4}})\s?年)"
    # the same year in the other calendar: 令和8年（2026年）12月6日
    r"(?:\s?\((?:西暦)?\s?(?:\d{4}|(?:" + _ERA + r")\s?(?:\d{1,2}|元))\s?年?\))?\s?)?"
    r"(?<![\d.])(?P<month>\d{1,2})\s?月\s?(?P<day>\d{1,2})\s?日(?!間)"
    + _WEEKDAY + "?",
    scan_literal=True,
)
_SLASH = LazyPattern(
    r"(?<![\d/.:])(?:(?P<year>\d{4})/)?(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])" + _WEEKDAY + "?",
    scan_literal=True,
)
# Notices abbreviate: R8.6.14(日), H31.4.30(火), 2026.6.14(日). Only with a weekday, since
# without one such numbers are as often versions or section numbers.
_ABBREVIATIONS = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治"}
_ABBREVIATED = LazyPattern(
    r"(?<![A-Za-z0-9./])(?:(?P<abbr>[RHSTM])\s?(?P<eyear>\d{1,2}|元)|(?P<year>\d{4}))"
    r"\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})(?![\d.])" + _WEEKDAY,
    scan_literal=True,
)
# A day after a date that takes the date's month: 12月5日（土）・6日（日）, 5日〜6日.
_MORE_DAY = regexcache.compile(
    r"\s?(?P<sep>[・,、~〜\-–―]|から|と|及び|および)\s?(?P<day>\d{1,2})\s?日(?!間)" + _WEEKDAY + "?"
)
_RANGE = regexcache.compile(r"\s?(?:[~〜\-–―]|から)\s?")
_LIST = regexcache.compile(r"\s?(?:[・,、]|と|及び|および)\s?")
_PAIR = LazyPattern(
    rf"(?P<era>{_ERA})\s?(?P<eyear>\d{{1,2}}|元)\s?(?:年度?)?\s?\(\s?(?:西暦)?\s?(?P<year>\d{{4}})\s?(?:年度?)?\s?\)(?:年度?)?"
    rf"|(?<![\d.])(?P<year2>\d{{4}})\s?(?:年度?)?\s?\(\s?(?P<era2>{_ERA})\s?(?P<eyear2>\d{{1,2}}|元)\s?(?:年度?)?\s?\)(?:年度?)?"
)
_ERA_YEAR = LazyPattern(rf"(?P<era>{_ERA})\s?(?P<eyear>\d{{1,2}}|元)\s?年")
_TIME = LazyPattern(
    r"(?:(?P<ampm>午前|午後)\s?)?(?<![\d.])(?P<hour>\d{1,2})\s?時(?!間|限|点|代|期|給|速|効)"
    r"(?:\s?(?P<minute>\d{1,2})\s?分)?",
    scan_literal=True,
)
_CLOCK = LazyPattern(r"(?:(?P<ampm>午前|午後)\s?)?(?<![\d:./])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?![\d:])",
                     scan_literal=True)
# A sentence that reports something done speaks of the past on purpose.
_PAST = regexcache.compile(r"ました|でした|終了|終わり|済み|行われた|開催された|実施された|開催した|行った|実施した")


def _today() -> date:
    # Nagasaki's today, whatever the machine's time zone (CI often runs on UTC).
    return datetime.now(JST).date()


def _era_year(value: str) -> int:
    return 1 if value == "元" else int(value)


def _to_western(era: str, era_year: int) -> int:
    return _ERA_START[era].year + era_year - 1


def _last_era_year(era: str) -> int | None:
    end = _ERA_END.get(era)
    return None if end is None else end.year - _ERA_START[era].year + 1


def _jp(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Mention:
    """One date as written: where, what it says, and which year it is taken to be in."""

    start: int
    end: int
    month: int
    day: int
    year: int | None = None
    era: tuple[str, int] | None = None
    weekday: int | None = None
    joined: str | None = None          # "range" or "list": follows the previous date
    relative: int | None = None        # 昨年 -1, 来年 +1
    basis: str = "today"               # written | draft | post_at | today
    resolved: date | None = None
    accepted: list[date] = field(default_factory=list)


@dataclass
class Analysis:
    weekday: list = field(default_factory=list)     # (Match, basis)
    era: list = field(default_factory=list)
    impossible: list = field(default_factory=list)
    before_post: list = field(default_factory=list)


def analyse(doc) -> Analysis:
    """Every date and time problem of a draft, computed once for all the date rules."""
    return doc.shared(analyse, lambda d: _Analyser(d).run())


class _Analyser:
    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        self.result = Analysis()
        post_at = parse_when((doc.meta or {}).get("post_at"))
        self.post_at = post_at.date() if post_at else None
        self.reference = self.post_at or _today()
        self.urls = _Spans([(url.start, url.end) for url in doc.urls]
                           if any(c in self.text for c in "/:") else [])

    def run(self) -> Analysis:
        if not any(ch in self.text for ch in "月/時:年."):
            return self.result
        mentions = self.mentions()
        self.resolve(mentions)
        for mention in mentions:
            self.check_date(mention)
        self.check_pairs()
        self.check_times()
        return self.result

    def in_url(self, start: int, end: int) -> bool:
        return self.urls.overlaps(start, end)

    # --- finding dates --------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for pattern in (_DATE, _SLASH, _ABBREVIATED):
            earlier = _Spans(sorted(taken))
            for m in pattern.finditer(self.text):
                if self.in_url(*m.span()) or earlier.overlaps(*m.span()):
                    continue
                weekday = m.group("w1") or m.group("w2")
                if pattern is _SLASH and not (m.group("year") or weekday):
                    continue  # 1/2 is a fraction far more often than a date
                mention = Mention(
                    m.start(), m.end(), int(m.group("month")), int(m.group("day")),
                    weekday=WEEKDAYS.index(weekday) if weekday else None,
                )
                if m.group("year"):
                    mention.year = int(m.group("year"))
                era = m.group("era") if pattern is _DATE else \
                    _ABBREVIATIONS.get(m.group("abbr")) if pattern is _ABBREVIATED else None
                if era:
                    era_year = _era_year(m.group("eyear"))
                    mention.era = (era, era_year)
                    mention.year = _to_western(era, era_year)
                if pattern is _DATE:
                    if m.group("rel") and mention.year is None:
                        mention.relative = _RELATIVE[m.group("rel")]
                found.append(mention)
                taken.append(m.span())
                found.extend(self.more_days(mention, taken))
        found.sort(key=lambda x: x.start)
        for previous, mention in zip(found, found[1:]):
            if mention.joined is None and mention.year is None and mention.relative is None:
                between = self.text[previous.end:mention.start]
                if _RANGE.fullmatch(between):
                    mention.joined = "range"
                elif _LIST.fullmatch(between):
                    mention.joined = "list"
        return found

    def more_days(self, first: Mention, taken: list) -> list[Mention]:
        more = []
        position = first.end
        while True:
            m = _MORE_DAY.match(self.text, position)
            if not m:
                return more
            weekday = m.group("w1") or m.group("w2")
            day_start = m.start("day")
            mention = Mention(day_start, m.end(), first.month, int(m.group("day")),
                              weekday=WEEKDAYS.index(weekday) if weekday else None,
                              joined="range" if m.group("sep") in ("~", "〜", "-", "–", "―", "から") else "list")
            more.append(mention)
            taken.append((day_start, m.end()))
            position = m.end()

    # --- which year ----------------------------------------------------------------

    def resolve(self, mentions: list[Mention]) -> None:
        previous: Mention | None = None
        anchor: date | None = None
        for mention in mentions:
            if mention.year is not None:
                mention.basis = "written"
                mention.resolved = _valid(mention.year, mention.month, mention.day)
                mention.accepted = [mention.resolved] if mention.resolved else []
            elif mention.joined and previous is not None and previous.resolved is not None:
                mention.basis = previous.basis
                self.follow(mention, previous.resolved)
            elif mention.relative is not None:
                mention.basis = "post_at" if self.post_at else "today"
                mention.resolved = _valid(self.reference.year + mention.relative, mention.month, mention.day)
                mention.accepted = [mention.resolved] if mention.resolved else []
            else:
                if anchor is not None:
                    mention.basis = "draft"
                    mention.resolved = _nearest(mention.month, mention.day, anchor)
                    mention.accepted = [mention.resolved] if mention.resolved else []
                else:
                    mention.basis = "post_at" if self.post_at else "today"
                    self.from_reference(mention)
            if mention.weekday is not None:
                # Of the years a date may be in, the one its weekday fits is the one meant;
                # the dates after it in a range follow that year.
                fitting = [d for d in mention.accepted if d.weekday() == mention.weekday]
                if fitting:
                    mention.resolved = fitting[0]
            # A written year lends itself to the year-less dates after it, unless it is
            # history (1945年8月9日) rather than the time of the post.
            if mention.basis == "written" and mention.resolved is not None \
                    and abs((mention.resolved - self.reference).days) <= ANCHOR_DAYS:
                anchor = mention.resolved
            previous = mention

    def follow(self, mention: Mention, before: date) -> None:
        if mention.joined == "range":
            resolved = _on_or_after(mention.month, mention.day, before)
        else:
            resolved = _nearest(mention.month, mention.day, before)
        mention.resolved = resolved
        mention.accepted = [resolved] if resolved else []

    def from_reference(self, mention: Mention) -> None:
        ahead = _on_or_after(mention.month, mention.day, self.reference)
        behind = _before(mention.month, mention.day, self.reference)
        # A sentence that reports (開催しました) may look back up to a year.
        past = STALE_DAYS if self.past_tense(mention) else RECENT_PAST_DAYS
        mention.resolved = ahead
        mention.accepted = [d for d in (ahead, behind) if d is not None
                            and (d >= self.reference or (self.reference - d).days <= past)]

    def past_tense(self, mention: Mention) -> bool:
        # The verb a date belongs to follows it in its sentence; looking no further than
        # PAST_WINDOW characters keeps a long text without sentence breaks linear.
        _start, end = self.doc.sentence_at(mention.start)
        return bool(_PAST.search(self.text, mention.end, min(end, mention.end + PAST_WINDOW)))

    # --- checks ----------------------------------------------------------------------

    def check_date(self, mention: Mention) -> None:
        reason = self.impossible_date(mention)
        if reason:
            self.result.impossible.append(Match(mention.start, mention.end, data={"reason": reason}))
            return
        if mention.era and mention.resolved:
            detail = self.era_range(mention.era, mention.resolved)
            if detail:
                self.result.era.append(Match(mention.start, mention.end, data={"detail": detail}))
                return
        if mention.weekday is not None and mention.accepted \
                and all(d.weekday() != mention.weekday for d in mention.accepted):
            shown = mention.resolved or mention.accepted[0]
            data = {"date": _jp(shown), "year": shown.year, "written": WEEKDAYS[mention.weekday],
                    "actual": WEEKDAYS[shown.weekday()]}
            self.result.weekday.append((Match(mention.start, mention.end, data=data), mention.basis))
        if self.post_at and mention.basis in ("written", "draft") and mention.resolved \
                and 0 < (self.post_at - mention.resolved).days <= STALE_DAYS:
            if not self.past_tense(mention):
                data = {"date": _jp(mention.resolved), "post_at": _jp(self.post_at)}
                self.result.before_post.append(Match(mention.start, mention.end, data=data))

    @staticmethod
    def impossible_date(mention: Mention) -> str | None:
        if not 1 <= mention.month <= 12:
            return f"{mention.month}月という月はありません"
        if mention.era and mention.era[1] < 1:
            return f"{mention.era[0]}0年という年はありません（最初の年は元年です）"
        if mention.year is not None:
            last = calendar.monthrange(mention.year, mention.month)[1]
            if not 1 <= mention.day <= last:
                return f"{mention.year}年{mention.month}月は{last}日までです"
        else:
            last = 29 if mention.month == 2 else calendar.monthrange(2001, mention.month)[1]
            if not 1 <= mention.day <= last:
                return f"{mention.month}月は{last}日までです"
        return None

    @staticmethod
    def era_range(era: tuple[str, int], day: date) -> str | None:
        name, era_year = era
        if day < _ERA_START[name]:
            return f"{name}は{_jp(_ERA_START[name])}からです。この日は{_era_name(day)}です。"
        end = _ERA_END.get(name)
        if end is not None and day >= end:
            return f"{name}は{_jp(date.fromordinal(end.toordinal() - 1))}までです。この日は{_era_name(day)}です。"
        return None

    def check_pairs(self) -> None:
        for m in _PAIR.finditer(self.text):
            era = m.group("era") or m.group("era2")
            era_year = _era_year(m.group("eyear") or m.group("eyear2"))
            year = int(m.group("year") or m.group("year2"))
            western = _to_western(era, era_year)
            if western != year:
                detail = f"{era}{_era_label(era_year)}年は{western}年です。"
                self.result.era.append(Match(m.start(), m.end(), data={"detail": detail}))
        # An era year inside a date or pair already reported is not reported again.
        covered = {offset for f in self.result.era for offset in range(f.start, f.end)}
        for m in _ERA_YEAR.finditer(self.text):
            era, era_year = m.group("era"), _era_year(m.group("eyear"))
            last = _last_era_year(era)
            if era_year < 1:
                detail = f"{era}0年という年はありません（最初の年は元年です）。"
            elif last is not None and era_year > last:
                western = _to_western(era, era_year)
                detail = (f"{era}は{last}年（{_ERA_END[era].year}年）までです。"
                          f"{western}年は{_era_name(date(western, 12, 31))}です。")
            else:
                continue
            if m.start() not in covered:
                self.result.era.append(Match(m.start(), m.end(), data={"detail": detail}))

    def check_times(self) -> None:
        for pattern in (_TIME, _CLOCK):
            for m in pattern.finditer(self.text):
                if self.in_url(*m.span()):
                    continue
                hour = int(m.group("hour"))
                minute = int(m.group("minute") or 0)
                ampm = m.group("ampm")
                if pattern is _CLOCK and hour > 24 and not ampm:
                    continue  # 65:30 is a duration or a score, not a time of day
                reason = None
                if ampm and hour > 12:
                    reason = f"{ampm}の時刻は12時までです"
                elif hour > 24 or (hour == 24 and minute > 0):
                    reason = "時刻は0時から24時までです"
                elif minute > 59:
                    reason = "分は59分までです"
                if reason:
                    self.result.impossible.append(Match(m.start(), m.end(), data={"reason": reason}))


class _Spans:
    """Sorted, non-overlapping spans with a logarithmic overlap test (drafts may hold many)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [start for start, _end in spans]
        self.ends = [end for _start, end in spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start


def _era_name(day: date) -> str:
    for name, start in reversed(ERAS):
        if day >= start:
            era_year = day.year - start.year + 1
            return f"{name}{_era_label(era_year)}年"
    return "明治より前"


def _era_label(era_year: int) -> str:
    return "元" if era_year == 1 else str(era_year)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _candidates(month: int, day: int, around: date) -> list[date]:
    # A year either side is enough, except for 2月29日: eight years always hold a leap year.
    reach = 8 if (month, day) == (2, 29) else 1
    return [d for y in range(around.year - reach, around.year + reach + 1)
            if (d := _valid(y, month, day)) is not None]


def _on_or_after(month: int, day: int, reference: date) -> date | None:
    return next((d for d in _candidates(month, day, reference) if d >= reference), None)


def _before(month: int, day: int, reference: date) -> date | None:
    earlier = [d for d in _candidates(month, day, reference) if d < reference]
    return earlier[-1] if earlier else None


def _nearest(month: int, day: int, anchor: date) -> date | None:
    options = _candidates(month, day, anchor)
    return min(options, key=lambda d: (abs((d - anchor).days), d < anchor)) if options else None
