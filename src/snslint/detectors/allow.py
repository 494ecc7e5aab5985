"""Checks of the suppressions themselves (front matter `allow:`)."""

from __future__ import annotations

from snslint.findings import Match
from snslint.frontmatter import head_span, key_span
from snslint.suppressions import allow_entries

CHECKS = ("missing_reason", "unused")


def make_allow_check(options: dict):
    check = options.get("check")
    if check not in CHECKS or set(options) - {"check"}:
        raise ValueError("options は check: missing_reason か check: unused だけです。")

    def detect(doc):
        used = getattr(doc, "allow_used", set())
        for entry in allow_entries(doc.meta):
            if check == "missing_reason" and not entry.reason:
                yield _at(doc, entry)
            elif check == "unused" and entry.reason and entry.index not in used:
                yield _at(doc, entry)

    # The engine runs this after the other rules, once it knows which entries were used.
    detect.after_suppression = check == "unused"
    return detect


def _at(doc, entry) -> Match:
    start, end = key_span(doc.original, "allow", entry.index, "rule") or head_span(doc.original, doc.body_start)
    return Match(start, end, data={"rule": entry.rule}, in_original=True)
