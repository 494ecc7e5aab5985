"""Reading UniDic features from MeCab's raw CSV rather than fugashi's named tuples."""

from __future__ import annotations

import pytest

from snslint import tokens


def _from_named_tuple(node) -> tuple:
    """The slow, obviously right reading of a node, to compare the fast one against."""
    feature = node.feature
    lemma = feature.lemma
    if not lemma or lemma == "*":
        lemma = None
    else:
        head, sep, _ = lemma.partition("-")
        lemma = head if sep and head else lemma
    base = feature.orthBase if feature.orthBase not in (None, "*") else node.surface
    cform = feature.cForm if feature.cForm not in (None, "*") else ""
    pos = "-".join(p for p in (feature.pos1, feature.pos2, feature.pos3, feature.pos4) if p and p != "*")
    return node.surface, lemma, base, pos, cform


@pytest.mark.parametrize("text", [
    "令和8年11月25日（水）、市役所でツイッターの講座を開きます。ばかやろう、殴れ！",
    "東京,ね「ｗｗｗ」ぷぎゃらぴ\"x，ｱｲｳ 123-4567 https://example.jp #長崎",
])
def test_tokens_agree_with_fugashi_named_features(text):
    expected = [_from_named_tuple(node) for node in tokens.tagger()(text)]
    got = [(t.surface, t.lemma, t.base, t.pos, t.cform) for t in tokens.tokenize(text)]
    assert got == [e for e in expected if e[0].strip()]


def test_a_quoted_field_is_read_as_csv():
    raw = '名詞,普通名詞,一般,*,*,*,カンマ,"a,b",x,カンマ,"c,d",カンマ,外'
    assert tokens._features(raw) == ("a,b", "c,d", "名詞-普通名詞-一般", "")


def test_unknown_words_keep_their_surface_and_have_no_lemma():
    unknown = [t for t in tokens.tokenize("zzqx") if t.surface == "zzqx"]
    assert unknown and unknown[0].lemma is None and unknown[0].base == "zzqx" and unknown[0].key == "zzqx"


def _plain(found):
    return [(t.surface, t.lemma, t.base, t.pos, t.cform, t.start, t.end) for t in found]


def test_a_repeated_line_reuses_its_morphemes_at_its_own_offsets():
    line = "詳しくは市ホームページをご覧ください。"
    text = f"{line}\n【お知らせ】\n{line}"
    tokens._memo_piece.cache_clear()
    found = _plain(tokens.tokenize(text, offset=7))
    assert tokens._memo_piece.cache_info().hits == 1
    first = [t for t in found if t[5] < 7 + len(line)]
    last = [t for t in found if t[5] >= text.rindex(line) + 7]
    shift = text.rindex(line)
    assert [t[:5] for t in last] == [t[:5] for t in first]
    assert [(t[5] - shift, t[6] - shift) for t in last] == [(t[5], t[6]) for t in first]
    for surface, *_rest, start, end in found:
        assert text[start - 7:end - 7] == surface
    # The same as tagging each line afresh.
    fresh = [(s, l, b, p, c, 7 + offset + a, 7 + offset + z)
             for offset, piece in ((0, line), (len(line) + 1, "【お知らせ】"), (shift, line))
             for s, l, b, p, c, a, z, _key in tokens._tag_piece(piece)]
    assert found == fresh


def test_long_lines_are_not_kept():
    tokens._memo_piece.cache_clear()
    long_line = "市役所でお知らせを掲示します。" * (tokens.MAX_MEMO_LINE // 10)
    assert len(long_line) > tokens.MAX_MEMO_LINE
    assert tokens.tokenize(long_line + "\n" + long_line)
    assert tokens._memo_piece.cache_info().currsize == 0
