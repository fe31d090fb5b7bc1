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
"""
from __future__ import annotations

import json
import unicodedata
from typing import TypedDict

from ..model import Edition
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


def search_index(edition: Edition, version: Version, mapping: dict[str, str]) -> str:
    """JSON for one version: display text, folded Chinese, folded English, and the fold map."""
    paragraphs: list[IndexEntry] = [{
        "id": p.id, "n": p.n,
        "zh": version.text(p), "zhFold": fold(p.simplified, mapping),
        "en": p.english, "enFold": fold(p.english, mapping),
    } for p in edition.paragraphs]
    for p in paragraphs:
        if len(p["zhFold"]) != len(p["zh"]) or len(p["enFold"]) != len(p["en"]):
            raise ValueError(f"folding changed the length of {p['id']}; highlight offsets would be wrong")
    return json.dumps({"paragraphs": paragraphs, "fold": {**PUNCTUATION_FOLD, **mapping}},
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
