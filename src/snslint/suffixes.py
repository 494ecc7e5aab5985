"""The Public Suffix List, read from the snapshot bundled with tldextract.

Two things need it: the URL finder (which last labels are top-level domains) and the
link rules (a host's registrable domain: www.kanko.example.co.jp -> example.co.jp).

tldextract's own extractor would give the second, but importing tldextract imports
requests, for downloads snslint never makes: 0.12-0.17 s, more than linting a draft.
So the snapshot file is read without importing the package, and looked up here the way
tldextract looks it up by default (public section only; a wildcard rule takes one more
label unless an exception names it; an unknown top-level domain has no suffix).
tests/test_suffixes.py holds this lookup to tldextract's answers for every rule.

Reading the 9,700 rules and arranging them (a tree of the public ones, the set of
top-level domains) took 26 ms of every run that met a URL, so the result is kept beside
snslint's bytecode (cachefiles.py) while the snapshot file is unchanged.
"""

from __future__ import annotations

import importlib.util
import marshal
import sys
from functools import lru_cache
from pathlib import Path

import snslint
from snslint import cachefiles

_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_END = None  # marks the node where a rule ends (a key no label can be)
# tldextract reads these as dots, as browsers do.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
FORMAT = 1


def snapshot_file() -> Path | None:
    """The bundled list's file, or None when tldextract's package has none."""
    # find_spec locates the package without importing it.
    try:
        spec = importlib.util.find_spec("tldextract")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / ".tld_set_snapshot"
        if path.is_file():
            return path
    return None


def read_snapshot() -> str | None:
    """The bundled list's text, or None without one."""
    path = snapshot_file()
    try:
        return path.read_text(encoding="utf-8") if path is not None else None
    except (OSError, UnicodeDecodeError):
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
    return _read_rules()


def _read_rules() -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    text = read_snapshot()
    if text is None:
        return None
    public, _marker, private = text.partition(_PRIVATE_SECTION)
    return tuple(rules_of(public)), tuple(rules_of(private))


def with_punycode(labels) -> frozenset[str]:
    """The labels in lower case, and the xn-- spelling of those that are not ASCII."""
    labels = {label.lower() for label in labels}
    return frozenset(labels).union(*map(punycode_forms, labels))


def top_level_domains() -> frozenset[str] | None:
    """Last labels of all rules, public and private, in both spellings; None without a list."""
    tables = _tables()
    return tables[1] if tables is not None else None


def _public_rules() -> dict | None:
    """The public rules as a tree of labels read from the right, or None without a list."""
    tables = _tables()
    return tables[0] if tables is not None else None


def cache_file() -> Path:
    return cachefiles.path_for("suffix-list", ".marshal")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, frozenset[str]] | None:
    """(tree of the public rules, top-level domains), from the cache while it is current."""
    path = snapshot_file()
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    key = (FORMAT, snslint.__version__, sys.version, str(path), status.st_size, status.st_mtime_ns)
    try:
        with open(cache_file(), "rb") as handle:
            stored_key, tables = marshal.loads(handle.read())  # load(handle) reads object by object: 3x slower
        if stored_key == key:
            return tables
    except Exception:  # noqa: BLE001 - missing, stale or damaged: derive again below
        pass
    rules = _read_rules()
    if rules is None:
        return None
    tables = (_tree(rules[0]), with_punycode(_last_labels(rules[0] + rules[1])))
    cachefiles.write(cache_file(), marshal.dumps((key, tables)), like=path)
    return tables


def _tree(rules) -> dict:
    root: dict = {}
    for rule in rules:
        node = root
        for label in reversed(rule.lower().split(".")):
            node = node.setdefault(label, {})
        node[_END] = True
    return root


def _last_labels(rules) -> set[str]:
    """Last labels of the rules (*.ck and !www.ck both name ck)."""
    labels = {rule.rsplit(".", 1)[-1].lstrip("!*") for rule in rules}
    labels.discard("")
    return labels


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
