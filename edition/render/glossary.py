"""The glossary page: every term with its forms, reading, definition, dispersion strip and
keyword-in-context lines, all computed from the Edition; drawn by templates/glossary.html."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model import Term
from .jinja import render
from .view import View

GROUP_ORDER = ("economy", "technology", "metaphor")
CONTEXT = 14      # characters of context on each side in a keyword-in-context line
STRIP_WIDTH, STRIP_HEIGHT = 640, 28


def dispersion(view: View, term: Term) -> dict[str, Any]:
    """A strip with one tick per occurrence along the essay's paragraphs."""
    paragraphs = view.edition.paragraphs
    slot = STRIP_WIDTH / len(paragraphs)
    ticks = []
    for occ in term.occurrences:
        p = view.edition.paragraph(occ.paragraph)
        x = (p.n - 1 + (occ.offset + 0.5) / max(len(p.simplified), 1)) * slot
        ticks.append({"p": p, "x": f"{x - 2:.1f}"})
    return {"label": view.labels["dispersion"].format(term=view.version.term_name(term), paragraphs=len(paragraphs),
                                                     n=len(term.occurrences)),
            "width": STRIP_WIDTH, "height": STRIP_HEIGHT, "ticks": ticks,
            "slots": [f"{i * slot:.1f}" for i in range(1, len(paragraphs)) if i % 4 == 0]}


def kwic(view: View, term: Term) -> list[dict[str, Any]]:
    rows = []
    for occ in term.occurrences:
        p = view.edition.paragraph(occ.paragraph)
        text = view.version.text(p)
        start, end = occ.offset, occ.offset + len(term.zh_hans)
        rows.append({"p": p, "left": ("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT):start],
                     "term": text[start:end],
                     "right": text[end:end + CONTEXT] + ("…" if end + CONTEXT < len(text) else "")})
    return rows


def glossary_page(view: View) -> Markup:
    e = view.edition
    by_id = {t.id: t for t in e.glossary}
    groups = [(g, [{"t": t, "strip": dispersion(view, t), "kwic": kwic(view, t)} for t in e.glossary if t.group == g])
              for g in GROUP_ORDER]
    return render("glossary.html", view=view, v=view.version, L=view.labels,
                  compare=[(by_id[tid], dispersion(view, by_id[tid])) for tid in e.glossary_compare],
                  groups=[(g, terms) for g, terms in groups if terms])


def toc(view: View) -> list[tuple[int, str, str]]:
    """(level, anchor, title) of the page's headings, for the table of contents."""
    e, L = view.edition, view.labels
    out = [(2, "compare", L["glossary_compare"])] if e.glossary_compare else []
    for group in GROUP_ORDER:
        terms = [t for t in e.glossary if t.group == group]
        if terms:
            out.append((2, f"group-{group}", L["group_" + group]))
            out += [(3, f"term-{t.id}", view.version.term_name(t)) for t in terms]
    return out
