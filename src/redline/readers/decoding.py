"""Bytes to text: size limits, binary sniffing and encoding detection, shared by every reader.

The decoded text is what every offset refers to, so decoding changes nothing but the byte
form: a byte-order mark is dropped, line endings and everything else are kept as they are.

>>> decode_bytes(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9", "a.txt")
('café', 'utf-8')
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from redline.errors import InputError

# charset-normalizer scores each candidate's "chaos" (0 = reads cleanly, 1 = noise) and drops
# those above its threshold; 0.2 is its own default, and real legacy-encoded prose scores
# well under it while random or compressed bytes yield no candidate at all.
MAX_CHAOS = 0.2
# Among the single-byte Latin code pages the detector cannot tell cp1252 from cp1250/cp1257
# (it picks cp1257 for plain French). Like browsers (WHATWG's default for unlabelled pages),
# we prefer windows-1252 whenever it reads the bytes cleanly; below this chaos it does.
CLEAN_CHAOS = 0.1

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. DOCX, XLSX or EPUB"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Only a byte-order mark can announce UTF-16/32 (HTML's rule too); a label saying so on an
# ASCII-compatible page is wrong, and browsers read such pages as UTF-8.
# Likewise "iso-8859-1" and "ascii" labels mean windows-1252 on the web (its superset).
_LABEL_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}

_REFUSED_LABELS = {"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"}

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

CANNOT_DECODE = "cannot decode: not UTF-8 and no encoding could be detected; save it as UTF-8"


def too_large(size: int | None, max_bytes: int) -> str:
    """The problem text for an input over ``max_bytes`` (``size`` None: size unknown)."""
    what = f"file is {size:,} bytes," if size is not None else "input is"
    return f"{what} over the limit of {max_bytes:,} bytes; raise it with --max-bytes"


def first_line(error: BaseException) -> str:
    """The first line of a library's error message (our problems are one line each)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:65536]:
        return "contains NUL bytes"
    return None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``, or raise InputError.

    In order: a byte-order mark, refusal of binary data, the ``declared`` charset (an HTML
    page's own label) when it decodes the bytes, strict UTF-8, then charset-normalizer.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], bom_encoding, source), bom_encoding
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"binary file ({kind}), not text")
    for encoding in (declared, "utf-8"):
        if encoding is not None:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(source, CANNOT_DECODE)
    return _decode_strict(data, encoding, source), encoding


def detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess when it is confident, preferring cp1252 (see CLEAN_CHAOS)."""
    matches = [
        match
        for match in from_bytes(data, threshold=MAX_CHAOS)
        # Without a BOM, UTF-16/32 guesses for NUL-free bytes are always mojibake.
        if match.chaos <= MAX_CHAOS and not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    for match in matches:
        if match.chaos <= CLEAN_CHAOS and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return matches[0].encoding if matches else None


def declared_charset(html: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB (``<meta>`` or XML prolog)."""
    found = _DECLARED_CHARSET.search(html[:4096])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    name = codec.name
    # A page must not choose a bytes-to-bytes codec (zlib, base64) or one that turns plain
    # ASCII into markup or escapes (UTF-7 is a classic script-injection vector).
    if not getattr(codec, "_is_text_encoding", True) or name in _REFUSED_LABELS:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _LABEL_ALIASES.get(name, name)


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"cannot decode as {encoding} (byte {error.start}); save it as UTF-8"
        ) from error
