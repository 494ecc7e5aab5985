"""Japanese tokens from fugashi + UniDic (unidic-lite), one tagger per process."""

from __future__ import annotations

import csv
from functools import lru_cache
from itertools import repeat


class Token:
    """One morpheme. Offsets are in the text that was tokenized (the normalized view).

    - lemma: UniDic lemma: kana and kanji spellings share it (ばか, 馬鹿)
    - base: dictionary form as written (orthBase)
    - pos: "名詞-固有名詞-人名-姓": the four POS levels joined, '*' dropped
    - cform: conjugation form, e.g. "命令形", or ""
    - key: what word rules compare: the lemma, or the surface for unknown words
    """

    __slots__ = ("surface", "lemma", "base", "pos", "cform", "start", "end", "key")

    def __init__(self, row: tuple, offset: int = 0):
        # A row of _tag_piece, whose offsets are in the piece that starts at `offset`.
        # Unpacked in one step: a post has about 150 tokens, and this runs for each.
        self.surface, self.lemma, self.base, self.pos, self.cform, start, end, self.key = row
        self.start = start + offset
        self.end = end + offset

    def __repr__(self) -> str:
        return f"Token({self.surface!r}, lemma={self.lemma!r}, pos={self.pos!r}, {self.start}-{self.end})"


@lru_cache(maxsize=1)
def tagger():
    # Imported here so that `snslint --version` never pays for MeCab and the dictionary.
    import fugashi

    return fugashi.Tagger()


def dictionary_file() -> str:
    """The tagger's system dictionary: word lists' lemmas depend on its version."""
    return tagger().dictionary_info[0]["filename"]


# Fields of a UniDic (unidic-lite) feature string that tokens keep, by position.
_POS, _CFORM, _LEMMA, _ORTH_BASE = slice(0, 4), 5, 7, 10
_FIELDS = 11


@lru_cache(maxsize=1 << 16)
def _features(raw: str) -> tuple[str | None, str | None, str, str]:
    """(lemma, base or None for the surface, pos, cform) of a raw feature string.

    Reading fugashi's `node.feature` builds a 29-field named tuple per token, which cost
    more than tagging itself; a post repeats most of its morphemes, so the raw CSV is
    split once per distinct string. UniDic quotes a field only when it holds a comma,
    which does not happen before field 11, but a real CSV reader takes over if it does.
    """
    fields = raw.split(",", _FIELDS)
    if any(field.startswith('"') for field in fields[:_FIELDS]):
        fields = next(csv.reader([raw]))[:_FIELDS]
    fields += ["*"] * (_FIELDS - len(fields))  # unknown words carry only the POS fields
    base = fields[_ORTH_BASE]
    cform = fields[_CFORM]
    return (_lemma(fields[_LEMMA]), None if base == "*" else base,
            "-".join(p for p in fields[_POS] if p and p != "*"), "" if cform == "*" else cform)


def _lemma(lemma: str) -> str | None:
    if not lemma or lemma == "*":
        return None
    # Loanwords carry their origin ("ツイッター-twitter"); matching wants the word itself.
    head, sep, _tail = lemma.partition("-")
    return head if sep and head else lemma


# MeCab crashes the process on very long lines (300,000 characters segfault), so lines
# are fed in pieces of at most this many characters, cut after punctuation where possible.
MAX_CHUNK = 2048
_CUT_AFTER = "。！？!?、，,.　 )）」』】"


def _chunks(line: str):
    """Yield (start, piece) of a line in pieces MeCab handles safely."""
    start = 0
    while len(line) - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        cut = max(line.rfind(ch, start + MAX_CHUNK // 2, limit) for ch in _CUT_AFTER)
        cut = cut + 1 if cut > start else limit
        yield start, line[start:cut]
        start = cut
    yield start, line[start:]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokenize text line by line; token offsets are `offset` + position in text."""
    tokens: list[Token] = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            for start, piece in _chunks(line):
                tokens.extend(map(Token, _morphemes(piece), repeat(position + start)))
        position += len(line) + 1
    return tokens


def _morphemes(piece: str) -> tuple[tuple, ...]:
    """(surface, lemma, base, pos, cform, start, end, key) of each token, offsets in the piece."""
    if len(piece) > MAX_MEMO_LINE:
        return _tag_piece(piece)
    return _memo_piece(piece)


# The drafts of one account repeat whole lines (a contact line, 詳しくは市ホームページを
# ご覧ください, the hashtags), and a line is tagged on its own, so a repeated line
# reuses its morphemes. On the benchmark corpus 78 % of the lines are repeats, and 512
# kept lines catch nearly all of them. The morphemes of a line take about 100 bytes a
# character, so the memo holds at most about 16 MiB.
MAX_MEMO_LINE = 160
MEMO_LINES = 1024


def _tag_piece(piece: str) -> tuple[tuple, ...]:
    found = []
    cursor = 0
    for node in tagger()(piece):
        surface = node.surface
        # MeCab drops white space; find() re-anchors each token on the text itself.
        start = piece.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        lemma, base, pos, cform = _features(node.feature_raw)
        found.append((surface, lemma, surface if base is None else base, pos, cform, start, cursor,
                      lemma or surface))
    return tuple(found)


_memo_piece = lru_cache(maxsize=MEMO_LINES)(_tag_piece)


@lru_cache(maxsize=4096)
def lemma_sequence(phrase: str) -> tuple[str, ...]:
    """The token keys of a word-list entry, as they would be matched in a post."""
    return tuple(token.key for token in tokenize(phrase))
