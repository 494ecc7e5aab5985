"""Renderers: one Finding type, many output formats."""

from __future__ import annotations

FORMATS = ("text", "json")


def summarize(results) -> dict:
    counts = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity + "s"] += 1
    return counts


def render(fmt: str, results, stream, *, color: bool | None = None) -> None:
    """Write the report for `results` in `fmt` to `stream`."""
    if fmt == "json":
        from snslint.report.json import render_json

        render_json(results, stream)
    else:
        from snslint.report.text import render_text

        render_text(results, stream, color=color)
