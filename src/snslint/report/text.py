"""The human report: findings grouped by file, with the offending span shown in place.

The report is built once as lines of (text, style) segments. On a terminal rich
colours them; otherwise (a pipe, a file, a pre-commit hook, --no-color) the text is
written as it is, without importing rich at all, and the characters are the same.
"""

from __future__ import annotations

import os

from snslint.findings import SEVERITY_LABELS
from snslint.lines import LineIndex
from snslint.report import make_console, summarize
from snslint.textutil import cell_len

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# Wider source lines are cut to a window around the span so the carets stay aligned.
_MAX_CELLS = 72

Segment = tuple[str, "str | None"]  # text and rich style


def render_text(results, stream, color: bool | None = None) -> None:
    lines: list[list[Segment]] = []
    for result in results:
        if result.error is None and not result.findings:
            continue
        _render_file(lines, result)
    _render_summary(lines, results)
    if _plain(stream, color):
        stream.write("\n".join("".join(text for text, _style in line) for line in lines) + "\n")
        return
    from rich.text import Text

    # One Text for the whole report: rich renders it far faster than a print per line.
    make_console(stream, color).print(Text("\n").join(
        Text.assemble(*((text, style or "") for text, style in line)) for line in lines))


def _plain(stream, color: bool | None) -> bool:
    """No colour asked for, or none possible: rich's own rules for a stream that is not a terminal."""
    if color is not None:
        return not color
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    isatty = getattr(stream, "isatty", None)
    return not (isatty and isatty())


def _render_file(lines, result) -> None:
    lines.append([(result.path, "bold underline")])
    if result.error is not None:
        lines.append([("  ", None), ("読み込めません", "bold red"), (": " + result.error, None)])
        lines.append([])
        return
    source = LineIndex(result.text or "")
    for finding in result.findings:
        _render_finding(lines, finding, source)
    lines.append([])


def _render_finding(lines, finding, source: LineIndex) -> None:
    section = f" [{finding.guideline}]" if finding.guideline else ""
    style = _STYLES[finding.severity]
    lines.append([(f"  {finding.line}:{finding.column}  ", None), (SEVERITY_LABELS[finding.severity], style),
                  (f"  {finding.message}  ", None), (f"{finding.rule}{section}", "dim")])
    _render_source(lines, finding, source)
    if finding.suggestion:
        lines.append([("      ", None), ("→ ", "green"), (finding.suggestion, None)])


def _render_source(lines, finding, source: LineIndex) -> None:
    # A tab would be expanded by a terminal and shift the carets: show it as one space.
    text = source.line_text(finding.line).replace("\t", " ")
    first = finding.column - 1
    # A span over several lines is shown on its first line, up to the line's end.
    last = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    last = max(last, first + 1)
    begin, finish, prefix, suffix = _window(text, first, last)
    shown = text[begin:finish]
    gutter = f"{finding.line:>6} │ "
    style = _STYLES[finding.severity]
    lines.append([(gutter, "dim"), (prefix + shown[: first - begin], None),
                  (shown[first - begin: last - begin], "reverse " + style), (shown[last - begin:] + suffix, None)])
    pad = cell_len(prefix + shown[: first - begin])
    width = max(1, cell_len(shown[first - begin: last - begin]))
    lines.append([(" " * (len(gutter) - 2) + "│ ", "dim"), (" " * pad + "^" * width, style)])


def _window(source: str, first: int, last: int) -> tuple[int, int, str, str]:
    if cell_len(source) <= _MAX_CELLS:
        return 0, len(source), "", ""
    begin = max(0, first - 10)
    finish = max(last, begin)
    while finish < len(source) and cell_len(source[begin:finish + 1]) <= _MAX_CELLS:
        finish += 1
    return begin, finish, "…" if begin > 0 else "", "…" if finish < len(source) else ""


def _render_summary(lines, results) -> None:
    counts = summarize(results)
    unreadable = sum(1 for r in results if r.error is not None)
    total = counts["errors"] + counts["warnings"] + counts["infos"]
    files = counts["files"]
    if total == 0 and unreadable == 0:
        lines.append([(f"✔ 問題は見つかりませんでした（{files} ファイル）。", "green")])
        return
    parts = [f"{total} 件の指摘（エラー {counts['errors']}・警告 {counts['warnings']}・情報 {counts['infos']}）"]
    if unreadable:
        parts.append(f"読み込めないファイル {unreadable} 件")
    style = "bold red" if counts["errors"] or unreadable else "yellow"
    lines.append([(f"✖ {files} ファイル中、" + "、".join(parts) + "。", style)])
