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
    # One write: json.dump would write every token separately (~150 writes per draft).
    stream.write(json.dumps(to_json_data(results), ensure_ascii=False, indent=2) + "\n")
