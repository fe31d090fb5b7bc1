"""Which characters the witness's converter left Simplified, and which it left in a form that
Traditional writing uses too.

The witness's converter turned the Simplified original into Traditional characters only where
its own table had an entry; every other character stayed as it was. Where the edition's
Traditional text now has another character than the witness (the witness has ``c``, the
Simplified reading text has ``c``, the Traditional reading text has ``t != c``), the converter
left ``c`` alone. That is not always a Simplified character left over:

- **simplified**: ``c`` is the Simplified form of the word, and a Traditional text does not write
  the word with ``c`` (于 for 於, 并 for 並, 云 for 雲, 里 for 裡, 系 for 係, 后 for 後, 么 for 麼).
  These characters do exist in Traditional writing, but as other words (the surname 于, 并州,
  子曰詩云, 鄰里, 體系, 皇后, 幺), so no character-level test tells them apart: it is the word
  that decides.
- **variant**: ``c`` is a standard Traditional form of the same word, and the edition's Taiwan
  configuration (OpenCC ``s2tw``) merely prefers the other form: 占 beside 佔 ("occupy", 占得先機),
  注 beside 註 ("note", 注腳). Both are in Taiwan's standard character lists and its dictionaries
  write these words with either; the mainland merged them into 占 and 注 by the 1955 table of
  variant forms (第一批异体字整理表), not by simplification.

Why a reviewed table and not a computation: OpenCC's own data do not separate the two classes.
Its standard-Traditional config ``s2t`` converts exactly as ``s2tw`` does at every one of these
places in the witness (注脚 → 註腳, 占 → 佔, 系 → 係 in 关系), so "``s2t`` keeps it, ``s2tw``
changes it" finds nothing; and its character table lists ``c`` itself among the Traditional
forms of 占, 注, 于, 系, 里, 后 and 云 alike. The pairs in :data:`TRADITIONAL_VARIANTS` are a
reviewed judgement about the Traditional standard, checked against a hand list of known cases in
``tests/test_leftover.py``; a leftover pair that is in neither class of that list fails that
test until it is reviewed.

>>> classify([("占", "佔"), ("于", "於"), ("于", "於"), ("注", "註")])
(['于'], ['占', '注'])
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import Edition

# (form the converter left, form of the Taiwan configuration): pairs of which both are standard
# Traditional forms of the word, the first merged into by the mainland's table of variants.
TRADITIONAL_VARIANTS: frozenset[tuple[str, str]] = frozenset({
    ("占", "佔"),   # zhàn "occupy": 占領/佔領, 占有/佔有; 佔 is a later form of 占 in this sense
    ("注", "註"),   # zhù "note, annotate": 注解/註解, 注腳/註腳
})


def leftovers(edition: Edition) -> list[tuple[str, str]]:
    """Every place where the converter left a character that the Traditional text writes
    otherwise: (the character as the witness and the Simplified text have it, the Traditional)."""
    return [(w, t) for p in edition.paragraphs
            for w, s, t in zip(p.diplomatic, p.simplified, p.traditional, strict=True) if w == s != t]


def classify(pairs: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(Simplified characters left, Traditional variants left), each most frequent first."""
    simplified: Counter[str] = Counter()
    variants: Counter[str] = Counter()
    for c, t in pairs:
        (variants if (c, t) in TRADITIONAL_VARIANTS else simplified)[c] += 1
    return _by_frequency(simplified), _by_frequency(variants)


def _by_frequency(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda c: (-counts[c], c))


def left_simplified(edition: Edition) -> list[str]:
    """The Simplified characters the converter left in the witness, most frequent first."""
    return classify(leftovers(edition))[0]


def left_variants(edition: Edition) -> list[str]:
    """Characters the converter left that are standard Traditional forms too (占, 注)."""
    return classify(leftovers(edition))[1]
