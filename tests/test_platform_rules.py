"""Platform rules (length, hashtags, mentions) and readability rules, through the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import twitter_text
from snslint.config import Config
from snslint.detectors.platform import extract_hashtags, extract_mentions
from snslint.engine import Engine
from snslint.platforms.length import Posted, load_profiles, profiles_for
from snslint.rules import load_rules

CLEAN = Path(__file__).parent / "corpus" / "guideline" / "clean.yaml"
RULES = [rule for rule in load_rules() if rule.id.startswith(("platform.", "readability."))]
ENGINE = Engine(RULES)
PROFILES = load_profiles()


def lint(text: str, rule: str | None = None, **kwargs):
    findings = ENGINE.lint_text(text, **kwargs)
    return [f for f in findings if rule is None or f.rule == rule]


# --- twitter-text conformance: hashtag extraction ---------------------------------

@pytest.fixture(scope="module")
def extract_cases() -> dict:
    return twitter_text("extract.yml")["tests"]


@pytest.mark.parametrize("group", ["hashtags", "hashtags_from_astral"])
def test_twitter_text_hashtag_extraction(extract_cases, group):
    failures = []
    for case in extract_cases[group]:
        got = [tag.name for tag in extract_hashtags(case["text"], "twitter")]
        if got != case["expected"]:
            failures.append(f"{case['description']}: {got} != {case['expected']}")
    print(f"\n{group}: {len(extract_cases[group]) - len(failures)}/{len(extract_cases[group])} passed")
    assert not failures


def test_twitter_text_hashtag_indices(extract_cases):
    for case in extract_cases["hashtags_with_indices"]:
        got = [{"hashtag": t.name, "indices": [t.start, t.end]} for t in extract_hashtags(case["text"], "twitter")]
        assert got == case["expected"], case["description"]


@pytest.fixture(scope="module")
def validate_cases() -> dict:
    return twitter_text("validate.yml")["tests"]


@pytest.mark.parametrize("group", ["WeightedTweetsWithDiscountedEmojiCounterTest",
                                   "UnicodeDirectionalMarkerCounterTest"])
def test_twitter_text_overflow_is_where_x_cuts(validate_cases, group):
    # validRangeEnd is the last UTF-16 unit X accepts: platform.length must start right after it.
    checked = 0
    for case in validate_cases[group]:
        text, expected = case["text"], case["expected"]
        findings = lint(text, "platform.length", platform="x")
        if expected["weightedLength"] <= 280:
            assert findings == [], case["description"]
            continue
        [finding] = findings
        assert len(text[:finding.start].encode("utf-16-le")) // 2 == expected["validRangeEnd"] + 1, \
            case["description"]
        assert finding.end == len(text.rstrip())
        checked += 1
    assert checked or group == "UnicodeDirectionalMarkerCounterTest"


# --- the post as published --------------------------------------------------------

def test_posted_text_unifies_line_breaks_and_trims():
    body = "\r\n\r\n紅葉\r\n見頃\r\n"
    posted = Posted(body)
    assert posted.text == "紅葉\n見頃"
    assert [body[posted.to_body(i)] for i in range(len(posted.text))] == ["紅", "葉", "\r", "見", "頃"]
    assert posted.to_body(len(posted.text)) == body.rindex("\r\n")


# --- length: each profile at its limit and one past it -----------------------------

def _at_limit(profile) -> str:
    # Kanji weigh 2 on X and 1 under every other counter.
    if profile.counter == "x_weighted":
        return "紅" * (profile.limit // 2) + "a" * (profile.limit % 2)
    return "紅" * profile.limit


@pytest.mark.parametrize("key", sorted(PROFILES))
def test_length_boundary(key):
    profile = PROFILES[key]
    at_limit = _at_limit(profile)
    assert profile.measure(at_limit) == profile.limit
    head = f"---\nplatform: {key}\n---\n"
    assert lint(head + at_limit + "\n", "platform.length") == []
    over = head + at_limit + "b\n"
    [finding] = lint(over, "platform.length")
    assert finding.severity == "error" and finding.guideline is None
    # The span is what the platform would cut: here the one character past the limit.
    assert finding.text == "b" and over[finding.start:finding.end] == "b"
    assert f"上限{profile.limit:,}、1超過" in finding.message
    assert profile.name in finding.message


def test_length_with_crlf_front_matter_and_emoji_keeps_positions():
    # CRLF counts as one line break, as the platform stores it; the span is exact.
    text = "---\r\nplatform: threads\r\n---\r\n" + "紅\r\n" * 248 + "紅葉🍁です\r\n"
    [finding] = lint(text, "platform.length")
    assert finding.text == "🍁です"            # 248*2 + 紅葉 = 498; 🍁 counts 4 on Threads
    assert text[finding.start:finding.end] == finding.text
    assert "504／上限500、4超過" in finding.message  # 498 + 4 + です


def test_length_never_cuts_inside_a_url():
    url = "https://www.city.nagasaki.lg.jp/kanko/autumn.html"
    text = "紅" * 130 + "詳細 " + url
    [finding] = lint(text, "platform.length", platform="x")
    assert finding.text == url       # 264 + 23 > 280, and a URL counts as a whole


def test_no_platform_checks_no_length():
    assert lint("紅" * 1000, "platform.length") == []


def test_configuration_platform_is_the_fallback():
    text = "紅" * 141
    assert lint(text, "platform.length", config=Config(platform="x"))
    assert not lint("---\nplatform: facebook\n---\n" + text, "platform.length", config=Config(platform="x"))


def test_all_groups_platforms_that_cut_at_the_same_place():
    findings = lint("紅" * 501, "platform.length", platform="all")
    by_text = {len(f.text): f.message for f in findings}
    assert set(by_text) == {501 - 140, 501 - 300, 1}
    assert by_text[1].startswith("Threads・Mastodon・LINE公式アカウントの文字数の上限を超えています")
    assert lint("紅" * 140, "platform.length", platform="all") == []


def test_profiles_for():
    assert profiles_for(None) == [] and profiles_for("nosuch") == []
    assert [p.key for p in profiles_for("all")] == list(PROFILES)
    assert PROFILES["x"].cut_offset("紅" * 140) is None
    assert PROFILES["x"].cut_offset("紅" * 141) == 140


# --- hashtag and mention limits ----------------------------------------------------

def _tags(count: int) -> str:
    return " ".join(f"#長崎{i}号" for i in range(count))


@pytest.mark.parametrize("key", ["instagram", "threads"])
def test_hashtag_limit_boundary(key):
    limit = PROFILES[key].hashtag_limit
    head = f"---\nplatform: {key}\n---\n紅葉が見頃です。\n"
    assert lint(head + _tags(limit), "platform.hashtag-limit") == []
    [finding] = lint(head + _tags(limit + 1), "platform.hashtag-limit")
    assert finding.text == f"#長崎{limit}号"
    assert f"{limit}個までのところ{limit + 1}個" in finding.message


def test_fullwidth_hash_does_not_count_where_it_is_not_a_hashtag():
    head = "---\nplatform: instagram\n---\n"
    text = head + _tags(5) + " ＃長崎"
    assert lint(text, "platform.hashtag-limit") == []
    assert [f.text for f in lint(text, "platform.fullwidth-hashtag")] == ["＃長崎"]


def test_mention_limit_boundary():
    head = "---\nplatform: instagram\n---\nご協力ありがとうございました。\n"
    mentions = " ".join(f"@shop{i:02}" for i in range(21))
    assert lint(head + mentions.rsplit(" ", 1)[0], "platform.mention-limit") == []
    [finding] = lint(head + mentions, "platform.mention-limit")
    assert finding.text == "@shop20"


# --- broken hashtags ---------------------------------------------------------------

@pytest.mark.parametrize("platform, text, expected", [
    (None, "お祭りです #長崎-ランタン", "#長崎-ランタン"),
    (None, "詳しくは#長崎くんちで検索", "#長崎くんちで検索"),
    (None, "今年も ♯ランタンフェスティバル", "♯ランタンフェスティバル"),
    (None, "#長崎 ランタン #観光", "#長崎 ランタン"),
    (None, "お祭りです # 長崎くんち", "# 長崎くんち"),
    (None, "セール #秋の80%オフ", "#秋の80%オフ"),
    ("instagram", "紅葉 #長崎・紅葉", "#長崎・紅葉"),
    ("facebook", "紅葉 #長崎〜紅葉", "#長崎〜紅葉"),
    ("bluesky", "#長崎くんち。今年も開催", "#長崎くんち。今年も開催"),
    ("mastodon", "紅葉の名所!#長崎", "#長崎"),
])
def test_broken_hashtag(platform, text, expected):
    findings = lint(text, "platform.broken-hashtag", platform=platform)
    assert [f.text for f in findings] == [expected]
    assert findings[0].severity == "warning"


@pytest.mark.parametrize("platform, text", [
    (None, "紅葉 #長崎・紅葉 #長崎〜紅葉"),        # X takes ・ and 〜 inside a tag
    (None, "#長崎くんち 今年も開催します"),
    (None, "#長崎くんち。今年も開催します"),
    (None, "救急の相談は #7119 へ、子どもの相談は＃8000へ"),
    (None, "詳細 https://www.city.nagasaki.lg.jp/kanko/#autumn"),
    (None, "#長崎 #ランタン #観光"),
    (None, "紅葉の名所!#長崎"),
    (None, "C#入門講座とC# プログラミング講座"),     # a language, not a tag
    (None, "F♯の和音を演奏します"),
    (None, "#長崎 🍁 #観光"),
    (None, "紅葉 #長崎〜 です"),
    ("bluesky", "紅葉 #長崎-ランタン"),           # Bluesky tags run to the next space
    ("line", "今年もやります #長崎-紅葉まつり"),   # no hashtags on LINE at all
    ("x", "紅葉です ＃長崎の秋"),
])
def test_not_a_broken_hashtag(platform, text):
    assert lint(text, "platform.broken-hashtag", platform=platform) == []


def test_broken_hashtag_names_the_platforms_under_all():
    [finding] = lint("紅葉 #長崎・紅葉", "platform.broken-hashtag", platform="all")
    assert finding.message.startswith("「#長崎・紅葉」はFacebook・Instagram・Threadsで")
    assert "「・」の位置でハッシュタグが切れ、「#長崎」だけがハッシュタグになります" in finding.message


def test_fullwidth_hash_only_where_it_fails():
    text = "紅葉です ＃長崎の秋"
    assert lint(text, "platform.fullwidth-hashtag") == []
    for key in ("x", "bluesky", "mastodon", "line"):
        assert lint(text, "platform.fullwidth-hashtag", platform=key) == [], key
    for key in ("instagram", "facebook", "threads"):
        [finding] = lint(text, "platform.fullwidth-hashtag", platform=key)
        assert finding.text == "＃長崎の秋" and "#長崎の秋" in finding.message


# --- mentions (listed for 7(2)) ------------------------------------------------------

def test_mentions_are_listed_except_replies_retweets_and_official_accounts():
    config = Config(official_accounts=("@nagasaki_city",))
    text = ("@taro_123 お問い合わせありがとうございます。\n"
            "観光連盟（@nagasaki_kanko）と共同開催。@nagasaki_city もご覧ください。\n"
            "RT @shop_a 新商品 / 連絡先 info@example.jp / @kanko@mastodon.example")
    findings = lint(text, "platform.mention", config=config)
    assert [f.text for f in findings] == ["@nagasaki_kanko", "@kanko@mastodon.example"]
    assert {f.guideline for f in findings} == {"7(2)"} and {f.severity for f in findings} == {"info"}


def test_extract_mentions_skips_email_and_urls():
    text = "info@example.jp https://x.com/@someone ＠長崎 @ok_name."
    assert [m.account for m in extract_mentions(text)] == ["ok_name"]


# --- readability --------------------------------------------------------------------

@pytest.mark.parametrize("text, rule, expected", [
    ("受付は①市役所", "readability.machine-dependent", "①"),
    ("㈱長崎商事", "readability.machine-dependent", "㈱"),
    ("㍻31年", "readability.machine-dependent", "㍻"),
    ("約3㌔のコース、100㎡の広場", "readability.machine-dependent", "㌔"),
    ("第Ⅲ期計画", "readability.machine-dependent", "Ⅲ"),
    ("ｲﾍﾞﾝﾄのお知らせ", "readability.halfwidth-katakana", "ｲﾍﾞﾝﾄ"),
    ("長崎か\u3099んばらんば", "readability.unnormalized", "か\u3099"),
    ("見頃です。\u3000 \n次の行", "readability.trailing-space", "\u3000 "),
    ("紅葉です✨✨✨", "readability.emoji-run", "✨✨✨"),
    ("★☆★ 秋のイベント", "readability.emoji-run", "★☆★"),
    ("家族で👨\u200d👩\u200d👧 🍁 🍁", "readability.emoji-run", "👨\u200d👩\u200d👧 🍁 🍁"),
    ("情報 #nagasakicityevent", "readability.hashtag-case", "#nagasakicityevent"),
    ("情報 #NAGASAKIAUTUMN", "readability.hashtag-case", "#NAGASAKIAUTUMN"),
])
def test_readability_flags(text, rule, expected):
    findings = lint(text, rule)
    assert findings and findings[0].text == expected
    assert findings[0].guideline is None


def test_fixable_findings_name_the_plain_form_and_the_fix():
    [finding] = lint("受付は①市役所", "readability.machine-dependent")
    assert "「（1）」" in finding.message and "--fix" in finding.suggestion
    [finding] = lint("ｶﾞｲﾄﾞ", "readability.halfwidth-katakana")
    assert "「ガイド」" in finding.message and "--fix" in finding.suggestion
    for rule in ("readability.unnormalized", "readability.trailing-space"):
        assert "--fix" in next(r for r in RULES if r.id == rule).suggestion


@pytest.mark.parametrize("text, rule", [
    ("紅葉が見頃です🍁🍂", "readability.emoji-run"),
    ("紅葉🍁 見頃🍁 です🍁", "readability.emoji-run"),
    ("詳しくはこちら→→→市ホームページ", "readability.emoji-run"),
    ("情報 #NagasakiCityEvent #nagasaki #2026event", "readability.hashtag-case"),
    ("約3キロのコース（1）会場", "readability.machine-dependent"),
    ("イベントのお知らせ", "readability.halfwidth-katakana"),
    ("紅葉が見頃です。\n次の行", "readability.trailing-space"),
])
def test_readability_does_not_flag(text, rule):
    assert lint(text, rule) == []


def test_long_sentence_leaves_urls_out():
    url = "https://www.city.nagasaki.lg.jp/" + "a" * 80
    assert lint("紅" * 60 + url + "をご覧ください。", "readability.long-sentence") == []
    [finding] = lint("紅" * 101 + "。次の文。", "readability.long-sentence")
    assert finding.text == "紅" * 101 + "。" and "101文字" in finding.message


# --- clean drafts stay clean -----------------------------------------------------

def test_clean_corpus_gets_no_warning_or_error_from_these_rules():
    drafts = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))["drafts"]
    noisy = []
    for draft in drafts:
        for platform in (None, "x"):
            findings = [f for f in lint(draft["text"], platform=platform)
                        if f.severity in ("warning", "error")]
            if findings:
                noisy.append((draft["id"], platform, [(f.rule, f.text) for f in findings]))
    assert noisy == []


# --- end to end --------------------------------------------------------------------

def test_cli_platform_all_and_config_fallback(tmp_path):
    from conftest import run_json

    draft = tmp_path / "draft.txt"
    draft.write_text("紅" * 141 + "\n", encoding="utf-8")
    code, report = run_json("--no-cache", "--select", "platform", draft, cwd=tmp_path)
    assert code == 0 and report["files"][0]["findings"] == []
    code, report = run_json("--no-cache", "--select", "platform", "--platform", "all", draft, cwd=tmp_path)
    [finding] = report["files"][0]["findings"]
    assert code == 1 and finding["rule"] == "platform.length" and finding["guideline"] is None
    assert (finding["line"], finding["column"], finding["text"]) == (1, 141, "紅")
    (tmp_path / ".snslint.yaml").write_text("platform: x\n", encoding="utf-8")
    code, report = run_json("--no-cache", "--select", "platform", draft, cwd=tmp_path)
    assert code == 1 and [f["rule"] for f in report["files"][0]["findings"]] == ["platform.length"]
