"""Links: classification, shortener data, offline domain parsing, spans as written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from snslint.config import Config
from snslint.detectors.links import classify, shortener_hosts
from snslint.document import Document
from snslint.engine import Engine, select_rules

SHORTENERS = ROOT / "rules" / "data" / "shorteners.txt"


def link_findings(engine, text, config=None):
    return [(f.rule, f.text) for f in engine.lint_text(text, config=config) if f.rule.startswith("links.")
            and f.rule != "links.no-official-link"]


@pytest.fixture(scope="module")
def links_engine(all_rules):
    return Engine(select_rules(all_rules, ("links",)))


def test_shortener_list_is_sorted_unique_lowercase_and_large():
    lines = [l.strip() for l in SHORTENERS.read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert len(lines) >= 300
    assert lines == sorted(set(lines))
    assert all(l == l.lower() and " " not in l and "/" not in l for l in lines)
    assert {"bit.ly", "tinyurl.com", "is.gd", "ow.ly", "amba.to", "htn.to"} <= set(lines)
    assert "t.co" not in lines


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.city.nagasaki.lg.jp/kanko/", "official"),
        ("https://kanko.city.nagasaki.lg.jp/", "official"),
        ("https://city.nagasaki.lg.jp.example.com/", "third_party"),
        ("https://nagasaki-city.jp/", "third_party"),
        ("https://www.pref.nagasaki.lg.jp/", "government"),
        ("https://www.jma.go.jp/bosai/", "government"),
        ("https://bit.ly/3abc", "shortener"),
        ("https://t.co/abc", "wrapper"),
        ("https://x.com/someone/status/1234567890", "post"),
        ("https://twitter.com/someone/status/1234567890", "post"),
        ("https://www.instagram.com/p/Cxyz123/", "post"),
        ("https://www.instagram.com/some_shop/", "third_party"),
        ("https://x.com/nagasaki_city/status/1234567890", "official"),
        ("https://x.com/nagasaki_city", "official"),
    ],
)
def test_classify(url, expected):
    config = Config(official_accounts=("@nagasaki_city",))
    [found] = Document(url, config=config).urls
    assert classify(found, config)[0] == expected


def test_official_domains_come_from_configuration(links_engine):
    text = "詳しくはhttps://www.dept.example.jp/aをご覧ください"
    assert link_findings(links_engine, text) == [("links.third-party", "https://www.dept.example.jp/a")]
    config = Config(official_domains=("city.nagasaki.lg.jp", "dept.example.jp"))
    assert link_findings(links_engine, text, config) == []


@pytest.mark.parametrize(
    "text, span",
    [
        ("詳しくはhttps://bit.ly/3abcはこちら", "https://bit.ly/3abc"),
        ("申込（https://bit.ly/3abc）まで", "https://bit.ly/3abc"),
        ("「bit.ly/3abc」へ。", "bit.ly/3abc"),
        ("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ、詳細", "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ"),
        ("詳細はHTTPS://BIT.LY/3abc!", "HTTPS://BIT.LY/3abc"),
    ],
)
def test_spans_are_the_url_as_written(links_engine, text, span):
    assert link_findings(links_engine, text) == [("links.shortener", span)]


def test_shortener_hosts_are_exact_matches():
    hosts = shortener_hosts()
    assert "bit.ly" in hosts and "www.bit.ly" not in hosts
    config = Config()
    [url] = Document("https://www.bit.ly/abc").urls
    assert classify(url, config)[0] == "shortener"
    [url] = Document("https://notbit.ly/abc").urls
    assert classify(url, config)[0] == "third_party"


_OFFLINE_PROBE = """
import socket, sys
def refuse(*a, **k):
    raise SystemExit("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
from snslint.domains import registrable_domain
assert registrable_domain("www.kanko.example.co.jp") == "example.co.jp"
assert registrable_domain("www.city.nagasaki.lg.jp") == "nagasaki.lg.jp"
print("ok")
"""


def test_domain_parsing_is_offline_and_writes_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    try:
        completed = subprocess.run([sys.executable, "-c", _OFFLINE_PROBE], cwd=home, env=env,
                                   capture_output=True, text=True, timeout=60)
    finally:
        home.chmod(0o700)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"
    assert "Traceback" not in completed.stderr
    assert list(home.iterdir()) == []


def test_links_are_classified_without_importing_tldextract_or_requests():
    # A third-party link needs its registrable domain: snslint.suffixes reads the list
    # tldextract bundles instead of importing it (and requests with it, ~0.15 s).
    probe = ("import sys\nfrom snslint.engine import Engine\nfrom snslint.rules import load_rules\n"
             "found = Engine(load_rules()).lint_text('詳しくは https://www.kanko.example.co.jp/a をご覧ください。')\n"
             "assert any(f.rule == 'links.third-party' for f in found), found\n"
             "print(sorted(m for m in ('tldextract', 'requests') if m in sys.modules))\n")
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert completed.stdout.strip() == "[]", completed.stderr
