"""decode_body: every body decodes, and the declared charset loses to the bytes when they disagree."""

from __future__ import annotations

import codecs
import os

from dipwatch.core.decoding import decode_body

TEXT = "Außenministerin Baerbock trifft Lawrow – „Gespräche“ in Genf"


def test_utf8_bom_is_removed() -> None:
    assert decode_body(codecs.BOM_UTF8 + TEXT.encode()) == TEXT


def test_utf16_bom() -> None:
    assert decode_body(TEXT.encode("utf-16")) == TEXT


def test_declared_latin1_but_utf8_bytes() -> None:
    body = f'<meta charset="iso-8859-1"><p>{TEXT}</p>'.encode()
    assert TEXT in decode_body(body, "text/html; charset=ISO-8859-1")


def test_http_charset_cp1252_smart_quotes() -> None:
    body = "<p>„Frieden“ – sagte er… ‘yes’</p>".encode("cp1252")
    assert decode_body(body, "text/html; charset=windows-1252") == "<p>„Frieden“ – sagte er… ‘yes’</p>"


def test_latin1_label_means_cp1252() -> None:
    body = '<meta charset="latin-1"><p>\u201cquoted\u201d</p>'.encode("cp1252")
    assert "\u201cquoted\u201d" in decode_body(body)


def test_undeclared_cp1252_falls_back() -> None:
    assert decode_body("Grüße aus Köln".encode("cp1252")) == "Grüße aus Köln"


def test_xml_declaration_is_read() -> None:
    body = '<?xml version="1.0" encoding="koi8-r"?><p>Москва</p>'.encode("koi8_r")
    assert "Москва" in decode_body(body)


def test_wrong_declared_utf8_uses_fallback() -> None:
    body = "Ärger über Zölle".encode("cp1252")
    assert decode_body(body, "text/html; charset=utf-8") == "Ärger über Zölle"


def test_mostly_utf8_with_one_broken_byte_stays_utf8() -> None:
    body = ("Müller sagte: „Wir verhandeln weiter.“ " * 20).encode() + b"\xff"
    out = decode_body(body)
    assert out.startswith("Müller sagte: „Wir")
    assert out.endswith("\ufffd")


def test_binary_garbage_never_raises_and_has_no_controls() -> None:
    body = os.urandom(20000) + b"\x00\x01\x02"
    out = decode_body(body, "text/html; charset=does-not-exist")
    assert isinstance(out, str)
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in out)


def test_nul_and_control_chars_are_stripped() -> None:
    assert decode_body(b"a\x00b\x07c\x1b\td\n") == "abc\td\n"
    assert decode_body("x\u0085y é".encode()) == "xy é"


def test_empty_body() -> None:
    assert decode_body(b"") == ""
