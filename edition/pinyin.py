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


TONE_NUMBERS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
NEUTRAL = 5


def split_tone(reading: str) -> tuple[str, int]:
    """A tone-marked syllable as the search writes it: toneless letters (ü as ``v``) and its tone,
    1–4, or 5 for the neutral tone (no mark).

    >>> split_tone("lǜ"), split_tone("chǎn"), split_tone("ge"), split_tone("ế")
    (('lv', 4), ('chan', 3), ('ge', 5), ('ê', 2))
    """
    tone, letters = NEUTRAL, list[str]()
    for c in unicodedata.normalize("NFD", reading):
        if c in TONE_NUMBERS:
            tone = TONE_NUMBERS[c]
        elif c == "\u0308":          # ü: the diaeresis on u
            letters[-1] = "v"
        else:
            letters.append(c)
    return unicodedata.normalize("NFC", "".join(letters)), tone


@lru_cache(maxsize=1)
def toneless_syllables() -> tuple[str, ...]:
    """The toneless inventory (about 420 forms, ü as ``v``), from :func:`syllables`: what the
    pinyin search may cut a spaceless query into (``xian`` is xian or xi + an)."""
    return tuple(sorted({split_tone(s)[0] for s in syllables()}))
