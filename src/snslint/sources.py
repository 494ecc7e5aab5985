"""Reading drafts: bytes to text, front matter, and walking directories."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from typing import NamedTuple

from snslint import regexcache
from snslint.errors import InputError

# A post is never this long; anything bigger is a mistake (a log, a database dump).
MAX_BYTES = 1_000_000
DRAFT_SUFFIXES = (".txt", ".md")
STDIN_NAME = "-"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Source(NamedTuple):
    """A draft as read from disk or stdin: its display path and decoded text."""

    path: str
    text: str
    encoding: str
    newline: str = "\n"


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Windows Notepad drafts are often CP932."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{encoding} として読み込めませんでした（{exc.start} バイト目）。"
                    "ファイルが壊れていないか確認してください。"
                ) from None
    if b"\x00" in data:
        raise InputError(
            "バイナリファイルのようです（NUL 文字を含みます）。"
            "下書きはテキストファイル（.txt / .md）で保存してください。"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"文字コードを判別できませんでした（{exc.start} バイト目）。"
            "UTF-8 または Shift_JIS（CP932）で保存し直してください。"
        ) from None


_CONTROL = regexcache.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _check_text(text: str) -> None:
    # Control characters other than tab and line breaks mean the bytes were not a draft.
    if len(_CONTROL.findall(text, 0, 4096)) > 8:
        raise InputError(
            "バイナリファイルのようです（制御文字を多く含みます）。"
            "下書きはテキストファイルで保存してください。"
        )


def _detect_newline(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text:
        return "\r"
    return "\n"


def _describe_os_error(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "シンボリックリンクが循環していて、ファイルにたどり着けません。リンク先を確認してください。"
    return f"ファイルを読めませんでした（{exc.strerror or exc}）。"


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read at most max_bytes, without loading an oversized file whole."""
    if path == STDIN_NAME:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open(path, "rb") as handle:
                data = _read_at_most(handle, max_bytes + 1)
        except FileNotFoundError:
            raise InputError("ファイルが見つかりません。パスを確認してください。") from None
        except IsADirectoryError:
            raise InputError("ディレクトリです。ファイルを指定してください。") from None
        except PermissionError:
            raise InputError("ファイルを読む権限がありません。") from None
        except OSError as exc:
            raise InputError(_describe_os_error(exc)) from None
    if len(data) > max_bytes:
        raise InputError(
            f"ファイルが大きすぎます（上限 {max_bytes:,} バイト）。"
            "投稿の下書きではないファイルを指定していないか確認してください。"
        )
    return data


def _read_at_most(handle, limit: int) -> bytes:
    # read(limit) sets aside `limit` bytes before reading; for a draft of a few hundred
    # bytes that cost more than the read (12 ms per 1,000 drafts). The file's own size is
    # the better first guess; a pipe (size 0) or a file that grew reads on to the limit.
    size = os.fstat(handle.fileno()).st_size
    data = handle.read(min(size + 1, limit)) if size else b""
    if not size or len(data) > size:
        data += handle.read(limit - len(data))
    return data


def decode_text(data: bytes) -> str:
    """Decode a draft's bytes and refuse what is not text."""
    text, _encoding = decode(data)
    _check_text(text)
    return text


def read_source(path: str, max_bytes: int = MAX_BYTES) -> Source:
    data = read_bytes(path, max_bytes)
    text, encoding = decode(data)
    _check_text(text)
    return Source(path=path, text=text, encoding=encoding, newline=_detect_newline(text))


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> list[str]:
    found: list[str] = []
    # followlinks=False: a symlink loop must not hang the walk.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for name in sorted(filenames):
            if not _is_hidden(name) and name.lower().endswith(DRAFT_SUFFIXES):
                found.append(os.path.join(dirpath, name))
    return found


class PathEntry(NamedTuple):
    """One path to lint, or the reason a given path yields nothing."""

    path: str
    error: str | None = None
    # Found by walking a folder (so `exclude` applies), not named by the user.
    walked: bool = False


def expand_paths(paths: list[str]) -> list[PathEntry]:
    """Turn command-line paths into draft files; directories are walked recursively."""
    entries: list[PathEntry] = []
    seen: set[str] = set()
    for raw in paths:
        if raw != STDIN_NAME and os.path.isdir(raw):
            files = _walk(Path(raw))
            if not files:
                entries.append(PathEntry(raw, "下書きファイル（.txt / .md）が見つかりません。"))
            for name in files:
                if name not in seen:
                    seen.add(name)
                    entries.append(PathEntry(name, walked=True))
        elif raw not in seen:
            seen.add(raw)
            entries.append(PathEntry(raw))
    return entries
