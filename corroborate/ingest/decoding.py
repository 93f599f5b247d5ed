"""Bytes to text, or a clear reason why the bytes are not text.

Order matters: a byte-order mark is trusted first (UTF-16 text is full of NUL bytes), then binary
files are recognised before any decoder can turn them into nonsense, then UTF-8 (almost every
file) is tried strictly. Only what remains pays for detection:

- UTF-8 with stray cp1252 bytes is read as such: scraped text that was pasted together from two
  encodings, and plain cp1252 files too (their non-ASCII bytes are never valid UTF-8 in
  practice). charset-normalizer alone is unreliable here: it reads mostly-ASCII cp1252 or
  latin-1 text as cp1250, cp775 or big5, garbling the few accented letters.
- otherwise charset-normalizer's best guess, if it recognises a language in the result
  (cp1251 Russian, cp1256 Arabic, GBK Chinese ...). A guess with no language behind it is how it
  answers for bytes that are not text in any encoding, so that is `undecodable`.
"""

from __future__ import annotations

import codecs

# Imported with the module, never on first use (README: a forked worker never waits on an import).
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from corroborate.ingest.rejections import Reason, Unusable

_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"PK\x05\x06": "an empty ZIP archive",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\x7fELF": "an ELF executable",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a legacy Office document",
    b"SQLite format 3\x00": "an SQLite database",
}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.10  # text has next to no control bytes; binaries have many
_MAX_MESS = 0.2  # charset-normalizer's own default for "this is not text"
_CP1252_STRAYS = "corroborate-cp1252-strays"


def _read_stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode-error handler: read the bytes UTF-8 rejected as cp1252 (raises if cp1252 can't)."""
    return error.object[error.start : error.end].decode("cp1252"), error.end


codecs.register_error(_CP1252_STRAYS, _read_stray_as_cp1252)


def decode(data: bytes) -> str:
    """The text in `data`; raises `Unusable` for empty, binary, NUL-ridden or undecodable bytes."""
    text = _decode_by_mark(data)
    if text is None:
        _refuse_binary(data)
        _refuse_nul(data.find(b"\x00"), "byte")
        text = _decode_unmarked(data)
    else:
        _refuse_nul(text.find("\x00"), "character")
    if not text.strip():
        raise Unusable(Reason.EMPTY_FILE, "The file holds nothing but whitespace.")
    return text


def _decode_by_mark(data: bytes) -> str | None:
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                detail = (
                    f"The file has a {name} byte-order mark, but byte {error.start} is not {name}."
                )
                raise Unusable(Reason.UNDECODABLE, detail) from None
    return None


def _refuse_binary(data: bytes) -> None:
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise Unusable(Reason.BINARY_FILE, f"The file is {kind}, not text.")
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_SHARE * len(sample):
        detail = (
            f"The file looks binary: {controls / len(sample):.0%} of its first bytes are controls."
        )
        raise Unusable(Reason.BINARY_FILE, detail)


def _refuse_nul(position: int, unit: str) -> None:
    if position >= 0:
        raise Unusable(Reason.NUL_BYTES, f"The text has a NUL {unit} at offset {position}.")


def _decode_unmarked(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        text = data.decode("utf-8", errors=_CP1252_STRAYS)
    except UnicodeDecodeError:
        text = None
    if text is not None and mess_ratio(text, _MAX_MESS) < _MAX_MESS:
        return text
    guess = from_bytes(data).best()
    if guess is not None and guess.coherence > 0 and guess.chaos < _MAX_MESS:
        return str(guess)
    raise Unusable(
        Reason.UNDECODABLE,
        f"Byte {first_bad} (0x{data[first_bad]:02x}) is not valid UTF-8, and no other text "
        "encoding reads the file as text in any language.",
    )
