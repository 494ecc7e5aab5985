"""Link detectors: each URL in a draft is classified once, and rules pick a class.

Classes follow the guideline: shortening services (7(3)), the platform's own wrapper
(t.co, explained rather than blamed), official domains (fine), other governments'
domains (7(2), info), posts of other accounts (7(2), quoting), and any other site (7(2)).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from snslint import patterns as user_patterns
from snslint import regexcache
from snslint.domains import host_within, registrable_domain
from snslint.findings import Match

CLASSES = ("shortener", "wrapper", "official", "government", "post", "third_party")
# Added by the platform itself when a post is published, never typed by staff on purpose.
WRAPPERS = frozenset({"t.co"})
GOVERNMENT_SUFFIXES = ("go.jp", "lg.jp")

# Registrable domain -> platform; a post URL there is a quote of another account.
SOCIAL = {
    "x.com": "x", "twitter.com": "x", "facebook.com": "facebook", "fb.com": "facebook",
    "instagram.com": "instagram", "threads.net": "threads", "threads.com": "threads",
    "bsky.app": "bluesky",
}
_POST = {
    "x": regexcache.compile(r"^/(?P<account>[A-Za-z0-9_]{1,15})/status(?:es)?/\d+"),
    "facebook": regexcache.compile(
        r"^/(?:(?P<account>[^/?#]+)/(?:posts|videos|photos)/|permalink\.php|story\.php|photo(?:\.php)?|watch|share/[pv]/)"),
    "instagram": regexcache.compile(r"^/(?:(?P<account>[^/?#]+)/)?(?:p|reel|reels|tv)/[^/?#]+"),
    "threads": regexcache.compile(r"^/@(?P<account>[^/?#]+)/post/"),
    "bluesky": regexcache.compile(r"^/profile/(?P<account>[^/?#]+)/post/"),
}
_PROFILE = regexcache.compile(r"^/(?:profile/)?@?(?P<account>[A-Za-z0-9_.\-]+)/?$")


@lru_cache(maxsize=1)
def shortener_hosts() -> frozenset[str]:
    from snslint.rules import builtin_rules_dir

    path = builtin_rules_dir() / "data" / "shorteners.txt"
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def _path(url) -> str:
    text = url.text if url.has_scheme else "http://" + url.text
    try:
        return urlsplit(text).path or "/"
    except ValueError:
        return "/"


def _account(value: str) -> str:
    return value.lower().lstrip("@")


def classify(url, config) -> tuple[str, dict]:
    """(class, details for messages) of one URL."""
    host = url.host.lower()
    bare = host.removeprefix("www.")
    if bare in WRAPPERS:
        return "wrapper", {"domain": bare}
    if host_within(bare, shortener_hosts()):
        return "shortener", {"domain": bare}
    official = config.official_domains if config else ("city.nagasaki.lg.jp",)
    if host_within(host, official):
        return "official", {"domain": host}
    domain = registrable_domain(host)
    platform = SOCIAL.get(domain)
    if platform:
        return _classify_social(platform, _path(url), config, domain)
    if host.endswith(GOVERNMENT_SUFFIXES):
        return "government", {"domain": host}
    return "third_party", {"domain": domain}


def _classify_social(platform: str, path: str, config, domain: str) -> tuple[str, dict]:
    accounts = {_account(a) for a in (config.official_accounts if config else ())}
    post = _POST[platform].match(path)
    if post:
        account = _account(post.group("account") or "")
        if account and account in accounts:
            return "official", {"domain": domain}
        return "post", {"domain": domain, "account": account or "（不明）"}
    profile = _PROFILE.match(path)
    if profile and _account(profile.group("account")) in accounts:
        return "official", {"domain": domain}
    return "third_party", {"domain": domain}


def classified(doc) -> list[tuple]:
    """(url, class, details) for every URL of a draft, computed once for all link rules."""
    found = doc.__dict__.get("_link_classes")
    if found is None:
        found = [(url, *classify(url, doc.config)) for url in doc.urls]
        doc.__dict__["_link_classes"] = found
    return found


def _check_class(options: dict) -> str:
    unknown = set(options) - {"class", "wording"}
    if unknown:
        raise ValueError(f"知らないオプション「{sorted(unknown)[0]}」です（class、wording が使えます）。")
    link_class = options.get("class")
    if link_class not in CLASSES:
        raise ValueError("class は " + "、".join(CLASSES) + " のいずれかです。")
    return link_class


def make_link(options: dict):
    """Report every URL of one class (`options: {class: third_party}`)."""
    link_class = _check_class(options)
    if "wording" in options:
        raise ValueError("wording は class: post と一緒に quote 検出器で使います。")

    def detect(doc):
        for url, found, details in classified(doc):
            if found == link_class:
                yield Match(url.start, url.end, data={"host": url.host, **details})

    return detect


def make_quote(options: dict, trusted: bool = False):
    """Posts of other accounts: links to them, and wording such as `RT @user` or 引用."""
    options = {"class": "post", **options}
    if _check_class(options) != "post":
        raise ValueError("quote 検出器の class は post だけです。")
    wording = options.get("wording") or []
    if not isinstance(wording, list) or not all(isinstance(w, str) for w in wording):
        raise ValueError("wording は正規表現のリストです。")
    try:
        compiled = [user_patterns.Regex(w, trusted) for w in wording]
    except user_patterns.PatternError as exc:
        raise ValueError(f"wording の正規表現が正しくありません（{exc}）。") from None
    links = make_link({"class": "post"})

    def detect(doc):
        yield from links(doc)
        for pattern in compiled:
            for found in pattern.finditer(doc.text):
                start, end = found.span("hit") if "hit" in pattern.groupindex else found.span()
                if end > start:
                    yield Match(start, end, data={"account": found.groupdict().get("account") or ""})

    return detect


def make_no_official_link(options: dict):
    """A post with information but no official link (3(1)): reported on its first line."""
    unknown = set(options) - {"min_length"}
    if unknown:
        raise ValueError(f"知らないオプション「{sorted(unknown)[0]}」です（min_length が使えます）。")
    min_length = options.get("min_length", 40)
    if not isinstance(min_length, int) or min_length < 0:
        raise ValueError("min_length は 0 以上の整数です。")

    def detect(doc):
        text = doc.text
        if len(text.strip()) < min_length:
            return
        if any(found == "official" for _url, found, _details in classified(doc)):
            return
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        yield Match(start, len(text.rstrip()) if end < 0 else end)

    return detect
