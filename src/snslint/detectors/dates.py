"""Date rules (8(4)ク): each factory picks one kind of problem from the analysis.

How dates are found and which year a date without one means: snslint.detectors.date_analysis.
"""

from __future__ import annotations

from snslint.detectors import check_options
from snslint.detectors.date_analysis import analyse


def make_date_consistency(options: dict):
    """A weekday that does not fit its date, or a 和暦 that disagrees with its 西暦.

    `check: weekday` with `year: known` (the year is written, follows from another date of
    the draft, or from post_at) or `year: guessed` (taken from today's date); `check: era`.
    """
    check_options(options, {"check": ("weekday", "era"), "year": ("known", "guessed")})
    check = options.get("check")
    if check is None:
        raise ValueError("check（weekday か era）を指定してください。")
    if check == "era" and "year" in options:
        raise ValueError("year は check: weekday と一緒にだけ使えます。")
    guessed = options.get("year", "known") == "guessed"

    def detect(doc):
        analysis = analyse(doc)
        if check == "era":
            yield from analysis.era
            return
        for match, basis in analysis.weekday:
            if (basis == "today") == guessed:
                yield match

    return detect


def make_date_validity(options: dict):
    """Dates and times that cannot exist: 2月30日, 13月, 25時, 10時75分, 午後13時."""
    check_options(options, {})

    def detect(doc):
        yield from analyse(doc).impossible

    return detect


def make_date_before_post(options: dict):
    """A date shortly before the planned posting date in a sentence that is not a report."""
    check_options(options, {})

    def detect(doc):
        yield from analyse(doc).before_post

    return detect
