"""What a run keeps beside snslint's bytecode: written on the first run, only read after."""

from __future__ import annotations

import marshal
import re

from conftest import run_cli

from snslint import regexcache
from snslint.openings import guarded

KEPT = ("rule-packs", "regex-code", "suffix-list")
DRAFT = ("【部外秘】11月3日(火)に説明会。問合せ 095-825-5151 https://bit.ly/x #長崎\n"
         "令和8年11月25日（水）10時から、○○さんの住所は長崎市桜町2-22です。\n")


def test_the_command_writes_its_files_where_python_puts_bytecode_and_then_reads_them(tmp_path):
    prefix = tmp_path / "pycache"
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    # An empty PYTHONDONTWRITEBYTECODE counts as unset: bytecode (and these files) are written.
    env = {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": ""}
    first = run_cli("--no-cache", "--format", "json", draft, cwd=tmp_path, env=env)
    written = {name: list(prefix.rglob(f"{name}.*")) for name in KEPT}
    assert {name: len(found) for name, found in written.items()} == dict.fromkeys(KEPT, 1)
    stamps = {name: found[0].stat().st_mtime_ns for name, found in written.items()}
    second = run_cli("--no-cache", "--format", "json", draft, cwd=tmp_path, env=env)
    assert {name: found[0].stat().st_mtime_ns for name, found in written.items()} == stamps  # read only
    assert first.returncode == second.returncode == 1 and first.stdout == second.stdout
    assert b"confidential.marking" in second.stdout and b"links.shortener" in second.stdout

    # A new process compiled every pack's pattern and the detectors' it needed: each kept
    # pattern must be exactly what re builds.
    _, table, _, requirements = marshal.loads(written["regex-code"][0].read_bytes())
    assert requirements  # the detectors' required literals
    assert len(table) > 200 and any(guard for _source, _flags, guard in table)
    for (source, flags, guard), stored in table.items():
        expected = re.compile(guarded(source) if guard else source, flags)
        assert regexcache._build(marshal.loads(stored)) == expected, source[:60]
