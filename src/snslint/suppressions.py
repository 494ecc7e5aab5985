"""Suppressions: a draft's front matter `allow:` list, each entry with a reason.

There is deliberately no way to suppress inside the post body: what is posted must be
exactly the text that was checked. A suppression without a reason does not suppress
(and is reported); one that suppresses nothing is reported as unused, like ruff's RUF100.
"""

from __future__ import annotations

from typing import NamedTuple


class Allow(NamedTuple):
    index: int
    rule: str
    reason: str
    approved_by: str

    def covers(self, rule_id: str) -> bool:
        return rule_id == self.rule or rule_id.startswith(self.rule + ".")


def allow_entries(meta: dict) -> list[Allow]:
    raw = meta.get("allow") or []
    entries = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, dict) and isinstance(item.get("rule"), str):
            entries.append(Allow(index, item["rule"].strip(), str(item.get("reason") or "").strip(),
                                 str(item.get("approved_by") or "").strip()))
    return entries


def apply(findings: list, entries: list[Allow]) -> tuple[list, set[int]]:
    """Drop the findings an entry with a reason covers; return them and the entries used."""
    kept, used = [], set()
    for finding in findings:
        entry = next((e for e in entries if e.reason and e.covers(finding.rule)), None)
        if entry is None:
            kept.append(finding)
        else:
            used.add(entry.index)
    return kept, used
