"""The text report written directly (pipes, files, hooks) equals rich's rendering without colour."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from snslint.engine import Engine
from snslint.report import text as text_report
from snslint.rules import load_rules
from snslint.textutil import cell_len

DRAFT = ("【お知らせ】\n長崎の市長選挙では田中候補に投票をお願いします！✨✨✨\n"
         "詳しくは https://bit.ly/abc123 を見てね\t090-1234-5678\n"
         + "とても長い行です。" * 12 + "ここに極秘の資料があります。\n")


@pytest.fixture(scope="module")
def results():
    engine = Engine(load_rules())
    good = engine.lint_bytes("特にありません。".encode(), "good.txt")
    bad = engine.lint_bytes(DRAFT.encode(), "bad.txt")
    assert len(bad.findings) >= 4
    return [good, bad]


def test_plain_output_is_what_rich_prints_without_colour(results, monkeypatch):
    plain = io.StringIO()
    text_report.render_text(results, plain, color=None)  # a StringIO is not a terminal
    monkeypatch.setattr(text_report, "_plain", lambda stream, color: False)
    through_rich = io.StringIO()
    text_report.render_text(results, through_rich, color=None)
    assert plain.getvalue() == through_rich.getvalue()
    assert "\x1b[" not in plain.getvalue() and "bad.txt" in plain.getvalue()


def test_colour_when_asked(results):
    stream = io.StringIO()
    text_report.render_text(results, stream, color=True)
    assert "\x1b[" in stream.getvalue()


def test_carets_sit_under_the_span_in_terminal_columns(results):
    stream = io.StringIO()
    text_report.render_text(results, stream, color=False)
    lines = stream.getvalue().splitlines()
    shown = [i for i, line in enumerate(lines) if "│ " in line and "^" in lines[i + 1] if i + 1 < len(lines)]
    assert shown
    for index in shown:
        source, carets = lines[index], lines[index + 1]
        start = carets.index("^")
        width = len(carets) - start
        # The columns above the carets hold exactly the flagged text.
        prefix_cells = 0
        for position, char in enumerate(source):
            if prefix_cells == start:
                flagged = source[position:]
                break
            prefix_cells += cell_len(char)
        assert cell_len(flagged) >= width


def test_cell_widths_agree_with_rich_on_the_corpora():
    from rich.cells import cell_len as rich_cell_len

    chars = set()
    for path in (Path(__file__).parent / "corpus").rglob("*.yaml"):
        chars |= set(path.read_text(encoding="utf-8"))
    chars |= set("😀✨👍🏻🇯🇵①㈱ｱ※→★☆♪●■◎〜ー・…‥\u200d\ufe0f")
    chars.discard("\n")
    assert [c for c in chars if cell_len(c) != rich_cell_len(c)] == []
