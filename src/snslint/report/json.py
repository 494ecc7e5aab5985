"""The JSON report: its shape is a contract (DESIGN.md) that CI pipelines parse."""

from __future__ import annotations

import json

from snslint.report import summarize


def to_json_data(results) -> dict:
    return {
        "version": 1,
        "files": [
            {
                "path": result.path,
                "error": result.error,
                "findings": [finding.to_dict() for finding in result.findings],
            }
            for result in results
        ],
        "summary": summarize(results),
    }


def render_json(results, stream) -> None:
    json.dump(to_json_data(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
