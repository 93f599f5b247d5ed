"""Bytes to text: byte-order marks, legacy encodings, and the bytes that are not text."""

from __future__ import annotations

import random

import pytest

from corroborate.ingest import Reason, ingest_paths
from corroborate.ingest.decoding import decode
from corroborate.ingest.rejections import Unusable

SENTENCE = "The ministry said on Tuesday that the clashes had ended after talks. "
WESTERN = "“Ceasefire” talks cost €5 million – it’s a naïve café deal. " + SENTENCE


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
def test_unicode_encodings_with_their_byte_order_mark(encoding: str) -> None:
    data = WESTERN.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no mark of their own
        data = "\ufeff".encode(encoding) + data
    assert decode(data) == WESTERN


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (WESTERN, "cp1252"),
        ("Die Regierung äußerte sich am Dienstag über die Kämpfe. " * 3, "latin-1"),
        ("Министерство обороны заявило во вторник, что бои прекратились. " * 3, "cp1251"),
        ("قالت وزارة الدفاع يوم الثلاثاء إن الاشتباكات انتهت بعد محادثات. " * 3, "cp1256"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_utf8_with_stray_cp1252_bytes_reads_both() -> None:
    data = "It’s “fine”, ".encode() + "they said “again”.".encode("cp1252")
    assert decode(data) == "It’s “fine”, they said “again”."


@pytest.mark.parametrize(
    "data",
    [
        # Bytes that cp1252 leaves undefined: charset-normalizer can only offer a guess with no
        # language in it (it proposes Korean cp949 for these), which is how it says "not text".
        SENTENCE.encode() + b"\x81\x8d\x8f\x90\x9d" * 6,
        random.Random(7).randbytes(400).translate(bytes(range(128, 256)) * 2),  # all >= 0x80
    ],
    ids=["undefined-cp1252-bytes", "random-high-bytes"],
)
def test_bytes_no_encoding_reads_are_undecodable(data: bytes) -> None:
    with pytest.raises(Unusable) as caught:
        decode(data)
    assert caught.value.reason == Reason.UNDECODABLE
    assert "not valid UTF-8" in caught.value.detail


def test_a_broken_byte_order_mark_file_is_undecodable() -> None:
    with pytest.raises(Unusable) as caught:
        decode("\ufeffabc".encode("utf-16-le") + b"\x00")  # odd length: a cut-off character
    assert caught.value.reason == Reason.UNDECODABLE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Reason.BINARY_FILE),
        (b"PK\x03\x04\x14\x00\x06\x00", Reason.BINARY_FILE),
        (b"\x7fELF\x02\x01\x01\x00", Reason.BINARY_FILE),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", Reason.BINARY_FILE),
        (bytes(range(32)) * 20, Reason.BINARY_FILE),
        (SENTENCE.encode("utf-16-le"), Reason.BINARY_FILE),  # UTF-16 without its mark
        (b"Troops withdrew\x00 from the border.", Reason.NUL_BYTES),
        ("Troops withdrew\x00 from the border.".encode("utf-16"), Reason.NUL_BYTES),
        (b" \r\n\t \n", Reason.EMPTY_FILE),
        (b"\xef\xbb\xbf \n", Reason.EMPTY_FILE),
    ],
    ids=["png", "zip", "elf", "pdf", "controls", "utf16-no-bom", "nul", "nul-utf16", "ws", "bom"],
)
def test_bytes_that_are_not_text(data: bytes, reason: Reason) -> None:
    with pytest.raises(Unusable) as caught:
        decode(data)
    assert caught.value.reason == reason


def test_encodings_end_to_end(write) -> None:
    """Each encoding reads to the same document: one document, three sources."""
    article = "Talks Resume\n\n" + WESTERN
    paths = [
        write("a.txt", article.encode("utf-8-sig")),
        write("b.txt", article.encode("utf-16")),
        write("c.txt", article.encode("cp1252")),
    ]
    batch = ingest_paths(paths)
    assert batch.rejected == []
    [document] = batch.documents
    assert "“Ceasefire” talks cost €5 million – it’s a naïve café deal." in document["text"]
    assert len(batch.sources) == 3
