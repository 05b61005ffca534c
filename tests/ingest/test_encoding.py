"""decode_bytes: BOM, declared charsets, UTF-8, guessing, and the never-fail last resort."""

from __future__ import annotations

import pytest

from wirewatch.ingest.encoding import REPLACE_ENCODING, decode_bytes, sniff_meta_charset

SMART = "He said \u201cwe\u2019re leaving\u201d \u2014 and the caf\u00e9 closed."
FRENCH = "Le ministre a d\u00e9clar\u00e9 \u00e0 la presse que la d\u00e9cision \u00e9tait prise."


def _page(meta: str, body: str) -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("data", "declared", "html", "text", "encoding"),
    [
        pytest.param(SMART.encode("utf-8"), None, False, SMART, "utf-8", id="utf8"),
        pytest.param(
            b"\xef\xbb\xbf" + SMART.encode("utf-8"), None, False, SMART, "utf-8", id="utf8-bom"
        ),
        pytest.param(SMART.encode("utf-16"), None, False, SMART, "utf-16-le", id="utf16-bom"),
        pytest.param(SMART.encode("cp1252"), None, False, SMART, "cp1252", id="cp1252-guessed"),
        pytest.param(
            FRENCH.encode("latin-1"), "ISO-8859-1", False, FRENCH, "iso8859-1", id="latin1-header"
        ),
        pytest.param(
            SMART.encode("cp1252"), "iso-8859-1", False, SMART, "cp1252", id="latin1-is-cp1252"
        ),
        pytest.param(
            _page('<meta charset="windows-1252">', SMART).encode("cp1252"),
            None,
            True,
            _page('<meta charset="windows-1252">', SMART),
            "cp1252",
            id="meta-charset",
        ),
        pytest.param(
            _page(
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', FRENCH
            ).encode("latin-1"),
            None,
            True,
            _page('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', FRENCH),
            "cp1252",
            id="meta-says-utf8-but-latin1",
        ),
        pytest.param(
            _page('<meta charset="iso-8859-1">', SMART).encode("utf-8"),
            None,
            True,
            _page('<meta charset="iso-8859-1">', SMART),
            "utf-8",
            id="meta-says-latin1-but-utf8",
        ),
        pytest.param(
            FRENCH.encode("utf-8"), "no-such-charset", False, FRENCH, "utf-8", id="unknown-label"
        ),
    ],
)
def test_encoding_decodes_real_cases(
    data: bytes, declared: str | None, html: bool, text: str, encoding: str
) -> None:
    assert decode_bytes(data, declared, html=html) == (text, encoding)


def test_encoding_header_charset_beats_meta() -> None:
    page = _page('<meta charset="utf-8">', FRENCH).encode("latin-1")
    assert decode_bytes(page, "iso-8859-1", html=True)[1] == "iso8859-1"


def test_encoding_meta_ignored_for_plain_text() -> None:
    text = '<meta charset="koi8-r"> ' + FRENCH
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(range(256)), id="every-byte"),
        pytest.param(SMART.encode("utf-8") + b" \xfc\xc3 end", id="utf8-with-stray-bytes"),
        pytest.param(b"\xff\xfe\x00\xd8", id="broken-utf16-bom"),
    ],
)
def test_encoding_invalid_utf8_never_raises(data: bytes) -> None:
    text, encoding = decode_bytes(data)
    assert isinstance(text, str)
    assert encoding


def test_encoding_mostly_utf8_keeps_good_characters() -> None:
    text, encoding = decode_bytes(SMART.encode("utf-8") + b" \xfc end")
    assert (text, encoding) == (SMART + " \ufffd end", REPLACE_ENCODING)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\ntwo", "one\ntwo"),
    ],
)
def test_encoding_normalises_line_endings(data: bytes, text: str) -> None:
    assert decode_bytes(data)[0] == text


def test_encoding_empty_input() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="UTF-8">', "UTF-8"),
        (b"<META CHARSET=iso-8859-1>", "iso-8859-1"),
        (
            b"<meta http-equiv='content-type' content='text/html; charset=Windows-1252'>",
            "Windows-1252",
        ),
        (b"<p>no declaration</p>", None),
    ],
)
def test_encoding_sniffs_meta_charset(head: bytes, charset: str | None) -> None:
    assert sniff_meta_charset(b"<html><head>" + head) == charset


def test_encoding_centcom_page_is_utf8(data_path) -> None:
    page = data_path("corpus", "centcom", "nov2.html").read_bytes()
    text, encoding = decode_bytes(page, html=True)
    assert encoding == "utf-8"
    assert "Operation Inherent Resolve" in text or "ISIL" in text
