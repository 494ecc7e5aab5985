"""`snslint rules` and `snslint explain`: the rules documented in one place, as ruff does."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from snslint.findings import SEVERITY_LABELS
from snslint.textutil import unfold_japanese
from snslint.yamlio import load_yaml_file


@lru_cache(maxsize=1)
def guideline() -> dict:
    return load_yaml_file(Path(__file__).with_name("guideline.yaml"))


def section_text(reference: str) -> str | None:
    sections = guideline()["sections"]
    text = sections.get(reference)
    text = unfold_japanese(text) if text else text
    if text and reference.startswith("8(4)") and reference != "8(4)":
        return f"{sections['8(4)']}（{reference[4:]}）{text}"
    return text


def _console(stream):
    from snslint.report import make_console

    return make_console(stream, wide_when_piped=True)


def print_rules(rules, stream) -> None:
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for column in ("ルール ID", "重大度", "ガイドライン", "内容"):
        table.add_column(column, overflow="fold")
    for rule in sorted(rules, key=lambda r: r.id):
        state = "" if rule.enabled else "（既定で無効）"
        table.add_row(rule.id, SEVERITY_LABELS[rule.severity], rule.guideline or "—",
                      rule.summary + state)
    console = _console(stream)
    console.print(table)
    console.print(f"{len(rules)} 件のルール。詳しくは `snslint explain ルールID` をご覧ください。")


def explain_rule(rule, stream) -> None:
    from rich.text import Text

    console = _console(stream)
    console.print(Text(rule.id, style="bold"))
    console.print(f"重大度: {SEVERITY_LABELS[rule.severity]}"
                  + ("" if rule.enabled else "（既定で無効。--select で有効にします）"))
    console.print()
    console.print(Text("何を検査するか", style="bold"))
    console.print(rule.description or rule.message)
    console.print()
    console.print(Text("なぜ問題か", style="bold"))
    if rule.guideline:
        console.print(f"{guideline()['title']} {rule.guideline}:")
        console.print(Text(f"「{section_text(rule.guideline)}」", style="italic"))
    else:
        console.print("ガイドラインに直接の定めはありませんが、投稿先の仕様や読みやすさのための確認です。")
    if rule.suggestion:
        console.print()
        console.print(Text("どうすればよいか", style="bold"))
        console.print(rule.suggestion)
    for side, title in (("bad", "指摘される例"), ("good", "指摘されない例")):
        console.print()
        console.print(Text(title, style="bold"))
        for example in rule.examples[side]:
            console.print(Text("  • " + example.replace("\n", "⏎")))
