"""Configuration: `.snslint.yaml` (or `[tool.snslint]` in pyproject.toml), found upward.

Each draft uses the nearest configuration above its folder, so one drafts repository
can hold departments with their own official accounts and contacts.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from snslint.errors import ConfigError
from snslint.findings import SEVERITIES
from snslint.yamlio import LocatedYaml, load_located

CONFIG_NAMES = (".snslint.yaml", ".snslint.yml")
DEFAULT_OFFICIAL_DOMAINS = ("city.nagasaki.lg.jp",)
PLATFORM_NAMES = ("x", "facebook", "instagram", "threads", "bluesky", "mastodon", "line")


class Config(NamedTuple):
    """One configuration file's settings (or the defaults); a key of the runner's engines."""

    path: str | None = None
    official_domains: tuple[str, ...] = DEFAULT_OFFICIAL_DOMAINS
    official_accounts: tuple[str, ...] = ()
    official_contacts: tuple[str, ...] = ()
    platform: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    extend_rules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    require_approval: bool = False

    @property
    def severity_overrides(self) -> dict[str, str]:
        return dict(self.severity)

    def excludes(self, draft_path: str) -> bool:
        """Whether an `exclude` glob (relative to the config file) matches the draft.

        Globs are fnmatch-style: `*` also crosses folders, so `archive/*` covers all below.
        """
        if not self.exclude or not self.path:
            return False
        base = Path(os.path.abspath(self.path)).parent
        try:
            relative = Path(os.path.abspath(draft_path)).relative_to(base).as_posix()
        except ValueError:
            return False
        name = relative.rsplit("/", 1)[-1]
        return any(fnmatch(relative, g.rstrip("/")) or fnmatch(relative, g.rstrip("/") + "/*")
                   or ("/" not in g and fnmatch(name, g)) for g in self.exclude)


def _strings(located: LocatedYaml, key: str, value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError("文字列のリストを指定してください。", path=located.path,
                          line=located.line(key), key=key)
    return tuple(str(v).strip() for v in value)


def _severity(located: LocatedYaml, value) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError("ルール ID と重大度の対応（マッピング）を指定してください。",
                          path=located.path, line=located.line("severity"), key="severity")
    for rule, level in value.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{rule} の重大度は error、warning、info のいずれかです。",
                              path=located.path, line=located.line("severity", rule), key="severity")
    return tuple(sorted(value.items()))


def _normalize_domain(domain: str) -> str:
    return domain.lower().strip().removeprefix("https://").removeprefix("http://").strip("/.")


def from_mapping(located: LocatedYaml, data: dict, base: Path) -> Config:
    known = set(Config._fields) - {"path"}
    values: dict = {"path": located.path}
    for key, value in data.items():
        if key not in known:
            raise ConfigError("知らないキーです。使えるキー: " + "、".join(sorted(known)),
                              path=located.path, line=located.line(key), key=key)
        if value is None:
            continue
        if key == "severity":
            values[key] = _severity(located, value)
        elif key == "require_approval":
            if not isinstance(value, bool):
                raise ConfigError("true か false を指定してください。", path=located.path,
                                  line=located.line(key), key=key)
            values[key] = value
        elif key == "platform":
            if value not in PLATFORM_NAMES:
                raise ConfigError("platform は " + "、".join(PLATFORM_NAMES) + " のいずれかです。",
                                  path=located.path, line=located.line(key), key=key)
            values[key] = value
        else:
            values[key] = _strings(located, key, value)
    if "official_domains" in values:
        values["official_domains"] = tuple(_normalize_domain(d) for d in values["official_domains"])
    if "extend_rules" in values:
        values["extend_rules"] = tuple(os.path.abspath(base / p) for p in values["extend_rules"])
    return Config(**values)


def load_config(path: Path) -> Config:
    path = Path(path)
    if path.name == "pyproject.toml":
        return _load_pyproject(path)
    located = load_located(path)
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError("設定ファイルはマッピング（キー: 値）で書いてください。", path=str(path))
    return from_mapping(located, data, path.parent)


def _load_pyproject(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"pyproject.toml を読めませんでした（{exc}）", path=str(path)) from None
    section = data.get("tool", {}).get("snslint", {})
    return from_mapping(LocatedYaml(section, {}, str(path)), section, path.parent)


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.snslint]" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


@lru_cache(maxsize=256)
def find_config_file(folder: Path) -> Path | None:
    """The nearest configuration file at or above `folder`."""
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


@lru_cache(maxsize=64)
def config_for_file(file_config: Path | None) -> Config:
    return load_config(file_config) if file_config else Config()


def config_for_draft(draft_path: str, override: str | None = None) -> Config:
    """The configuration that applies to a draft (stdin uses the working directory)."""
    if override:
        return config_for_file(Path(os.path.abspath(override)))
    # abspath, not resolve(): a draft may be a symlink loop, which gets its own error later.
    folder = os.getcwd() if draft_path == "-" else os.path.dirname(os.path.abspath(draft_path))
    return _config_of_folder(folder)


@lru_cache(maxsize=256)
def _config_of_folder(folder: str) -> Config:
    # Keyed by the folder's name: the drafts of a repository share a few folders, and a
    # Path for each draft cost a fifth of what reading it did.
    return config_for_file(find_config_file(Path(folder)))
