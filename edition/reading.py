"""Readings of the text: pinyin for every character, and the cross-check against the witness.

pypinyin resolves polyphonic characters by phrase. Each pinyin annotation the converter left
in the witness is independent evidence of a character's reading in context, so the two are
compared: agreements are counted, every disagreement is listed for the apparatus.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

from .model import PinyinCheck
from .parse import Annotation


def _no_reading(chars: str) -> list[str]:
    """pypinyin's ``errors`` callback: one empty reading for each character without pinyin."""
    return [""] * len(chars)


def readings(text: str) -> tuple[str, ...]:
    """Tone-marked pinyin for each character of ``text`` ('' for anything that is not Han)."""
    # pypinyin's stub types the callback as returning str, but its documentation and code take
    # a list too (one item per character), which is what keeps the result aligned with the text.
    result = lazy_pinyin(text, style=Style.TONE, errors=_no_reading)  # type: ignore[arg-type]
    if len(result) != len(text):  # pypinyin keeps one item per Han character; anything else is a bug here
        raise ValueError(f"pinyin lost alignment on {text[:20]!r}")
    return tuple(result)


def cross_check(pid: str, annotations: Iterable[Annotation], pinyin: tuple[str, ...],
                simplified: str) -> tuple[PinyinCheck, ...]:
    checks = []
    for a in annotations:
        generated = pinyin[a.offset]
        agree = unicodedata.normalize("NFC", generated) == unicodedata.normalize("NFC", a.pinyin)
        checks.append(PinyinCheck(pid, a.offset, a.char, simplified[a.offset], a.pinyin, generated, agree))
    return tuple(checks)
