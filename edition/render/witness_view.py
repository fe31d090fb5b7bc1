"""The witness beside the text: a paragraph's witness line as scraped, with every change the
edition made marked in place (annotation removed, character converted, punctuation regularized,
phrase rule, emendation), and the author's slips ([sic]) and the editors' remarks around their
span. Drawn by templates/witness.html.

The segments come from the one alignment of witness and reading text
(:func:`edition.alignment.align`, which the TEI transcription also reads), grouped by the
[sic] and remark spans of :func:`edition.segments.spans`; nothing is re-parsed. Joining the
``witness`` of the segments gives the witness line byte for byte, joining their ``reading``
gives the reading text (Simplified: the established text, from which the other scripts derive).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from markupsafe import Markup

from ..alignment import Change, Step, align
from ..model import Edition, Emendation, Paragraph
from ..segments import spans
from .jinja import render
from .view import View


class Mark(StrEnum):
    """How a segment is marked: a change of :class:`edition.alignment.Change`, or a span of the text."""
    TEXT = Change.TEXT.value
    CONVERTED = Change.CONVERTED.value
    PUNCTUATION = Change.PUNCTUATION.value
    PHRASE = Change.PHRASE.value
    ANNOTATION = Change.ANNOTATION.value
    EMENDATION = Change.EMENDATION.value
    SIC = "sic"
    REMARK = "remark"


@dataclass(frozen=True)
class Segment:
    kind: Mark
    witness: str                       # the witness line here, as it stands
    reading: str                       # the reading text here ('' for a removed annotation)
    ref: str = ""                      # the note id of an emendation, [sic] or remark
    children: tuple[Segment, ...] = ()  # an emendation's reading; the segments inside a [sic] or remark


def _leaves(steps: Iterable[Step], text: str) -> list[Segment]:
    """One segment per step; consecutive unchanged characters are one segment."""
    out: list[Segment] = []
    for step in steps:
        reading = text[step.start:step.end]
        if step.change is Change.EMENDATION:
            ref = step.item.id if isinstance(step.item, Emendation) else ""
            out.append(Segment(Mark.EMENDATION, step.witness, reading, ref, tuple(_leaves(step.inner, text))))
        elif step.change is Change.TEXT and out and out[-1].kind is Mark.TEXT:
            out[-1] = Segment(Mark.TEXT, out[-1].witness + step.witness, out[-1].reading + reading)
        else:
            out.append(Segment(Mark(step.change.value), step.witness, reading))
    return out


def _owner(step: Step) -> int | None:
    """The reading character a step belongs to, for grouping: an annotation belongs to the
    character it follows; an emendation to none (a [sic] or remark never overlaps one)."""
    if step.change is Change.EMENDATION:
        return None
    return step.start - 1 if step.change is Change.ANNOTATION else step.start


def segments(p: Paragraph) -> list[Segment]:
    """The witness line of ``p`` as marked segments (see the module's docstring)."""
    text = p.simplified
    groups = [s for s in spans(p) if s.kind in ("sic", "remark")]

    def group_of(step: Step) -> int | None:
        at = _owner(step)
        return next((k for k, s in enumerate(groups) if at is not None and s.start <= at < s.end), None)

    out: list[Segment] = []
    run: list[Step] = []
    current: int | None = None

    def flush() -> None:
        leaves = _leaves(run, text)
        if current is None:
            out.extend(leaves)
        else:
            span = groups[current]
            out.append(Segment(Mark(span.kind), "".join(s.witness for s in leaves),
                               "".join(s.reading for s in leaves), span.item.id, tuple(leaves)))

    for step in align(p):
        g = group_of(step)
        if g != current and run:
            flush()
            run = []
        current = g
        run.append(step)
    if run:
        flush()
    return out


def tally(segs: Iterable[Segment]) -> Counter[Mark]:
    """How many marks of each kind: one per changed character, annotation, emendation, [sic], remark."""
    counts: Counter[Mark] = Counter()
    for s in segs:
        if s.kind is not Mark.TEXT:
            counts[s.kind] += 1
        counts.update(tally(s.children))
    return counts


def edition_tally(edition: Edition) -> Counter[Mark]:
    return sum((tally(segments(p)) for p in edition.paragraphs), Counter())


def samples(edition: Edition) -> list[tuple[Mark, Segment]]:
    """The first mark of each kind in the edition, in the order of :class:`Mark`: the key's examples."""
    found: dict[Mark, Segment] = {}

    def walk(segs: Iterable[Segment]) -> None:
        for s in segs:
            found.setdefault(s.kind, s)
            walk(s.children)

    for p in edition.paragraphs:
        walk(segments(p))
    return [(kind, found[kind]) for kind in Mark if kind is not Mark.TEXT and kind in found]


def witness_line(view: View, p: Paragraph) -> Markup:
    """The witness line of one paragraph, marked, with its caption (templates/witness.html)."""
    return render("witness.html", segments=segments(p), p=p, L=view.labels, v=view.version)


def witness_key(view: View) -> Markup:
    """The key to the marks, each with an example from the text (templates/witness.html)."""
    return render("witness.html", samples=samples(view.edition), L=view.labels, v=view.version)


def witness_data(view: View) -> str:
    """The version's witness data: ``{"key": html, "p1": html, …}``, loaded by edition-witness.js
    when a reader first opens a witness view, so the page carries none of it while the view is off."""
    data = {"key": str(witness_key(view))} | {p.id: str(witness_line(view, p)) for p in view.edition.paragraphs}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
