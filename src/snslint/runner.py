"""Runs the linter over paths: one configuration and one compiled engine per config file."""

from __future__ import annotations

from dataclasses import dataclass

from snslint.config import Config, config_for_draft
from snslint.engine import Engine, select_rules
from snslint.errors import ConfigError
from snslint.findings import FileResult
from snslint.rules import Rule, load_rules
from snslint.sources import expand_paths


@dataclass(frozen=True)
class Options:
    """What the command line asked for; it wins over the configuration files."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    platform: str | None = None
    config: str | None = None


class Runner:
    def __init__(self, options: Options):
        self.options = options
        self._engines: dict[Config, Engine] = {}
        self._packs: dict[tuple[str, ...], list[Rule]] = {}

    def check_selectors(self) -> None:
        """Unknown --select/--ignore ids are a usage error before any draft is read."""
        config = config_for_draft("-", self.options.config) if self.options.config else Config()
        select_rules(self.rules_for(config), self.options.select, self.options.ignore)

    def rules_for(self, config: Config) -> list[Rule]:
        if config.extend_rules not in self._packs:
            self._packs[config.extend_rules] = load_rules(config.extend_rules)
        return self._packs[config.extend_rules]

    def engine_for(self, config: Config) -> Engine:
        if config not in self._engines:
            select = self.options.select or config.select
            ignore = self.options.ignore or config.ignore
            rules = select_rules(self.rules_for(config), select, ignore)
            self._engines[config] = Engine(rules, config.severity_overrides)
        return self._engines[config]

    def lint(self, path: str) -> FileResult:
        try:
            config = config_for_draft(path, self.options.config)
            engine = self.engine_for(config)
        except ConfigError as exc:
            return FileResult(path=path, error=str(exc))
        return engine.lint_path(path, platform=self.options.platform or None, config=config)

    def run(self, paths: list[str]) -> list[FileResult]:
        results = []
        for entry in expand_paths(paths):
            results.append(FileResult(path=entry.path, error=entry.error) if entry.error
                           else self.lint(entry.path))
        return results
