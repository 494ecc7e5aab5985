"""The shipped rule packs, validated once per installation and then kept like bytecode.

Reading, validating and tokenizing 19 packs costs about a third of a second, more than
linting a post; a pre-commit hook pays it on every commit. The loaded rules (patterns
as source text with their required literals, word lists with their lemmas, detectors
by name) are pickled next to snslint's own bytecode, in the package's `__pycache__`
or under PYTHONPYCACHEPREFIX, and written only when Python would write bytecode.

Like a .pyc, the file is trusted as much as the code beside it, and it is used only
while everything it was made from is unchanged: the packs, snslint's modules, the
tokenizer's dictionary and the Python version (sizes and modification times, as
Python checks its own bytecode). Anything else, or a file that cannot be read, means
the packs are loaded from YAML again. City packs (`extend_rules`) are never cached.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Callable

import snslint
from snslint import cachefiles

FORMAT = 3


def cache_file() -> Path:
    return cachefiles.path_for("rule-packs", ".pickle")


def fingerprint(packs: list[Path]) -> str:
    """What the cached rules depend on, by size and modification time."""
    from snslint.tokens import dictionary_file

    parts = [str(FORMAT), snslint.__version__, sys.version]
    files = [*packs, *_modules(), dictionary_file()]
    for path in files:
        try:
            status = os.stat(path)
            parts.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
        except (OSError, TypeError):
            parts.append(f"{path}\0missing")
    # Kept whole rather than hashed: comparing a few kilobytes is free, importing hashlib is not.
    return "\n".join(parts)


def _modules() -> list[str]:
    found = []
    for folder, dirs, files in os.walk(cachefiles.PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "rules")]
        found.extend(os.path.join(folder, name) for name in files if name.endswith(".py"))
    return sorted(found)


def load(packs: list[Path], build: Callable[[], object]):
    """What `build()` makes of `packs` (their rules), from the cache when it is current."""
    key = fingerprint(packs)
    path = cache_file()
    try:
        with open(path, "rb") as handle:
            stored_key, rules = pickle.load(handle)
        if stored_key == key:
            return rules
    except Exception:  # noqa: BLE001 - missing, stale or damaged: rebuild below
        pass
    rules = build()
    try:
        data = pickle.dumps((key, rules), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return rules
    cachefiles.write(path, data, like=packs[0])
    return rules
