"""A cache of lint results in `.snslint_cache/`, keyed on everything a result depends on.

The key covers the draft's bytes and path, snslint's version, the rule packs and data
files (by content), the configuration and the command-line options. Drafts that list
images are not cached: their result also depends on the image files.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from snslint import __version__
from snslint.findings import FileResult, Finding

CACHE_DIR = ".snslint_cache"
_FILE = "results-v1.json"
# Beyond this many entries, only the ones this run used are kept.
MAX_ENTRIES = 20_000


@lru_cache(maxsize=8)
def _packs_fingerprint(paths: tuple[str, ...]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in paths:
        digest.update(path.encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def _pack_files(rules) -> tuple[str, ...]:
    from snslint.rules import builtin_rules_dir

    builtin = builtin_rules_dir()
    files = {str(p) for p in builtin.rglob("*") if p.is_file()}
    files |= {rule.source for rule in rules if rule.source}
    return tuple(sorted(files))


class ResultCache:
    def __init__(self, folder: Path, entries: dict):
        self.folder = folder
        self.entries = entries
        self.touched: set[str] = set()
        self.dirty = False

    @classmethod
    def open(cls, folder: str = CACHE_DIR) -> "ResultCache":
        path = Path(folder)
        try:
            entries = json.loads((path / _FILE).read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries)

    @staticmethod
    def context(config, options, rules) -> str:
        """What every result of one engine depends on besides the draft: computed once."""
        # Today's date: a year-less date in a draft without post_at is read against it.
        parts = (date.today().isoformat(), repr(config), repr(options._replace(jobs=1)),
                 ",".join(rule.id for rule in rules), _packs_fingerprint(_pack_files(rules)))
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    @staticmethod
    def key(path: str, data: bytes, context: str) -> str | None:
        if b"images:" in data:
            return None
        digest = hashlib.sha256(context.encode())
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str, path: str) -> FileResult | None:
        stored = self.entries.get(key)
        if stored is None:
            return None
        self.touched.add(key)
        findings = [Finding(**f) for f in stored["findings"]]
        return FileResult(path=path, findings=findings, error=stored["error"], text=stored["text"])

    def put(self, key: str, result: FileResult) -> None:
        self.entries[key] = {"error": result.error, "text": result.text,
                             "findings": [f.to_dict() for f in result.findings]}
        self.touched.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is simply not kept."""
        if not self.dirty:
            return
        if len(self.entries) > MAX_ENTRIES:
            self.entries = {k: v for k, v in self.entries.items() if k in self.touched}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by snslint.\n*\n", encoding="utf-8")
            import tempfile  # only when saving, not on a run that finds every result cached

            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(self.entries, stream, ensure_ascii=False)
            os.replace(temp, self.folder / _FILE)
        except OSError:
            pass
