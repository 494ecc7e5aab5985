"""Suppressions in front matter: a reason is required, unused ones are reported."""

from __future__ import annotations

import pytest

from conftest import run_json
from snslint.engine import Engine, select_rules

BODY = "詳しくはhttps://www.example-kanko.jp/をご覧ください。市ホームページもご覧ください。\n"


def draft(allow: str) -> str:
    return f"---\nallow:\n{allow}---\n{BODY}"


@pytest.fixture(scope="module")
def engine(all_rules):
    return Engine(select_rules(all_rules, ("links", "suppression")))


def rules_of(engine, text):
    return [(f.rule, f.severity, f.text) for f in engine.lint_text(text)]


def test_without_allow_the_finding_shows(engine):
    assert rules_of(engine, BODY) == [("links.third-party", "warning", "https://www.example-kanko.jp/")]


def test_allow_with_reason_suppresses(engine):
    text = draft("  - rule: links.third-party\n    reason: 県観光連盟の公式ページ\n    approved_by: 広報広聴課長\n")
    assert rules_of(engine, text) == []


def test_allow_by_prefix(engine):
    assert rules_of(engine, draft("  - rule: links\n    reason: 確認済み\n")) == []


def test_allow_without_reason_is_an_error_and_does_not_suppress(engine):
    text = draft("  - rule: links.third-party\n")
    found = rules_of(engine, text)
    assert ("suppression.missing-reason", "error", "rule: links.third-party") in found
    assert ("links.third-party", "warning", "https://www.example-kanko.jp/") in found


def test_unused_allow_is_a_warning_pointing_at_its_line(engine):
    text = draft("  - rule: links.shortener\n    reason: 確認済み\n")
    [finding] = [f for f in engine.lint_text(text) if f.rule == "suppression.unused"]
    assert (finding.line, finding.column, finding.text) == (3, 5, "rule: links.shortener")


def test_suppressed_run_exits_zero_end_to_end(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(draft("  - rule: links.third-party\n    reason: 県観光連盟の公式ページ\n"), encoding="utf-8")
    code, report = run_json("--fail-on", "warning", "--select", "links,suppression", path)
    assert code == 0 and report["files"][0]["findings"] == []


def test_overlapping_findings_of_one_kind_are_reported_once(tmp_path):
    from snslint.rules import load_pack

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: t.weak\n    guideline: null\n    severity: warning\n    kind: address\n    message: m\n"
        "    pattern: '東山手町\\d+'\n    examples: {bad: [x], good: [y]}\n"
        "  - id: t.strong\n    guideline: null\n    severity: error\n    kind: address\n    message: m\n"
        "    pattern: '東山手町\\d+-\\d+'\n    examples: {bad: [x], good: [y]}\n"
        "  - id: t.other\n    guideline: null\n    severity: info\n    kind: phone\n    message: m\n"
        "    pattern: '\\d+-\\d+'\n    examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    found = Engine(load_pack(pack)).lint_text("住所は東山手町3-12です")
    assert [(f.rule, f.text) for f in found] == [("t.strong", "東山手町3-12"), ("t.other", "3-12")]
