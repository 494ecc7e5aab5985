"""A seeded corpus of realistic municipal SNS drafts for the benchmark (stdlib only).

Every draft is an announcement of about 300 characters, as a city's social-media
staff would write one: a 【title】, a date with its weekday (Western or Reiwa years),
times, places, numbers (capacities, fees, phone numbers), often a link (mostly the
city's own site, some other governments, third parties, posts on X, and shorteners),
hashtags, and for some drafts a front matter block. About a quarter carry a problem
(a confidential marking, a shortener, a wrong weekday, an impossible date, a mismatched
era year, a reply to a user, a rumour, a personal opinion, an insult, a leak of an
undecided plan, a name and address, half-width katakana, an over-long post for X …).

The same seed always gives the same bytes (`random.Random(seed)`; nothing depends on
today's date, the locale or the hash seed), so two machines benchmark the same corpus.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

OFFICIAL_PHONE = "095-825-5151"
CONFIG_TEXT = (
    "# Written by benchmarks/corpus.py: the configuration of a city's drafts repository.\n"
    "official_domains: [city.nagasaki.lg.jp]\n"
    'official_accounts: ["@nagasaki_city"]\n'
    f'official_contacts: ["{OFFICIAL_PHONE}"]\n'
)

WEEKDAYS = "月火水木金土日"

EVENTS = [
    # (title, what, place, department)
    ("長崎ランタンフェスティバル", "ランタンフェスティバル", "湊公園", "観光政策課"),
    ("市民体育祭", "市民体育祭", "総合運動公園", "スポーツ振興課"),
    ("健康づくり教室", "健康づくり教室", "中央公民館", "健康づくり課"),
    ("子育て応援セミナー", "子育て応援セミナー", "こども未来館", "子育て支援課"),
    ("防災訓練", "総合防災訓練", "水辺の森公園", "防災危機管理室"),
    ("夏休み親子工作教室", "親子工作教室", "市立図書館", "生涯学習課"),
    ("献血キャンペーン", "献血キャンペーン", "市役所本館1階ロビー", "地域保健課"),
    ("出島ナイトマルシェ", "出島ナイトマルシェ", "出島表門橋公園", "文化観光課"),
    ("稲佐山公園 夜景ガイドツアー", "夜景ガイドツアー", "稲佐山公園展望台", "観光政策課"),
    ("平和祈念式典", "平和祈念式典", "平和公園", "平和推進課"),
    ("市民清掃デー", "市内一斉清掃", "市内各地区", "環境整備課"),
    ("シニアのスマホ相談会", "スマホ相談会", "北部地域センター", "高齢者すこやか支援課"),
    ("移住相談会", "移住相談会", "出島メッセ長崎", "移住支援室"),
    ("中島川ウォーキング", "中島川ウォーキング", "眼鏡橋周辺", "健康づくり課"),
]

NOTICES = [
    # (title, sentence with {date} placeholders)
    ("粗大ごみ収集日の変更", "{date}の粗大ごみの収集は、祝日のため{date2}に変更します。"),
    ("図書館の臨時休館", "市立図書館は、館内点検のため{date}から{date2}まで休館します。"),
    ("道路工事に伴う通行止め", "{date}{time}、国道202号の一部区間を工事のため通行止めにします。"),
    ("断水のお知らせ", "{date}{time}、水道管の工事のため{place}周辺で断水します。"),
    ("期日前投票所の開設", "{date}から{date2}まで、市役所本館と各地域センターで期日前投票ができます。"),
    ("市県民税の申告受付", "市県民税の申告は{date}から{date2}まで、市役所本館で受け付けます。"),
    ("熱中症にご注意ください", "{date}は気温が35度を超える見込みです。こまめな水分補給を心がけてください。"),
    ("台風への備え", "台風が{date}に接近する見込みです。早めに避難所や避難経路をご確認ください。"),
]

PADDING = [
    "当日は公共交通機関をご利用ください。",
    "雨天の場合は中止し、当日午前7時までに市ホームページでお知らせします。",
    "駐車場には限りがありますので、あらかじめご了承ください。",
    "小さなお子さま連れの方も安心してご参加いただけます。",
    "申し込みは電話または市ホームページの申込フォームで受け付けます。",
    "持ち物は飲み物、タオル、動きやすい服装です。",
    "みなさまのご参加をお待ちしています。",
    "対象は市内に在住・在勤・在学の方です。",
    "期間中は周辺道路の混雑が予想されます。",
    "会場内は禁煙です。ごみはお持ち帰りください。",
    "車いすでご来場の方は、事前にご連絡いただくと係員がご案内します。",
    "参加者には記念品をお渡しします。",
    "手話通訳が必要な方は、申し込みの際にお知らせください。",
    "前回は約{n}人の方にご参加いただきました。",
    "受付は開始時刻の30分前からです。",
    "マスクの着用は個人の判断です。体調のすぐれない方は参加をお控えください。",
]

HASHTAGS = ["#長崎市", "#長崎", "#nagasaki", "#長崎観光", "#子育て", "#防災", "#健康づくり",
            "#イベント情報", "#市政情報", "#ランタンフェスティバル", "#夜景", "#出島", "#図書館"]

PLATFORMS = ["facebook"] * 4 + ["instagram"] * 2 + ["threads", "line", "bluesky", "x"]

# (kind, text): inserted into a draft; kinds are only for the corpus summary.
PROBLEM_SENTENCES = [
    ("confidential", "取扱注意の資料ですが、来年度の会場配置図を先行してお見せします。"),
    ("decision", "まだ検討中ですが、来年度から参加費を値上げする方向で調整しています。"),
    ("decision", "今朝の庁議で、会場を別の公園に移す案が出ました。"),
    ("opinion", "個人的には、この計画にはあまり賛成できません。"),
    ("unverified", "会場周辺で不審者が出たという噂があるようです。"),
    ("insult", "毎年文句ばかり言う自治会の役員たちは本当に無能です。"),
    ("personal", "落とし物の持ち主の山田花子さん、住所は東山手町3丁目12番です。"),
    ("discrimination", "外人さん向けの案内板も用意しました。"),
    ("incitement", "列に割り込む人がいたら、遠慮せずガツンと言ってやりましょう！"),
    ("readability", "ｲﾍﾞﾝﾄの詳細はﾁﾗｼをご覧ください。"),
    ("rights", "当日の写真は、参加者の顔がわかるものもそのまま掲載します。"),
    ("personal", "お問い合わせは担当の中村（携帯090-1234-5678）までどうぞ。"),
]


@dataclass
class Draft:
    name: str
    text: str
    has_url: bool
    hashtags: int
    problems: list[str] = field(default_factory=list)
    front_matter: bool = False

    @property
    def body_chars(self) -> int:
        body = self.text
        if self.front_matter:
            body = body.split("---\n", 2)[2]
        return len(body.rstrip("\n"))


def _jdate(day: datetime.date, rng: random.Random, *, with_year: bool | None = None,
           wrong_weekday: bool = False) -> str:
    weekday = WEEKDAYS[(day.weekday() + (rng.randint(1, 6) if wrong_weekday else 0)) % 7]
    if with_year is None:
        with_year = rng.random() < 0.4
    if not with_year:
        return f"{day.month}月{day.day}日（{weekday}）"
    if rng.random() < 0.3:
        return f"令和{day.year - 2018}年{day.month}月{day.day}日（{weekday}）"
    return f"{day.year}年{day.month}月{day.day}日（{weekday}）"


def _time(rng: random.Random) -> str:
    start = rng.choice([9, 10, 13, 14, 18])
    end = start + rng.choice([1, 2, 3])
    style = rng.random()
    if style < 0.4:
        return f"{start}時から{end}時まで"
    if style < 0.7:
        return f"{start}:00～{end}:30"
    return f"午前{start}時から" if start < 12 else f"午後{start - 12}時から"


def _official_url(rng: random.Random) -> str:
    section = rng.choice(["shimin", "kanko", "kosodate", "kenko", "bousai", "kurashi"])
    return (f"https://www.city.nagasaki.lg.jp/{section}/{rng.randint(100, 999)}000/"
            f"{rng.randint(1, 9)}{rng.randint(0, 99):02d}/p{rng.randint(10000, 99999):06d}.html")


def _other_url(rng: random.Random) -> tuple[str, str | None]:
    """(url, problem kind or None)."""
    roll = rng.random()
    if roll < 0.30:
        return rng.choice(["https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/kenkou_iryou/",
                           "https://www.jma.go.jp/bosai/forecast/",
                           "https://www.pref.nagasaki.lg.jp/bunrui/kenko-fukushi/"]), None
    if roll < 0.55:
        return (f"https://www.at-nagasaki.jp/event/{rng.randint(10000, 99999)}",
                "third-party")
    if roll < 0.75:
        return (f"https://x.com/nagasaki_kanko/status/{rng.randint(10**18, 10**19 - 1)}",
                "quote")
    return "https://www.instagram.com/nagasaki_city/", None


def _shortener_url(rng: random.Random) -> str:
    code = "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                   for _ in range(7))
    return rng.choice([f"https://bit.ly/{code}", f"https://tinyurl.com/{code.lower()}"])


def make_draft(rng: random.Random, name: str, *, url: bool | None = None,
               problems: bool | None = None, front_matter: bool | None = None,
               target: int = 300) -> Draft:
    """One draft; `url`, `problems` and `front_matter` force a choice (None: random)."""
    has_url = rng.random() < 0.65 if url is None else url
    with_problem = rng.random() < 0.25 if problems is None else problems
    with_fm = rng.random() < 0.3 if front_matter is None else front_matter
    found: list[str] = []

    day = datetime.date(2026, 4, 1) + datetime.timedelta(days=rng.randint(0, 540))
    day2 = day + datetime.timedelta(days=rng.randint(1, 14))
    problem_kind = rng.choice(["sentence"] * 6 + ["weekday", "impossible", "era", "marking",
                                                  "reply", "x-length", "shortener"]) if with_problem else None

    lines: list[str] = []
    if problem_kind == "reply":
        lines.append(f"@{rng.choice(['hanako_nagasaki', 'taro_1987', 'nagasaki_fan'])} "
                     "お問い合わせありがとうございます。")
        found.append("reply")
    date_text = _jdate(day, rng, wrong_weekday=problem_kind == "weekday")
    if problem_kind == "weekday":
        found.append("weekday")
    if problem_kind == "impossible":
        date_text = f"{rng.choice([2, 4, 6, 9, 11])}月31日"
        found.append("impossible-date")
    if problem_kind == "era":
        date_text = f"令和{day.year - 2018}年（{day.year - 1}年）{day.month}月{day.day}日"
        found.append("era")

    if rng.random() < 0.7:
        title, what, place, dept = rng.choice(EVENTS)
        lines.append(f"【{'部外秘】【' if problem_kind == 'marking' else ''}{title}のお知らせ】")
        lines.append(f"{date_text}{_time(rng)}、{place}で{what}を開催します。")
        lines.append(f"定員は{rng.choice([20, 30, 50, 100, 200])}人（先着順）、参加費は"
                     f"{rng.choice(['無料', '300円', '500円', '1,000円'])}です。")
    else:
        title, sentence = rng.choice(NOTICES)
        _, _, place, dept = rng.choice(EVENTS)
        lines.append(f"【{'部外秘】【' if problem_kind == 'marking' else ''}{title}】")
        lines.append(sentence.format(date=date_text, date2=_jdate(day2, rng), time=_time(rng),
                                     place=place))
    if problem_kind == "marking":
        found.append("confidential")
    if problem_kind == "sentence":
        kind, text = rng.choice(PROBLEM_SENTENCES)
        lines.append(text)
        found.append(kind)

    tail: list[str] = []
    if problem_kind == "shortener":
        has_url = True
    if has_url:
        tail.append("詳しくは市ホームページをご覧ください。")
        if rng.random() < 0.8:
            tail.append(_official_url(rng))
        if problem_kind == "shortener":
            url_text, kind = _shortener_url(rng), "shortener"
            tail.append(f"申し込みはこちら→{url_text}")
            found.append(kind)
        elif rng.random() < 0.35 or len(tail) == 1:
            url_text, kind = _other_url(rng)
            tail.append(f"関連情報→{url_text}" if rng.random() < 0.3 else url_text)
            if kind:
                found.append(kind)
    else:
        tail.append("詳しくは市ホームページをご覧ください。")
    tail.append(f"お問い合わせ：{dept}（電話{OFFICIAL_PHONE}）")
    tags = rng.sample(HASHTAGS, rng.choice([0, 1, 2, 2, 3, 3, 4]))
    if tags:
        tail.append(" ".join(tags))

    pool = PADDING[:]
    rng.shuffle(pool)
    while pool and sum(len(x) + 1 for x in lines + tail) < target - 20:
        lines.append(pool.pop().format(n=rng.randint(3, 40) * 100))
    body = "\n".join(lines + tail) + "\n"

    text = body
    if with_fm:
        platform = rng.choice(PLATFORMS)
        if problem_kind == "x-length":
            platform = "x"
        if platform == "x":
            found.append("x-length")
        post_at = day - datetime.timedelta(days=rng.randint(3, 20))
        text = ("---\n"
                f"platform: {platform}\n"
                'account: "@nagasaki_city"\n'
                f"post_at: {post_at.isoformat()} {rng.choice(['09:00', '10:00', '12:00', '17:30'])}\n"
                "---\n" + body)
    return Draft(name=name, text=text, has_url=has_url, hashtags=len(tags), problems=found,
                 front_matter=with_fm)


def generate(count: int, seed: int) -> list[Draft]:
    rng = random.Random(seed)
    return [make_draft(rng, f"{index:05d}.txt") for index in range(count)]


def single_drafts(seed: int) -> tuple[Draft, Draft]:
    """A clean draft of about 300 characters without any URL (no '.' at all), and one with."""
    rng = random.Random(seed + 1)
    while True:
        plain = make_draft(rng, "no-url.txt", url=False, problems=False, front_matter=False)
        if "." not in plain.text and 280 <= plain.body_chars <= 330:
            break
    while True:
        linked = make_draft(rng, "with-url.txt", url=True, problems=False, front_matter=False)
        if "https://" in linked.text and 280 <= linked.body_chars <= 340:
            break
    return plain, linked


def long_text(target_bytes: int, seed: int) -> str:
    """One draft file of at most target_bytes UTF-8 bytes: announcements one after another."""
    rng = random.Random(seed + 2)
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        body = make_draft(rng, "long", front_matter=False).text
        parts.append(body + "\n")
        size += len(body.encode()) + 1
    text = "".join(parts)
    data = text.encode()[:target_bytes]
    cut = data.rfind(b"\n")
    return data[:cut + 1].decode()


def write(drafts: list[Draft], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for draft in drafts:
        (folder / draft.name).write_text(draft.text, encoding="utf-8", newline="\n")


def summary(drafts: list[Draft]) -> dict:
    chars = sorted(d.body_chars for d in drafts)
    kinds: dict[str, int] = {}
    for draft in drafts:
        for kind in draft.problems:
            kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "drafts": len(drafts),
        "chars_median": chars[len(chars) // 2],
        "chars_min": chars[0],
        "chars_max": chars[-1],
        "bytes_total": sum(len(d.text.encode()) for d in drafts),
        "with_url": sum(d.has_url for d in drafts),
        "with_hashtags": sum(d.hashtags > 0 for d in drafts),
        "with_front_matter": sum(d.front_matter for d in drafts),
        "with_problem": sum(bool(d.problems) for d in drafts),
        "problem_kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
    }


if __name__ == "__main__":  # print a few drafts to eyeball them
    import sys

    for draft in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 3, 20261125):
        print(f"=== {draft.name} ({draft.body_chars} chars, problems={draft.problems})")
        print(draft.text)
