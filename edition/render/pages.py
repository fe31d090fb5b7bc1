"""Markdown pages for MkDocs. Text from the model is HTML-escaped here and nowhere else."""
from __future__ import annotations

from html import escape

from ..model import Edition, Paragraph


def marked_text(p: Paragraph, field: str = "simplified") -> str:
    """The paragraph's text as HTML, with [sic] and emendation marks at their offsets."""
    text = getattr(p, field)
    marks: dict[int, tuple[int, str, str]] = {}
    for s in p.sics:
        marks[s.offset] = (len(s.reading), "sic", f"[sic] suggested reading: {s.suggestion}")
    for e in p.emendations:
        marks.setdefault(e.offset, (e.length, "emended", f"emended ({e.id}): witness reads {e.witness}"))
    out, i = [], 0
    for start in sorted(marks):
        length, cls, note = marks[start]
        out.append(escape(text[i:start]))
        label = "sic" if cls == "sic" else "em."
        out.append(f'<span class="{cls}" title="{escape(note)}">{escape(text[start:start + length])}</span>'
                   f'<sup class="{cls}-mark">[{label}]</sup>')
        i = start + length
    out.append(escape(text[i:]))
    return "".join(out)


def essay_page(edition: Edition) -> str:
    lines = [
        "---",
        f"title: {escape(edition.title_zh)}",
        "---",
        "",
        f'<h1>{escape(edition.title_zh)}</h1>',
        "",
        f'<p class="title-note">{escape(edition.title_note)}</p>',
        "",
    ]
    for p in edition.paragraphs:
        lines += [f'<p id="{p.id}" class="para" data-n="{p.n}">{marked_text(p)}</p>', ""]
    return "\n".join(lines)
