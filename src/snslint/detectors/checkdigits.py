"""Check digits of Japanese identification numbers and payment cards.

Each function takes a string of ASCII digits (separators already removed) and
says whether its check digit is right. A check digit is what separates a real
identifier from any other number of the same length, so the detectors use these
before they call a number personal data.
"""

from __future__ import annotations


def my_number_ok(digits: str) -> bool:
    """個人番号 (My Number): 11 digits and a modulus-11 check digit.

    From the ordinance on My Number check digits: with P(n) the n-th digit counted
    from the right of the first 11 digits, Q(n) = n + 1 for n <= 6 and n - 5 for
    n >= 7; the check digit is 0 when sum(P*Q) mod 11 <= 1, else 11 - remainder.
    """
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = digits[:11]
    total = 0
    for n in range(1, 12):
        weight = n + 1 if n <= 6 else n - 5
        total += int(body[11 - n]) * weight
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def my_number_check_digit(body: str) -> str:
    """The check digit that completes an 11-digit My Number body (for tests and corpora)."""
    for digit in "0123456789":
        if my_number_ok(body + digit):
            return digit
    raise ValueError(body)


def corporate_number_ok(digits: str) -> bool:
    """法人番号: a leading check digit and 12 digits, weighted 1, 2, 1, 2 … from the right, mod 9."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    body = digits[1:]
    total = sum(int(body[12 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return int(digits[0]) == 9 - total % 9


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by every payment-card brand."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# (brand, allowed lengths, prefix test on the leading digits)
_BRANDS = (
    ("Visa", (16, 19), lambda d: d[0] == "4"),
    ("Mastercard", (16,), lambda d: 51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720),
    ("American Express", (15,), lambda d: d[:2] in ("34", "37")),
    ("JCB", (16, 17, 18, 19), lambda d: 3528 <= int(d[:4]) <= 3589),
    ("Diners Club", (14, 16), lambda d: 300 <= int(d[:3]) <= 305 or d[:2] in ("36", "38", "39")),
    ("Discover", (16, 19), lambda d: d[:4] == "6011" or d[:2] == "65" or 644 <= int(d[:3]) <= 649),
    ("UnionPay", (16, 17, 18, 19), lambda d: d[:2] == "62"),
)


def card_brand(digits: str) -> str | None:
    """The brand of a payment-card number whose prefix, length and Luhn digit all fit, else None.

    Visa's old 13-digit numbers are left out on purpose: they are no longer issued,
    and 13 digits is also the length of a 法人番号, which is public.
    """
    if not digits.isdigit() or not 14 <= len(digits) <= 19 or not luhn_ok(digits):
        return None
    for brand, lengths, prefix in _BRANDS:
        if len(digits) in lengths and prefix(digits):
            return brand
    return None
