"""The Public Suffix List, read from the snapshot bundled with tldextract.

Two things need it: the URL finder (which last labels are top-level domains) and the
link rules (a host's registrable domain: www.kanko.example.co.jp -> example.co.jp).

tldextract's own extractor would give the second, but importing tldextract imports
requests, for downloads snslint never makes: 0.12-0.17 s, more than linting a draft.
So the snapshot file is read without importing the package, and looked up here the way
tldextract looks it up by default (public section only; a wildcard rule takes one more
label unless an exception names it; an unknown top-level domain has no suffix).
tests/test_suffixes.py holds this lookup to tldextract's answers for every rule.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_END = None  # marks the node where a rule ends (a key no label can be)
# tldextract reads these as dots, as browsers do.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def read_snapshot() -> str | None:
    """The bundled list's text, or None when tldextract's package has none."""
    # find_spec locates the package without importing it.
    try:
        spec = importlib.util.find_spec("tldextract")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        try:
            return (Path(location) / ".tld_set_snapshot").read_text(encoding="utf-8")
        except OSError:
            continue
    return None


def rules_of(text: str) -> list[str]:
    """The rules of a list's text: the first word of each line that is not a comment."""
    rules = []
    for line in text.splitlines():
        words = line.split(None, 1)
        if words and not words[0].startswith("//"):
            rules.append(words[0])
    return rules


def punycode_forms(label: str) -> list[str]:
    """The xn-- spelling of a Unicode label (the list spells them in Unicode; URLs may not)."""
    if label.isascii():
        return []
    try:
        return [label.encode("idna").decode("ascii")]
    except UnicodeError:
        return []


@lru_cache(maxsize=1)
def snapshot_rules() -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(public rules, private rules) of the bundled list, read once; None without it."""
    text = read_snapshot()
    if text is None:
        return None
    public, _marker, private = text.partition(_PRIVATE_SECTION)
    return tuple(rules_of(public)), tuple(rules_of(private))


@lru_cache(maxsize=1)
def _public_rules() -> dict | None:
    """The public rules as a tree of labels read from the right, or None without a list."""
    rules = snapshot_rules()
    if rules is None:
        return None
    root: dict = {}
    for rule in rules[0]:
        node = root
        for label in reversed(rule.lower().split(".")):
            node = node.setdefault(label, {})
        node[_END] = True
    return root


def available() -> bool:
    return _public_rules() is not None


def registrable_domain(host: str) -> str | None:
    """The public suffix plus one label, or None (an IP address, a suffix itself, an unknown TLD)."""
    labels = host.translate(_DOTS).lower().split(".")
    start = _suffix_start(labels)
    if start is None or start == 0:
        return None
    return ".".join(labels[start - 1:])


def _suffix_start(labels: list[str]) -> int | None:
    node = _public_rules()
    start = matched = len(labels)
    for label in reversed(labels):
        if label.startswith("xn--"):
            label = _unicode_label(label)  # the list spells IDN labels in Unicode
        child = node.get(label)
        if child is not None:
            matched -= 1
            node = child
            if _END in node:
                start = matched
            continue
        if "*" in node:
            # *.ck takes one more label, except what !www.ck names.
            return matched if "!" + label in node else matched - 1
        break
    return None if start == len(labels) else start


def _unicode_label(label: str) -> str:
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label
