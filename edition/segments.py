"""Where a paragraph's text carries editorial markup, as non-overlapping spans.

Shared by the HTML and TEI renderers so both mark the same places: emendations first, then
[sic] notes, then the editors' remarks (:mod:`edition.remarks`), then regularizations
(punctuation, particles), then glossary terms, longest first;
a span that would overlap one already placed is left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Paragraph, Term


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str      # "emendation", "sic", "remark", "reg", "term"
    item: Any      # the Emendation, Sic, Remark, Regularization or Term


def spans(p: Paragraph, terms: tuple[Term, ...] = (), regularizations: bool = False) -> list[Span]:
    placed: list[Span] = []

    def place(span: Span) -> None:
        if span.end > span.start and not any(span.start < s.end and s.start < span.end for s in placed):
            placed.append(span)

    for e in p.emendations:
        place(Span(e.offset, e.offset + e.length, "emendation", e))
    for s in p.sics:
        place(Span(s.offset, s.offset + len(s.reading), "sic", s))
    for remark in p.remarks:
        place(Span(remark.offset, remark.end, "remark", remark))
    if regularizations:
        for r in p.regularizations:
            place(Span(r.offset, r.offset + len(r.reg), "reg", r))
    for term in sorted(terms, key=lambda t: (-len(t.zh_hans), t.id)):
        for occ in term.occurrences:
            if occ.paragraph == p.id:
                place(Span(occ.offset, occ.offset + len(term.zh_hans), "term", term))
    return sorted(placed, key=lambda s: s.start)
