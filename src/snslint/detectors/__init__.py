"""Named detectors: the checks a pattern cannot express, written in Python.

A YAML rule names a detector (`detector: url_shortener`) and may pass `options:`.
A detector is a factory: it validates its options once, when the pack loads
(raising ValueError with a Japanese message), and returns a function that takes a
Document and yields Matches. Built-in detectors are imported only when a loaded
rule names them, so start-up stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, Iterable

from snslint.findings import Match

DetectFn = Callable[["object"], Iterable[Match]]
Factory = Callable[[dict], DetectFn]

# name -> "module:attribute"; filled in as each issue's detectors land.
_BUILTIN: dict[str, str] = {
    "link": "snslint.detectors.links:make_link",
    "quote": "snslint.detectors.links:make_quote",
    "no_official_link": "snslint.detectors.links:make_no_official_link",
    "allow_check": "snslint.detectors.allow:make_allow_check",
}
_REGISTERED: dict[str, Factory] = {}


def register(name: str):
    """Register a detector factory under `name` (for plugins and tests)."""

    def decorate(factory: Factory) -> Factory:
        _REGISTERED[name] = factory
        return factory

    return decorate


def names() -> list[str]:
    return sorted(set(_BUILTIN) | set(_REGISTERED))


def factory(name: str) -> Factory | None:
    if name in _REGISTERED:
        return _REGISTERED[name]
    target = _BUILTIN.get(name)
    if target is None:
        return None
    module, _sep, attribute = target.partition(":")
    return getattr(import_module(module), attribute)
