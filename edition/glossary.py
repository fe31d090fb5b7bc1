"""The glossary: reviewed entries (editorial/glossary.yaml) joined with what the text says.

Traditional forms, pinyin and every occurrence are computed here, once, from the Edition; a
term that no longer occurs in the text fails the build.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .convert import convert, make_note
from .data import Mapping, bilingual, load_yaml, require
from .errors import EditionError, Problem
from .model import Edition, Occurrence, Term

GROUPS = ("technology", "economy", "metaphor")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
    doc = load_yaml(path)
    terms: list[Term] = []
    seen: dict[str, int | None] = {}
    problems: list[Problem] = []
    for m in doc.get("terms") or []:
        tid, zh = require(m, "id"), require(m, "zh")
        line = m.line if isinstance(m, Mapping) else None
        if not SLUG.match(tid):
            problems.append((str(path), line, None, f"term id {tid!r} must be a lowercase ASCII slug"))
        if tid in seen:
            problems.append((str(path), line, None, f"duplicate term id {tid!r} (first at line {seen[tid]})"))
        seen[tid] = line
        group = require(m, "group")
        if group not in GROUPS:
            problems.append((str(path), line, None, f"term {tid!r}: group {group!r} is not one of {', '.join(GROUPS)}"))
        found = occurrences(edition, zh)
        if not found:
            problems.append((str(path), line, None, f"term {tid!r}: {zh!r} does not occur in the text"))
            continue
        terms.append(Term(tid, zh, convert(zh, traditional_config), term_pinyin(edition, found[0], len(zh)),
                          require(m, "en"), group,
                          make_note(bilingual(m, "definition"), traditional_config),
                          found))
    compare = tuple(doc.get("compare") or ())
    for tid in compare:
        if tid not in seen:
            problems.append((str(path), doc.where("compare")[1], None, f"compare: no term {tid!r}"))
    if problems:
        raise EditionError.many(problems)
    return dataclasses.replace(edition, glossary=tuple(terms), glossary_compare=compare)
