"""Tests for snslint.urls: unit cases, twitter-text conformance and speed."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from conftest import twitter_text
from snslint import suffixes
from snslint import urls as urls_module
from snslint.urls import Url, extract_urls


# Sections of extract.yml whose cases are URL extractions.
URL_SECTIONS = ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params")
MIN_PASS_RATE = 0.95
# tlds.yml (2021) still lists TLDs that have since been removed from the root
# zone (e.g. .xperia, .intel); a current TLD list cannot reach 95 % there, so
# the floor is lower and every failure must be such a removed TLD.
MIN_TLD_PASS_RATE = 0.90


def texts(text: str) -> list[str]:
    return [url.text for url in extract_urls(text)]


def hosts(text: str) -> list[str]:
    return [url.host for url in extract_urls(text)]


# --- API ----------------------------------------------------------------------


def test_url_fields_and_offsets():
    text = "詳しくはhttps://Example.JP/a?b=1はこちら"
    [url] = extract_urls(text)
    assert url == Url(4, 28, "https://Example.JP/a?b=1", "example.jp", True)
    assert text[url.start : url.end] == url.text


def test_url_is_frozen_and_slotted():
    url = Url(0, 1, "x", "", False)
    with pytest.raises(AttributeError):
        url.start = 3  # type: ignore[misc]
    assert not hasattr(url, "__dict__")


def test_empty_and_plain_text():
    assert extract_urls("") == []
    assert extract_urls("本日は晴天なり。明日も晴れるでしょう。") == []


def test_schemeless_url_reports_no_scheme():
    [url] = extract_urls("bit.ly/3abc")
    assert (url.host, url.has_scheme) == ("bit.ly", False)


# --- Japanese text around URLs ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("詳しくはhttps://example.jp/aはこちら", ["https://example.jp/a"]),
        ("詳しくはhttps://example.jpはこちら", ["https://example.jp"]),
        ("申込はhttps://example.jp/form?id=3まで", ["https://example.jp/form?id=3"]),
        ("詳しくはwww.city.example.lg.jpへ", ["www.city.example.lg.jp"]),
        ("これは日本語です。example.com/path/index.html中国語", ["example.com/path/index.html"]),
        ("URLhttps://example.jp/a", ["https://example.jp/a"]),
        ("詳しくは…example.com", ["example.com"]),  # raw ellipsis
        ("詳しくは...example.com", ["example.com"]),  # the ellipsis after NFKC
    ],
)
def test_glued_to_japanese(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("「https://example.jp/a」", ["https://example.jp/a"]),
        ("『https://example.jp/a』", ["https://example.jp/a"]),
        ("（https://example.jp/a）", ["https://example.jp/a"]),
        ("【https://example.jp/a】", ["https://example.jp/a"]),
        ("https://example.jp/a、https://example.jp/b。", ["https://example.jp/a", "https://example.jp/b"]),
        ("https://example.jp/a！すごい", ["https://example.jp/a"]),
        ("https://example.jp/a？", ["https://example.jp/a"]),
        ("https://example.jp/a\u3000次へ", ["https://example.jp/a"]),
        ("「example.jp」", ["example.jp"]),
        ("・https://example.jp/a・", ["https://example.jp/a"]),
    ],
)
def test_japanese_brackets_and_punctuation_close_urls(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Full-width characters in raw (not NFKC-normalised) text end a URL ...
        ("https://example.jp/aＡＢＣ", ["https://example.jp/a"]),
        ("https://example.jpＡＢＣ", ["https://example.jp"]),
        ("https://example.jp/a／b", ["https://example.jp/a"]),
        ("https://example.jp：8080", ["https://example.jp"]),
        # ... unless they are part of an IDN host label.
        ("https://ドメイン名例.jp/ａ", ["https://ドメイン名例.jp/"]),
    ],
)
def test_full_width_characters(text, expected):
    assert texts(text) == expected


# --- trailing punctuation and brackets ----------------------------------------


@pytest.mark.parametrize("mark", [".", ",", "!", "?", ":", ";", "...", "!?"])
def test_trailing_ascii_punctuation_not_included(mark):
    assert texts(f"See https://example.jp/a{mark} ok") == ["https://example.jp/a"]
    assert texts(f"See example.jp{mark}") == ["example.jp"]


def test_inner_punctuation_kept():
    assert texts("https://example.jp/a.b,c;d!e") == ["https://example.jp/a.b,c;d!e"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://en.wikipedia.org/wiki/Primer_(film)", ["https://en.wikipedia.org/wiki/Primer_(film)"]),
        ("(https://en.wikipedia.org/wiki/Primer_(film))", ["https://en.wikipedia.org/wiki/Primer_(film)"]),
        ("(see https://example.jp/a)", ["https://example.jp/a"]),
        ("(see https://example.jp/a).", ["https://example.jp/a"]),
        ("https://example.jp/a(b", ["https://example.jp/a"]),
        ("https://example.jp/a[1]", ["https://example.jp/a[1]"]),
        ("[https://example.jp/a]", ["https://example.jp/a"]),
    ],
)
def test_parentheses(text, expected):
    assert texts(text) == expected


# --- hosts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_host"),
    [
        ("https://例え.jp/", "例え.jp"),
        ("https://ドメイン名例.jp", "ドメイン名例.jp"),
        ("お知らせhttps://ドメイン名例.jpをご覧ください", "ドメイン名例.jp"),
        ("http://foobar.みんな/", "foobar.みんな"),
        ("http://xn--eckwd4c7cu47r2wf.xn--tckwe/", "xn--eckwd4c7cu47r2wf.xn--tckwe"),  # ドメイン名例.コム
        ("http://example.xn--tckwe/", "example.xn--tckwe"),  # Punycode TLD (.コム)
    ],
)
def test_idn_hosts(text, expected_host):
    assert hosts(text) == [expected_host]


@pytest.mark.parametrize(
    "text",
    [
        "www.example.com",
        "www.city.example.lg.jp",
        "WWW.EXAMPLE.JP",
    ],
)
def test_www_hosts(text):
    [url] = extract_urls(text)
    assert (url.text, url.host, url.has_scheme) == (text, text.lower(), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bit.ly/3abc", ["bit.ly/3abc"]),
        ("短縮URLはbit.ly/3abcです", ["bit.ly/3abc"]),
        ("t.co/abcde", ["t.co/abcde"]),
        ("example.com", ["example.com"]),
        ("example.co.jp", ["example.co.jp"]),
        ("city.example.lg.jp/kurashi/", ["city.example.lg.jp/kurashi/"]),
    ],
)
def test_bare_domains(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "example.local",  # not a real TLD
        "foo.baz",
        "readme.txt",
        "archive.tar.bz2",
        "localhost/path",
        "http://localhost/",
        "http://no-tld",
    ],
)
def test_unknown_tld_is_not_a_url(text):
    assert texts(text) == []


def test_ports():
    [url] = extract_urls("http://example.com:8080/a")
    assert (url.text, url.host) == ("http://example.com:8080/a", "example.com")
    assert texts("example.com:8080/a") == ["example.com:8080/a"]
    assert texts("http://example.com:8080") == ["http://example.com:8080"]


def test_query_and_fragment():
    assert texts("https://example.jp/search?q=%E6%97%A5&lang=ja#top") == [
        "https://example.jp/search?q=%E6%97%A5&lang=ja#top"
    ]
    assert texts("https://example.jp?x=1") == ["https://example.jp?x=1"]
    assert texts("https://example.jp#frag") == ["https://example.jp#frag"]
    assert texts("https://example.jp/?") == ["https://example.jp/"]


def test_userinfo_does_not_crash_and_is_not_the_host():
    assert hosts("http://user:pass@example.com/") == ["example.com"]
    assert hosts("http://example.com@evil.example.jp/") == ["evil.example.jp"]
    assert extract_urls("http://@") == []
    assert extract_urls("http://user@") == []


def test_ipv4_host_with_scheme():
    assert hosts("http://192.0.2.1:8080/a") == ["192.0.2.1"]
    assert texts("http://999.0.2.1/") == []
    assert texts("192.0.2.1") == []  # bare IPs read too much like numbers


@pytest.mark.parametrize(
    "text",
    [
        "http://-leading.example.com",
        "http://example-.com",
        "http://under_score.com",
        "http://example.com-with-suffix",
        "http://xn--はじめよう.com/",
        "http://" + "あ" * 64 + ".com/",
    ],
)
def test_invalid_hosts(text):
    assert texts(text) == []


def test_scheme_is_case_insensitive_and_only_http():
    assert texts("HTTPS://EXAMPLE.JP/A") == ["HTTPS://EXAMPLE.JP/A"]
    assert texts("Http://example.jp") == ["Http://example.jp"]
    assert texts("ftp://example.jp/file") == []
    assert texts("javascript://example.jp") == []


# --- things that are not URLs -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "user@example.com",
        "連絡先: info@city.example.lg.jp まで",
        "first.last@example.com",
        "name+tag@example.jp",
        "john.doe.jp@mail.com",
        "user＠example.com",
        "@example.com",
        "@example",
        "#example.com",
        "$example.com",
        "mailto:user@example.com",
    ],
)
def test_emails_and_mentions_are_not_urls(text):
    assert extract_urls(text) == []


@pytest.mark.parametrize(
    "text",
    ["1.5", "3.11", "Python 3.11.4", "v1.2.3", "1.5ml", "R6.4.1", "約1.5倍", "e.g.", "i.e."],
)
def test_numbers_and_versions_are_not_urls(text):
    assert extract_urls(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "「長崎市.」",
        "長崎市.",
        "長崎市.jp",  # bare IDNs are not extracted: see the module docstring
        "本日、防災訓練を実施します.政府の方針により",
        "ご確認ください.なお、",
        "Nagasaki.」",
    ],
)
def test_japanese_prose_is_not_a_url(text):
    assert extract_urls(text) == []


# --- invariants on random text ----------------------------------------------

FUZZ_PIECES = (
    "a b x jp com co www . . / ? # ( ) [ ] : 8080 @ - _ + ' , ! %20 = & ~ $ .. "
    "http:// https:// HTTP:// あ 例え 。 、 「 」 （ ） ｊｐ ＡＢ … みんな Í İ 😀 ✪ ＠"
).split() + [" ", "\n", "\u3000", "\u202a"]


@pytest.mark.parametrize("seed", range(5))
def test_invariants_on_random_text(seed):
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(FUZZ_PIECES) for _ in range(rng.randint(1, 40)))
        previous_end = 0
        for url in extract_urls(text):
            assert previous_end <= url.start < url.end, text
            assert text[url.start : url.end] == url.text
            assert url.host and url.host in url.text.lower()
            assert url.has_scheme == url.text.lower().startswith(("http://", "https://"))
            # A URL read on its own is the same URL.
            assert [(u.text, u.host) for u in extract_urls(url.text)] == [(url.text, url.host)], text
            previous_end = url.end


# --- TLD set ------------------------------------------------------------------


def test_module_does_not_import_tldextract():
    # Load urls.py on its own so that only this module is judged.
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('urls_alone', {urls_module.__file__!r})\n"
        "module = sys.modules['urls_alone'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert module.extract_urls('see example.com')\n"
        "print('tldextract' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fallback_tlds_without_tldextract(monkeypatch):
    monkeypatch.setattr(suffixes, "snapshot_file", lambda: None)
    suffixes._tables.cache_clear()
    urls_module._tld_set.cache_clear()
    try:
        tlds, _ = urls_module._tld_set()
        assert urls_module._FALLBACK_TLDS < tlds and "xn--tckwe" in tlds
        assert texts("example.com bit.ly/x example.jp example.tokyo") == [
            "example.com",
            "bit.ly/x",
            "example.jp",
            "example.tokyo",
        ]
    finally:
        suffixes._tables.cache_clear()
        urls_module._tld_set.cache_clear()


# --- speed --------------------------------------------------------------------


SIZE = 1_000_000


def _random_text(alphabet: str) -> str:
    rng = random.Random(20240601)
    return "".join(rng.choices(alphabet, k=SIZE))


# The case (dots, slashes and letters) and other worst cases for the scanner.
SPEED_INPUTS = {
    "random dots, slashes, letters": lambda: _random_text("ab./"),
    "random dots, slashes, a-z": lambda: _random_text("abcdefghijklmnopqrstuvwxyz" + "./" * 8),
    "random URL pieces": lambda: _random_text("acjmo.:/?#()@-_あ。 "),
    "dots": lambda: "." * SIZE,
    "slashes": lambda: "/" * SIZE,
    "letters": lambda: "a" * SIZE,
    "labels": lambda: "a." * (SIZE // 2),
    "long label chain with TLD": lambda: "a." * (SIZE // 2) + "com",
    "url then dots": lambda: "http://example.com/" + "." * SIZE,
    "long path": lambda: "http://example.com/" + "a/" * (SIZE // 2),
    "schemes": lambda: "http://" * (SIZE // 7),
    "parens": lambda: "http://example.com/" + "(" * SIZE,
    "japanese": lambda: "詳しくは市のホームページをご覧ください。" * (SIZE // 20),
}
# Text that is nothing but URLs costs a few microseconds per URL found.
DENSE_INPUTS = {
    "bare URLs glued to Japanese": lambda: "a.comあ" * (SIZE // 6),
    "bare URLs": lambda: "a.jp " * (SIZE // 5),
    "scheme URLs": lambda: "http://a.jp/ " * (SIZE // 13),
}


def _check_scan(text: str) -> None:
    # Speed is measured in benchmarks/ (scaling table), not here; this checks that the
    # worst cases are scanned to the end with exact, ordered, non-overlapping spans.
    previous_end = 0
    for url in extract_urls(text):
        assert text[url.start:url.end] == url.text
        assert url.start >= previous_end
        previous_end = url.end


@pytest.mark.parametrize("name", list(SPEED_INPUTS))
def test_one_megabyte_worst_cases(name):
    _check_scan(SPEED_INPUTS[name]())


@pytest.mark.parametrize("name", list(DENSE_INPUTS))
def test_one_megabyte_of_urls(name):
    text = DENSE_INPUTS[name]()
    _check_scan(text)
    assert len(extract_urls(text)) > 50_000


# --- twitter-text conformance -------------------------------------------------


def _load_yaml(name: str) -> dict:
    if suffixes.read_snapshot() is None:
        pytest.skip("needs the public-suffix snapshot bundled with tldextract (the fallback TLD set is too small)")
    return twitter_text(name)


def _utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of each code-point offset (twitter-text counts in UTF-16)."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def _got(case: dict, with_indices: bool) -> list:
    found = extract_urls(case["text"])
    if not with_indices:
        return [url.text for url in found]
    offsets = _utf16_offsets(case["text"])
    return [{"url": url.text, "indices": [offsets[url.start], offsets[url.end]]} for url in found]


def _report(title: str, results: list[tuple[dict, list, list]]) -> float:
    failures = [(case, expected, got) for case, expected, got in results if expected != got]
    rate = 1 - len(failures) / len(results) if results else 1.0
    print(f"\n{title}: {len(results) - len(failures)}/{len(results)} passed ({rate:.1%})")
    for case, expected, got in failures:
        print(f"  FAIL {case['description']}")
        print(f"    text:     {case['text']!r}\n    expected: {expected}\n    got:      {got}")
    return rate


def test_twitter_text_extract_conformance():
    tests = _load_yaml("extract.yml")["tests"]
    all_results = []
    for section in URL_SECTIONS:
        with_indices = section.endswith("with_indices") or section == "urls_with_directional_markers"
        results = [(case, case["expected"] or [], _got(case, with_indices)) for case in tests.get(section, [])]
        _report(f"extract.yml {section}", results)
        all_results += results
    assert all_results, "no URL cases found in extract.yml"
    rate = 1 - sum(expected != got for _, expected, got in all_results) / len(all_results)
    print(f"\nextract.yml URL cases overall: {rate:.1%} of {len(all_results)}")
    assert rate >= MIN_PASS_RATE


def test_twitter_text_tld_conformance():
    tests = _load_yaml("tlds.yml")["tests"]
    results = [(case, case["expected"] or [], _got(case, False)) for cases in tests.values() for case in cases]
    rate = _report("tlds.yml", results)
    known, _ = urls_module._tld_set()
    unexpected = [case["text"] for case, expected, got in results if expected != got and _tld_of(case) in known]
    assert not unexpected, f"TLDs in the current list that still fail: {unexpected}"
    assert rate >= MIN_TLD_PASS_RATE


def _tld_of(case: dict) -> str:
    return case["text"].rsplit(".", 1)[-1].lower()


def test_a_host_label_takes_ascii_letters_digits_underscore_hyphen_and_all_beyond_ascii():
    # The class is written as what it excludes, which compiles in a fraction of the time.
    codes = [*range(0x3000), *range(0xD700, 0x10100), *range(0x10FF00, 0x110000)]
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    for code in codes:
        char = chr(code)
        assert bool(urls_module._LABEL.fullmatch(char)) == (char in allowed or code >= 0x80), hex(code)
