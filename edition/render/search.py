"""The search index: every paragraph, in a form that exact matching can use directly.

Why not Material's search: its index has one entry per heading section, its in-browser query
splitter turns 产业互联网 into 产业*, and jieba's word segmentation either misses words inside
longer words (互联网 in 产业互联网) or, with a user dictionary, breaks them differently. For a
text of 32 paragraphs, exact substring matching over normalized text is both exact and fast
(well under a millisecond a query), and the whole index is a few kilobytes.

Normalization (mirrored in docs/assets/edition-fold.js; both run tests/fold_cases.json): per
character, NFKC and lower case, each only where it keeps one character of the same UTF-16
length (the browser's offsets are UTF-16 units, so highlighting stays aligned), then
Traditional→Simplified by a map built from OpenCC, or else curly quotes to straight ones.
Chinese is matched against the Simplified text, whose characters are aligned with the
Traditional text, so a match can be highlighted in either script.

Pinyin (docs/assets/edition-pinyin.js reads it; tests/test_pinyin_search.py holds the oracle).
A query that can be cut into syllables of the toneless inventory is also a pinyin query, and
finds the places where consecutive characters' *decided* readings (``Paragraph.pinyin``,
edition/reading.py) spell it:

- A syllable without a tone matches every tone, the neutral tone included (``ge`` finds 个
  gè and 这个 zhè ge). A tone mark (``chǎn``) or a tone number after the syllable (``chan3``)
  matches that tone only; 5 or 0 is the neutral tone (``ge5``), which a mark cannot write.
- ü is typed ``ü``, ``v`` or ``u:`` (``lv4``, ``lu:4``, ``lǜ``); ``ju``, ``qu``, ``xu``, ``yu`` are
  written with ``u``, as pinyin writes them. Case is ignored.
- Spaces, apostrophes and hyphens (and a tone number) end a syllable; between them a run of
  letters may be cut anywhere the inventory allows, and every cutting is tried: ``xian`` finds
  先 xiān and 西安 xī'ān, ``xi'an`` only the second. ``hulianwang`` = ``hu lian wang``.
- The syllables must belong to consecutive characters of the text: a pinyin query does not
  match across punctuation, a space, a Latin letter or a digit (``hu lian`` finds 互联, never
  互，联), and a character without a reading matches nothing.
- A query is pinyin only if it is entirely letters of the inventory, tone marks, tone numbers
  and those separators, and cuts into syllables with at most one tone each; anything else (Han
  characters, ``blockchain``) is searched as characters only. A query that is both (``fan``,
  ``men``) is answered twice, the pinyin results apart and labelled.

The index carries, per paragraph, ``py``: one token per UTF-16 unit of the text, the toneless
syllable followed by its tone digit (``chan3``; ``ge5`` neutral), or empty where there is no
reading, joined by spaces; and once, ``syllables``: the toneless inventory (about 420 forms,
ü as ``v``), generated from pypinyin's dictionary (edition/pinyin.py), never typed in.
"""
from __future__ import annotations

import json
import unicodedata
from typing import TypedDict

from ..model import Edition, Paragraph
from ..pinyin import split_tone, toneless_syllables
from ..versions import Version

PUNCTUATION_FOLD = {"’": "'", "‘": "'", "“": '"', "”": '"'}


class IndexEntry(TypedDict):
    """One paragraph of the search index (the JSON keys are what docs/assets/edition.js reads)."""
    id: str
    n: int
    zh: str
    zhFold: str
    en: str
    enFold: str
    py: str
    cl: list[list[int]]   # the aligned clauses: [zh start, zh end, en start, en end] in UTF-16 units


def _same_width(ch: str, candidate: str) -> bool:
    """One character, as many UTF-16 units as ``ch`` (𝐀 → A would shift every later offset in JS)."""
    return len(candidate) == 1 and (candidate > "\uffff") == (ch > "\uffff")


def fold_char(ch: str, mapping: dict[str, str]) -> str:
    n = unicodedata.normalize("NFKC", ch)
    ch = n if _same_width(ch, n) else ch
    low = ch.lower()
    ch = low if _same_width(ch, low) else ch
    return mapping.get(ch, PUNCTUATION_FOLD.get(ch, ch))


def fold(text: str, mapping: dict[str, str]) -> str:
    return "".join(fold_char(ch, mapping) for ch in text)


def charset(edition: Edition) -> set[str]:
    return {ch for p in edition.paragraphs for ch in p.simplified}


def pinyin_tokens(p: Paragraph) -> str:
    """The decided readings of the paragraph for the pinyin search: per UTF-16 unit of the text,
    the toneless syllable and its tone digit, or nothing (no reading; the second half of an
    astral character), joined by spaces.

    >>> from types import SimpleNamespace
    >>> pinyin_tokens(SimpleNamespace(simplified="这个，B", pinyin=("zhè", "ge", "", "")))
    'zhe4 ge5  '
    """
    tokens: list[str] = []
    for ch, reading in zip(p.simplified, p.pinyin or ("",) * len(p.simplified), strict=True):
        base, tone = split_tone(reading)
        tokens.append(f"{base}{tone}" if reading else "")
        tokens += [""] * (len(ch.encode("utf-16-le")) // 2 - 1)
    return " ".join(tokens)


def utf16(text: str, i: int) -> int:
    """The UTF-16 offset (what the browser counts) of code point ``i`` of ``text``."""
    return len(text[:i].encode("utf-16-le")) // 2


def clause_offsets(p: Paragraph) -> list[list[int]]:
    """Each clause of the translation as [zh start, zh end, en start, en end] (UTF-16 units), so that
    a search result shows the other language's aligned segment. ``p.english`` is the clauses'
    English joined by single spaces (edition.clauses)."""
    out, at = [], 0
    for c in p.clauses:
        out.append([utf16(p.simplified, c.start), utf16(p.simplified, c.end),
                    utf16(p.english, at), utf16(p.english, at + len(c.english))])
        at += len(c.english) + 1
    return out


def search_index(edition: Edition, version: Version, mapping: dict[str, str]) -> str:
    """JSON for one version: display text, folded Chinese, folded English, the readings for the
    pinyin search, the fold map and the toneless syllable inventory."""
    paragraphs: list[IndexEntry] = [{
        "id": p.id, "n": p.n,
        "zh": version.text(p), "zhFold": fold(p.simplified, mapping),
        "en": p.english, "enFold": fold(p.english, mapping),
        "py": pinyin_tokens(p), "cl": clause_offsets(p),
    } for p in edition.paragraphs]
    for p in paragraphs:
        if len(p["zhFold"]) != len(p["zh"]) or len(p["enFold"]) != len(p["en"]):
            raise ValueError(f"folding changed the length of {p['id']}; highlight offsets would be wrong")
    return json.dumps({"paragraphs": paragraphs, "fold": {**PUNCTUATION_FOLD, **mapping},
                       "syllables": " ".join(toneless_syllables())},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def pinyin_data(edition: Edition) -> str:
    """Per paragraph, the reading of each character of the text ('' where there is none).

    The text of both Chinese versions is aligned character for character, so one file serves
    both; the pinyin switch (edition.js) builds <ruby> from it when a reader turns it on.
    """
    return json.dumps({p.id: list(p.pinyin) for p in edition.paragraphs}, ensure_ascii=False, separators=(",", ":"))


def as_script(stem: str, data: str) -> str:
    """JSON ``data`` as a script that registers it as ``window.EditionData[stem]``: the edition
    read from a folder loads its data so (browsers refuse fetch() of a file:// address but run
    a script beside the page), as Material's offline plugin does with its search index.
    edition.js reads the data from there when the address it is given ends in .js.

    >>> as_script("pinyin", '{"p1":[]}')
    '(window.EditionData = window.EditionData || {})["pinyin"] = {"p1":[]};\\n'
    """
    return f'(window.EditionData = window.EditionData || {{}})["{stem}"] = {data};\n'
