"""Paragraph-annotated Markdown of each version: every paragraph followed, on the next line, by its
attribute list ``{#pN}``, the form Python-Markdown's ``attr_list`` reads as the paragraph's id
(the attribute list must stand on its own line directly after the paragraph's text); Pandoc's
``commonmark_x`` reads the same line as an attribute of the paragraph's last inline (an empty
``<span id="pN">`` at its end), its ``markdown`` reader leaves it as text. The author's slips
([sic]), the emendations and the editors' remarks are Markdown footnotes (``[^s1]`` right after the marked span in the
Chinese versions, at the end of the paragraph in the English one, whose text carries no marks),
with the editors' note in the version's language; the footnote label is the note's id.

How text is written: every string from the data (title, header values, paragraph text, notes)
goes through :func:`markdown_text`, and nothing else is written around it but the fixed syntax
of this module, so a reader gets the text back exactly (``tests/test_markdown_export.py`` renders
each file with Python-Markdown and Pandoc and compares every paragraph with the plain-text
download). Like the other downloads, a pure function of the Edition.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Edition, Note, Paragraph

# The ASCII punctuation Python-Markdown takes back from a backslash escape (Markdown.ESCAPED_CHARS);
# CommonMark and Pandoc take every ASCII punctuation character back, so these are safe in all three.
BACKSLASHED = frozenset("\\`*_{}[]()>#+-.!")
# Markup in some reader (raw HTML and entities; Pandoc's smart quotes, sub- and superscript,
# strikeout, math, citations, line blocks; marks of other dialects) with no backslash escape in
# Python-Markdown: written as numeric character references, which every reader decodes as text.
REFERENCED = frozenset("<&\"'~^$@|=")
# A colon opens an emoji shortcode (:name:) or, at the start of a line, a definition.
_COLON_OPENS = re.compile(r":(?=\S)")
# A footnote label every reader takes as it is: Python-Markdown's ids fn:LABEL, Pandoc's labels.
SAFE_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
SUPPLIED = "title supplied by the editors"


def _reference(ch: str) -> str:
    return f"&#{ord(ch)};"


def markdown_text(text: str) -> str:
    """``text`` as Markdown that every reader renders as exactly ``text``, wherever it stands in a
    line: the only function that writes data into a Markdown download.

    - Python-Markdown's escapable punctuation gets a backslash;
    - other punctuation that is markup somewhere (:data:`REFERENCED`), whitespace other than a
      lone space (ideographic or no-break too) inside the run (readers strip whitespace at the
      ends, read it as a code block's indent or a hard line break, break lines at a tab or line
      separator, Pandoc makes one space of several), and a colon followed by a non-space or
      starting the run become numeric character references;
    - everything else (CJK text, mixed forms such as B端, other punctuation) stays as it is.

    >>> print(markdown_text('1. *a* [b](c) <d> & "e" :f: g'))
    1\\. \\*a\\* \\[b\\]\\(c\\) &#60;d\\> &#38; &#34;e&#34; &#58;f: g
    """
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in BACKSLASHED:
            out.append("\\" + ch)
        elif ch in REFERENCED:
            out.append(_reference(ch))
        elif ch.isspace() and (i in (0, last) or ch not in " \u3000\xa0" or text[i - 1].isspace()
                               or text[i + 1].isspace()):
            out.append(_reference(ch))
        elif ch == ":" and (i == 0 or _COLON_OPENS.match(text, i)):
            out.append(_reference(ch))
        else:
            out.append(ch)
    return "".join(out)


def footnote_labels(ids: Iterable[str]) -> list[str]:
    """The footnote label of each note, in order: its id when that is a plain label no other note
    has, otherwise ``note-K`` (the K-th note), so a label never breaks the syntax or names two notes."""
    ids = list(ids)
    taken = {i for i in ids if SAFE_LABEL.fullmatch(i) and ids.count(i) == 1}
    labels = []
    for k, nid in enumerate(ids, 1):
        label = nid
        if nid not in taken or nid in labels:
            label = f"note-{k}"
            while label in taken:
                label += "-"
            taken.add(label)
        labels.append(label)
    return labels


def _notes(edition: Edition) -> list[tuple[Paragraph, int, str, Note, Note | None]]:
    """Every textual note in paragraph order: (paragraph, end of its span, id, note, evidence)."""
    out: list[tuple[Paragraph, int, str, Note, Note | None]] = []
    for p in edition.paragraphs:
        marks: list[tuple[int, int, str, Note, Note | None]] = [
            (e.offset + e.length, 0, e.id, e.reason, e.evidence) for e in p.emendations]
        marks += [(s.offset + len(s.reading), 1, s.id, s.reason, None) for s in p.sics]
        marks += [(r.end, 2, r.id, r.reason, None) for r in p.remarks]
        out += [(p, end, nid, reason, evidence) for end, _, nid, reason, evidence in sorted(marks, key=lambda m: m[:3])]
    return out


def note_text(reason: Note, evidence: Note | None, version: str) -> str:
    """A footnote's text: the note, then for an emendation its evidence (spaced in English)."""
    if evidence is None:
        return reason[version]
    return reason[version] + (" " if version == "en" else "") + evidence[version]


def render_markdown(edition: Edition, version: str, site_name: str, field: str) -> str:
    """The Markdown download of ``version``, whose text is the paragraphs' attribute ``field``."""
    title = {"zh-Hans": edition.title_zh, "zh-Hant": edition.title_zh_hant, "en": edition.title_en}[version]
    notes = _notes(edition)
    labels = footnote_labels(nid for _, _, nid, _, _ in notes)
    count = len(edition.paragraphs)
    lines = [
        "# " + markdown_text(f"{title} [{SUPPLIED}]"),
        "",
        markdown_text(f"{site_name}: reading text ({version}), p1 to p{count}; each paragraph is followed by "
                      "its id on a line of its own, {#pN}; slips of the author [sic], emendations and the "
                      "editors' remarks are footnotes."),
        markdown_text(f"Witness: {edition.witness.url} (sha256 {edition.witness.sha256})."),
    ]
    for p in edition.paragraphs:
        text: str = getattr(p, field)
        mine = [(end, label) for (q, end, _, _, _), label in zip(notes, labels, strict=True) if q is p]
        if field == "english":     # the translation has no marked spans: its notes close the paragraph
            mine = [(len(text), label) for _, label in mine]
        runs, i = [], 0
        for end, label in mine:
            runs.append(markdown_text(text[i:end]) + f"[^{label}]")
            i = end
        runs.append(markdown_text(text[i:]))
        body = "".join(runs)
        if body:     # an empty paragraph (a build without the translation) has no text to carry an id
            lines += ["", body, "{#" + p.id + "}"]
    for (_, _, _, reason, evidence), label in zip(notes, labels, strict=True):
        lines += ["", f"[^{label}]: " + markdown_text(note_text(reason, evidence, version))]
    return "\n".join(lines) + "\n"
