"""Drafts are checked a batch at a time, rule by rule: each still gets only its own findings."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from snslint.engine import Engine
from snslint.errors import InputError
from snslint.runner import BATCH, Options, Runner

CORPUS = Path(__file__).parent / "corpus" / "guideline"


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.yaml")):
        texts += [draft["text"] for draft in yaml.safe_load(path.read_text(encoding="utf-8"))["drafts"]]
    return texts


def test_a_batch_gives_every_draft_the_findings_it_gets_alone(engine):
    texts = corpus_texts()
    alone = [engine.lint_text(text) for text in texts]
    together = engine.check_many([engine.document(text) for text in texts])
    assert together == alone
    # Not vacuous: the drafts differ from one another in what is found.
    assert len({tuple(f.rule for f in findings) for findings in alone}) > 20


class Breaks:
    """A matcher with a bug that shows only on some drafts."""

    def __call__(self, doc):
        if "壊れる" in doc.text:
            raise RuntimeError("detector bug")
        return iter(())


def breaking_engine(all_rules) -> Engine:
    broken = dataclasses.replace(all_rules[0], id="test.breaks", matcher=Breaks())
    return Engine([broken, *all_rules])


def test_a_rule_that_breaks_on_one_draft_spares_the_others_of_its_batch(all_rules, engine):
    texts = ["【部外秘】の資料です。", "ここで壊れる【部外秘】", "市長選挙の投票日は12月6日（日）です。"]
    outcomes = breaking_engine(all_rules).check_many([engine.document(text) for text in texts])
    assert isinstance(outcomes[1], RuntimeError)
    assert outcomes[0] == engine.lint_text(texts[0]) and outcomes[0]
    assert outcomes[2] == engine.lint_text(texts[2])


def test_the_runner_reports_the_broken_draft_and_lints_the_rest(all_rules, tmp_path, monkeypatch):
    for index in range(BATCH + 3):
        text = "ここで壊れる下書き" if index == 5 else "【部外秘】の資料です。"
        (tmp_path / f"d{index:03d}.txt").write_text(text, encoding="utf-8")
    runner = Runner(Options(jobs=1))
    engine = breaking_engine(all_rules)
    monkeypatch.setattr(runner, "engine_for", lambda config: engine)
    results = runner.run([str(tmp_path)])
    assert [Path(r.path).name for r in results] == [f"d{i:03d}.txt" for i in range(BATCH + 3)]
    assert "内部エラー" in results[5].error and "RuntimeError" in results[5].error
    assert all(r.error is None and r.findings for i, r in enumerate(results) if i != 5)


def test_a_timeout_is_an_input_error_of_its_own_draft_only(all_rules, engine):
    from snslint.patterns import PatternTimeout

    class TimesOut:
        def __call__(self, doc):
            raise PatternTimeout("(a+)+$")

    slow = dataclasses.replace(all_rules[0], id="city.slow", source="city.yaml", matcher=TimesOut())
    outcomes = Engine([slow]).check_many([engine.document("a")])
    assert isinstance(outcomes[0], InputError) and "city.slow" in str(outcomes[0])


def test_drafts_under_different_configurations_in_one_batch(tmp_path):
    # Folder "a" ignores the confidential rules; "b" has the defaults. Sorted, their
    # drafts fall into one batch, which then needs both engines.
    for folder, config in (("a", "ignore: [confidential]\n"), ("b", None)):
        (tmp_path / folder).mkdir()
        if config:
            (tmp_path / folder / ".snslint.yaml").write_text(config, encoding="utf-8")
        for index in range(3):
            (tmp_path / folder / f"{index}.txt").write_text("【部外秘】の資料です。", encoding="utf-8")
    completed = run_cli("--format", "json", "--no-cache", "--jobs", "1", tmp_path, cwd=tmp_path)
    files = {Path(f["path"]).parent.name + "/" + Path(f["path"]).name: f for f in json.loads(completed.stdout)["files"]}
    assert len(files) == 6
    for index in range(3):
        assert not any(f["rule"].startswith("confidential") for f in files[f"a/{index}.txt"]["findings"])
        assert any(f["rule"].startswith("confidential") for f in files[f"b/{index}.txt"]["findings"])


class MakesCycles:
    """A matcher that leaves a reference cycle behind on every draft."""

    def __init__(self):
        self.left = []

    def __call__(self, doc):
        import weakref

        node = type("Node", (), {})()
        node.self = node
        self.left.append(weakref.ref(node))
        return iter(())


def test_the_collector_pauses_for_a_batch_and_collects_what_it_left(all_rules, tmp_path, monkeypatch):
    import gc

    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text("お知らせです。", encoding="utf-8")
    cycles = MakesCycles()
    engine = Engine([dataclasses.replace(all_rules[0], id="test.cycles", matcher=cycles)])
    runner = Runner(Options(jobs=1))
    monkeypatch.setattr(runner, "engine_for", lambda config: engine)
    seen = []
    monkeypatch.setattr(engine, "check_many", lambda docs, inner=engine.check_many: seen.append(gc.isenabled()) or inner(docs))
    assert gc.isenabled()
    runner.run([str(tmp_path)])
    assert seen == [False] and gc.isenabled()
    assert len(cycles.left) == 3 and all(ref() is None for ref in cycles.left)
    cycles.left.clear()
    gc.disable()
    try:
        runner.run([str(tmp_path)])
        assert not gc.isenabled()  # a caller's choice is left alone,
        assert len(cycles.left) == 3 and all(ref() is None for ref in cycles.left)  # yet the batch is collected
    finally:
        gc.enable()


def test_gating_never_changes_what_is_found(engine, monkeypatch):
    # The literal and lemma gates only skip rules that cannot match: running every rule
    # on every draft gives the same findings on the corpus and the rules' own examples.
    texts = corpus_texts() + [text for rule in engine.rules for side in ("bad", "good")
                              for text in rule.examples.get(side, ()) if isinstance(text, str)]
    gated = engine.check_many([engine.document(text) for text in texts])
    skipped = sum(len(engine._first) - len(engine._runnable(engine.document(text))) for text in texts)
    monkeypatch.setattr(engine, "_runnable", lambda doc: range(len(engine._first)))
    assert engine.check_many([engine.document(text) for text in texts]) == gated
    assert skipped > 50 * len(texts)  # the gates do skip most rules


class BreaksLate(Breaks):
    """A check of the suppressions (run after the others) with a bug on some drafts."""

    after_suppression = True


@pytest.mark.parametrize("where", ["gating", "suppression check"])
def test_a_failure_at_any_step_stays_with_its_draft(all_rules, engine, monkeypatch, where):
    texts = ["【部外秘】の資料です。", "ここで壊れる【部外秘】", "市長選挙の投票日は12月6日（日）です。"]
    if where == "gating":
        broken = Engine(all_rules)
        runnable = broken._runnable

        def fails_on_one(doc):
            if "壊れる" in doc.text:
                raise RuntimeError("gate bug")
            return runnable(doc)

        monkeypatch.setattr(broken, "_runnable", fails_on_one)
    else:
        broken = Engine([*all_rules, dataclasses.replace(all_rules[0], id="test.late", matcher=BreaksLate())])
    outcomes = broken.check_many([engine.document(text) for text in texts])
    assert isinstance(outcomes[1], RuntimeError)
    assert outcomes[0] == engine.lint_text(texts[0]) and outcomes[2] == engine.lint_text(texts[2])


def test_large_drafts_make_small_batches(tmp_path, monkeypatch):
    import snslint.runner as runner_module

    sizes = [10, 10, 300, 10, 10, 10, 300, 10]
    for index, size in enumerate(sizes):
        (tmp_path / f"d{index}.txt").write_text("お" * size, encoding="utf-8")
    monkeypatch.setattr(runner_module, "BATCH_CHARACTERS", 250)
    monkeypatch.setattr(runner_module, "BATCH", 4)
    runner = Runner(Options(jobs=1))
    engine = runner.engine_for(runner.config_for(str(tmp_path / "d0.txt")))
    batches = []
    monkeypatch.setattr(engine, "check_many", lambda docs, inner=engine.check_many: batches.append(
        [len(doc.original) for doc in docs]) or inner(docs))
    results = runner.run([str(tmp_path)])
    assert [r.error for r in results] == [None] * len(sizes)
    # A batch closes once it reaches 250 characters or 4 drafts.
    assert batches == [[10, 10, 300], [10, 10, 10, 300], [10]]


def test_no_document_outlives_its_lint(tmp_path):
    # Per-draft caches (the post view, date analysis, numbers, images) are weakly keyed
    # by the document; one whose value held the document kept every draft's text and
    # tokens alive for the whole run (40 MB a 400 KB draft).
    import gc

    from snslint.document import Document

    text = ("【お知らせ】12月6日（土）10時から市民会館で。詳しくは https://www.example.co.jp/a を。"
            "お問い合わせ 095-825-5151 #長崎 #防災\n")
    for index in range(3):
        (tmp_path / f"d{index}.txt").write_text(f"---\nplatform: x\n---\n{text * (index + 1)}", encoding="utf-8")
    results = Runner(Options(jobs=1)).run([str(tmp_path)])
    assert all(r.error is None and r.findings for r in results)
    gc.collect()
    assert [obj for obj in gc.get_objects() if isinstance(obj, Document)] == []
