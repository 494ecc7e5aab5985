"""Registrable domains, from the public-suffix snapshot bundled with tldextract.

tldextract is imported only when a draft has a URL (it pulls in requests, ~125 ms), and
it is built so that it can never touch the network or the disk: by default it would
download the suffix list on first use and cache it under the home directory.
"""

from __future__ import annotations

import warnings
from functools import lru_cache


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """`www.kanko.example.co.jp` -> `example.co.jp`; the host itself if it has no suffix."""
    host = host.lower().rstrip(".")
    result = _extractor()(host)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        domain = getattr(result, "top_domain_under_public_suffix", None) or result.registered_domain
    return domain or host


def host_within(host: str, domains) -> bool:
    """Whether `host` is one of `domains` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)
