"""Reading drafts: encodings, binary and oversized input, directory walking."""

from __future__ import annotations

import codecs
import os
import threading

import pytest

from snslint.errors import InputError
from snslint.sources import MAX_BYTES, _read_at_most, decode, expand_paths, read_bytes, read_source

TEXT = "長崎市からのお知らせ：ごみの収集日は（月）です。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp932"), "cp932"),
    ],
)
def test_decodes_the_encodings_drafts_come_in(data, encoding):
    text, found = decode(data)
    assert text == TEXT
    assert found == encoding


def test_cp932_specific_characters_decode():
    # ①, ㈱ and NEC/IBM extensions exist only in CP932, not plain Shift_JIS.
    text = "①㈱髙﨑"
    assert decode(text.encode("cp932"))[0] == text


def test_binary_data_is_refused_in_japanese():
    with pytest.raises(InputError, match="バイナリ"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_undecodable_bytes_are_refused_in_japanese():
    with pytest.raises(InputError, match="文字コード"):
        decode(b"abc \x82\xff def")


def test_broken_utf16_is_refused():
    with pytest.raises(InputError):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")


def test_control_characters_mean_binary(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(1, 32)) * 4)
    with pytest.raises(InputError, match="バイナリ"):
        read_source(str(path))


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="見つかりません"):
        read_source(str(tmp_path / "nothing.txt"))


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="大きすぎます"):
        read_source(str(path))


@pytest.mark.parametrize("size", [0, 1, 4096, MAX_BYTES])
def test_files_up_to_the_limit_are_read_whole(tmp_path, size):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"x" * size)
    assert read_bytes(str(path)) == b"x" * size


class _GrowingFile:
    """A file that gains bytes after its size was taken, as when an editor is still saving."""

    def __init__(self, path):
        self._handle = open(path, "rb")  # noqa: SIM115 - closed by the test
        self._appended = False
        self.path = path

    def fileno(self):
        return self._handle.fileno()

    def read(self, count):
        if not self._appended:
            with open(self.path, "ab") as out:
                out.write(b"y" * 10)
            self._appended = True
        return self._handle.read(count)


def test_a_file_that_grows_while_read_is_read_to_the_limit(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"x" * 100)
    growing = _GrowingFile(path)
    try:
        assert _read_at_most(growing, 1_000) == b"x" * 100 + b"y" * 10
        growing._handle.seek(0)
        assert len(_read_at_most(growing, 50)) == 50  # the caller then refuses it as too large
    finally:
        growing._handle.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_whose_size_is_unknown_is_read_whole(tmp_path):
    fifo = tmp_path / "draft.fifo"
    os.mkfifo(fifo)
    body = "長崎市からのお知らせ\n".encode() * 2000  # more than a pipe's buffer
    writer = threading.Thread(target=lambda: fifo.write_bytes(body))
    writer.start()
    try:
        assert read_bytes(str(fifo)) == body
    finally:
        writer.join()


def test_newline_style_is_recorded(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("一行目\r\n二行目\r\n".encode("utf-8"))
    source = read_source(str(path))
    assert source.newline == "\r\n"
    assert source.text == "一行目\r\n二行目\r\n"


def test_directories_are_walked_for_drafts_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b" / "c.md").write_text("x")
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git" / "d.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    paths = [entry.path for entry in expand_paths([str(tmp_path)])]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.md")]


def test_a_directory_without_drafts_is_reported(tmp_path):
    (tmp_path / "notes.csv").write_text("x")
    [entry] = expand_paths([str(tmp_path)])
    assert entry.error and "見つかりません" in entry.error
