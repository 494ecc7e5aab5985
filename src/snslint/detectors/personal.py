"""Personal and confidential data detectors (8(4)オ) and login secrets (9(3)).

Each `make_*` below is a detector factory named in rules/personal-data.yaml. The
work behind them is done once per Document and shared: all the numbers of a
draft are found and classified in one pass (numbers.py), so a 12-digit number
is a My Number, a driver's licence or nothing, never two kinds at once, and the
three phone rules see the same numbers split into disjoint classes.

Every finder runs in time linear in the draft: one regular-expression pass with
bounded repetition, and bounded look-around for context.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Callable, Iterable

from snslint.detectors import check_options
from snslint.findings import Match

def _shared(doc, name: str, compute: Callable):
    return doc.shared((__name__, name), compute)


def _flat(doc) -> str:
    from snslint.detectors.numbers import fold_dashes

    return _shared(doc, "flat", lambda d: fold_dashes(d.text))


def _numbers(doc):
    from snslint.detectors.numbers import find_numbers, url_spans

    def compute(d):
        flat = _flat(d)
        return find_numbers(d, flat, url_spans(flat))

    return _shared(doc, "numbers", compute)


# ---------------------------------------------------------------- phone and e-mail


def make_phone(options: dict):
    """Phone numbers that are not official contacts; `only` picks one class (contacts.py)."""
    from snslint.detectors.contacts import PHONE_CLASSES, PHONE_LABELS, official_phones, phone_class

    only = check_options(options, {"only": PHONE_CLASSES}).get("only")
    # Validation needs libphonenumber's numbering plan; say so when the pack loads, but
    # import it only when a draft is linted (find_spec does not import).
    if find_spec("phonenumbers") is None:
        raise ValueError("電話番号の検出には phonenumbers パッケージが必要です。"
                         "snslint を入れ直してください（pip install phonenumbers）。")

    def detect(doc) -> Iterable[Match]:
        allowed = official_phones(doc.config)
        previous_end = 0
        for hit in _numbers(doc):
            if hit.kind != "phone":
                continue
            not_before, previous_end = previous_end, hit.end
            if hit.phone.e164 in allowed:
                continue
            if only is None or phone_class(doc, hit, not_before) == only:
                yield Match(hit.start, hit.end, kind="phone",
                            data={"type": PHONE_LABELS[hit.phone.kind], "number": hit.phone.e164})

    return detect


def make_email(options: dict):
    from snslint.detectors.contacts import find_emails, is_official_email, official_emails

    check_options(options, {})

    def detect(doc) -> Iterable[Match]:
        if "@" not in doc.text:
            return
        allowed = official_emails(doc.config)
        for email in find_emails(doc.text):
            if not is_official_email(email.address, allowed):
                yield Match(email.start, email.end, kind="email", data={"address": email.address})

    return detect


# ---------------------------------------------------------------- numbers

_NUMBER_LABELS = {
    "my_number": "マイナンバー（個人番号）",
    "credit_card": "クレジットカード番号",
    "bank_account": "口座番号",
    "drivers_license": "運転免許証の番号",
    "pension_number": "基礎年金番号",
    "resident_code": "住民票コード",
    "health_insurance_number": "保険証の記号・番号",
}


def _number_detector(kind: str):
    def make(options: dict):
        check_options(options, {})

        def detect(doc) -> Iterable[Match]:
            for hit in _numbers(doc):
                if hit.kind == kind:
                    yield Match(hit.start, hit.end, kind=kind,
                                data={"label": _NUMBER_LABELS[kind], "brand": hit.brand or ""})

        return detect

    make.__name__ = f"make_{kind}"
    return make


make_my_number = _number_detector("my_number")
make_credit_card = _number_detector("credit_card")
make_bank_account = _number_detector("bank_account")
make_drivers_license = _number_detector("drivers_license")
make_pension_number = _number_detector("pension_number")
make_resident_code = _number_detector("resident_code")
make_health_insurance_number = _number_detector("health_insurance_number")


# ---------------------------------------------------------------- words


def _span_detector(kind: str, finder: Callable):
    def make(options: dict):
        check_options(options, {})

        def detect(doc) -> Iterable[Match]:
            for span in _shared(doc, finder.__name__, finder):
                if span.kind == kind:
                    yield Match(span.start, span.end, kind=kind)

        return detect

    make.__name__ = f"make_{kind}"
    return make


def _addresses(doc):
    from snslint.detectors.sensitive import find_addresses

    return find_addresses(doc, _flat(doc))


def _birth_dates(doc):
    from snslint.detectors.sensitive import find_birth_dates

    return find_birth_dates(doc, _flat(doc))


def _conditions(doc):
    from snslint.detectors.sensitive import find_conditions

    return find_conditions(doc)


def _plates(doc):
    from snslint.detectors.sensitive import find_plates

    return find_plates(_flat(doc))


def _passports(doc):
    from snslint.detectors.sensitive import find_passports

    return find_passports(doc.text)


def _credentials(doc):
    from snslint.detectors.credentials import find_credentials

    return find_credentials(doc.text)


make_address = _span_detector("address", _addresses)
make_postal_code = _span_detector("postal_code", _addresses)
make_birth_date = _span_detector("birth_date", _birth_dates)
make_health_condition = _span_detector("health_condition", _conditions)
make_license_plate = _span_detector("license_plate", _plates)
make_passport = _span_detector("passport", _passports)
make_credential = _span_detector("credential", _credentials)
