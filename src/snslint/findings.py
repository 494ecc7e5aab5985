"""Findings and severities: the one result type every report renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}


class Match(NamedTuple):
    """What a matcher reports: a span of the normalized view plus optional details.

    `data` fills `{placeholders}` in the rule's message and suggestion. Checks of the
    front matter (approval, images, suppressions) set `in_original`: their offsets are
    then offsets of the original text, since the normalized view holds only the body.
    (A named tuple: a post yields dozens of matches, and a frozen dataclass is slow to
    make and, every run, to define.)
    """

    start: int
    end: int
    kind: str | None = None
    data: Mapping[str, object] = MappingProxyType({})
    in_original: bool = False


class Finding(NamedTuple):
    """One problem found in a draft: where (line and column from 1, offsets in the original
    text), which rule and guideline section, how severe, and what to write instead."""

    rule: str
    guideline: str | None
    category: str | None
    kind: str | None
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    suggestion: str | None

    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule)

    def to_dict(self) -> dict:
        # Field order is the JSON contract's order.
        return {
            "rule": self.rule,
            "guideline": self.guideline,
            "category": self.category,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
        }


@dataclass
class FileResult:
    """The outcome for one path: findings, or the reason it could not be checked."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # The decoded draft, kept so that the text report can quote the offending lines.
    text: str | None = field(default=None, repr=False)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)
