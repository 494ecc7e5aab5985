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

The same file keeps what literals.requirement() found in the detectors' patterns (the
literals a text needs for them to match): working it out parses each pattern, 8 ms of
every run. That depends on snslint's own code as well, so it is kept only while
literals.py is unchanged.

Only snslint's own fixed patterns come here. A city's packs (compiled by the `regex`
module, see patterns.py) and anything built from a configuration or a draft do not.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array

import snslint
from snslint import cachefiles

FORMAT = 4
# A file that grows past this (patterns of many snslint versions) starts again from the
# entries the current run used.
MAX_ENTRIES = 2000

try:
    import _sre
    from re import _compiler, _parser

    _CODE_TYPE = next(kind for kind in "IL" if array(kind).itemsize == _sre.CODESIZE)
    BUILD = (FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
except (ImportError, AttributeError, StopIteration):  # another Python: compile as usual
    BUILD = None


class _Kept:
    """One kind of kept fact: what the file held, and what this process added and used.

    `packed`: each value is kept marshalled on its own and read only when asked for. A
    run uses a fifth of the patterns in the file, and reading all of them cost 2 ms.
    """

    def __init__(self, packed: bool = False):
        self.packed = packed
        self.stored: dict | None = None  # None: the file is not read yet
        self.added: dict = {}
        self.used: set = set()

    def get(self, key):
        if self.stored is None:
            _read_file()
        value = self.stored.get(key)
        if value is None:
            return None
        self.used.add(key)
        return marshal.loads(value) if self.packed else value

    def add(self, key, value) -> None:
        self.added[key] = marshal.dumps(value) if self.packed else value
        self.used.add(key)

    def merged(self, on_file: dict) -> dict:
        entries = {**on_file, **self.added}
        if len(entries) > MAX_ENTRIES:
            entries = {key: entries[key] for key in self.used if key in entries}
        return entries


_patterns = _Kept(packed=True)  # (source, flags, guard) -> what re._compiler.compile hands _sre
_requirements = _Kept()  # source -> literals.Requirement state, or () for none


def compile(source: str, flags: int = 0, *, guard: bool = False) -> re.Pattern:
    """`re.compile(source, flags)`, from the stored form when there is one.

    `guard`: behind a look-ahead for the characters a match can begin with
    (openings.py), which finds the same matches faster.
    """
    key = (source, int(flags), guard)
    stored = _patterns.get(key) if BUILD is not None else None
    if stored is not None:
        try:
            return _build(stored)
        except Exception:  # noqa: BLE001 - a damaged entry: compile it as usual below
            pass
    return _compile_and_keep(key)


def requirement(source: str):
    """literals.requirement(source), from the file when it is there."""
    from snslint.literals import Requirement, requirement as work_out

    state = _requirements.get(source) if BUILD is not None else None
    if state is not None:
        try:
            return Requirement.restored(state) if state else None
        except Exception:  # noqa: BLE001 - a damaged entry: work it out below
            pass
    found = work_out(source)
    if BUILD is not None and not sys.dont_write_bytecode:
        _requirements.add(source, found.state() if found is not None else ())
    return found


def file_path():
    return cachefiles.path_for("regex-code", ".marshal")


def save() -> bool:
    """Add what this process worked out to the file (another process may have added more)."""
    if BUILD is None or not (_patterns.added or _requirements.added):
        return False
    patterns, requirements = _read()
    data = marshal.dumps((BUILD, _patterns.merged(patterns), _analysis(), _requirements.merged(requirements)))
    written = cachefiles.write(file_path(), data, like=cachefiles.PACKAGE / "__init__.py")
    for kept in (_patterns, _requirements):
        if kept.stored is not None:
            kept.stored.update(kept.added)
        kept.added.clear()
    return written


def _analysis() -> tuple:
    # What the kept requirements also depend on: the code that works them out.
    path = os.path.join(cachefiles.PACKAGE, "literals.py")
    try:
        status = os.stat(path)
    except OSError:
        return (snslint.__version__,)
    return snslint.__version__, status.st_size, status.st_mtime_ns


def _read_file() -> None:
    _patterns.stored, _requirements.stored = _read()


def _read() -> tuple[dict, dict]:
    if BUILD is None:
        return {}, {}
    try:
        with open(file_path(), "rb") as handle:
            # load(handle) reads object by object: three times slower than loads().
            build, patterns, analysis, requirements = marshal.loads(handle.read())
    except Exception:  # noqa: BLE001 - missing or damaged: compile as usual
        return {}, {}
    if build != BUILD or not isinstance(patterns, dict) or not isinstance(requirements, dict):
        return {}, {}
    return patterns, (requirements if analysis == _analysis() else {})


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
            _patterns.add(key, stored)
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
