"""Reading the witness file: bytes in, checked text out. Nothing here changes the text."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = {b"\xff\xfe": "UTF-16LE", b"\xfe\xff": "UTF-16BE"}

# Absurd inputs are refused before anything reads them whole. The witness is 7,793 bytes, its longest
# line about a thousand characters. Every stage of the pipeline is linear except OpenCC itself: the
# pure-Python converter cuts its input only at punctuation and spaces, and within a stretch without
# them its cost grows with the square of the length (200,000 characters: about 3 s a configuration,
# 800,000: about 50 s; a build runs eight configurations). The line limit bounds that worst case.
MAX_WITNESS_BYTES = 2_000_000
MAX_LINE_CHARS = 200_000
GUESS_SAMPLE = 65_536   # bytes of a file that is not UTF-8 read to name its encoding


@dataclass(frozen=True)
class WitnessFile:
    path: str
    text: str
    sha256: str
    size: int

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset in mostly-UTF-8 data."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


def _oddness(text: str) -> int:
    """How many characters are unlikely in Chinese prose (kana, Greek, box drawing, private use,
    control characters…)."""
    from .pinyin import is_han
    return sum(1 for ch in text if not ((" " <= ch <= "~") or ch in "\n\t" or is_han(ch) or "\u3000" <= ch <= "\u303f"
                                        or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"))


def _guess_legacy_encoding(data: bytes) -> str | None:
    """Name the legacy Chinese encoding the bytes most plausibly are, if any.

    Nearly any Big5 byte string also decodes as GB18030, into kana, Greek and box-drawing
    characters, and any even-length string as UTF-16; the decoding with fewer such characters
    wins. The first 64 KiB are enough to tell.
    """
    sample = data[:GUESS_SAMPLE]
    cuts = range(4) if len(data) > len(sample) else range(1)  # a character cut by the sample's end is no error
    scores = []
    for encoding in ("gb18030", "big5", "utf-16le", "utf-16be"):
        for cut in cuts:
            try:
                scores.append((_oddness(sample[:len(sample) - cut].decode(encoding)), encoding.upper()))
                break
            except UnicodeDecodeError:
                continue
    return min(scores)[1] if scores else None


def _utf16_by_nul_bytes(data: bytes) -> str | None:
    """UTF-16LE or UTF-16BE when NUL bytes (the high byte of ASCII characters in UTF-16) are
    a tenth of the data or more, by which half of the byte pairs holds them; else None."""
    nuls = data.count(0)
    if len(data) < 2 or nuls * 10 < len(data):
        return None
    odd = data[1::2].count(0)
    return "UTF-16LE" if odd * 2 >= nuls else "UTF-16BE"


def check_size(size: int, path: str) -> None:
    """Refuse a witness over :data:`MAX_WITNESS_BYTES` (before it is read)."""
    if size > MAX_WITNESS_BYTES:
        raise EditionError(path, None, None, f"witness is {size:,} bytes ({size / 1e6:.1f} MB); the limit is "
                                             f"{MAX_WITNESS_BYTES:,} bytes (MAX_WITNESS_BYTES in edition/source.py)")


def check_line_lengths(text: str, path: str) -> None:
    """Refuse a line over :data:`MAX_LINE_CHARS` characters, located at its first character past the limit."""
    if len(text) <= MAX_LINE_CHARS:
        return
    for n, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise EditionError(path, n, MAX_LINE_CHARS + 1,
                               f"line is {len(line):,} characters long; the limit is {MAX_LINE_CHARS:,} "
                               "(MAX_LINE_CHARS in edition/source.py)")


def _convert_hint(encoding: str) -> str:
    return f"convert it deliberately (iconv -f {encoding} -t UTF-8) and record that in the apparatus"


def decode_witness(data: bytes, path: str) -> str:
    """Decode witness bytes, refusing anything that is not plain UTF-8 with LF line ends.

    A witness is kept byte for byte, so the edition refuses to guess: a GB18030 or Big5
    file is named as such and the user is told how to convert it deliberately.
    """
    check_size(len(data), path)
    if not data.strip():
        raise EditionError(path, 1, 1, "the witness is empty")
    if data.startswith(BOM):
        raise EditionError(path, 1, 1, "starts with a UTF-8 byte-order mark (U+FEFF); save the witness without BOM")
    for bom, name in UTF16_BOMS.items():
        if data.startswith(bom):
            raise EditionError(path, 1, 1, f"not UTF-8: starts with the byte-order mark of {name} "
                                           f"({bom[0]:02X} {bom[1]:02X}); {_convert_hint(name)}")
    utf16 = _utf16_by_nul_bytes(data)
    if utf16 is not None:
        raise EditionError(path, 1, 1, f"not UTF-8: {data.count(0):,} of its {len(data):,} bytes are NUL, "
                                       f"as in {utf16} text; {_convert_hint(utf16)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        legacy = _guess_legacy_encoding(data)
        hint = f"; it decodes as {legacy}: {_convert_hint(legacy)}" if legacy else ""
        raise EditionError(path, line, col,
                           f"not UTF-8: byte 0x{data[exc.start]:02X} cannot start a character{hint}") from None
    if "\r" in text:
        line, col = _line_col(data, data.index(b"\r"))
        raise EditionError(path, line, col,
                           "carriage return (CRLF or CR line ending); the witness must use LF line endings")
    check_line_lengths(text, path)
    return text


def read_witness(path: Path | str) -> WitnessFile:
    path = Path(path)
    try:
        check_size(path.stat().st_size, str(path))  # before reading it
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(str(path), None, None, "no such file") from None
    except IsADirectoryError:
        raise EditionError(str(path), None, None, "is a directory, not a witness file") from None
    text = decode_witness(data, str(path))
    return WitnessFile(str(path), text, hashlib.sha256(data).hexdigest(), len(data))
