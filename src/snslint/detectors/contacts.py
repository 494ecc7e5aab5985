"""Phone numbers and e-mail addresses, and the configuration's official contacts.

A number or address listed in `official_contacts` (in any spelling: full-width,
other separators, +81) is the city's own and never a finding. Every other phone
number falls in exactly one class, so that rules can give each its own severity:

- ``private``: given as a private person's number (自宅, 携帯, 個人, or right
  next to someone named with an honorific) and not as a desk's contact;
- ``mobile``: any other mobile, PHS or pager number (070/080/090/020): city
  desks do not publish mobiles, so it may be a person's even under 問い合わせ;
- ``other``: fixed-line, IP (050), free dial (0120/0800), navi-dial (0570).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from snslint import regexcache
from snslint.detectors.context import honored_person_near, line_window
from snslint.detectors.numbers import NumberHit, e164_of, fold_dashes

PHONE_CLASSES = ("private", "mobile", "other")
PHONE_LABELS = {"mobile": "携帯電話", "fixed": "固定電話", "voip": "IP電話",
                "free": "フリーダイヤル", "navi": "ナビダイヤル", "other": "電話"}

_PRIVATE_WORDS = regexcache.compile(r"自宅|携帯|個人(?!情報|番号)|私用|プライベート|実家")
_DESK_WORDS = regexcache.compile(
    r"問い?合わ?せ|窓口|[課係室局所]|センター|事務局|受付|予約|本部|役場|役所|会場|委員会|商店会"
    r"|協会|組合|ダイヤル|コール|TEL|Tel|FAX|Fax|ファクス|電話")


class OfficialEmails(NamedTuple):
    addresses: frozenset[str]  # lower-cased
    domains: tuple[str, ...]  # "@example.jp" entries and the configuration's official domains


def _config(config):
    if config is None:
        from snslint.config import Config

        return Config()
    return config


def _entries(config) -> list[str]:
    return [fold_dashes(unicodedata.normalize("NFKC", str(entry))).strip()
            for entry in _config(config).official_contacts]


@lru_cache(maxsize=64)
def official_phones(config) -> frozenset[str]:
    """The E.164 form of every phone number in `official_contacts`, however it was written."""
    return frozenset(filter(None, (e164_of(value) for value in _entries(config) if "@" not in value)))


@lru_cache(maxsize=64)
def official_emails(config) -> OfficialEmails:
    entries = _entries(config)
    addresses = frozenset(e.lower() for e in entries if "@" in e and not e.startswith("@"))
    domains = [e[1:] for e in entries if e.startswith("@")] + list(_config(config).official_domains)
    return OfficialEmails(addresses, tuple(d.strip(".").lower() for d in domains if d.strip(".")))


def phone_class(doc, hit: NumberHit, not_before: int = 0) -> str:
    """private, mobile or other; context before `not_before` (an earlier number) is not this one's."""
    text = doc.text
    low, high = line_window(text, hit.start, hit.end, 25, 8)
    low = max(low, min(not_before, hit.start))
    if _PRIVATE_WORDS.search(text, low, high):
        return "private"
    if not _DESK_WORDS.search(text, low, hit.start) and honored_person_near(doc, low, high):
        return "private"
    return "mobile" if hit.phone.kind == "mobile" else "other"


# The local part starts a run of its characters (so the search never restarts inside
# one); the domain has at least one dot and a top-level label of letters.
_EMAIL = regexcache.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-][A-Za-z0-9._%+\-]{0,63}"
    r"@(?P<domain>[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![A-Za-z0-9\-])"
)


class Email(NamedTuple):
    start: int
    end: int
    address: str


def find_emails(text: str) -> list[Email]:
    return [Email(m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]


def is_official_email(address: str, allowed: OfficialEmails) -> bool:
    address = address.lower()
    if address in allowed.addresses:
        return True
    domain = address.rpartition("@")[2]
    return any(domain == d or domain.endswith("." + d) for d in allowed.domains)
