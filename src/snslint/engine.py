"""The engine: runs the selected rules over a Document and locates their findings."""

from __future__ import annotations

from snslint import suppressions
from snslint.document import Document
from snslint.errors import ConfigError, InputError
from snslint.findings import SEVERITY_RANK, FileResult, Finding, Match
from snslint.frontmatter import split_front_matter
from snslint.literals import LiteralIndex
from snslint.patterns import MATCH_TIMEOUT, PatternTimeout
from snslint.rules import Rule
from snslint.sources import decode_text


class _Placeholders(dict):
    # A message may name a placeholder a match did not fill; show it rather than crash.
    def __missing__(self, key):
        return "{" + key + "}"


def select_rules(rules: list[Rule], select=(), ignore=()) -> list[Rule]:
    """Rules enabled by default or selected by id prefix, minus the ignored ones."""
    for selector in (*select, *ignore):
        if not any(rule.matches_selector(selector) for rule in rules):
            raise ConfigError(f"ルール「{selector}」はありません。`snslint rules` で一覧を確認してください。")
    return [
        rule for rule in rules
        if _selected(rule, select) and not any(rule.matches_selector(s) for s in ignore)
    ]


def _selected(rule: Rule, select) -> bool:
    # A rule that is off by default runs only when selected by its full id.
    if not select:
        return rule.enabled
    if rule.id in select:
        return True
    return rule.enabled and any(rule.matches_selector(s) for s in select)


class Engine:
    def __init__(self, rules: list[Rule], severity_overrides: dict | None = None,
                 literal_index: LiteralIndex | None = None):
        """`literal_index`: one built for these rules or more (rules.RuleList), to reuse."""
        self.rules = rules
        self.severity = severity_overrides or {}
        # Checks of the suppressions themselves run once the others' findings are known.
        self._first = [rule for rule in rules if not _after_suppression(rule)]
        self._last = [rule for rule in rules if _after_suppression(rule)]
        self._literals = literal_index or LiteralIndex.of_rules(rules)
        # Each rule of _first by its position there, sorted by how a post lets it through:
        # always; by a literal of its pattern (from each literal to the rules it can let
        # through, so a post looks up its few literals instead of every rule testing its
        # own); or by one of its word list's first lemmas among the tokens.
        self._always: list[int] = []
        self._required: dict[int, object] = {}
        self._rules_of: dict[str, list[int]] = {}
        self._worded: list[tuple[int, frozenset, object]] = []
        for position, rule in enumerate(self._first):
            required = getattr(rule.matcher, "requirement", None)
            keys = getattr(rule.matcher, "keys", None)
            if keys is not None:
                self._worded.append((position, keys, required))
            elif required is not None:
                self._required[position] = required
                for literal in required.first():
                    self._rules_of.setdefault(literal, []).append(position)
            else:
                self._always.append(position)
        self._needs_tokens = bool(self._worded) or any(
            getattr(rule.matcher, "keys", None) is not None for rule in self._last)

    def check(self, doc: Document) -> list[Finding]:
        """The findings of one document; raises what stopped its check (InputError, a bug)."""
        outcome = self.check_many([doc])[0]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def check_many(self, docs: list[Document]) -> list[list[Finding] | Exception]:
        """The findings of each document, or the exception that stopped its check.

        Each rule runs over all the documents before the next rule starts, rather than
        each document going through all the rules: a rule's code and patterns then stay
        in the processor's caches, which on a small machine made linting a repository
        about a seventh faster. One document's failure stops only its own check.
        """
        found: list[list[Finding]] = [[] for _doc in docs]
        failed: list[Exception | None] = [None] * len(docs)
        takers: list[list[int]] = [[] for _rule in self._first]
        for index, doc in enumerate(docs):
            try:
                positions = self._runnable(doc)
            except Exception as exc:  # noqa: BLE001 - reported for this document only
                failed[index] = exc
                continue
            for position in positions:
                takers[position].append(index)
        for rule, indexes in zip(self._first, takers):
            for index in indexes:
                if failed[index] is None:
                    try:
                        found[index] += self._run_rule(rule, docs[index])
                    except Exception as exc:  # noqa: BLE001 - reported for this document only
                        failed[index] = _failure(rule, exc)
        return [failed[index] or self._conclude(doc, found[index]) for index, doc in enumerate(docs)]

    def _conclude(self, doc: Document, findings: list[Finding]) -> list[Finding] | Exception:
        """Apply the draft's suppressions, run the checks of them, and order the findings."""
        rule = None
        try:
            findings, doc.allow_used = suppressions.apply(findings, suppressions.allow_entries(doc.meta))
            for rule in self._last:
                findings += self._run_rule(rule, doc)
            rule = None
            findings = _one_per_kind(findings)
            findings.sort(key=Finding.sort_key)
        except Exception as exc:  # noqa: BLE001 - reported for this document only
            return _failure(rule, exc) if rule is not None else exc
        return findings

    def _runnable(self, doc: Document) -> list[int]:
        """The positions in `_first` of the rules that can match this post at all.

        A pattern with required literals needs them in the text, and a word list
        needs one of its first lemmas among the tokens; both tests are set operations,
        far cheaper than running the rules (most of which find nothing in a post).
        """
        present = self._literals.present(doc.text)
        runnable = list(self._always)
        tested = set()
        for literal in present:
            for position in self._rules_of.get(literal, ()):
                if position not in tested:
                    tested.add(position)
                    if self._required[position].met(present):
                        runnable.append(position)
        if self._worded:
            keys = {token.key for token in doc.tokens}
            runnable.extend(position for position, first_keys, required in self._worded
                            if not first_keys.isdisjoint(keys) and (required is None or required.met(present)))
        return runnable

    def _run_rule(self, rule: Rule, doc: Document) -> list[Finding]:
        findings = []
        seen: set[tuple[int, int]] = set()
        for match in rule.matcher(doc):
            span = (match.start, match.end)
            if span in seen or not self._counts(rule, doc, match):
                continue
            seen.add(span)
            findings.append(self._locate(rule, doc, match))
        return findings

    @staticmethod
    def _counts(rule: Rule, doc: Document, match: Match) -> bool:
        if rule.requires is not None and not rule.requires.present(doc, match):
            return False
        return rule.unless is None or not rule.unless.present(doc, match)

    def _locate(self, rule: Rule, doc: Document, match: Match) -> Finding:
        if match.in_original:
            start, end = match.start, match.end
        else:
            start, end = doc.to_original(match.start, match.end)
        line, column = doc.lines.locate(start)
        end_line, end_column = doc.lines.locate(end)
        text = doc.original[start:end]
        values = _Placeholders(match.data, text=text)
        suggestion = rule.suggestion.format_map(values) if rule.suggestion else None
        return Finding(
            rule=rule.id,
            guideline=rule.guideline,
            category=rule.category,
            kind=match.kind or rule.kind,
            severity=self.severity.get(rule.id, rule.severity),
            message=rule.message.format_map(values),
            line=line, column=column, end_line=end_line, end_column=end_column,
            start=start, end=end,
            text=text,
            suggestion=suggestion,
        )

    def document(self, text: str, path: str = "<text>", platform: str | None = None,
                 config=None) -> Document:
        """The Document of a decoded draft; front matter is parsed and skipped. Raises InputError."""
        meta, body_start = split_front_matter(text, path)
        return Document(text, path=path, body_start=body_start, meta=meta,
                        platform=platform or meta.get("platform") or getattr(config, "platform", None),
                        config=config)

    def lint_text(self, text: str, path: str = "<text>", platform: str | None = None,
                  config=None) -> list[Finding]:
        """Lint decoded text; front matter is parsed and skipped. Raises InputError."""
        return self.check(self.document(text, path, platform, config))

    def prepare(self, data: bytes, path: str, platform: str | None = None, config=None) -> Document | FileResult:
        """The draft's Document, tokenized, or the result of a draft that cannot be read.

        The runner prepares a few drafts before it checks them (`check_many`): MeCab
        and the rules each run faster in a row of their own than taking turns, draft
        by draft, in the processor's caches.
        """
        try:
            doc = self.document(decode_text(data), path, platform, config)
        except InputError as exc:
            return FileResult(path=path, error=str(exc))
        if self._needs_tokens:
            doc.tokens
        return doc

    def lint_bytes(self, data: bytes, path: str, platform: str | None = None, config=None) -> FileResult:
        """Lint a file's bytes; a draft that cannot be decoded gets an error, never an exception."""
        prepared = self.prepare(data, path, platform, config)
        if isinstance(prepared, FileResult):
            return prepared
        return result_of(prepared, self.check_many([prepared])[0])


def _failure(rule: Rule, exc: Exception) -> Exception:
    if isinstance(exc, PatternTimeout):
        return InputError(
            f"ルール「{rule.id}」（{rule.source}）の正規表現 {str(exc)[:60]!r} の照合が "
            f"{MATCH_TIMEOUT:g} 秒で終わりませんでした。(a+)+ のように繰り返しを入れ子にした、"
            "極端に遅くなるパターンになっていないか、ルールパックを見直してください。"
        )
    return exc


def result_of(doc: Document, outcome: list[Finding] | Exception) -> FileResult:
    """A checked document's result; an exception other than an InputError is raised."""
    if isinstance(outcome, InputError):
        return FileResult(path=doc.path, error=str(outcome))
    if isinstance(outcome, Exception):
        raise outcome
    return FileResult(path=doc.path, findings=outcome, text=doc.original)


def _one_per_kind(findings: list[Finding]) -> list[Finding]:
    """Drop a finding when a more severe (or earlier) one of the same kind overlaps it.

    Wording rules and data detectors can both see one leaked address or phone number;
    the user should be told once, at the higher severity.
    """
    kept: list[Finding] = []
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.start, f.rule))
    for finding in ranked:
        if finding.kind and any(k.kind == finding.kind and k.start < finding.end and finding.start < k.end
                                for k in kept):
            continue
        kept.append(finding)
    return kept


def _after_suppression(rule: Rule) -> bool:
    return getattr(rule.matcher, "after_suppression", False)


def fails(findings: list[Finding], fail_on: str) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in findings)
