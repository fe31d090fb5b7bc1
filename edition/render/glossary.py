"""The glossary page: every term with its forms, reading, definition, dispersion strip and
keyword-in-context lines, all computed from the Edition."""
from __future__ import annotations

from html import escape

from ..model import Edition, Term

GROUP_ORDER = ("economy", "technology", "metaphor")
CONTEXT = 14  # characters of context on each side in a keyword-in-context line


def chinese(version) -> str:
    return "traditional" if version.code == "zh-Hant" else "simplified"


def term_form(term: Term, version) -> str:
    return term.zh_hant if version.code == "zh-Hant" else term.zh_hans


def term_tooltip(term: Term, version) -> str:
    """What a reader sees on hovering or focusing a term in the essay."""
    if version.code == "en":
        return f"{term.en} ({term.pinyin}): {term.definition.en}"
    return f"{term_form(term, version)} {term.pinyin} · {term.en}：{term.definition[version.code]}"


def dispersion_svg(edition: Edition, term: Term, version, labels: dict[str, str], essay_href: str,
                   height: int = 28) -> str:
    """A static strip: one tick per occurrence along the essay's paragraphs, each tick a link."""
    width, n = 640, len(edition.paragraphs)
    slot = width / n
    label = labels["dispersion"].format(term=term_form(term, version), paragraphs=n, n=len(term.occurrences))
    parts = [f'<svg class="dispersion" viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="group" '
             f'aria-label="{escape(label)}">',
             f'<title>{escape(label)}</title>',
             f'<rect class="dispersion-bg" x="0" y="0" width="{width}" height="{height}"/>']
    parts += [f'<line class="dispersion-slot" x1="{i * slot:.1f}" y1="0" x2="{i * slot:.1f}" y2="{height}"/>'
              for i in range(1, n) if i % 4 == 0]
    for occ in term.occurrences:
        p = edition.paragraph(occ.paragraph)
        x = (p.n - 1 + (occ.offset + 0.5) / max(len(p.simplified), 1)) * slot
        parts.append(f'<a href="{escape(essay_href)}#{p.id}" aria-label="¶ {p.n}"><title>¶ {p.n}</title>'
                     f'<rect class="dispersion-tick" x="{x - 2:.1f}" y="3" width="4" height="{height - 6}"/></a>')
    parts.append("</svg>")
    return "".join(parts)


def kwic(edition: Edition, term: Term, version, essay_href: str) -> str:
    field, form = chinese(version), term_form(term, version)
    lang = "zh-Hant" if version.code == "zh-Hant" else "zh-Hans"
    rows = []
    for occ in term.occurrences:
        p = edition.paragraph(occ.paragraph)
        text = getattr(p, field)
        start, end = occ.offset, occ.offset + len(form)
        left, right = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
        # The left context is right-aligned and clipped on its left by an rtl box; its text sits in
        # an ltr isolate, or the bidi algorithm would move its trailing punctuation to the left.
        rows.append(f'<li><a class="kwic-ref" href="{escape(essay_href)}#{p.id}">¶ {p.n}</a>'
                    f'<span class="kwic-line" lang="{lang}"><span class="kwic-left"><span dir="ltr">{"…" if start > CONTEXT else ""}'
                    f'{escape(left)}</span></span><mark class="kwic-term">{escape(text[start:end])}</mark>'
                    f'<span class="kwic-right">{escape(right)}{"…" if end + CONTEXT < len(text) else ""}</span></span></li>')
    return f'<ol class="kwic">{"".join(rows)}</ol>'


def glossary_page(edition: Edition, version, labels: dict[str, str], front_matter) -> str:
    essay = "../essay/"
    lines = ["---", f"title: {front_matter(labels['nav_glossary'])}",
             f"description: {front_matter(labels['glossary_description'])}", "---", "",
             f"# {escape(labels['nav_glossary'])}", "", f'<p class="lead">{escape(labels["glossary_intro"])}</p>', ""]
    by_id = {t.id: t for t in edition.glossary}
    if edition.glossary_compare:
        lines += [f"## {escape(labels['glossary_compare'])} {{#compare}}", "", '<div class="dispersion-compare">']
        for tid in edition.glossary_compare:
            t = by_id[tid]
            lines.append(f'<div class="dispersion-row"><a class="dispersion-name" href="#term-{t.id}">'
                         f'{escape(term_form(t, version) if version.code != "en" else t.en)}</a>'
                         f'{dispersion_svg(edition, t, version, labels, essay)}</div>')
        lines += ["</div>", ""]
    zh_lang = "zh-Hant" if version.code == "zh-Hant" else "zh-Hans"
    for group in GROUP_ORDER:
        terms = [t for t in edition.glossary if t.group == group]
        if not terms:
            continue
        lines += [f"## {escape(labels['group_' + group])} {{#group-{group}}}", ""]
        for t in terms:
            heading = escape(t.en) if version.code == "en" else escape(term_form(t, version))
            definition = t.definition.en if version.code == "en" else t.definition[version.code]
            def_lang = "en" if version.code == "en" else zh_lang
            lines += [
                f"### {heading} {{#term-{t.id}}}", "",
                '<div class="term-body">'
                f'<p class="term-forms"><span lang="zh-Hans">{escape(t.zh_hans)}</span> · '
                f'<span lang="zh-Hant">{escape(t.zh_hant)}</span> · <span class="pinyin" lang="zh-Latn-pinyin">'
                f'{escape(t.pinyin)}</span> · <span lang="en">{escape(t.en)}</span></p>'
                f'<p class="term-definition" lang="{def_lang}">{escape(definition)}</p>'
                f'<p class="term-count">{escape(labels["occurrences"].format(n=len(t.occurrences)))}</p>'
                + dispersion_svg(edition, t, version, labels, essay)
                + kwic(edition, t, version, essay) + "</div>", ""]
    return "\n".join(lines) + "\n"
