"""How a paragraph's witness line becomes its reading text, place by place: one pure walk of the
witness line with the model's columns (annotations, emendations), never a re-parse of it.

Two renderers read the same walk: the TEI transcription (:func:`edition.render.tei.transcription_xml`)
and the witness view of the essay page (:mod:`edition.render.witness_view`).

Each :class:`Step` covers a stretch of the witness line and a stretch of the reading text:

- ``TEXT``: a character the edition kept as it is;
- ``CONVERTED``: a character the conversion to Simplified changed (當 → 当);
- ``PUNCTUATION`` / ``PHRASE``: a character one of the editors' two general rules changed
  (``,`` → ``，``; the particle 著 → 着);
- ``ANNOTATION``: the converter's bracketed pinyin, removed (nothing in the reading text);
- ``EMENDATION``: the witness's characters as they stand, replaced by the editors' reading,
  whose characters are the step's ``inner`` steps (each ``TEXT`` or a change).

Joining the ``witness`` of the steps gives the witness line; the reading text's characters
``start``…``end`` are the step's reading. A ValueError says where the line and the paragraph's
diplomatic text disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .model import Emendation, Paragraph
from .parse import Annotation


class Change(StrEnum):
    """What the edition did at a place of the witness line (single tokens: TEI @type, CSS classes)."""
    TEXT = "text"                 # nothing
    CONVERTED = "script"          # the conversion to Simplified changed the character
    PUNCTUATION = "punctuation"   # the punctuation rule (RegularizationKind.PUNCTUATION)
    PHRASE = "phrase"             # a reviewed phrase rule (RegularizationKind.PHRASE)
    ANNOTATION = "annotation"     # the converter's pinyin in brackets, removed
    EMENDATION = "emendation"     # corrupted witness characters, replaced by the editors' reading


@dataclass(frozen=True)
class Step:
    change: Change
    witness: str                  # the witness line here, as it stands
    start: int                    # the reading text's characters start…end (start == end: none)
    end: int
    item: Annotation | Emendation | None = None
    inner: tuple[Step, ...] = ()  # an emendation's reading, character by character


def align(p: Paragraph) -> list[Step]:
    """The witness line of ``p`` as steps, in order (see the module's docstring)."""
    raw, dip, text = p.witness, p.diplomatic, p.simplified
    if len(dip) != len(text):
        raise ValueError(f"{p.id}: the diplomatic and the reading text are not aligned")
    starts = {e.col - 1: e for e in p.emendations}
    covered = {c for e in p.emendations for c in range(e.col - 1, e.col - 1 + len(e.witness))}
    annotations = {a.col - 1: a for a in p.annotations if a.col - 1 not in covered}
    rule = {r.offset + k: Change(r.kind.value) for r in p.regularizations
            for k, (a, b) in enumerate(zip(r.orig, r.reg, strict=False)) if a != b}

    def char(i: int) -> Step:
        change = Change.TEXT if dip[i] == text[i] else rule.get(i, Change.CONVERTED)
        return Step(change, dip[i], i, i + 1)

    steps: list[Step] = []
    r = i = 0
    while r < len(raw):
        if (e := starts.get(r)) is not None:
            end = e.offset + e.length if e.length else i
            if e.length and e.offset != i:
                raise ValueError(f"{p.id}: emendation {e.id} is not where the witness line puts it")
            steps.append(Step(Change.EMENDATION, e.witness, i, end, e, tuple(char(k) for k in range(i, end))))
            r, i = r + len(e.witness), end
        elif (a := annotations.get(r)) is not None:
            group = f"({a.pinyin})"
            if raw[r:r + len(group)] != group:
                raise ValueError(f"{p.id}: annotation {group!r} is not at column {a.col} of witness line {p.line}")
            steps.append(Step(Change.ANNOTATION, group, i, i, a))
            r += len(group)
        else:
            if i >= len(dip) or raw[r] != dip[i]:
                raise ValueError(f"{p.id}: witness line {p.line} column {r + 1} does not match the diplomatic text")
            steps.append(char(i))
            r, i = r + 1, i + 1
    if i != len(dip):
        raise ValueError(f"{p.id}: witness line {p.line} ends before the diplomatic text")
    return steps
