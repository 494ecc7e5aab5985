"""Dates and times (8(4)ク): weekdays, eras, impossible values, events already past."""

from __future__ import annotations

from datetime import date

import pytest

from snslint.detectors import date_analysis as dates
from snslint.detectors.dates import make_date_consistency
from snslint.engine import Engine, select_rules

POSTED = "---\npost_at: 2026-12-01 10:00\n---\n"


@pytest.fixture(scope="module")
def engine(all_rules):
    return Engine(select_rules(all_rules, ("dates",)))


@pytest.fixture(autouse=True)
def today(monkeypatch):
    # Year-less dates without post_at are read against today: pin it.
    monkeypatch.setattr(dates, "_today", lambda: date(2026, 11, 25))


def found(engine, text):
    return [(f.rule, f.text) for f in engine.lint_text(text)]


def test_the_date_rules_use_the_detector_the_corpus_test_looks_for(all_rules):
    assert any(rule.detector == "date_consistency" and rule.guideline == "8(4)ク" for rule in all_rules)


@pytest.mark.parametrize(
    "text, span",
    [
        ("令和8年12月6日（土）午前9時から清掃します", "令和8年12月6日（土）"),
        ("2026年12月6日(土)に開催", "2026年12月6日(土)"),
        ("2026年12月6日［土］に開催", "2026年12月6日［土］"),
        ("2026年12月6日 土曜日に開催", "2026年12月6日 土曜日"),
        ("2026/12/6(土)に開催", "2026/12/6(土)"),
        ("２０２６年１２月６日（土）に開催", "２０２６年１２月６日（土）"),
        ("令和元年5月1日（火）に改元", "令和元年5月1日（火）"),
        ("平成元年1月8日（月）", "平成元年1月8日（月）"),
        ("2026年12月28日（月）〜1月4日（火）は休館", "1月4日（火）"),
        ("2026年12月5日（土）・6日（土）の2日間", "6日（土）"),
        ("2026年12月5日（土）から6日（月）まで", "6日（月）"),
        ("2026年12月6日（日）開催。申込は11月30日（火）まで", "11月30日（火）"),
        (POSTED + "12月6日（土）に開催します", "12月6日（土）"),
        (POSTED + "12/6(土)に開催します", "12/6(土)"),
        (POSTED + "来年1月11日（火・祝）に開催", "来年1月11日（火・祝）"),
    ],
)
def test_a_weekday_that_does_not_fit_its_date_is_an_error(engine, text, span):
    assert ("dates.weekday", span) in found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "令和8年12月6日（日）午前9時から清掃します",
        "令和元年5月1日（水）に改元",
        "平成元年1月8日（日）",
        "2026年12月28日（月）〜1月4日（月）は休館",
        "2026年12月5日（土）・6日（日）の2日間",
        "2027年1月11日（月・祝）に二十歳のつどい",
        "2026年12月6日（日）開催。申込は11月30日（月）まで",
        # A date of long ago does not lend its year to the post's other dates.
        POSTED + "1945年8月9日午前11時2分。来年の8月9日（月）も式典を行います",
        POSTED + "12月6日（日）に開催します",
        POSTED + "11月29日（日）に開催した紅葉まつりの様子です",       # just past: a report
        POSTED + "8月20日（木）に開催した大会には多くの方が参加しました",  # a report, months ago
        POSTED + "12月28日（月）〜1月4日（月）は休館します",
        POSTED + "12月5日（土）、6日（日）に開催",
        POSTED + "昨年12月6日（土）の大会では",
        "毎週月曜日は休館です",
        "詳しくは https://www.city.nagasaki.lg.jp/2026/12/06/ をご覧ください",
        "確率は1/2、3/4(火曜日の結果)",  # fractions: a slash date without a year needs a weekday
    ],
)
def test_a_weekday_that_fits_is_not_reported(engine, text):
    assert not [f for f in found(engine, text) if f[0].startswith("dates.weekday")], text


def test_a_year_less_date_is_read_against_post_at_not_today(engine, monkeypatch):
    # 2027-12-06 is a Monday, 2026-12-06 a Sunday.
    text = "---\npost_at: 2027-12-01\n---\n12月6日（月）に開催します"
    assert found(engine, text) == []
    monkeypatch.setattr(dates, "_today", lambda: date(2027, 11, 25))
    assert found(engine, "12月6日（月）に開催します") == []


def test_the_nearest_year_is_on_or_after_the_posting_date(engine):
    # Posted 2026-12-01: 11月20日 is 2027-11-20 (土), or 2026-11-20 (金) just past.
    assert found(engine, POSTED + "11月20日（土）に開催します") == []
    assert found(engine, POSTED + "11月20日（金）に開催しました") == []
    [finding] = engine.lint_text(POSTED + "11月20日（日）に開催します")
    assert finding.rule == "dates.weekday"
    assert "2027年11月20日は土曜日" in finding.message


def test_without_post_at_the_year_is_a_guess_and_only_an_info(engine):
    text = "12月6日（土）に開催します"
    findings = engine.lint_text(text)
    assert [(f.rule, f.severity) for f in findings] == [("dates.weekday-guessed", "info")]
    assert "2026年とみなすと" in findings[0].message
    assert found(engine, "12月6日（日）に開催します") == []


@pytest.mark.parametrize(
    "text, span",
    [
        ("令和8年（2025年）4月1日から改定します", "令和8年（2025年）"),
        ("2026年（令和7年）9月13日（日）に訓練", "2026年（令和7年）"),
        ("令和8年度（2025年度）の予算", "令和8年度（2025年度）"),
        ("2026（令和7）年", "2026（令和7）年"),
        ("令和元年4月1日に施行", "令和元年4月1日"),
        ("昭和64年1月8日に", "昭和64年1月8日"),
        ("平成32年3月31日まで有効", "平成32年3月31日"),
        ("平成32年度の計画", "平成32年"),
        ("令和0年", "令和0年"),
    ],
)
def test_era_and_western_year_must_agree_and_fit_the_era(engine, text, span):
    assert ("dates.era", span) in found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "令和8年（2026年）4月1日から改定します",
        "2026年（令和8年）",
        "令和8年度（2026年度）の予算",
        "2019年（令和元年）",
        "平成31年（2019年）4月30日まで",
        "令和元年5月1日から",
        "昭和64年1月7日まで",
        "明治45年7月29日、大正元年7月30日",
        "昭和20年8月9日",
    ],
)
def test_era_years_that_agree_are_fine(engine, text):
    assert found(engine, text) == []


def test_era_table_includes_reiwa_and_gannen():
    assert dates._to_western("令和", 1) == 2019
    assert dates._to_western("令和", 8) == 2026
    assert dates._to_western("平成", 31) == 2019
    assert dates._era_name(date(2019, 5, 1)) == "令和元年"
    assert dates._era_name(date(2019, 4, 30)) == "平成31年"
    assert dates._last_era_year("昭和") == 64 and dates._last_era_year("令和") is None


@pytest.mark.parametrize(
    "text, span",
    [
        ("2月30日（月）に説明会", "2月30日（月）"),
        ("13月1日", "13月1日"),
        ("2027年2月29日に開催", "2027年2月29日"),
        ("4月31日", "4月31日"),
        ("受付は25時まで", "25時"),
        ("午後13時から", "午後13時"),
        ("午前12時30分", None),
        ("10時75分", "10時75分"),
        ("10:75まで", "10:75"),
        ("24時30分", "24時30分"),
    ],
)
def test_impossible_dates_and_times_are_errors(engine, text, span):
    impossible = [t for rule, t in found(engine, text) if rule == "dates.impossible"]
    assert impossible == ([span] if span else [])


@pytest.mark.parametrize(
    "text",
    [
        "2028年2月29日（火）",
        "2月29日",  # a leap day without a year may be right
        "受付は10時〜16時30分、夜間は24時まで",
        "10:00〜16:00",
        "午前10時から午後1時30分まで",
        "24時間営業、第2時限、時速40キロ",
        "優勝記録は2:08:30、前半は65:30",
        "10時半から",
    ],
)
def test_possible_dates_and_times_pass(engine, text):
    assert found(engine, text) == []


def test_an_event_date_before_post_at_is_a_warning(engine):
    findings = engine.lint_text(POSTED + "2026年11月23日（月）に紅葉まつりを開催します。")
    assert [(f.rule, f.severity, f.text) for f in findings] == \
        [("dates.before-post", "warning", "2026年11月23日（月）")]
    assert "2026年12月1日" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        POSTED + "2026年11月23日（月）に開催した紅葉まつりには、多くの方にお越しいただきました。",
        POSTED + "2026年12月6日（日）に開催します。",
        POSTED + "2026年12月1日（火）から受付を始めます。",
        POSTED + "1945年8月9日午前11時2分、原子爆弾が投下された時刻に黙とうをお願いします。",
        "2025年11月23日に開催します。",  # no post_at: today is not the posting date
    ],
)
def test_reports_history_and_future_dates_are_not_past_events(engine, text):
    assert not [f for f in found(engine, text) if f[0] == "dates.before-post"], text


def test_positions_point_at_the_original_text_after_front_matter(engine):
    text = "---\r\npost_at: 2026-12-01 10:00\r\n---\r\n【お知らせ】\r\n１２月６日（土）開催"
    [finding] = engine.lint_text(text)
    assert finding.text == "１２月６日（土）" == text[finding.start:finding.end]
    assert (finding.line, finding.column) == (5, 1)


def test_unknown_options_are_refused():
    with pytest.raises(ValueError):
        make_date_consistency({"check": "weekday", "colour": "red"})
    with pytest.raises(ValueError):
        make_date_consistency({"check": "era", "year": "known"})
    with pytest.raises(ValueError):
        make_date_consistency({})


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("断水のお知らせ　R8.6.14(土) 9:00〜15:00", "R8.6.14(土)"),
        ("R8.6.14(日) 9:00〜15:00", None),
        ("H31.4.30(火)まで", None),
        ("2026.6.14(土)", "2026.6.14(土)"),
        ("2026.6.14(日)", None),
        ("バージョン2.6.14をご利用ください", None),
    ],
)
def test_abbreviated_dates_with_a_weekday(engine, text, flagged):
    assert found(engine, text) == ([("dates.weekday", flagged)] if flagged else [])
