"""Rule packs: YAML files of rules, validated and compiled once when they load."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from snslint import detectors, patterns, regexcache
from snslint.errors import ConfigError
from snslint.findings import SEVERITIES
from snslint.literals import LiteralIndex
from snslint.matchers import SCOPES, Context, PatternMatcher, WordEntry, WordMatcher
from snslint.textutil import unfold_japanese
from snslint.yamlio import LocatedYaml, load_located

CATEGORIES = "アイウエオカキクケコサ"
GUIDELINE_SECTIONS = frozenset(
    [f"8(4){c}" for c in CATEGORIES]
    + ["7(1)", "7(2)", "7(3)", "3(1)", "3(3)", "3(4)", "9(3)"]
)
RULE_KEYS = frozenset(
    {
        "id", "guideline", "severity", "message", "suggestion", "summary", "description",
        "kind", "examples", "words", "pattern", "detector", "options", "pos", "forms",
        "unless", "requires", "enabled",
    }
)
MATCHER_KEYS = ("words", "pattern", "detector")
KINDS = frozenset(
    {
        "phone", "email", "my_number", "postal_code", "address", "birth_date", "credit_card",
        "bank_account", "passport", "drivers_license", "pension_number", "resident_code",
        "health_insurance_number", "license_plate", "health_condition",
        "confidential_marking", "credential",
    }
)
_ID = regexcache.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$")


@dataclass
class Rule:
    id: str
    guideline: str | None
    severity: str
    message: str
    matcher: object
    examples: dict
    suggestion: str | None = None
    summary: str = ""
    description: str = ""
    kind: str | None = None
    unless: Context | None = None
    requires: Context | None = None
    enabled: bool = True
    source: str = ""
    line: int | None = None
    detector: str | None = None
    options: dict = field(default_factory=dict)

    @property
    def category(self) -> str | None:
        if self.guideline and self.guideline.startswith("8(4)"):
            return self.guideline[4:]
        return None

    def matches_selector(self, selector: str) -> bool:
        return self.id == selector or self.id.startswith(selector + ".")


class _RuleReader:
    """Reads one rule mapping; every error names the file, line, rule id and key."""

    def __init__(self, located: LocatedYaml, index, raw: dict, contexts=None, section="rules"):
        self.located = located
        self.index = index
        self.raw = raw
        self.section = section
        self.contexts = contexts or {}
        self.rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None

    def fail(self, key: str | None, message: str):
        line = self.located.line(self.section, self.index, *((key,) if key else ()))
        label = self.rule_id or (f"#{self.index + 1}" if isinstance(self.index, int) else None)
        raise ConfigError(message, path=self.located.path, line=line, rule=label,
                          key=key if self.section == "rules" else f"contexts.{self.index}")

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.raw_text(key, required)
        return unfold_japanese(value) if value else value

    def raw_text(self, key: str, required: bool = True) -> str | None:
        value = self.raw.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "空でない文字列を指定してください。")
        return value.strip()

    def strings(self, key: str, value=None) -> list[str]:
        value = self.raw.get(key) if value is None else value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "文字列のリストを指定してください。")
        return value

    def regex(self, key: str, source: str, gate: bool = True):
        try:
            return patterns.Regex(source, trusted=self.located.trusted, gate=gate)
        except patterns.PatternError as exc:
            self.fail(key, f"正規表現として正しくありません（{exc}）: {source}")

    def read(self) -> Rule:
        unknown = sorted(set(self.raw) - RULE_KEYS)
        if unknown:
            self.fail(unknown[0], "知らないキーです。使えるキー: " + "、".join(sorted(RULE_KEYS)))
        rule_id = self.raw_text("id")
        if not _ID.match(rule_id):
            self.fail("id", "ルール ID は小文字英数字をドットでつないだ形にしてください（例: links.shortener）。")
        return Rule(
            id=rule_id,
            guideline=self.guideline(),
            severity=self.severity(),
            message=self.text("message"),
            suggestion=self.text("suggestion", required=False),
            summary=self.text("summary", required=False) or _first_sentence(self.raw["message"]),
            description=self.text("description", required=False) or "",
            kind=self.kind(),
            matcher=self.matcher(),
            examples=self.examples(),
            unless=self.context("unless"),
            requires=self.context("requires"),
            enabled=self.flag("enabled", True),
            source=self.located.path,
            line=self.located.line("rules", self.index),
            detector=self.raw.get("detector"),
            options=self.raw.get("options") or {},
        )

    def guideline(self) -> str | None:
        if "guideline" not in self.raw:
            self.fail("guideline", "guideline キーは必須です（対象外なら null）。")
        value = self.raw["guideline"]
        if value is not None and value not in GUIDELINE_SECTIONS:
            self.fail("guideline", "ガイドラインの節は次のいずれかで書いてください: "
                      + "、".join(sorted(GUIDELINE_SECTIONS)) + "、または null")
        return value

    def severity(self) -> str:
        value = self.raw.get("severity")
        if value not in SEVERITIES:
            self.fail("severity", "severity は error、warning、info のいずれかです。")
        return value

    def kind(self) -> str | None:
        value = self.raw.get("kind")
        if value is not None and value not in KINDS:
            self.fail("kind", "kind は次のいずれかです: " + "、".join(sorted(KINDS)))
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, "true か false を指定してください。")
        return value

    def matcher(self):
        present = [key for key in self.raw if key in MATCHER_KEYS]
        if len(present) != 1:
            self.fail(present[1] if present else None,
                      "words、pattern、detector のうちちょうど一つを指定してください。")
        key = present[0]
        if key != "detector" and "options" in self.raw:
            self.fail("options", "options は detector と一緒にだけ使えます。")
        if key != "words" and ("pos" in self.raw or "forms" in self.raw):
            self.fail("pos" if "pos" in self.raw else "forms", "pos と forms は words と一緒にだけ使えます。")
        return getattr(self, "_" + key)()

    def _words(self) -> WordMatcher:
        pos = tuple(self.strings("pos")) if "pos" in self.raw else ()
        forms = tuple(self.strings("forms")) if "forms" in self.raw else ()
        return WordMatcher(self.word_entries("words", self.raw["words"], pos, forms))

    def word_entries(self, key, value, pos=(), forms=()) -> list[WordEntry]:
        if not isinstance(value, list) or not value:
            self.fail(key, "語のリストを指定してください。")
        entries = []
        for item in value:
            if isinstance(item, str) and item.strip():
                entries.append(WordEntry(item.strip(), pos, forms))
            elif isinstance(item, dict) and (isinstance(item.get("word"), str) or "pos" in item):
                extra = set(item) - {"word", "pos", "forms"}
                if extra:
                    self.fail(key, f"語の指定に知らないキー「{sorted(extra)[0]}」があります（word、pos、forms が使えます）。")
                if not item.get("word") and "pos" not in item:
                    self.fail(key, "word か pos を指定してください。")
                entries.append(WordEntry(
                    item.get("word") or "",
                    tuple(self.strings(key, item["pos"])) if "pos" in item else pos,
                    tuple(self.strings(key, item["forms"])) if "forms" in item else forms,
                ))
            else:
                self.fail(key, f"語は文字列か {{word: …}}、{{pos: …}} で書いてください: {item!r}")
        return entries

    def _pattern(self) -> PatternMatcher:
        return PatternMatcher(self.regex("pattern", self.raw_text("pattern")))

    def _detector(self):
        name = self.raw_text("detector")
        make = detectors.factory(name)
        if make is None:
            self.fail("detector", f"検出器「{name}」はありません。使える検出器: "
                      + ("、".join(detectors.names()) or "なし"))
        options = self.raw.get("options") or {}
        if not isinstance(options, dict):
            self.fail("options", "options はマッピングで指定してください。")
        try:
            return detectors.Detector(name, options, make, trusted=self.located.trusted)
        except ValueError as exc:
            self.fail("options", str(exc))

    def context(self, key: str) -> Context | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            # A context named in the pack's `contexts:`, shared by several rules.
            return self.named_context(key, value)
        if isinstance(value, list):
            value = {"patterns": value}
        if not isinstance(value, dict):
            self.fail(key, "words・patterns・scope・window を持つマッピングか、正規表現のリストを指定してください。")
        extra = set(value) - {"use", "words", "patterns", "scope", "window"}
        if extra:
            self.fail(key, f"知らないキー「{sorted(extra)[0]}」があります（use、words、patterns、scope、window が使えます）。")
        # `use: name` starts from a named context; this rule may widen it and set its own scope.
        base = self.named_context(key, value["use"]) if "use" in value else None
        scope = value.get("scope", base.scope if base else "sentence")
        if scope not in SCOPES:
            self.fail(key, "scope は " + "、".join(SCOPES) + " のいずれかです。")
        window = value.get("window", base.window if base else 20)
        if not isinstance(window, int) or isinstance(window, bool) or window < 0:
            self.fail(key, "window は 0 以上の整数です。")
        entries = list(base.words.entries) if base and base.words else []
        if "words" in value:
            entries += self.word_entries(key, value["words"])
        patterns = list(base.patterns) if base else []
        if value.get("patterns"):
            patterns += [self.regex(key, p, gate=False) for p in self.strings(key, value["patterns"])]
        if not entries and not patterns:
            self.fail(key, "words か patterns を指定してください。")
        return Context(WordMatcher(entries) if entries else None, patterns, scope, window)

    def named_context(self, key: str, name) -> Context:
        if not isinstance(name, str) or name not in self.contexts:
            self.fail(key, f"contexts に「{name}」がありません。使える名前: "
                      + ("、".join(sorted(self.contexts)) or "なし"))
        return self.contexts[name]

    def examples(self) -> dict:
        value = self.raw.get("examples")
        if not isinstance(value, dict) or set(value) - {"bad", "good"}:
            self.fail("examples", "examples は bad と good のリストを持つマッピングです。")
        result = {}
        for side in ("bad", "good"):
            items = value.get(side)
            if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
                self.fail("examples", f"examples.{side} に例文を 1 つ以上書いてください。")
            result[side] = items
        return result


def _first_sentence(message: str) -> str:
    head = message.strip().split("。")[0]
    return head + "。" if head != message.strip() else head


def load_pack(path, trusted: bool = False) -> list[Rule]:
    """Load and validate one rule pack file; `trusted` only for the packs we ship."""
    located = load_located(path)
    located.trusted = trusted
    data = located.data
    if not isinstance(data, dict) or "rules" not in data:
        raise ConfigError("ルールパックは rules: のリストを持つマッピングにしてください。", path=str(path))
    unknown = sorted(set(data) - {"rules", "description", "contexts"})
    if unknown:
        raise ConfigError("知らないキーです（rules、description、contexts が使えます）。",
                          path=str(path), line=located.line(unknown[0]), key=unknown[0])
    contexts = _named_contexts(located, data.get("contexts") or {})
    if not isinstance(data["rules"], list):
        raise ConfigError("rules はリストにしてください。", path=str(path),
                          line=located.line("rules"), key="rules")
    rules = []
    for index, raw in enumerate(data["rules"]):
        if not isinstance(raw, dict):
            raise ConfigError("ルールはマッピングで書いてください。", path=str(path),
                              line=located.line("rules", index))
        rules.append(_RuleReader(located, index, raw, contexts).read())
    return rules


def _named_contexts(located: LocatedYaml, raw) -> dict[str, Context]:
    """A pack's `contexts:`: named unless/requires specs that rules refer to by name."""
    if not isinstance(raw, dict):
        raise ConfigError("contexts は 名前: {words/patterns/scope/window} のマッピングです。",
                          path=located.path, line=located.line("contexts"), key="contexts")
    return {name: _RuleReader(located, name, {"spec": spec}, section="contexts").context("spec")
            for name, spec in raw.items()}


def builtin_rules_dir() -> Path:
    """The shipped rule packs: inside the wheel, or the repository's rules/ in a checkout."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def load_rules(extra_packs=()) -> list[Rule]:
    """Load the shipped packs (cached, see rulecache.py) and any extra ones; ids must be unique."""
    from snslint import rulecache

    folder = builtin_rules_dir()
    # A listing, not glob(): glob compiles a pattern for the name on every run.
    builtin = sorted(folder / name for name in os.listdir(folder) if name.endswith(".yaml"))
    if not builtin:
        raise ConfigError("ルールパックが見つかりません。snslint を入れ直してください。",
                          path=str(builtin_rules_dir()))
    shipped, index = rulecache.load(builtin, lambda: _shipped_rules(builtin))
    extra = _load_packs([Path(p) for p in extra_packs], trusted=False, known=shipped)
    rules = RuleList(shipped + extra)
    rules.literal_index = None if extra else index
    return rules


class RuleList(list):
    """Loaded rules, with the literal index of the shipped packs when they are all there is.

    Building that index (engine.py) took 3 ms of every run, so it is kept with the rules
    in the rule cache. It serves any selection of them: literals of rules left out are
    simply never asked about.
    """

    literal_index = None


def _shipped_rules(packs: list[Path]) -> tuple[list[Rule], LiteralIndex]:
    rules = _load_packs(packs, trusted=True)
    return rules, LiteralIndex.of_rules(rules)


def _load_packs(paths: list[Path], trusted: bool, known=()) -> list[Rule]:
    seen: dict[str, Rule] = {rule.id: rule for rule in known}
    rules: list[Rule] = []
    for path in paths:
        for rule in load_pack(path, trusted=trusted):
            if rule.id in seen:
                raise ConfigError(f"ルール ID が重複しています（{seen[rule.id].source} にもあります）。",
                                  path=str(path), line=rule.line, rule=rule.id, key="id")
            seen[rule.id] = rule
            rules.append(rule)
    return rules
