"""Every shipped rule carries its own examples, and every example holds.

Like prh's specs and textlint-tester's valid/invalid lists: the data tests itself.
"""

from __future__ import annotations

import pytest

from snslint.engine import Engine
from snslint.rules import load_rules

RULES = load_rules()
# Every rule at once (off-by-default ones too), as users run them: checks that look at
# other rules' findings, such as unused suppressions, need the others to be there.
ENGINE = Engine(RULES)
CASES = [
    pytest.param(rule, side, text, id=f"{rule.id}-{side}-{index}")
    for rule in RULES
    for side in ("bad", "good")
    for index, text in enumerate(rule.examples[side])
]


def test_every_rule_has_bad_and_good_examples():
    for rule in RULES:
        assert rule.examples["bad"] and rule.examples["good"], rule.id


def test_every_rule_cites_a_guideline_section_or_says_none():
    for rule in RULES:
        assert rule.message and rule.summary, rule.id
        assert rule.guideline is None or rule.guideline[0].isdigit(), rule.id


@pytest.mark.parametrize("rule, side, text", CASES)
def test_rule_example(rule, side, text):
    findings = ENGINE.lint_text(text)
    flagged = [f for f in findings if f.rule == rule.id]
    if side == "bad":
        assert flagged, f"{rule.id} should flag: {text}"
        for finding in flagged:
            assert finding.text == text[finding.start:finding.end]
    else:
        assert not flagged, f"{rule.id} should not flag: {text} -> {[f.text for f in flagged]}"
