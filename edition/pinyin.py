"""What counts as a pinyin syllable, and what counts as Han or Latin.

The syllable inventory is not typed by hand: it is every tone-marked reading in
pypinyin's character dictionary (about 1,550 forms, neutral-tone forms included).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

TONE_MARKS = {"\u0304", "\u0301", "\u030c", "\u0300"}  # macron, acute, caron, grave


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    forms = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            forms.add(unicodedata.normalize("NFC", reading))
    return frozenset(forms)


def is_syllable(text: str) -> bool:
    """True if ``text`` is one pinyin syllable with correct tone marks (or none, for the neutral tone)."""
    return unicodedata.normalize("NFC", text) in syllables()


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3134F
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F or cp == 0x3007)


def is_latin(ch: str) -> bool:
    """A Latin letter, plain or accented (ASCII, Latin-1, Extended-A/B, Extended Additional)."""
    cp = ord(ch)
    return ch.isalpha() and (cp < 0x250 or 0x1E00 <= cp <= 0x1EFF)


def has_tone_mark(ch: str) -> bool:
    return is_latin(ch) and any(c in TONE_MARKS for c in unicodedata.normalize("NFD", ch)) \
        or ch in TONE_MARKS
