"""The essay page: every paragraph in this version's script beside its translation, with its
number, permalink, claims, editorial marks and glossary terms (placement:
:mod:`edition.segments`).

Marks leave the text whole: a [sic] or emendation mark is an empty link whose sigil is drawn
by CSS from ``data-mark`` and whose name is ``aria-label``, so find-in-page and copying a
paragraph give exactly the reading text. Each tooltip text (term definition, note, claim) and
the citation formats are written once per page, not once per occurrence.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..model import Claim, Paragraph, Term
from ..segments import spans
from .citation import citation_formats
from .jinja import fmt, render
from .view import View


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph's text and how it is marked."""
    text: str
    kind: str = "text"            # text, nowrap, term, emendation, sic, remark
    ref: str = ""                 # term id or note id
    nowrap: bool = False
    mark: bool = True             # a note mark follows (not after the first part of a span cut by a clause)


def plain_pieces(text: str, keep_together: tuple[str, ...]) -> list[Piece]:
    """Unmarked text, with mixed forms such as B端 as their own pieces, kept on one line."""
    out, i = [], 0
    while i < len(text):
        at = min(((text.find(f, i), f) for f in keep_together if text.find(f, i) != -1), default=None)
        if at is None:
            out.append(Piece(text[i:]))
            break
        start, form = at
        if start > i:
            out.append(Piece(text[i:start]))
        out.append(Piece(form, "nowrap"))
        i = start + len(form)
    return out


def pieces(view: View, p: Paragraph) -> list[Piece]:
    text = view.version.text(p)
    keep = tuple(a.form for a in view.edition.accepted)
    out: list[Piece] = []
    i = 0
    for span in spans(p, view.edition.glossary):
        out += plain_pieces(text[i:span.start], keep)
        shown = text[span.start:span.end]
        if span.kind == "term":
            out.append(Piece(shown, "term", span.item.id, any(f in span.item.zh_hans for f in keep)))
        else:
            out.append(Piece(shown, span.kind, span.item.id))
        i = span.end
    out += plain_pieces(text[i:], keep)
    return out


def in_clauses(parts: list[Piece], p: Paragraph) -> list[list[Piece]]:
    """The pieces of a paragraph grouped by its clauses (edition.clauses); a piece across a clause
    boundary is cut there, its note mark after the last part. Without clauses, one group."""
    bounds = [c.end for c in p.clauses[:-1]]
    groups: list[list[Piece]] = [[]]
    at = 0
    for x in parts:
        rest = x
        while bounds and at < bounds[0] < at + len(rest.text):
            cut = bounds.pop(0) - at
            groups[-1].append(dataclasses.replace(rest, text=rest.text[:cut], mark=False))
            groups.append([])
            rest, at = dataclasses.replace(rest, text=rest.text[cut:]), at + cut
        groups[-1].append(rest)
        at += len(rest.text)
        if bounds and at == bounds[0]:
            bounds.pop(0)
            groups.append([])
    return groups


def term_tip(view: View, t: Term) -> str:
    """What a reader sees on hovering or focusing a term."""
    v, L = view.version, view.labels
    if v.english:
        return f"{t.en} ({t.pinyin}): {v.note(t.definition)}"
    return f"{v.term(t)} {t.pinyin} · {t.en}{L['colon']}{v.note(t.definition)}"


def claim_tip(view: View, c: Claim) -> str:
    return f"{view.labels['kind_' + c.kind]}{view.labels['colon']}{view.version.note(c.summary)}"


def notes(view: View) -> list[dict[str, Any]]:
    """The textual notes in paragraph order: emendations, [sic] and the editors' remarks, each with its full text."""
    v, L = view.version, view.labels
    out = []
    for p in view.edition.paragraphs:
        text = v.text(p)
        items = [(e.offset, e.id, "emended", L["emended_label"],
                  fmt(L["emended_note"], reading=text[e.offset:e.offset + e.length], witness=e.witness),
                  v.note(e.reason)) for e in p.emendations]
        items += [(s.offset, s.id, "sic", L["sic_label"],
                   fmt(L["sic_note"], reading=text[s.offset:s.offset + len(s.reading)], suggestion=v.suggestion(s)),
                   v.note(s.reason)) for s in p.sics]
        items += [(r.offset, r.id, "remark", L["remark_label"],
                   fmt(L["remark_note"], reading=text[r.offset:r.end]), v.note(r.reason)) for r in p.remarks]
        for _, nid, kind, mark, head, reason in sorted(items):
            out.append({"id": nid, "p": p, "kind": kind, "mark": mark, "text": Markup("{} {}").format(head, reason)})
    return out


def essay_page(view: View) -> Markup:
    e, v = view.edition, view.version
    claims = e.argument.claims if e.argument is not None else ()
    paragraphs = [{"p": p, "pieces": parts, "clauses": in_clauses(parts, p),
                   "claims": e.argument.claims_of(p.id) if e.argument is not None else ()}
                  for p in e.paragraphs for parts in [pieces(view, p)]]
    return render("essay.html", view=view, v=v, L=view.labels, edition=e, paragraphs=paragraphs,
                  notes=notes(view), terms=[(t, term_tip(view, t)) for t in e.glossary],
                  claims=[(c, claim_tip(view, c)) for c in claims],
                  citations=citation_formats(view))
