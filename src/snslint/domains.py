"""Registrable domains: www.kanko.example.co.jp -> example.co.jp.

From the public-suffix snapshot bundled with tldextract, read and looked up by
snslint.suffixes without importing tldextract (which imports requests, ~0.15 s). Only
where that file is missing does tldextract itself answer; it is then built so that it
can never touch the network or the disk (by default it would download the list on first
use and cache it under the home directory).
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from snslint import suffixes


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """`www.kanko.example.co.jp` -> `example.co.jp`; the host itself if it has no suffix."""
    host = host.lower().rstrip(".")
    if suffixes.available():
        return suffixes.registrable_domain(host) or host
    result = _extractor()(host)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        domain = getattr(result, "top_domain_under_public_suffix", None) or result.registered_domain
    return domain or host


def host_within(host: str, domains) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one.

    With a set of domains this looks up each parent of the host (a few labels) instead of
    scanning the set, which matters for the 1,400 shortener hosts.
    """
    host = host.lower().rstrip(".")
    if not isinstance(domains, (set, frozenset)):
        return any(host == d or host.endswith("." + d) for d in domains)
    labels = host.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))
