"""SARIF 2.1.0, for code-scanning dashboards; columns count Unicode code points."""

from __future__ import annotations

import json
from pathlib import PurePath

from snslint import __version__
from snslint.explain import section_text

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule) -> dict:
    quoted = section_text(rule.guideline) if rule.guideline else None
    help_text = rule.description or rule.message
    if quoted:
        help_text += f"\n\nガイドライン {rule.guideline}: {quoted}"
    if rule.suggestion:
        help_text += f"\n\n対応: {rule.suggestion}"
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description or rule.message},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"guideline": rule.guideline, "category": rule.category},
    }


def _uri(path: str) -> str:
    return PurePath(path).as_posix() if path != "-" else "stdin"


def _result(finding, path: str, index: dict) -> dict:
    result = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message + (f"\n{finding.suggestion}" if finding.suggestion else "")},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(path)},
                "region": {
                    "startLine": finding.line, "startColumn": finding.column,
                    "endLine": finding.end_line, "endColumn": finding.end_column,
                    "charOffset": finding.start, "charLength": finding.end - finding.start,
                    "snippet": {"text": finding.text},
                },
            }
        }],
        "properties": {"guideline": finding.guideline, "category": finding.category, "kind": finding.kind},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def to_sarif(results, rules) -> dict:
    descriptors = [_rule_descriptor(rule) for rule in sorted(rules, key=lambda r: r.id)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    notifications = [
        {"level": "error", "message": {"text": result.error},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}]}
        for result in results if result.error
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "snslint", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://www.city.nagasaki.lg.jp/",
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "results": [_result(f, r.path, index) for r in results for f in r.findings],
        }],
    }


def render_sarif(results, stream, rules) -> None:
    stream.write(json.dumps(to_sarif(results, rules), ensure_ascii=False, indent=2) + "\n")
