"""Renderers: one Finding type, many output formats."""

from __future__ import annotations


def make_console(stream, color: bool | None = None, *, wide_when_piped: bool = False):
    """The rich console every human-readable output uses.

    color=None lets rich decide: no escape codes when piped or when NO_COLOR is set.
    Tables piped into a file or pager may ask not to be squeezed into 80 columns.
    """
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False,
                      force_terminal=color if color else None, no_color=(color is False) or None)
    if wide_when_piped and not console.is_terminal:
        console.width = 160
    return console


def summarize(results) -> dict:
    counts = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity + "s"] += 1
    return counts


def render(fmt: str, results, stream, *, color: bool | None = None, rules=()) -> None:
    """Write the report for `results` in `fmt` to `stream`; SARIF also describes `rules`."""
    if fmt == "json":
        from snslint.report.json import render_json

        render_json(results, stream)
    elif fmt == "sarif":
        from snslint.report.sarif import render_sarif

        render_sarif(results, stream, rules)
    elif fmt == "github":
        from snslint.report.github import render_github

        render_github(results, stream)
    else:
        from snslint.report.text import render_text

        render_text(results, stream, color=color)
