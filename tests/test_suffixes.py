"""Registrable domains from the bundled suffix list, held to tldextract's own answers."""

from __future__ import annotations

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
    monkeypatch.setattr(suffixes, "read_snapshot", lambda: None)
    for cached in (suffixes.snapshot_rules, suffixes._public_rules, domains.registrable_domain):
        cached.cache_clear()
    try:
        assert not suffixes.available()
        assert domains.registrable_domain("www.kanko.example.co.jp") == "example.co.jp"
    finally:
        for cached in (suffixes.snapshot_rules, suffixes._public_rules, domains.registrable_domain):
            cached.cache_clear()
