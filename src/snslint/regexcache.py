"""snslint's own regular expressions, compiled once per installation and then kept like bytecode.

`re` compiles a pattern in Python, and snslint's patterns (its detectors' and the shipped
packs', about 200, many with large classes of kana and kanji) took about 35 ms of a
one-draft run and 70 ms of a 1,000-draft one: a third of what a pre-commit hook may
spend. Python keeps no compiled patterns between runs, so this module keeps what `re`
builds for each (the matcher's code and the group names) in a file beside snslint's
bytecode (cachefiles.py) and later hands it to the constructor `re.compile` itself ends
in, which checks the code before accepting it.

What is kept is exactly what `re` built: a pattern is stored only when the pattern made
from the stored form equals `re.compile`'s (patterns compare by flags, source and code).
A guarded pattern (openings.py) is kept with its look-ahead, so a run that finds it
here does not analyse the pattern again.
The file depends only on the Python build, whose version and matcher it names; a file of
another build, or one that cannot be read, is ignored. The code generator and the
constructor are private parts of CPython's `re`: where they are missing or differ,
patterns are compiled by `re.compile` as before, only slower.

Only snslint's own fixed patterns come here. A city's packs (compiled by the `regex`
module, see patterns.py) and anything built from a configuration or a draft do not.
"""

from __future__ import annotations

import marshal
import re
import sys
from array import array

from snslint import cachefiles

FORMAT = 2
# A file that grows past this (patterns of many snslint versions) starts again from the
# patterns the current run used.
MAX_ENTRIES = 2000

try:
    import _sre
    from re import _compiler, _parser

    _CODE_TYPE = next(kind for kind in "IL" if array(kind).itemsize == _sre.CODESIZE)
    BUILD = (FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
except (ImportError, AttributeError, StopIteration):  # another Python: compile as usual
    BUILD = None

_stored: dict | None = None  # (source, flags, guard) -> stored form, as read from the file
_added: dict = {}  # what this process compiled that the file lacks
_used: set = set()


def compile(source: str, flags: int = 0, *, guard: bool = False) -> re.Pattern:
    """`re.compile(source, flags)`, from the stored form when there is one.

    `guard`: behind a look-ahead for the characters a match can begin with
    (openings.py), which finds the same matches faster.
    """
    key = (source, int(flags), guard)
    stored = _table().get(key)
    if stored is not None:
        try:
            pattern = _build(stored)
            _used.add(key)
            return pattern
        except Exception:  # noqa: BLE001 - a damaged entry: compile it as usual below
            pass
    return _compile_and_keep(key)


def file_path():
    return cachefiles.path_for("regex-code", ".marshal")


def save() -> bool:
    """Add the patterns this process compiled to the file (another process may have added others)."""
    if not _added or BUILD is None:
        return False
    table = {**_read(), **_added}
    if len(table) > MAX_ENTRIES:
        table = {key: table[key] for key in _used | _added.keys()}
    written = cachefiles.write(file_path(), marshal.dumps((BUILD, table)), like=cachefiles.PACKAGE / "__init__.py")
    _table().update(_added)
    _added.clear()
    return written


def _table() -> dict:
    global _stored
    if _stored is None:
        _stored = _read()
    return _stored


def _read() -> dict:
    if BUILD is None:
        return {}
    try:
        with open(file_path(), "rb") as handle:
            build, table = marshal.loads(handle.read())  # load(handle) reads object by object: 3x slower
    except Exception:  # noqa: BLE001 - missing or damaged: compile as usual
        return {}
    return table if build == BUILD and isinstance(table, dict) else {}


def _build(stored: tuple) -> re.Pattern:
    source, flags, code, groups, groupindex, indexgroup = stored
    return _sre.compile(source, flags, array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)


def _compile_and_keep(key: tuple[str, int, bool]) -> re.Pattern:
    source, flags, guard = key
    pattern = _compile_guarded(source, flags) if guard else re.compile(source, flags)
    if BUILD is None or sys.dont_write_bytecode:
        return pattern
    try:
        stored = _stored_form(pattern.pattern, flags)
        if _build(stored) == pattern:
            _added[key] = stored
            _used.add(key)
    except Exception:  # noqa: BLE001 - the private parts differ here: go without storing
        pass
    return pattern


def _compile_guarded(source: str, flags: int) -> re.Pattern:
    from snslint.openings import guarded

    try:
        return re.compile(guarded(source), flags)
    except re.error:  # a construct the look-ahead does not fit: the pattern as written
        return re.compile(source, flags)


def _stored_form(source: str, flags: int) -> tuple:
    # What re._compiler.compile passes to the constructor, with the code as bytes.
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (source, flags | parsed.state.flags, array(_CODE_TYPE, code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))
