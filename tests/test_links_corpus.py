"""Exact link findings on a corpus of municipal drafts written before the detectors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from snslint.config import Config
from snslint.engine import Engine, select_rules

CORPUS = Path(__file__).parent / "corpus" / "links" / "drafts.yaml"
DRAFTS = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["drafts"]


@pytest.fixture(scope="module")
def links_engine(all_rules):
    return Engine(select_rules(all_rules, ("links",)))


def expected_of(draft) -> list[tuple[str, str | None]]:
    return sorted((e["rule"], e.get("text")) for e in draft["expect"])


def found_of(engine, draft) -> list[tuple[str, str | None]]:
    config = Config(**{k: tuple(v) for k, v in (draft.get("config") or {}).items()})
    findings = engine.lint_text(draft["text"], config=config)
    # The document-level 3(1) finding has no meaningful span to compare.
    return sorted((f.rule, None if f.rule == "links.no-official-link" else f.text) for f in findings)


def test_corpus_size():
    assert len(DRAFTS) >= 60


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d["id"])
def test_link_findings_are_exact(links_engine, draft):
    assert found_of(links_engine, draft) == expected_of(draft)
