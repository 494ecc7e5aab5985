"""The posting workflow recorded in front matter: approval (7(1)), account (3(3)), images.

These checks read `doc.meta`, whose types frontmatter.py has already checked, and
report at the front matter line of the key concerned (Match.in_original), or at the
top of the draft when the key is missing.

Without any configuration object (`Engine.lint_text(text)` in library use and in the
rule examples) the configuration's defaults apply: approval is not required, and the
accounts rule falls back to the accounts named in its own options.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote_to_bytes

from snslint import regexcache
from snslint.detectors import check_options
from snslint.findings import Match
from snslint.frontmatter import head_span, key_span, oral_reason, parse_when

APPROVAL_KEYS = {
    "approval": "approval（決裁 か 口頭）",
    "approved_by": "approved_by（決裁した所属長）",
    "approved_on": "approved_on（決裁日）",
}
# Paths that name no file on disk: images are then looked up from the working directory.
_NO_FOLDER = ("", "-", "<text>", "<stdin>")
_DATA_URI = regexcache.compile(r"data:(?P<type>[^;,]*)(?P<params>(?:;[^;,]*)*),(?P<data>.*)", re.DOTALL)
# EXIF GPS tags that carry a position (GPSLatitude, GPSLongitude); the GPS block may also
# hold only a timestamp or a map datum, which reveals nothing about a place.
_GPS_INFO = 0x8825
_GPS_POSITION = (2, 4)


def _at_key(doc, *keys, data=None) -> Match:
    span = key_span(doc.original, *keys) or head_span(doc.original, doc.body_start)
    return Match(*span, data=data or {}, in_original=True)


def _at_head(doc, data=None) -> Match:
    return Match(*head_span(doc.original, doc.body_start), data=data or {}, in_original=True)


def _jp(when) -> str:
    text = f"{when.year}年{when.month}月{when.day}日"
    if (getattr(when, "hour", 0), getattr(when, "minute", 0)) != (0, 0):
        text += f" {when.hour}時{when.minute:02d}分"
    return text


# --- 7(1) approval ---------------------------------------------------------------------

def make_approval_record(options: dict):
    """7(1): the approval metadata of a draft.

    `check: missing`: approval required by the configuration (`require_approval`) and
    absent, or given only in part (approved_by without approval, say), which is wrong
    whether or not it is required. `check: oral_reason`: 口頭 without one of the three
    cases ア・イ・ウ. `check: after_post`: approved_on later than post_at.
    """
    check_options(options, {"check": ("missing", "oral_reason", "after_post")})
    check = options.get("check")
    if check is None:
        raise ValueError("check（missing、oral_reason、after_post）を指定してください。")

    def detect(doc):
        meta = doc.meta or {}
        if check == "missing":
            yield from _missing_approval(doc, meta)
        elif check == "oral_reason":
            if meta.get("approval") == "口頭" and oral_reason(meta.get("oral_reason")) is None:
                yield _at_key(doc, "approval")
        else:
            approved_on, post_at = parse_when(meta.get("approved_on")), parse_when(meta.get("post_at"))
            if approved_on and post_at and approved_on.date() > post_at.date():
                yield _at_key(doc, "approved_on",
                              data={"approved_on": _jp(approved_on.date()), "post_at": _jp(post_at)})

    return detect


def _missing_approval(doc, meta: dict):
    present = [key for key in APPROVAL_KEYS if meta.get(key) not in (None, "")]
    missing = "、".join(label for key, label in APPROVAL_KEYS.items() if key not in present)
    if not present:
        if doc.config is not None and doc.config.require_approval:
            yield _at_head(doc, {"missing": missing})
    elif len(present) < len(APPROVAL_KEYS):
        yield _at_key(doc, present[0], data={"missing": missing})


# --- 3(3) account ----------------------------------------------------------------------

def _account_key(value) -> str:
    # @Nagasaki_City, nagasaki_city and https://x.com/nagasaki_city name the same account.
    text = str(value).strip().casefold()
    text = re.sub(r"^https?://[^/]+/", "", text).strip("/")
    return text.lstrip("@")


def make_posting_account(options: dict):
    """3(3): the draft's `account` is not one of the configured official accounts.

    `accounts_without_config` stands in for `official_accounts` only when the linter is
    called without any configuration (library use, rule examples); the command line
    always has one, and with no official accounts configured nothing is checked.
    """
    check_options(options, {"accounts_without_config": None})
    fallback = options.get("accounts_without_config") or []
    if not isinstance(fallback, list) or not all(isinstance(a, str) and a for a in fallback):
        raise ValueError("accounts_without_config はアカウント名のリストです。")

    def detect(doc):
        account = (doc.meta or {}).get("account")
        if account is None:
            return
        accounts = doc.config.official_accounts if doc.config is not None else tuple(fallback)
        if not accounts:
            return
        if _account_key(account) not in {_account_key(a) for a in accounts}:
            yield _at_key(doc, "account", data={"account": str(account), "accounts": "、".join(accounts)})

    return detect


# --- images ------------------------------------------------------------------------------

class ImageCheck(NamedTuple):
    """What reading one listed image found: a problem with the file, or its location data."""

    index: int
    shown: str
    problem: str | None = None
    has_position: bool = False


def inspect_images(doc) -> list[ImageCheck]:
    """Each image of the front matter, read once per draft for all the image rules."""
    return doc.shared(inspect_images, lambda d: [
        _inspect(d, index, item) for index, item in enumerate((d.meta or {}).get("images") or [])
        if isinstance(item, dict) and isinstance(item.get("path"), str)])


def _shown(raw: str) -> str:
    return raw[:raw.index(",") + 1] + "…" if raw.startswith("data:") and "," in raw else raw


def _inspect(doc, index: int, item: dict) -> ImageCheck:
    raw = item["path"].strip()
    shown = _shown(raw)
    source, problem = _source(doc, raw)
    if problem:
        return ImageCheck(index, shown, problem)
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        return ImageCheck(index, shown, "画像を読み取るライブラリ Pillow がありません。snslint を入れ直してください")
    try:
        with warnings.catch_warnings():
            # A very large photo only warns; it is still a photo and its EXIF is still read.
            warnings.simplefilter("ignore")
            # Opened read-only; Image.open parses headers and EXIF without decoding pixels.
            with Image.open(source) as image:
                return ImageCheck(index, shown, has_position=_has_position(image))
    except UnidentifiedImageError:
        return ImageCheck(index, shown, "画像として読み取れません。JPEG・PNG・GIF・WebP などの画像ファイルを指定してください")
    except Image.DecompressionBombError:
        return ImageCheck(index, shown, "画素数が多すぎて読み取れません。投稿用に縮小した画像を指定してください")
    except (OSError, ValueError, SyntaxError) as exc:
        return ImageCheck(index, shown, f"画像が壊れているか、読み取れません（{exc}）")


def _source(doc, raw: str):
    """(a path or file object to open, None) or (None, why it cannot be opened)."""
    if raw.startswith("data:"):
        found = _DATA_URI.match(raw)
        if not found:
            return None, "data: URI の形式が正しくありません"
        try:
            if ";base64" in found.group("params"):
                data = base64.b64decode(re.sub(r"\s+", "", found.group("data")), validate=True)
            else:
                data = unquote_to_bytes(found.group("data"))
        except (binascii.Error, ValueError):
            return None, "data: URI の base64 が正しくありません"
        return io.BytesIO(data), None
    base = Path.cwd() if doc.path in _NO_FOLDER else Path(doc.path).parent
    path = Path(raw) if Path(raw).is_absolute() else base / raw
    if not path.exists():
        return None, f"ファイルが見つかりません: {path}"
    if not path.is_file():
        return None, f"ファイルではありません: {path}"
    return str(path), None


def _has_position(image) -> bool:
    gps = image.getexif().get_ifd(_GPS_INFO)
    for tag in _GPS_POSITION:
        if _nonzero(gps.get(tag)):
            return True
    # XMP (PNG, WebP, edited JPEGs) can carry the position instead of EXIF.
    for key in ("xmp", "XML:com.adobe.xmp"):
        xmp = image.info.get(key)
        if isinstance(xmp, bytes):
            xmp = xmp.decode("utf-8", "replace")
        if isinstance(xmp, str) and "GPSLatitude" in xmp:
            return True
    return False


def _nonzero(value) -> bool:
    # Some cameras write 0/0 (or 0°0'0") when they had no fix: that is no position.
    if value is None:
        return False
    parts = value if isinstance(value, (tuple, list)) else (value,)
    try:
        return any(float(part) != 0 for part in parts)
    except (TypeError, ValueError, ZeroDivisionError):
        return True


def make_attached_image(options: dict):
    """Images listed in front matter: `check: file` (missing or not an image), `check:
    location` (GPS position in EXIF or XMP, 8(4)オ), `check: alt` (no alternative text)."""
    check_options(options, {"check": ("file", "location", "alt")})
    check = options.get("check")
    if check is None:
        raise ValueError("check（file、location、alt）を指定してください。")

    def detect(doc):
        images = (doc.meta or {}).get("images")
        if not images:
            return
        if check == "alt":
            for index, item in enumerate(images):
                if isinstance(item, dict) and not str(item.get("alt") or "").strip():
                    yield _at_key(doc, "images", index, "alt", data={"path": _shown(str(item.get("path", "")))})
            return
        for found in inspect_images(doc):
            if check == "file" and found.problem:
                yield _at_key(doc, "images", found.index, "path",
                              data={"path": found.shown, "reason": found.problem})
            elif check == "location" and found.has_position:
                yield _at_key(doc, "images", found.index, "path", data={"path": found.shown})

    return detect
