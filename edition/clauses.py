"""The clause-aligned translation: each paragraph's English as segments paired with runs of its text.

``editorial/translation.en.yaml`` gives each paragraph as a list of segments, ``zh`` (a run of
the Simplified reading text exactly as the edition reads it: punctuation regularized, [sic]
readings as they stand) and ``en`` (its English rendering). One Chinese clause and one English
clause where the English keeps the order; several Chinese clauses in one segment where it
reorders them. This module checks that the runs of every paragraph follow each other and make up
exactly its reading text, and places them as :class:`~edition.model.Clause` offsets; a paragraph
given as one English text is one clause. A mismatch is a located error at the segment where the
runs leave the text::

    editorial/translation.en.yaml:172:11: p2, segment 2: its Chinese leaves the reading text at its
    character 9: the text reads '不在于B端流量的获取，而在于对于…' where the segment has '不再于B端流量的获…'

The offsets hold for the Traditional text too (every conversion maps character to character).

>>> split("甲乙，丙丁。", ["甲乙，", "丙丁。"])
[(0, 3), (3, 6)]
>>> split("甲乙，丙丁。", ["甲乙，", "丙", "丁"])       # the runs end too soon
Departure(run=3, at=0, rest='。')
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import NamedTuple

from .editorial import TranslationEntry
from .errors import EditionError, Problem
from .model import Clause, Edition, Paragraph

SHOWN = 16       # characters of the text and of the run quoted in a message


class Departure(NamedTuple):
    """Where a paragraph's runs leave its text: run ``run`` (0-based, ``len(runs)`` if the runs end
    too soon) at its character ``at``; ``rest`` is the text from there on ('' if the text ended)."""
    run: int
    at: int
    rest: str


def split(text: str, runs: Sequence[str]) -> list[tuple[int, int]] | Departure:
    """The (start, end) of each run in ``text`` if the runs, in order, make up exactly ``text``;
    otherwise the first place where they leave it."""
    spans: list[tuple[int, int]] = []
    i = 0
    for k, run in enumerate(runs):
        if not text.startswith(run, i):
            at = next(j for j, (a, b) in enumerate(zip(run, text[i:] + "\0" * len(run), strict=False)) if a != b)
            return Departure(k, at, text[i + at:])
        spans.append((i, i + len(run)))
        i += len(run)
    if i < len(text):
        return Departure(len(runs), 0, text[i:])
    return spans


def _cut(text: str) -> str:
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def place(p: Paragraph, translation: TranslationEntry) -> tuple[tuple[Clause, ...], list[Problem]]:
    """The clauses of one paragraph, or the problem with its segments."""
    segments = translation.segments.get(p.id)
    if segments is None:
        return ((Clause(0, len(p.simplified), p.english),) if p.english else ()), []
    path, line = translation.where.path, translation.lines.get(p.id)
    found = split(p.simplified, [s.zh for s in segments])
    if isinstance(found, list):
        return tuple(Clause(a, b, s.en) for (a, b), s in zip(found, segments, strict=True)), []
    if found.run == len(segments):
        where = segments[-1].where if segments else None
        message = (f"{p.id}: the segments end at character {len(p.simplified) - len(found.rest)} of "
                   f"{len(p.simplified)}; the reading text goes on with {_cut(found.rest)}")
        return (), [(path, where.line if where else line, where.col if where else None, message)]
    seg = segments[found.run]
    text = "the text has ended" if not found.rest else f"the text reads {_cut(found.rest)}"
    message = (f"{p.id}, segment {found.run + 1}: its Chinese leaves the reading text at its character "
               f"{found.at + 1}: {text} where the segment has {_cut(seg.zh[found.at:])}")
    return (), [(path, seg.where.line, seg.where.col, message)]


def attach_clauses(edition: Edition, translation: TranslationEntry | None) -> Edition:
    """The edition with each paragraph's clauses; every paragraph whose segments do not make up its
    text is a located error (all of them at once)."""
    if translation is None:
        return edition
    problems: list[Problem] = []
    paragraphs = []
    for p in edition.paragraphs:
        clauses, found = place(p, translation)
        problems += found
        paragraphs.append(dataclasses.replace(p, clauses=clauses))
    if problems:
        raise EditionError.many(problems)
    return dataclasses.replace(edition, paragraphs=tuple(paragraphs))


def clause_at(p: Paragraph, offset: int) -> int:
    """The index of the clause holding character ``offset`` of the reading text (-1 if none)."""
    return next((k for k, c in enumerate(p.clauses) if c.start <= offset < c.end), -1)
