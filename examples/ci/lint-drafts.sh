#!/usr/bin/env sh
# Plain CI example (any CI system): lint every draft, keep a JSON report as an artifact,
# and fail the job when a draft has an error (exit 1) or could not be read (exit 2).
set -eu
snslint --ci --format json --output snslint-report.json drafts/ || status=$?
snslint --ci drafts/ || true   # the human-readable report in the job log
exit "${status:-0}"
