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
