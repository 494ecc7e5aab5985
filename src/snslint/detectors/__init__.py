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
    # Dates and times (8(4)ク): dates.py. tests/test_guideline_corpus.py looks for date_consistency.
    "date_consistency": "snslint.detectors.dates:make_date_consistency",
    "date_validity": "snslint.detectors.dates:make_date_validity",
    "date_before_post": "snslint.detectors.dates:make_date_before_post",
    # The posting workflow in front matter (7(1), 3(3), images): workflow.py.
    "approval_record": "snslint.detectors.workflow:make_approval_record",
    "posting_account": "snslint.detectors.workflow:make_posting_account",
    "attached_image": "snslint.detectors.workflow:make_attached_image",
    # Personal and confidential data (8(4)オ) and login secrets (9(3)): personal.py.
    "phone": "snslint.detectors.personal:make_phone",
    "email": "snslint.detectors.personal:make_email",
    "my_number": "snslint.detectors.personal:make_my_number",
    "credit_card": "snslint.detectors.personal:make_credit_card",
    "bank_account": "snslint.detectors.personal:make_bank_account",
    "passport": "snslint.detectors.personal:make_passport",
    "drivers_license": "snslint.detectors.personal:make_drivers_license",
    "pension_number": "snslint.detectors.personal:make_pension_number",
    "resident_code": "snslint.detectors.personal:make_resident_code",
    "health_insurance_number": "snslint.detectors.personal:make_health_insurance_number",
    "license_plate": "snslint.detectors.personal:make_license_plate",
    "postal_code": "snslint.detectors.personal:make_postal_code",
    "address": "snslint.detectors.personal:make_address",
    "birth_date": "snslint.detectors.personal:make_birth_date",
    "health_condition": "snslint.detectors.personal:make_health_condition",
    "credential": "snslint.detectors.personal:make_credential",
    "link": "snslint.detectors.links:make_link",
    "quote": "snslint.detectors.links:make_quote",
    "no_official_link": "snslint.detectors.links:make_no_official_link",
    # Platforms (length, hashtags, mentions): platform.py; readability: readability.py.
    "platform_length": "snslint.detectors.platform:make_platform_length",
    "hashtag_limit": "snslint.detectors.platform:make_hashtag_limit",
    "mention_limit": "snslint.detectors.platform:make_mention_limit",
    "broken_hashtag": "snslint.detectors.platform:make_broken_hashtag",
    "fullwidth_hashtag": "snslint.detectors.platform:make_fullwidth_hashtag",
    "mention": "snslint.detectors.platform:make_mention",
    "machine_dependent": "snslint.detectors.readability:make_machine_dependent",
    "halfwidth_katakana": "snslint.detectors.readability:make_halfwidth_katakana",
    "trailing_space": "snslint.detectors.readability:make_trailing_space",
    "unnormalized": "snslint.detectors.readability:make_unnormalized",
    "emoji_run": "snslint.detectors.readability:make_emoji_run",
    "hashtag_case": "snslint.detectors.readability:make_hashtag_case",
    "long_sentence": "snslint.detectors.readability:make_long_sentence",
    "allow_check": "snslint.detectors.allow:make_allow_check",
}
_REGISTERED: dict[str, Factory] = {}


def register(name: str):
    """Register a detector factory under `name` (for plugins and tests)."""

    def decorate(factory: Factory) -> Factory:
        _REGISTERED[name] = factory
        return factory

    return decorate


def check_options(options: dict, allowed: dict) -> dict:
    """Validate a detector's options once, when its pack loads.

    `allowed` maps each option to its permitted values, or to None for any value.
    """
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        known = "、".join(allowed) or "なし"
        raise ValueError(f"知らないオプション「{unknown[0]}」です（使えるもの: {known}）。")
    for key, choices in allowed.items():
        if choices and key in options and options[key] not in choices:
            raise ValueError(f"options の {key} は " + "、".join(map(str, choices)) + " のいずれかです。")
    return options


class Detector:
    """A rule's detector: its name and options, and the function the factory made.

    Only the name and options are pickled with a cached rule set; the function is
    made again on first use, so a run imports only the detector modules it needs.
    """

    def __init__(self, name: str, options: dict, make: Factory, trusted: bool = False):
        self.name = name
        self.options = options
        self.trusted = trusted
        self._detect = self._make(make)  # validates the options when the pack loads
        # The suppression checks run after the other rules (engine.Engine.check).
        self.after_suppression = getattr(self._detect, "after_suppression", False)

    def _make(self, make: Factory) -> DetectFn:
        # A factory that compiles patterns from its options takes `trusted`: the shipped
        # packs' patterns need no time limit (patterns.py).
        code = getattr(make, "__code__", None)
        if code is not None and "trusted" in code.co_varnames[:code.co_argcount]:
            return make(self.options, trusted=self.trusted)
        return make(self.options)

    def __getstate__(self):
        return {"name": self.name, "options": self.options, "trusted": self.trusted,
                "after_suppression": self.after_suppression}

    def __setstate__(self, state):
        self.__dict__.update(state, _detect=None)

    def __call__(self, doc) -> Iterable[Match]:
        if self._detect is None:
            self._detect = self._make(factory(self.name))
        return self._detect(doc)


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
