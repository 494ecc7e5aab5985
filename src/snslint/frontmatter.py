"""YAML front matter at the top of a draft: metadata, never linted as post text."""

from __future__ import annotations

import re

from snslint.errors import InputError
from snslint.yamlio import load_yaml_text

# The key names are a contract (DESIGN.md); their deeper schema belongs to the workflow rules.
KNOWN_KEYS = frozenset(
    {
        "platform", "account", "post_at", "approval", "approved_by", "approved_on",
        "oral_reason", "images", "allow",
    }
)

_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)


def split_front_matter(text: str, path: str = "") -> tuple[dict, int]:
    """Return (metadata, offset where the post body starts).

    A block that is not a YAML mapping (a decorative `---` line, say) is not front
    matter: the whole text is then the post.
    """
    opening = _OPEN.match(text)
    if not opening:
        return {}, 0
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return {}, 0
    block = text[opening.end():closing.start()]
    try:
        meta = load_yaml_text(block, path, first_line=2)
    except InputError:
        if not _looks_like_mapping(block):
            return {}, 0
        raise
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, 0
    _check_keys(meta)
    return meta, closing.end()


def _looks_like_mapping(block: str) -> bool:
    return bool(re.search(r"^[A-Za-z_]+[ \t]*:", block, re.MULTILINE))


def _check_keys(meta: dict) -> None:
    for key in meta:
        if key not in KNOWN_KEYS:
            allowed = "、".join(sorted(KNOWN_KEYS))
            raise InputError(
                f"フロントマターのキー「{key}」は使えません。使えるキー: {allowed}"
            )
