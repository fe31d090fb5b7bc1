"""The editors' remarks: places of the text that deserve a note but no correction.

A remark is kept in ``editorial/sic.yaml`` under ``remarks:``, in the shape of a [sic] entry
without a suggestion (``reading`` must occur in the paragraph's Simplified text, exactly once
unless ``occurrence`` says which). ``considered`` names a correction that the editors weighed and
rejected, so a withdrawn [sic] stays on record as data with its evidence (s3, 醇熟 in ¶ 19).

Readers see a remark as a mark after its span, like a [sic] but labelled as an editors' note
(``remark_label``), with the note in the version's language; the apparatus lists them; the TEI
marks the span with <seg> and gives the note as <note type="editorial">; the JSON export lists
them. Placement (:mod:`edition.segments`) comes after emendations and [sic], so no remark can hide
one.

Placing them is this module's work; the :class:`~edition.model.Remark` is in the model.

>>> from edition.model import Note
>>> from edition.model import Remark
>>> r = Remark("r1", "p12", "为代表", Note("", "", ""), 3)
>>> (r.offset, r.end)
(3, 6)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .convert import make_note
from .editorial import RemarkEntry
from .errors import EditionError, Problem
from .establish import locate
from .model import Edition, Remark


def attach_remarks(edition: Edition, entries: Iterable[RemarkEntry], traditional_config: str) -> Edition:
    """The edition with each remark placed in its paragraph; every misplaced entry is a located error."""
    by_pid: dict[str, list[Remark]] = {p.id: [] for p in edition.paragraphs}
    problems: list[Problem] = []
    for r in entries:
        if r.paragraph not in by_pid:
            problems.append((r.where.path, r.where.line, r.where.col,
                             f"remark {r.id}: paragraph {r.paragraph!r} does not exist"))
            continue
        start, count = locate(edition.paragraph(r.paragraph).simplified, r.reading, r.occurrence)
        if start is None:
            what = "does not occur" if count == 0 else f"occurs {count} times (add 'occurrence')"
            problems.append((r.where.path, r.where.line, r.where.col,
                             f"remark {r.id}: {r.reading!r} {what} in {r.paragraph}"))
            continue
        by_pid[r.paragraph].append(Remark(r.id, r.paragraph, r.reading, make_note(r.reason, traditional_config),
                                          start, r.considered or ""))
    if problems:
        raise EditionError.many(problems)
    paragraphs = tuple(dataclasses.replace(p, remarks=tuple(sorted(by_pid[p.id], key=lambda r: r.offset)))
                       for p in edition.paragraphs)
    return dataclasses.replace(edition, paragraphs=paragraphs)
