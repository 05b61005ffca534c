"""Turn an article's undecoded bytes into text, the way a browser would, and never fail.

Order of evidence: a byte-order mark; a declared charset (HTTP header, then `<meta>` for HTML)
if it decodes cleanly; strict UTF-8; charset-normalizer's best guess; and as a last resort
UTF-8 with replacement characters, reported as "utf-8-replace" so the loss is visible.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

logger = logging.getLogger(__name__)

REPLACE_ENCODING = "utf-8-replace"

# Longest marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers read pages labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding Standard),
# because servers have long mislabelled cp1252 smart quotes and dashes that way.
_CP1252_ALIASES = {"iso8859-1", "ascii"}
_C1_BYTES = re.compile(rb"[\x80-\x9f]")

# Where the HTML spec looks for a charset: the first 1024 bytes, widened for pages whose
# <head> starts with long scripts or comments.
_META_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:+-]+)""", re.IGNORECASE
)


def decode_bytes(
    data: bytes, declared: str | None = None, *, html: bool = False
) -> tuple[str, str]:
    """Decode `data` to text with "\\n" line endings; return (text, encoding name).

    `declared` is a charset from outside the bytes (an HTTP Content-Type header); with
    `html=True` a `<meta>` charset in the first few KB is considered too.
    """
    text, encoding = _decode(data, declared, html)
    return _normalise_newlines(text), encoding


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset named by a `<meta charset>` or `<meta http-equiv>` tag near the top."""
    match = _META_CHARSET.search(data[:_META_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _decode(data: bytes, declared: str | None, html: bool) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoded = _try_decode(data[len(bom) :], encoding)
            if decoded is not None:
                return decoded, encoding

    for label, from_meta in ((declared, False), (sniff_meta_charset(data) if html else None, True)):
        encoding = _declared_encoding(label, data, from_meta)
        if encoding is None:
            continue
        decoded = _try_decode(data, encoding)
        if decoded is not None:
            return decoded, encoding
        logger.debug("declared charset %s does not decode the bytes; guessing", label)

    decoded = _try_decode(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    replaced = data.decode("utf-8", errors="replace")
    if _mostly_utf8(replaced):
        return replaced, REPLACE_ENCODING

    guessed = _guess_encoding(data)
    if guessed is not None:
        decoded = _try_decode(data, guessed)
        if decoded is not None:
            return decoded, guessed

    return data.decode("utf-8", errors="replace"), REPLACE_ENCODING


_WEB_ENCODING = re.compile(
    r"^(utf-8|utf-16(-[lb]e)?|utf-32(-[lb]e)?|ascii|latin-1|iso8859-\d+|cp\d+|mac-[\w-]+"
    r"|koi8-[ru]|kz1048|gb2312|gbk|gb18030|big5(hkscs)?|shift_jis|euc[_-](jp|kr)|cp949"
    r"|iso2022_(jp|kr)(_\d)?|tis-620|johab|hz|ptcp154)$"
)


def _declared_encoding(label: str | None, data: bytes, from_meta: bool) -> str | None:
    """The codec to try for a declared label, or None when the label should be ignored."""
    if not label:
        return None
    try:
        encoding = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        logger.debug("unknown declared charset %r ignored", label)
        return None
    if not _WEB_ENCODING.match(encoding):
        # Python codecs that no browser offers (utf-7, unicode_escape, idna, rot13...) would
        # turn ordinary bytes into surrogates or escapes: a label naming one is ignored.
        logger.debug("declared charset %r is not a web encoding; ignored", label)
        return None
    # A <meta> tag was read as ASCII, so the bytes cannot really be UTF-16/32 (HTML spec).
    if from_meta and encoding.startswith(("utf-16", "utf-32")):
        return "utf-8"
    if encoding in _CP1252_ALIASES and _C1_BYTES.search(data):
        encoding = "cp1252"
    # A single-byte label "decodes" any bytes; bytes that are valid, non-ASCII UTF-8 are
    # almost never legacy text by chance, so the label is the lie (a common CMS mistake).
    if _is_single_byte(encoding) and not data.isascii() and _try_decode(data, "utf-8"):
        return "utf-8"
    return encoding


def _mostly_utf8(replaced: str) -> bool:
    """UTF-8 with a few stray bad bytes: keep its many good characters rather than re-guess.

    Valid multi-byte sequences are rare by chance in legacy single-byte text.
    """
    bad = replaced.count("\ufffd")
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    good = non_ascii - bad
    return good > bad


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 when it explains the bytes as well.

    For short, mostly-English text many single-byte code pages tie; news in a legacy
    encoding is overwhelmingly windows-1252, so it wins ties.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos > best.chaos:
            break
        if "cp1252" in match.could_be_from_charset or match.encoding == "cp1252":
            return "cp1252"
    return codecs.lookup(best.encoding).name


def _is_single_byte(encoding: str) -> bool:
    return encoding not in {"utf-8", "utf-16", "utf-32"} and not encoding.startswith(
        ("utf-", "big5", "gb", "euc", "shift_jis", "cp932", "cp949", "cp950", "iso2022", "hz")
    )


def _c1_as_latin1(error: UnicodeError) -> tuple[str, int]:
    """Decode the five bytes cp1252 leaves undefined as their C1 controls, as browsers do."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("wirewatch-c1-as-latin1", _c1_as_latin1)


def _try_decode(data: bytes, encoding: str) -> str | None:
    errors = "wirewatch-c1-as-latin1" if encoding == "cp1252" else "strict"
    try:
        return data.decode(encoding, errors)
    except (UnicodeDecodeError, LookupError):
        return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
