"""Reading the witness file: bytes in, checked text out. Nothing here changes the text."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError

BOM = b"\xef\xbb\xbf"


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
    """How many characters are unlikely in Chinese prose (kana, Greek, box drawing, private use…)."""
    from .pinyin import is_han
    return sum(1 for ch in text if not (ch.isascii() or is_han(ch) or "\u3000" <= ch <= "\u303f"
                                        or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"))


def _guess_legacy_encoding(data: bytes) -> str | None:
    """Name the legacy Chinese encoding the bytes most plausibly are, if any.

    Nearly any Big5 byte string also decodes as GB18030, into kana, Greek and box-drawing
    characters; the decoding with fewer such characters wins.
    """
    scores = []
    for encoding in ("gb18030", "big5"):
        try:
            scores.append((_oddness(data.decode(encoding)), encoding.upper()))
        except UnicodeDecodeError:
            continue
    return min(scores)[1] if scores else None


def decode_witness(data: bytes, path: str) -> str:
    """Decode witness bytes, refusing anything that is not plain UTF-8 with LF line ends.

    A witness is kept byte for byte, so the edition refuses to guess: a GB18030 or Big5
    file is named as such and the user is told how to convert it deliberately.
    """
    if not data.strip():
        raise EditionError(path, 1, 1, "the witness is empty")
    if data.startswith(BOM):
        raise EditionError(path, 1, 1, "starts with a UTF-8 byte-order mark (U+FEFF); save the witness without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        legacy = _guess_legacy_encoding(data)
        hint = (f"; it decodes as {legacy}: convert it deliberately "
                f"(iconv -f {legacy} -t UTF-8) and record that in the apparatus") if legacy else ""
        raise EditionError(path, line, col,
                           f"not UTF-8: byte 0x{data[exc.start]:02X} cannot start a character{hint}") from None
    if "\r" in text:
        line, col = _line_col(data, data.index(b"\r"))
        raise EditionError(path, line, col,
                           "carriage return (CRLF or CR line ending); the witness must use LF line endings")
    return text


def read_witness(path: Path | str) -> WitnessFile:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(str(path), None, None, "no such file") from None
    except IsADirectoryError:
        raise EditionError(str(path), None, None, "is a directory, not a witness file") from None
    text = decode_witness(data, str(path))
    return WitnessFile(str(path), text, hashlib.sha256(data).hexdigest(), len(data))
