"""The test oracle of the pinyin search, written apart from the site's code.

It shares nothing with docs/assets/edition-pinyin.js or edition/render/search.py: the readings
are the model's (``Paragraph.pinyin``, tone marks), converted with pypinyin's own
``tone_convert``; a query is cut the slow, obvious way, by enumerating every cutting of each
run of letters into pieces that are a syllable of pypinyin's dictionary as written there (with
its tone mark or without), or a toneless syllable followed by a tone number; every resulting
syllable sequence is then looked for at every place of the text. The JavaScript does neither
(it walks the text and lets the text decide the cutting).

Semantics (as README and edition/render/search.py state them): no tone = any tone, neutral
included; a mark or a number = that tone; 5 or 0 = neutral; ü as ü, v or u:; spaces,
apostrophes and hyphens separate syllables; the characters must be consecutive.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from pypinyin.contrib.tone_convert import to_normal, to_tone3
from pypinyin.pinyin_dict import pinyin_dict

Syllable = tuple[str, int | None]           # toneless (ü as ü), tone 1–5 (5 neutral) or None: any
SEPARATORS = re.compile(r"[\s'’‘\-·]+")


@cache
def reading(r: str) -> tuple[str, int]:
    """A decided reading as (toneless, tone): pypinyin's conversion, not the site's."""
    return to_normal(r, v_to_u=True), int(to_tone3(r, neutral_tone_with_five=True, v_to_u=True)[-1])


@cache
def forms() -> tuple[dict[str, Syllable], frozenset[str]]:
    """Every written form of pypinyin's dictionary: a marked form → (toneless, its tone); and
    the toneless forms."""
    marked: dict[str, Syllable] = {}
    toneless: set[str] = set()
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            r = unicodedata.normalize("NFC", r)
            base, tone = reading(r)
            toneless.add(base)
            if base != r:
                marked[r] = (base, tone)
    return marked, frozenset(toneless)


def cuttings(chunk: str) -> Iterator[tuple[Syllable, ...]]:
    """Every way to cut a run of letters (with marks and numbers) into syllables."""
    if not chunk:
        yield ()
        return
    marked, toneless = forms()
    for size in range(1, min(len(chunk), 8) + 1):
        piece, rest = chunk[:size], chunk[size:]
        heads: list[Syllable] = []
        if piece in marked:
            heads.append(marked[piece])
        if piece in toneless:
            if rest[:1].isdigit():
                if rest[0] in "012345":
                    heads.append((piece, 5 if rest[0] in "05" else int(rest[0])))
                    rest = rest[1:]
            else:
                heads.append((piece, None))
        for head in heads:
            for tail in cuttings(rest):
                yield (head, *tail)


def parse(query: str) -> list[tuple[Syllable, ...]] | None:
    """Every syllable sequence the query can be read as; None if it is not pinyin."""
    text = unicodedata.normalize("NFKC", query).lower().strip()
    text = unicodedata.normalize("NFC", text.replace("u:", "ü").replace("v", "ü"))
    chunks = [c for c in SEPARATORS.split(text) if c]
    if not chunks:
        return None
    each = [list(cuttings(c)) for c in chunks]
    if not all(each):
        return None
    return [tuple(s for part in combo for s in part) for combo in itertools.product(*each)]


@cache
def _readings(pinyin: tuple[str, ...]) -> tuple[tuple[str, int] | None, ...]:
    return tuple(reading(r) if r else None for r in pinyin)


@cache
def _starts(pinyin: tuple[str, ...]) -> dict[str, list[int]]:
    """Where each toneless syllable stands (only to make the oracle quick)."""
    where: dict[str, list[int]] = {}
    for i, r in enumerate(_readings(pinyin)):
        if r:
            where.setdefault(r[0], []).append(i)
    return where


def occurrences(pinyin: tuple[str, ...], sequences: list[tuple[Syllable, ...]]) -> list[tuple[int, int]]:
    """Every (start, end) where consecutive characters read one of the sequences."""
    text = _readings(pinyin)
    found = set()
    for seq in sequences:
        for start in _starts(pinyin).get(seq[0][0], ()):
            window = text[start:start + len(seq)]
            if len(window) == len(seq) and all(w is not None and w[0] == base and (tone is None or w[1] == tone)
                                               for w, (base, tone) in zip(window, seq, strict=True)):
                found.add((start, start + len(seq)))
    return sorted(found)


def paragraphs(edition, query: str) -> list[str] | None:
    """The ids of the paragraphs the pinyin query finds, in order; None if it is not pinyin."""
    sequences = parse(query)
    if sequences is None:
        return None
    return [p.id for p in edition.paragraphs if occurrences(p.pinyin, sequences)]


def first_hit(edition, query: str, pid: str, text: str) -> str:
    """The characters of ``text`` (a version's text of paragraph ``pid``) at the first match."""
    p = next(p for p in edition.paragraphs if p.id == pid)
    start, end = occurrences(p.pinyin, parse(query) or [])[0]
    return text[start:end]
