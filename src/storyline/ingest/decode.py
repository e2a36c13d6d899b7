"""Bytes to text: binary sniffing and charset decoding shared by files and downloads."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

import charset_normalizer

from ..errors import UnreadableInput

EXPECTED = "expected text, HTML, JSON or a feed"

# Magic numbers of the binary formats people most often drop into a folder of articles.
# Text formats are never listed, so a file is only called binary on strong evidence.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh91AY&SY", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
)

# Checked longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")

# A decoding that leaves more than this share of replacement or control characters is garbage.
_MAX_JUNK_SHARE = 0.05
_JUNK = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")
# charset-normalizer chaos scores this close are a tie.
_CHAOS_TIE = 0.01


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` (by magic number or NUL bytes), or None for text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    # UTF-16 and UTF-32 text is full of NULs, so a BOM excuses them.
    if bom_encoding(data) is None and b"\x00" in data[:8192]:
        return "contains NUL bytes"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares about itself (HTML meta or XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    """Python's name for a charset label, or None for labels Python does not know."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _is_garbage(text: str) -> bool:
    return bool(text) and len(_JUNK.findall(text)) / len(text) > _MAX_JUNK_SHARE


def _attempt(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _is_garbage(text) else text


def _detect(data: bytes) -> str | None:
    """charset-normalizer's pick, except that windows-1252 wins a tie.

    On short Western European text several code pages fit equally well and the detector's
    order among them is arbitrary ("naïve" comes out as "naďve" in cp1250); windows-1252
    is what browsers assume for unlabelled pages, so it is the better tie-break.
    """
    # Without a BOM, UTF-16/32 guesses are noise: such text with any ASCII in it has NUL
    # bytes and was already refused as binary.
    matches = [
        m
        for m in charset_normalizer.from_bytes(data)
        if not m.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = {_codec(m.encoding) for m in matches if m.chaos <= least + _CHAOS_TIE}
    return "cp1252" if "cp1252" in tied else _codec(matches[0].encoding)


def decode(
    data: bytes,
    *,
    declared: Iterable[str | None] = (),
    hinted: Iterable[str | None] = (),
    source: str | None = None,
) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order: a BOM, then ``declared`` charsets (authoritative, e.g. the HTTP header), then strict
    UTF-8, then ``hinted`` charsets (what the document says of itself, often stale after a
    re-save), then charset-normalizer. Raises UnreadableInput when nothing gives clean text.
    """
    bom = bom_encoding(data)
    if bom:
        # The explicit-endian codecs keep the BOM as U+FEFF, so it is cut off first.
        mark = next(b for b, name in _BOMS if name == bom)
        text = _attempt(data[len(mark) :], bom)
        if text is None:
            raise UnreadableInput(
                f"cannot decode: the byte-order mark says {bom} but the bytes are not",
                source=source,
            )
        return text, bom
    candidates = [_codec(c) for c in declared] + ["utf-8"] + [_codec(c) for c in hinted]
    for codec in dict.fromkeys(c for c in candidates if c):
        text = _attempt(data, codec)
        if text is not None:
            return text, codec
    codec = _detect(data)
    text = _attempt(data, codec) if codec else None
    if text is not None:
        return text, codec
    raise UnreadableInput(
        "cannot decode: no text encoding fits (tried charset detection)", source=source
    )
