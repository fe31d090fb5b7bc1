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


def words(text: str) -> list[str]:
    """Split a term into words (jieba), so its pinyin is written word by word: chǎnyè hùliánwǎng."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    return [w for w in jieba.lcut(text, HMM=False) if w]


def term_pinyin(edition: Edition, occurrence: Occurrence, length: int) -> str:
    """The term's reading where it first occurs, so polyphonic characters are read in context."""
    p = edition.paragraph(occurrence.paragraph)
    text = p.simplified[occurrence.offset:occurrence.offset + length]
    syllables = p.pinyin[occurrence.offset:occurrence.offset + length]
    out, i = [], 0
    for word in words(text):
        out.append("".join(syllables[i + k] or ch for k, ch in enumerate(word)))
        i += len(word)
    return " ".join(out).replace(" 、 ", "、")


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
        found = occurrences(edition, zh)
        if not found:
            problems.append((str(path), m.line, m.col, f"term {tid!r}: {zh!r} does not occur in the text"))
            continue
        terms.append(Term(tid, zh, convert(zh, traditional_config), term_pinyin(edition, found[0], len(zh)),
                          m["en"], m["group"], make_note(bilingual(m, "definition"), traditional_config), found))
    compare = doc.get("compare", Sequence())
    for i, tid in enumerate(compare):
        if tid not in seen:
            problems.append((str(path), *compare.mark(i), f"compare: no term {tid!r}"))
    if problems:
        raise EditionError.many(problems)
    return dataclasses.replace(edition, glossary=tuple(terms), glossary_compare=tuple(compare))
