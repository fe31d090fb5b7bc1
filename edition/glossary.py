"""The glossary: reviewed entries (editorial/glossary.yaml) joined with what the text says.

Traditional forms, pinyin and every occurrence are computed here, once, from the Edition; a
term that no longer occurs in the text fails the build.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .convert import convert, make_note
from .data import Sequence, bilingual
from .errors import EditionError, Problem
from .model import Edition, Occurrence, Term
from .shapes import load_checked

GROUPS = ("technology", "economy", "metaphor")   # as declared in schema/editorial/glossary.schema.json


def occurrences(edition: Edition, form: str) -> tuple[Occurrence, ...]:
    found = []
    for p in edition.paragraphs:
        at = p.simplified.find(form)
        while at != -1:
            found.append(Occurrence(p.id, at))
            at = p.simplified.find(form, at + 1)
    return tuple(found)


WORD_SEPARATORS = {" ": " ", "-": "-"}   # in ``words``: a space between words, a hyphen inside a divided idiom
LATIN_PUNCTUATION = {"、": ", "}          # pinyin takes Latin punctuation (GB/T 16159-2012): 人、财、物 rén, cái, wù


def term_pinyin(edition: Edition, occurrence: Occurrence, words: str) -> str:
    """The term's pinyin, read where it first occurs (the decided readings) and written word by word
    as ``words`` divides it (GB/T 16159-2012: syllables of a word together, words apart, the two
    halves of a four-character idiom joined by a hyphen)::

        产业 互联网 → chǎnyè hùliánwǎng        一板-一眼 → yībǎn-yīyǎn
    """
    p = edition.paragraph(occurrence.paragraph)
    out, i = [], occurrence.offset
    for ch in words:
        if ch in WORD_SEPARATORS:
            out.append(WORD_SEPARATORS[ch])
            continue
        out.append(p.pinyin[i] if p.pinyin and p.pinyin[i] else LATIN_PUNCTUATION.get(ch, ch))
        i += 1
    return "".join(out)


def attach_glossary(edition: Edition, path: Path | str, traditional_config: str) -> Edition:
    path = Path(path)
    if not path.exists():
        return edition
    doc = load_checked(path, "glossary")   # ids are slugs, groups one of GROUPS: the schema says so
    terms: list[Term] = []
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for m in doc["terms"]:
        tid, zh = m["id"], m["zh"]
        if tid in seen:
            problems.append((str(path), m.line, m.col, f"duplicate term id {tid!r} (first at line {seen[tid]})"))
        seen[tid] = m.line
        words = m.get("words", zh)
        if "".join(ch for ch in words if ch not in WORD_SEPARATORS) != zh:
            problems.append((str(path), *m.mark("words"), f"term {tid!r}: words {words!r} must be {zh!r} "
                                                           "with spaces or hyphens between its words"))
            continue
        found = occurrences(edition, zh)
        if not found:
            problems.append((str(path), m.line, m.col, f"term {tid!r}: {zh!r} does not occur in the text"))
            continue
        terms.append(Term(tid, zh, convert(zh, traditional_config), term_pinyin(edition, found[0], words),
                          m["en"], m["group"], make_note(bilingual(m, "definition"), traditional_config), found))
    compare = doc.get("compare", Sequence())
    for i, tid in enumerate(compare):
        if tid not in seen:
            problems.append((str(path), *compare.mark(i), f"compare: no term {tid!r}"))
    if problems:
        raise EditionError.many(problems)
    return dataclasses.replace(edition, glossary=tuple(terms), glossary_compare=tuple(compare))
