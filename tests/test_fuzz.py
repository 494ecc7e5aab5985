"""Property-based tests over the whole pipeline: decode, Document, every rule, every report.

Profiles: `ci` (the default: derandomized, so every run checks the same inputs) and
`long` for local runs: `HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED_DATA
from snslint.engine import Engine
from snslint.findings import FileResult
from snslint.lines import LineIndex
from snslint.report.json import render_json
from snslint.report.sarif import to_sarif
from snslint.rules import load_rules

settings.register_profile("ci", max_examples=300, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULES = load_rules()
ENGINE = Engine(RULES)

# Pieces that exercise the tricky parts: full-width forms, combining marks, zero-width and
# bidirectional controls, emoji sequences, line breaks of every kind, URLs and words rules know.
PIECES = st.sampled_from([
    "ごみ", "殺", "殺せ", "部外秘", "ｶﾞ", "ＵＲＬ", "０９０－１２３４－５６７８", "e\u0301", "\u200b", "\u200d",
    "\u202e", "\ufeff", "👨‍👩‍👧", "🇯🇵", "\r\n", "\r", "\n", "\u2028", "https://bit.ly/x", "www.",
    "@user ", "#長崎", "㍻", "①", "令和8年", "12月1日（火）", "---\n", "〜", "\t", " ",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
FRONT_MATTER = st.one_of(
    st.just(""),
    st.builds(lambda body: f"---\n{body}\n---\n", st.sampled_from([
        "platform: x", "platform: [", "allow:\n  - rule: links\n", "allow:\n  - rule: links\n    reason: r",
        "a: &a [1]\nb: *a", "!!python/object:os.system x", "approval: 口頭", ": :", "post_at: 2026-12-01 10:00",
    ])),
)


def check_invariants(text: str, findings) -> None:
    lines = LineIndex(text)
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start:finding.end]
        assert (finding.line, finding.column) == lines.locate(finding.start)
        assert (finding.end_line, finding.end_column) == lines.locate(finding.end)


@given(FRONT_MATTER, TEXT)
def test_any_text_lints_with_exact_positions(front, body):
    text = front + body
    result = ENGINE.lint_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.txt")
    if result.error is None:
        check_invariants(result.text, result.findings)
        # Deterministic: a second run gives the same findings.
        assert ENGINE.lint_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.txt").findings == result.findings


@given(st.binary(max_size=300))
def test_any_bytes_give_findings_or_a_japanese_error(data):
    result = ENGINE.lint_bytes(data, "fuzz.txt")
    if result.error is not None:
        assert any("\u3040" <= ch <= "\u30ff" for ch in result.error)  # kana: a Japanese message
    else:
        check_invariants(result.text, result.findings)


@given(TEXT)
def test_reports_parse_and_match_their_schemas(body):
    import jsonschema

    result = ENGINE.lint_bytes(body.encode("utf-8", "surrogatepass"), "fuzz.txt")
    stream = io.StringIO()
    render_json([result], stream)
    parsed = json.loads(stream.getvalue())
    assert parsed["summary"]["files"] == 1
    sarif = json.loads(json.dumps(to_sarif([result], RULES), ensure_ascii=False))
    schema_path = SHARED_DATA / "sarif" / "sarif-schema-2.1.0.json"
    if schema_path.exists():
        jsonschema.Draft4Validator(_schema(schema_path)).validate(sarif)


_SCHEMAS: dict = {}


def _schema(path):
    if path not in _SCHEMAS:
        _SCHEMAS[path] = json.loads(path.read_text(encoding="utf-8"))
    return _SCHEMAS[path]


@pytest.mark.parametrize("text", ["", "\n", "---\n---\n", "\ufeff", "   "])
def test_trivial_inputs(text):
    result = ENGINE.lint_bytes(text.encode("utf-8"), "empty.txt")
    assert result.error is None and result.findings == []


def test_text_report_survives_odd_lines():
    from snslint.report.text import render_text

    text = "👨‍👩‍👧" * 50 + "部外秘" + "\u202e" * 3 + "\r\n" + "x" * 500 + "部外秘"
    result = ENGINE.lint_bytes(text.encode("utf-8"), "odd.txt")
    stream = io.StringIO()
    render_text([result], stream, color=False)
    assert stream.getvalue().count("部外秘") >= 2
    assert isinstance(result, FileResult)
