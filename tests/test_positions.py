"""Normalization, the offset map, and finding positions in the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snslint.document import Document
from snslint.engine import Engine
from snslint.lines import LineIndex
from snslint.normalize import NormalizedText
from snslint.rules import load_pack


def test_plain_text_is_its_own_normalized_view():
    view = NormalizedText("ごみの収集日のお知らせです。")
    assert view.text == "ごみの収集日のお知らせです。"
    assert view.span_to_original(2, 4) == (2, 4)


@pytest.mark.parametrize(
    "original, expected",
    [
        ("ＵＲＬは０９０", "URLは090"),
        ("ｶﾞｲﾄﾞ", "ガイド"),
        ("一行\r\n二行\r三行\n", "一行\n二行\n三行\n"),
        ("㍻31年①", "平成31年1"),
    ],
)
def test_normalized_view(original, expected):
    assert NormalizedText(original).text == expected


def test_every_normalized_character_maps_back_to_what_produced_it():
    original = "ｶﾞｲﾄﾞは㍻の①\r\nＡＢＣ😀e\u0301"
    view = NormalizedText(original)
    for index, char in enumerate(view.text):
        start, end = view.span_to_original(index, index + 1)
        source = original[start:end]
        if source in ("\r\n", "\r"):
            assert char == "\n"
        else:
            assert char in unicodedata.normalize("NFKC", source)


def test_every_character_of_the_stable_runs_is_left_alone_by_nfkc():
    from snslint.normalize import _STABLE_RUN, _joins_previous

    stable = [chr(code) for code in range(0x110000) if _STABLE_RUN.fullmatch(chr(code))]
    assert len(stable) > 20_000
    for char in stable:
        assert unicodedata.normalize("NFKC", char) == char and not _joins_previous(char), hex(ord(char))


def _per_cluster(original: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain definition: a line NFKC changes is normalized cluster by cluster."""
    from snslint.normalize import _LINE, _clusters

    text, spans = [], []
    for line in _LINE.finditer(original):
        begin, finish = line.span(1)
        stable = unicodedata.is_normalized("NFKC", original[begin:finish])
        for start, end in ([(i, i + 1) for i in range(begin, finish)] if stable
                           else _clusters(original, begin, finish)):
            out = unicodedata.normalize("NFKC", original[start:end])
            text.append(out)
            spans += [(start, end)] * len(out)
        if line.group(2):
            text.append("\n")
            spans.append(line.span(2))
    return "".join(text), spans


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("あア漢、。「」（）！ＡＢ１ｶﾞﾟ゙゙́e① \n\r㍻😀")), max_size=40))
def test_bulk_runs_map_exactly_as_cluster_by_cluster(original):
    view = NormalizedText(original)
    text, spans = _per_cluster(original)
    assert view.text == text
    assert [view.span_to_original(i, i + 1) for i in range(len(text))] == spans


def test_span_over_expanded_character_maps_to_the_whole_original_character():
    view = NormalizedText("㍻31年")
    # "平成" comes from the single character ㍻.
    assert view.span_to_original(0, 2) == (0, 1)
    assert view.span_to_original(1, 2) == (0, 1)
    assert view.span_to_original(2, 4) == (1, 3)


def test_line_index_counts_code_points_and_all_line_breaks():
    index = LineIndex("あ😀\r\nい\rう\nえ")
    assert index.locate(0) == (1, 1)
    assert index.locate(1) == (1, 2)  # after the emoji: one code point, not two
    assert index.locate(4) == (2, 1)
    assert index.locate(6) == (3, 1)
    assert index.locate(8) == (4, 1)
    assert index.line_text(1) == "あ😀"


@pytest.fixture(scope="module")
def marker_engine(tmp_path_factory):
    pack = tmp_path_factory.mktemp("pack") / "marker.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: test.marker\n"
        "    guideline: null\n"
        "    severity: warning\n"
        "    message: テスト\n"
        "    pattern: 'ABC\\d+'\n"
        "    examples: {bad: [ABC1], good: [abc]}\n",
        encoding="utf-8",
    )
    return Engine(load_pack(pack))


@pytest.mark.parametrize(
    "original, line, column",
    [
        ("😀😀 ABC12 です", 1, 4),
        ("全角の ＡＢＣ１２ です", 1, 5),
        ("一行目\r\n二行目 ＡＢＣ１２\r\n", 2, 5),
        ("一行目\r二行目ABC12", 2, 4),
        ("---\nplatform: x\naccount: '@city'\n---\n本文 ABC12", 5, 4),
        ("---\r\nplatform: x\r\n---\r\n👨‍👩‍👧 ＡＢＣ１２", 4, 7),
    ],
)
def test_findings_point_at_the_original_text(marker_engine, original, line, column):
    [finding] = marker_engine.lint_text(original)
    assert finding.text == original[finding.start:finding.end]
    assert finding.text.replace("ＡＢＣ１２", "ABC12") == "ABC12"
    assert (finding.line, finding.column) == (line, column)
    assert finding.end_line == line
    assert finding.end_column == column + 5


def test_front_matter_is_not_linted(marker_engine):
    text = "---\naccount: ABC12\n---\n本文です"
    assert marker_engine.lint_text(text) == []


def test_document_tokens_carry_normalized_offsets():
    doc = Document("ﾃｽﾄを殺せ", body_start=0)
    assert doc.text == "テストを殺せ"
    verb = [t for t in doc.tokens if t.lemma == "殺す"][0]
    assert doc.text[verb.start:verb.end] == "殺せ"
    assert doc.to_original(verb.start, verb.end) == (4, 6)
