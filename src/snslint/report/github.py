"""GitHub Actions workflow commands: findings become annotations on a pull request."""

from __future__ import annotations

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    # Workflow commands end at a line break and treat % specially.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results, stream) -> None:
    for result in results:
        path = _property(result.path)
        if result.error:
            stream.write(f"::error file={path},title={_property('読み込めません')}::{_data(result.error)}\n")
            continue
        for f in result.findings:
            title = f.rule + (f" [{f.guideline}]" if f.guideline else "")
            message = f.message + (f" → {f.suggestion}" if f.suggestion else "")
            stream.write(
                f"::{_COMMANDS[f.severity]} file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_property(title)}::{_data(message)}\n"
            )
