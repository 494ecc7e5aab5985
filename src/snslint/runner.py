"""Runs the linter over paths: one configuration and one compiled engine per config file.

Large drafts repositories are linted in parallel (`--jobs`) and through a cache keyed on
the draft's bytes, the rule packs and the configuration, so that re-running CI on an
unchanged repository is near-instant. Output order never depends on either.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import NamedTuple

from snslint import regexcache
from snslint.config import Config, config_for_draft
from snslint.document import Document
from snslint.engine import Engine, result_of, select_rules
from snslint.errors import ConfigError, InputError
from snslint.findings import FileResult
from snslint.rules import Rule, load_rules
from snslint.sources import STDIN_NAME, expand_paths, read_bytes

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64
# Drafts read and tokenized before any of them is checked (see Engine.check_many): on
# 2 cores, 1,000 drafts took 1.57 s in batches of 16, 1.38–1.41 s in batches of 64 to
# 1,000 (best of 8 runs each). A batch of drafts with their tokens takes a few MiB.
BATCH = 128
# A draft's tokens take about 75 bytes a character: a batch of a few large drafts stops
# here, so that it holds little more than the largest draft alone (1 MB: about 80 MiB).
BATCH_CHARACTERS = 200_000


class Options(NamedTuple):
    """What the command line asked for; it wins over the configuration files."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    platform: str | None = None
    config: str | None = None
    require_approval: bool | None = None
    jobs: int = 1
    cache: bool = False


class Runner:
    def __init__(self, options: Options):
        self.options = options
        self._engines: dict[Config, Engine] = {}
        self._packs: dict[tuple[str, ...], list[Rule]] = {}
        self._cache = _open_cache() if options.cache else None
        self._contexts: dict[Config, str] = {}

    def check_selectors(self) -> None:
        """Unknown --select/--ignore ids are a usage error before any draft is read."""
        config = config_for_draft(STDIN_NAME, self.options.config) if self.options.config else Config()
        select_rules(self.rules_for(config), self.options.select, self.options.ignore)

    def rules_for(self, config: Config) -> list[Rule]:
        if config.extend_rules not in self._packs:
            self._packs[config.extend_rules] = load_rules(config.extend_rules)
        return self._packs[config.extend_rules]

    def reported_rules(self) -> list[Rule]:
        """Every rule any draft was checked with (for SARIF's rule descriptions)."""
        seen: dict[str, Rule] = {}
        for engine in self._engines.values():
            seen.update((rule.id, rule) for rule in engine.rules)
        if not seen:
            seen.update((rule.id, rule) for rule in self.engine_for(Config()).rules)
        return list(seen.values())

    def _excluded(self, entry) -> bool:
        # Like ruff: files named on the command line are linted even when excluded.
        if not entry.walked or entry.error:
            return False
        try:
            return self.config_for(entry.path).excludes(entry.path)
        except ConfigError:
            return False

    def config_for(self, path: str) -> Config:
        config = config_for_draft(path, self.options.config)
        if self.options.require_approval is not None:
            config = config._replace(require_approval=self.options.require_approval)
        return config

    def engine_for(self, config: Config) -> Engine:
        if config not in self._engines:
            select = self.options.select or config.select
            ignore = self.options.ignore or config.ignore
            loaded = self.rules_for(config)
            rules = select_rules(loaded, select, ignore)
            self._engines[config] = Engine(rules, config.severity_overrides,
                                           literal_index=getattr(loaded, "literal_index", None))
            # The rules live as long as the run: keep the garbage collector from walking
            # them again at every collection (and, after a fork, from touching their pages).
            gc.freeze()
        return self._engines[config]

    def lint(self, path: str) -> FileResult:
        return self.lint_batch([path])[0]

    def lint_batch(self, paths: list[str]) -> list[FileResult]:
        """Lint drafts a few at a time: all are read and tokenized, then all are checked."""
        results: list[FileResult] = []
        position = 0
        while position < len(paths):
            with _collector_paused():
                prepared: list = []
                characters = 0
                # A batch ends at BATCH drafts or BATCH_CHARACTERS: large drafts go
                # (almost) alone, so a batch never holds much more than one of them.
                while position < len(paths) and len(prepared) < BATCH and characters < BATCH_CHARACTERS:
                    prepared.append(self._prepare(paths[position]))
                    position += 1
                    document = prepared[-1][2]
                    characters += len(document.original) if isinstance(document, Document) else 0
                results += self._lint_prepared(prepared)
                # Dropped before the collection that ends the batch, which would
                # otherwise walk every token of the batch (5 % of a run).
                del prepared, document
        return results

    def _prepare(self, path: str):
        """(engine, cache key, Document) of a draft to check, or (None, None, its result)."""
        try:
            config = self.config_for(path)
            engine = self.engine_for(config)
            data = read_bytes(path)
        except (ConfigError, InputError) as exc:
            return None, None, FileResult(path=path, error=str(exc))
        key = self._key(path, data, config, engine)
        cached = self._cache.get(key, path) if key else None
        if cached is not None:
            return None, None, cached
        try:
            return engine, key, engine.prepare(data, path, platform=self.options.platform, config=config)
        except Exception as exc:  # noqa: BLE001 - one broken draft must not stop the others
            return None, None, _internal_error(path, exc)

    def _lint_prepared(self, prepared: list) -> list[FileResult]:
        # Drafts of one batch may sit under different configurations, hence engines.
        docs_of: dict[Engine, list[Document]] = {}
        for engine, _key, item in prepared:
            if isinstance(item, Document):
                docs_of.setdefault(engine, []).append(item)
        outcomes = {}
        for engine, docs in docs_of.items():
            outcomes.update(zip(map(id, docs), engine.check_many(docs)))
        results = []
        for _engine, key, item in prepared:
            if isinstance(item, Document):
                outcome = outcomes[id(item)]
                if isinstance(outcome, Exception) and not isinstance(outcome, InputError):
                    results.append(_internal_error(item.path, outcome))  # a bug: not cached
                    continue
                item = result_of(item, outcome)
            if key:
                self._cache.put(key, item)
            results.append(item)
        return results

    def _key(self, path: str, data: bytes, config: Config, engine: Engine) -> str | None:
        if self._cache is None or path == STDIN_NAME:
            return None
        if config not in self._contexts:
            self._contexts[config] = self._cache.context(config, self.options, engine.rules)
        return self._cache.key(path, data, self._contexts[config])

    def cache_key(self, path: str) -> str | None:
        """The cache key of a draft, or None when it is not cached (no cache, unreadable)."""
        if self._cache is None:
            return None
        try:
            config = self.config_for(path)
            return self._key(path, read_bytes(path), config, self.engine_for(config))
        except (ConfigError, InputError):
            return None

    def run(self, paths: list[str]) -> list[FileResult]:
        entries = [e for e in expand_paths(paths) if not self._excluded(e)]
        todo = [entry.path for entry in entries if not entry.error]
        if self.options.jobs > 1 and len(todo) >= PARALLEL_THRESHOLD:
            done = dict(zip(todo, _lint_parallel(self, todo)))
        else:
            done = dict(zip(todo, self.lint_batch(todo)))
        if self._cache is not None:
            self._cache.save()
        regexcache.save()
        return [FileResult(path=e.path, error=e.error) if e.error else done[e.path] for e in entries]


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector for one batch, and collect the young objects after it.

    Linting a draft makes no reference cycles (none were left after the 1,000 drafts of
    the benchmark), yet the collector, triggered by allocations, walked the batch's
    tens of thousands of live tokens again and again: 10 % of the time. Whatever a
    batch leaves cyclic (an exception's traceback) is collected right after it, also
    when the caller keeps automatic collection off (the command line does).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


def _open_cache():
    # Imported only with the cache on: --no-cache runs (and the hook's) skip hashing and JSON.
    from snslint.cache import ResultCache

    return ResultCache.open()


def _internal_error(path: str, exc: Exception) -> FileResult:
    if os.environ.get("SNSLINT_DEBUG"):
        raise exc
    return FileResult(path=path, error=f"snslint の内部エラーで検査できませんでした（{type(exc).__name__}: {exc}）。"
                                       "開発者にお知らせください。")


# The runner a forked worker lints with: the parent's, inherited with its loaded rules,
# engines and compiled patterns rather than loaded again in every worker.
_WORKER: Runner | None = None


def _init_worker() -> None:
    # Workers never write the cache: the parent saves what they computed.
    _WORKER._cache = None


def _lint_in_worker(paths: list[str]) -> list[FileResult]:
    results = _WORKER.lint_batch(paths)
    regexcache.save()  # patterns that only a worker's drafts needed
    return results


def _lint_parallel(runner: Runner, paths: list[str]) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(paths)
    # Keys are computed once here; workers only lint, and the parent stores what they return.
    keys = [runner.cache_key(path) for path in paths]
    cache = runner._cache
    misses = []
    for index, (path, key) in enumerate(zip(paths, keys)):
        results[index] = cache.get(key, path) if key else None
        if results[index] is None:
            misses.append(index)
    if misses:
        _lint_misses(runner, paths, misses, keys, results)
    return results


def _lint_misses(runner: Runner, paths, misses, keys, results) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    # The first draft is linted here: the engine, the tokenizer, the detectors and the
    # patterns a draft needs are then made once and shared with every worker by fork.
    def store(index: int, result: FileResult) -> None:
        results[index] = result
        if keys[index] and result.error is None:
            runner._cache.put(keys[index], result)

    first, misses = misses[0], misses[1:]
    store(first, runner.lint(paths[first]))
    regexcache.save()  # before the fork, so that workers do not write the same patterns again
    context = multiprocessing.get_context("fork")
    # Every worker gets several batches, so that none sits idle long while the last runs.
    size = max(1, min(BATCH, -(-len(misses) // (runner.options.jobs * 8))))
    batches = [misses[i:i + size] for i in range(0, len(misses), size)]
    _WORKER = runner
    try:
        with ProcessPoolExecutor(runner.options.jobs, mp_context=context, initializer=_init_worker) as pool:
            done = pool.map(_lint_in_worker, [[paths[i] for i in batch] for batch in batches])
            for batch, batch_results in zip(batches, done):
                for index, result in zip(batch, batch_results):
                    store(index, result)
    finally:
        _WORKER = None
