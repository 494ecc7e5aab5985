"""Registrable domains from the bundled suffix list, held to tldextract's own answers."""

from __future__ import annotations

import sys
import warnings

import pytest

from snslint import domains, suffixes


@pytest.fixture(scope="module")
def tldextract_answer():
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

    def answer(host: str) -> str:
        result = extractor(host)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            found = getattr(result, "top_domain_under_public_suffix", None) or result.registered_domain
        return found or host

    return answer


def hosts_for(rule: str) -> list[str]:
    """Hosts at, under and beside a rule: the cases its lookup can get wrong."""
    bare = rule.lstrip("!").replace("*.", "wild.").lower()
    hosts = [bare, f"example.{bare}", f"www.example.{bare}", f"a.b.c.{bare}"]
    labels = bare.split(".")
    hosts += [".".join((suffixes.punycode_forms(label) or [label])[0] for label in labels)]
    hosts += [f"example.{hosts[-1]}", f"x.{'.'.join(labels[1:])}" if len(labels) > 1 else "x.invalid"]
    return hosts


def test_every_rule_of_the_list_gives_tldextracts_answer(tldextract_answer):
    assert suffixes.read_snapshot() is not None, "tldextract's bundled snapshot is a dependency's file"
    public, private = suffixes.snapshot_rules()
    rules = public + private  # private rules too: tldextract ignores them by default, so must we
    assert len(rules) > 9000 and "*.ck" in rules and "!www.ck" in rules and "lg.jp" in rules
    checked = 0
    for rule in rules:
        for host in hosts_for(rule):
            domains.registrable_domain.cache_clear()
            assert domains.registrable_domain(host) == tldextract_answer(host), (rule, host)
            checked += 1
    assert checked > 60_000


@pytest.mark.parametrize("host, expected", [
    ("www.kanko.example.co.jp", "example.co.jp"),
    ("www.city.nagasaki.lg.jp", "nagasaki.lg.jp"),
    ("a.b.ck", "a.b.ck"),  # *.ck: b.ck is a suffix
    ("a.www.ck", "www.ck"),  # !www.ck: but www.ck is a domain
    ("co.jp", "co.jp"),  # a suffix itself: the host
    ("192.168.0.1", "192.168.0.1"),
    ("example.invalidtld", "example.invalidtld"),  # an unknown TLD has no suffix
    ("ＷＷＷ．example．co．jp".lower(), "example.co.jp"),  # full-width dots, as tldextract reads them
])
def test_registrable_domains(host, expected):
    assert domains.registrable_domain(host) == expected


def test_without_the_snapshot_tldextract_answers(monkeypatch):
    monkeypatch.setattr(suffixes, "snapshot_file", lambda: None)
    for cached in (suffixes.snapshot_rules, suffixes._tables, domains.registrable_domain):
        cached.cache_clear()
    try:
        assert not suffixes.available()
        assert domains.registrable_domain("www.kanko.example.co.jp") == "example.co.jp"
    finally:
        for cached in (suffixes.snapshot_rules, suffixes._tables, domains.registrable_domain):
            cached.cache_clear()


@pytest.fixture
def tables_cache(tmp_path, monkeypatch):
    target = tmp_path / "pycache" / "suffix-list.marshal"
    monkeypatch.setattr(suffixes, "cache_file", lambda: target)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    suffixes._tables.cache_clear()
    yield target
    suffixes._tables.cache_clear()


def _derivations(monkeypatch) -> list:
    calls = []
    original = suffixes._tree
    monkeypatch.setattr(suffixes, "_tree", lambda rules: (calls.append(1), original(rules))[1])
    return calls


def test_the_arranged_list_is_kept_beside_the_bytecode_and_reused(tables_cache, monkeypatch):
    calls = _derivations(monkeypatch)
    first = suffixes._tables()
    assert tables_cache.is_file() and len(calls) == 1
    suffixes._tables.cache_clear()
    assert suffixes._tables() == first and len(calls) == 1  # read, not derived again
    assert "jp" in suffixes.top_level_domains() and "xn--tckwe" in suffixes.top_level_domains()
    assert suffixes.registrable_domain("www.city.nagasaki.lg.jp") == "nagasaki.lg.jp"


def test_a_changed_snapshot_or_a_damaged_file_is_derived_again(tables_cache, monkeypatch, tmp_path):
    calls = _derivations(monkeypatch)
    copy = tmp_path / ".tld_set_snapshot"
    copy.write_text(suffixes.read_snapshot(), encoding="utf-8")
    monkeypatch.setattr(suffixes, "snapshot_file", lambda: copy)
    first = suffixes._tables()
    with copy.open("a", encoding="utf-8") as out:
        out.write("\nexample-new-suffix\n")  # a newer list: other size and time
    suffixes._tables.cache_clear()
    assert "example-new-suffix" in suffixes.top_level_domains()
    tables_cache.write_bytes(b"\x00damaged")
    suffixes._tables.cache_clear()
    assert suffixes._tables()[0] == first[0] and len(calls) == 3

