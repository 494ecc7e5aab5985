"""What a plain run must not load: start-up cost is behaviour, so it is tested (not timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
from snslint import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("rich", "regex", "emoji", "phonenumbers", "tldextract", "snslint.cache", "snslint.fix", "difflib",
         "tempfile", "yaml")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _loaded(tmp_path, text: str, *args: str, config: bool = True, env=None) -> list[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    if config:
        (tmp_path / ".snslint.yaml").write_text('official_contacts: ["095-825-5151"]\n', encoding="utf-8")
    completed = subprocess.run([sys.executable, "-c", PROBE, "--no-cache", *args, str(draft)],
                               capture_output=True, text=True, cwd=tmp_path, timeout=120,
                               env={**os.environ, **(env or {})})
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_a_plain_draft_piped_loads_none_of_the_optional_heavy_modules(tmp_path):
    # No colour (a pipe), no emoji, no URL, no hashtag, only the city's own number. Dates
    # and times move to regex only after a few drafts (patterns.REGEX_AFTER).
    text = "【お知らせ】12月6日（土）に市民会館で防災講座を開きます。\nお問い合わせは防災課（095-825-5151）へ。\n"
    assert _loaded(tmp_path, text) == ["yaml"]  # yaml: the configuration file


def test_each_module_is_loaded_when_a_draft_needs_it(tmp_path):
    text = "詳しくは https://example.com/x を見てね😀 #長崎 090-1234-5678 山田さんまで\n"
    loaded = _loaded(tmp_path, text)
    assert {"regex", "emoji", "phonenumbers"} <= set(loaded)
    assert "tldextract" not in loaded  # its bundled list is read directly (snslint.suffixes)
    assert "rich" not in loaded  # still a pipe


def test_fixing_code_is_loaded_only_to_fix(tmp_path):
    text = "ｶﾞｲﾄﾞﾌﾞｯｸを配布します①\n"  # what the fixes repair is only reported by a lint
    assert "snslint.fix" not in _loaded(tmp_path, text)
    assert "snslint.fix" in _loaded(tmp_path, text, "--diff")


def test_no_yaml_without_front_matter_or_configuration(tmp_path):
    # With the shipped packs in the rule cache (written on the first run, beside the
    # bytecode), a draft without front matter and no configuration file reads no YAML.
    folder = tmp_path / "drafts"
    folder.mkdir()
    env = {"PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"), "PYTHONDONTWRITEBYTECODE": ""}
    text = "【お知らせ】12月6日（土）に市民会館で防災講座を開きます。\n"
    _loaded(folder, text, config=False, env=env)
    assert "yaml" not in _loaded(folder, text, config=False, env=env)
    assert "yaml" in _loaded(folder, "---\nplatform: x\n---\n" + text, config=False, env=env)
