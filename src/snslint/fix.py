"""Safe fixes: rewrites of a draft that cannot change what it says.

Each fix belongs to the readability rule that reports the same characters, and
the rule's detector calls the fix's finder (edits.py), so a fixed draft is clean for
that rule by construction. Only the post body is touched, never the front matter,
and line breaks are never edited, so the file keeps its line endings.

- half-width katakana → full-width (ｶﾞｲﾄﾞ → ガイド; NFKC of the run)
- machine-dependent characters → plain forms: enclosed numbers and letters get
  full-width parentheses (① → （1）, ㈱ → （株）, ㊤ → （上）) because they mark list
  items and abbreviations, and a bare digit would run into the text after it
  (①会場 → 1会場); square words and units are spelt out (㍻ → 平成, ㌔ → キロ,
  ㎡ → 平方メートル, not m2, which reads as a different thing); Roman numerals
  become Latin letters (Ⅲ → III); № → No., ℡ → TEL
- trailing spaces and tabs (half- or full-width) at the end of a line
- NFC, except for CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F),
  which NFC would swap for a unified ideograph with another glyph: a person's
  or a place's name must keep the glyph it was written with

Files are written only with `--fix`, atomically (a temporary file in the same
folder, then a rename), in the encoding they were read in (a UTF-8 BOM, UTF-16
byte order and CP932 survive). An edit whose replacement the file's encoding
cannot hold is left out rather than breaking the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterator

from snslint import regexcache
from snslint.edits import (Edit, find_halfwidth_katakana, find_machine_dependent, find_trailing_spaces,
                           find_unnormalized)

# --- which finder fixes which rule ----------------------------------------------------


@dataclass(frozen=True)
class Fix:
    rule: str       # the rule that reports what this fixes
    label: str      # Japanese, for the report of changes
    find: Callable[[str], Iterator[Edit]]


# Order matters: widening katakana can leave a sound mark for NFC to compose.
FIXES = (
    Fix("readability.halfwidth-katakana", "半角カタカナ", find_halfwidth_katakana),
    Fix("readability.machine-dependent", "機種依存文字", find_machine_dependent),
    Fix("readability.trailing-space", "行末の空白", find_trailing_spaces),
    Fix("readability.unnormalized", "合成されていない文字", find_unnormalized),
)
FIX_RULES = tuple(fix.rule for fix in FIXES)


# --- applying fixes to a text --------------------------------------------------------


@dataclass(frozen=True)
class Change:
    rule: str
    label: str
    line: int        # 1-based line in the file
    before: str
    after: str


def _encodable(text: str, encoding: str | None) -> bool:
    if not encoding or not text:
        return True
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def apply_edits(text: str, edits: list[Edit]) -> str:
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces.append(text[position:edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_text(text: str, body_start: int = 0, rules=None, encoding: str | None = None
             ) -> tuple[str, list[Change]]:
    """Apply the safe fixes to text[body_start:]; the part before stays as it is.

    `rules`: the rule ids whose fixes to apply (default all). Returns the new
    text and the changes, with line numbers of the file.
    """
    from snslint.lines import LineIndex

    head, body = text[:body_start], text[body_start:]
    first_line = LineIndex(text).locate(body_start)[0]
    changes: list[Change] = []
    for fix in FIXES:
        if rules is not None and fix.rule not in rules:
            continue
        edits = [edit for edit in fix.find(body) if _encodable(edit.replacement, encoding)]
        if not edits:
            continue
        # Fixes never add or remove line breaks, so a line number holds across passes.
        lines = LineIndex(body)
        for edit in edits:
            line = first_line + lines.locate(edit.start)[0] - 1
            changes.append(Change(fix.rule, fix.label, line, body[edit.start:edit.end],
                                  edit.replacement))
        body = apply_edits(body, edits)
    return head + body, changes


# --- files ---------------------------------------------------------------------------


@dataclass
class FileFix:
    path: str
    changes: list[Change] = field(default_factory=list)
    before: str = ""
    after: str = ""
    error: str | None = None
    written: bool = False


def fix_file(path: str, rules=None, write: bool = False) -> FileFix:
    """Fix one draft; writes it only when `write` is true and something changed."""
    from snslint.errors import InputError
    from snslint.frontmatter import split_front_matter
    from snslint.sources import STDIN_NAME, read_source

    try:
        source = read_source(path)
        _meta, body_start = split_front_matter(source.text, path)
    except InputError as exc:
        return FileFix(path, error=str(exc))
    fixed, changes = fix_text(source.text, body_start, rules, _codec(source.encoding))
    result = FileFix(path, changes, source.text, fixed)
    if write and changes and path != STDIN_NAME:
        try:
            write_atomic(path, fixed, source.encoding)
        except OSError as exc:
            result.error = f"ファイルを書き込めませんでした（{exc.strerror or exc}）。元のファイルはそのままです。"
        else:
            result.written = True
    return result


def _codec(encoding: str) -> str:
    # What an edit must be encodable in; the BOM is not part of the question.
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding)


def encode(text: str, encoding: str, original: bytes = b"") -> bytes:
    """Bytes of `text` in the draft's encoding, keeping its BOM and byte order."""
    if encoding == "utf-16":
        big = original.startswith(b"\xfe\xff")
        return (b"\xfe\xff" if big else b"\xff\xfe") + text.encode("utf-16-be" if big else "utf-16-le")
    return text.encode(encoding)


def write_atomic(path: str, text: str, encoding: str) -> None:
    """Replace the file's content in one step: a reader sees the old or the new file."""
    target = os.path.realpath(path)  # write through a symlink, do not replace it
    with open(target, "rb") as handle:
        original = handle.read(4)
    data = encode(text, encoding, original)
    folder = os.path.dirname(target) or "."
    import tempfile  # only when writing: linting imports this module for its fixers

    descriptor, temporary = tempfile.mkstemp(prefix=".snslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


_LINE = regexcache.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(result: FileFix) -> str:
    # Lines end only at CR, LF and CRLF (str.splitlines also splits at U+2028 and others).
    before = _LINE.findall(result.before)
    after = _LINE.findall(result.after)
    # git-style headers; an absolute path must not become "a//tmp/…".
    name = result.path.lstrip("/")
    import difflib

    lines = difflib.unified_diff(before, after, fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


# --- the command line's --fix and --diff ---------------------------------------------


def _rules_for(path: str, runner) -> set[str] | None:
    """The fixable rules the linter runs for this draft (--select, --ignore, config)."""
    if runner is None:
        return None
    from snslint.errors import ConfigError

    try:
        return {rule.id for rule in runner.engine_for(runner.config_for(path)).rules} & set(FIX_RULES)
    except ConfigError:
        return set()  # the lint run reports the broken configuration


def _excluded(entry, runner) -> bool:
    # As when linting: files found by walking a folder honour `exclude`, named ones do not.
    if runner is None or not getattr(entry, "walked", False):
        return False
    from snslint.errors import ConfigError

    try:
        return runner.config_for(entry.path).excludes(entry.path)
    except (ConfigError, AttributeError):
        return False


def run_fixes(paths: list[str], runner=None, *, write: bool, out, err) -> int:
    """`--fix` (write=True) or `--diff` (write=False) over the paths.

    Changes are reported on `err` (stdout carries the lint report, maybe JSON);
    diffs go to `out`. Returns the exit code `--diff` ends with: 1 when a file
    would change, 2 when one could not be read or written, else 0.
    """
    from snslint.sources import STDIN_NAME, expand_paths

    changed = failed = False
    for entry in expand_paths(paths):
        if entry.error:
            failed = True
            continue  # the lint run reports it
        if _excluded(entry, runner):
            continue
        if write and entry.path == STDIN_NAME:
            err.write("標準入力は書き換えられないため、--fix の対象外です（--diff で差分を確認できます）。\n")
            continue
        result = fix_file(entry.path, _rules_for(entry.path, runner), write=write)
        if result.error:
            failed = True
            err.write(f"{entry.path}: {result.error}\n")
            if not result.changes:
                continue
        if not result.changes:
            continue
        changed = True
        if write:
            _report(result, err)
        else:
            out.write(unified_diff(result))
    if write:
        return 2 if failed else 0
    return 2 if failed else (1 if changed else 0)


def _report(result: FileFix, err) -> None:
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.label] = counts.get(change.label, 0) + 1
    summary = "、".join(f"{label} {count} か所" for label, count in counts.items())
    verb = "修正しました" if result.written else "修正できませんでした"
    err.write(f"{result.path}: {verb}（{summary}）\n")
    for change in sorted(result.changes, key=lambda change: change.line):
        if change.rule == "readability.trailing-space":
            err.write(f"  {change.line} 行目: 行末の空白 {len(change.before)} 文字を削除\n")
        else:
            err.write(f"  {change.line} 行目: 「{change.before}」→「{change.after}」（{change.label}）\n")
