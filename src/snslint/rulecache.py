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

import hashlib
import os
import pickle
import sys
from importlib.util import cache_from_source
from pathlib import Path
from typing import Callable

import snslint

FORMAT = 1
PACKAGE = Path(snslint.__file__).resolve().parent


def cache_file() -> Path:
    # Where the bytecode of a module named "rule-packs" would go, as a .pickle.
    return Path(cache_from_source(str(PACKAGE / "rule-packs.py"))).with_suffix(".pickle")


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
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _modules() -> list[str]:
    found = []
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "rules")]
        found.extend(os.path.join(folder, name) for name in files if name.endswith(".py"))
    return sorted(found)


def load(packs: list[Path], build: Callable[[], list]) -> list:
    """The rules of `packs`, from the cache when it is current, else from `build()`."""
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
    if not sys.dont_write_bytecode:
        _write(path, key, rules, mode=os.stat(packs[0]).st_mode & 0o666)
    return rules


def _write(path: Path, key: str, rules: list, mode: int) -> None:
    """Write atomically; a read-only installation simply goes without the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when the cache is rebuilt

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rule-packs-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((key, rules), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temporary, mode)  # readable by whoever can read the packs, like a .pyc
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        pass
