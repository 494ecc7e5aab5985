"""Files kept beside snslint's own bytecode: where they go and how they are written.

Such a file holds work derived from the installation (validated rule packs, compiled
patterns, the arranged public-suffix list). Like a .pyc it lives in the package's `__pycache__` or under
PYTHONPYCACHEPREFIX, is trusted as much as the code beside it, is written only when
Python would write bytecode, and is replaced atomically so that a reader never sees
half of one. A read-only installation simply goes without.
"""

from __future__ import annotations

import os
import sys
from importlib.util import cache_from_source
from pathlib import Path

import snslint

PACKAGE = Path(snslint.__file__).resolve().parent


def path_for(name: str, suffix: str) -> Path:
    """Where the bytecode of a module called `name` would go, with `suffix` instead of .pyc."""
    return Path(cache_from_source(str(PACKAGE / f"{name}.py"))).with_suffix(suffix)


def write(path: Path, data: bytes, like: Path) -> bool:
    """Write `data` to `path` atomically, readable by whoever can read `like`.

    Returns False, having written nothing, when Python writes no bytecode or the place
    cannot be written.
    """
    if sys.dont_write_bytecode:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when a file is (re)written

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, os.stat(like).st_mode & 0o666)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True
