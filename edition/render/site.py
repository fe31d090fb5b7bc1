"""The reading site's pages, as Markdown (with HTML blocks) for MkDocs, for one version.

Three versions share one set of page paths and paragraph anchors:
zh-Hans at the site root, zh-Hant under ``zh-hant/``, English under ``en/``.
All text from the model is HTML-escaped here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2

from ..convert import convert_prose, unmark
from ..model import Edition, Paragraph
from ..segments import spans
from .glossary import term_tooltip


@dataclass(frozen=True)
class Version:
    code: str           # BCP 47 tag used in lang attributes
    prefix: str         # path of this version's root below the site root
    theme_language: str  # Material's UI language (zh-Hans is our own partial)
    og_locale: str

    @property
    def chinese(self) -> str:
        """The paragraph field holding this version's Chinese text."""
        return "traditional" if self.code == "zh-Hant" else "simplified"

    @property
    def chinese_lang(self) -> str:
        return "zh-Hant" if self.code == "zh-Hant" else "zh-Hans"


VERSIONS = (
    Version("zh-Hans", "", "zh-Hans", "zh_CN"),
    Version("zh-Hant", "zh-hant/", "zh-Hant", "zh_TW"),
    Version("en", "en/", "en", "en_US"),
)
BY_CODE = {v.code: v for v in VERSIONS}
PAGES = ("index.md", "essay.md", "about.md")
ESSAY_URL = "essay/"


def version_root(src: Version, dst: Version) -> str:
    """Relative path from one version's root to another's (e.g. en → zh-Hans: '../')."""
    up = "../" * src.prefix.count("/")
    return up + dst.prefix


def title(edition: Edition, version: Version) -> str:
    return {"zh-Hans": edition.title_zh, "zh-Hant": edition.title_zh_hant, "en": edition.title_en}[version.code]


def chinese_title(edition: Edition, version: Version) -> str:
    return edition.title_zh_hant if version.code == "zh-Hant" else edition.title_zh


# --- the essay --------------------------------------------------------------------

def plain(text: str, keep_together: tuple[str, ...]) -> str:
    """Escaped text in which mixed forms such as B端 are kept on one line."""
    html = escape(text)
    for form in keep_together:
        html = html.replace(escape(form), f'<span class="nowrap">{escape(form)}</span>')
    return html


def marked_chinese(p: Paragraph, version: Version, labels: dict[str, str], keep_together: tuple[str, ...] = (),
                   terms: tuple = (), glossary_href: str = "../glossary/") -> str:
    """A paragraph's Chinese text as HTML: [sic] and emendation marks linking to the notes, and
    glossary terms linking to their entries (placement: :mod:`edition.segments`)."""
    text = getattr(p, version.chinese)
    out, i = [], 0
    for span in spans(p, terms):
        shown = text[span.start:span.end]
        if span.kind == "emendation":
            note = labels["emended_note"].format(reading=shown, witness=span.item.witness)
            html = _note_mark(shown, "emended", span.item.id, "†", note)
        elif span.kind == "sic":
            suggestion = span.item.suggestion_hant if version.code == "zh-Hant" else span.item.suggestion
            note = labels["sic_note"].format(reading=shown, suggestion=suggestion)
            html = _note_mark(shown, "sic", span.item.id, labels["sic_label"], note)
        else:
            term = span.item
            nowrap = " nowrap" if any(f in term.zh_hans for f in keep_together) else ""
            html = (f'<a class="term{nowrap}" href="{glossary_href}#term-{term.id}" '
                    f'title="{escape(term_tooltip(term, version))}">{escape(shown)}</a>')
        out += [plain(text[i:span.start], keep_together), html]
        i = span.end
    out.append(plain(text[i:], keep_together))
    return "".join(out)


def _note_mark(reading: str, cls: str, nid: str, mark: str, note: str) -> str:
    return (f'<span class="{cls}">{escape(reading)}</span>'
            f'<a class="note-ref" id="ref-{nid}" href="#note-{nid}" title="{escape(note)}">'
            f'<sup>[{escape(mark)}]</sup></a>')


def paragraph_url(site_url: str, version: Version, pid: str) -> str:
    return f"{site_url.rstrip('/')}/{version.prefix}{ESSAY_URL}#{pid}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def citations(edition: Edition, version: Version, p: Paragraph, url: str,
              labels: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(style label, HTML) for GB/T 7714-2015, APA 7 and Chicago; the access date is filled in by script.

    The essay's title is supplied by the editors, so it stands in square brackets, as
    bibliographic convention writes supplied titles; the author is unknown (佚名).
    """
    own = labels[version.code]
    zh = escape(chinese_title(edition, version))
    en = escape(edition.title_en)
    zh_labels = labels["zh-Hant" if version.code == "zh-Hant" else "zh-Hans"]
    site_zh = escape(zh_labels["site_name"])
    site_en = escape(labels["en"]["site_name"])
    link = f'<a href="{escape(url)}">{escape(url)}</a>'
    date_iso = f'<span class="cite-date" data-format="iso">{escape(zh_labels["access_date"])}</span>'
    date_en = '<span class="cite-date" data-format="en">[date]</span>'
    y, m, d = edition.witness.published.split("-")
    month = MONTHS[int(m) - 1]
    gbt = (f"佚名. [{zh}]：第{p.n}段[EB/OL]//{site_zh}. ({edition.witness.published})[{date_iso}]. {link}.")
    apa = (f"[{zh}] [{en}]. ({y}, {month} {int(d)}). In <i>{site_en}</i> (para. {p.n}). {link}")
    chicago = (f"“[{zh}]” [{en}], {month} {int(d)}, {y}, para. {p.n}, in <i>{site_en}</i>, "
               f"accessed {date_en}, {link}.")
    return [(own["cite_gbt"], gbt), (own["cite_apa"], apa), (own["cite_chicago"], chicago)]


def front_matter(value: str) -> str:
    """A YAML front-matter value: HTML-escaped (Material inserts meta values unescaped) and JSON-quoted."""
    return json.dumps(escape(value), ensure_ascii=False)


def claim_links(edition: Edition, version: Version, p: Paragraph, labels: dict[str, str]) -> str:
    """The claims of the argument map this paragraph states, each linking back to its node."""
    if edition.argument is None or not edition.argument.claims_of(p.id):
        return ""
    links = "".join(
        f'<a class="claim-link" href="../argument/#claim-{c.id}" '
        f'title="{escape(labels["kind_" + c.kind])}: {escape(c.summary[version.code])}">{escape(c.id)}</a>'
        for c in edition.argument.claims_of(p.id))
    return f'<span class="para-claims" role="group" aria-label="{escape(labels["argument_claims"])}">{links}</span>'


def essay_page(edition: Edition, version: Version, all_labels: dict[str, dict[str, str]], site_url: str) -> str:
    labels = all_labels[version.code]
    zh_lang = version.chinese_lang
    head = [
        "---",
        f"title: {front_matter(title(edition, version))}",
        f"description: {front_matter(labels['essay_description'])}",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
    ]
    if version.code == "en":
        h1 = (f'<h1>{escape(edition.title_en)} <small class="supplied">[{escape(labels["supplied_title"])}]</small></h1>\n'
              f'<p class="subtitle" lang="zh-Hans">{escape(edition.title_zh)}</p>')
    else:
        h1 = (f'<h1>{escape(chinese_title(edition, version))} '
              f'<small class="supplied">[{escape(labels["supplied_title"])}]</small></h1>\n'
              f'<p class="subtitle" lang="en">{escape(edition.title_en)}</p>')
    switch = (
        f'<div class="reader-switch" role="group" aria-label="{escape(labels["reader_label"])}" hidden>'
        + "".join(f'<button type="button" data-reader="{mode}" aria-pressed="false">{escape(labels[key])}</button>'
                  for mode, key in (("orig", "reader_orig"), ("trans", "reader_trans"), ("both", "reader_both")))
        + "</div>")
    pinyin = (f'<button type="button" class="pinyin-switch" aria-pressed="false" data-src="../search/pinyin.json" '
              f'title="{escape(labels["pinyin_label"])}" hidden>{escape(labels["pinyin"])}</button>'
              if version.code != "en" else "")
    body = [h1, "", f'<div class="reading-tools">{switch}{pinyin}</div>', "", '<div class="essay">']
    keep = tuple(a.form for a in edition.accepted)
    for p in edition.paragraphs:
        url = paragraph_url(site_url, version, p.id)
        zh = f'<p class="para-zh" lang="{zh_lang}">{marked_chinese(p, version, labels, keep, edition.glossary)}</p>'
        en = f'<p class="para-en" lang="en">{escape(p.english)}</p>'
        texts = en + zh if version.code == "en" else zh + en
        label = escape(labels["paragraph"].format(n=p.n))
        cites = "".join(
            f'<div class="cite-item"><p class="cite-style">{escape(style)}</p>'
            f'<p class="cite-text">{html}</p>'
            f'<button type="button" class="copy-citation" hidden>{escape(labels["copy_citation"])}</button></div>'
            for style, html in citations(edition, version, p, url, all_labels))
        body.append(
            f'<section class="para" id="{p.id}" aria-label="{label}">'
            f'<div class="para-side"><span class="para-n" aria-hidden="true">¶ {p.n}</span>'
            f'<a class="para-link" href="#{p.id}" aria-label="{escape(labels["permalink"].format(n=p.n))}">#</a>'
            f'{claim_links(edition, version, p, labels)}</div>'
            f'<div class="para-texts">{texts}</div>'
            f'<div class="para-tools">'
            f'<button type="button" class="copy-link" data-pid="{p.id}" hidden>{escape(labels["copy_link"])}</button>'
            f'<details class="cite"><summary>{escape(labels["cite"])}</summary>{cites}</details>'
            f'</div></section>')
    body.append("</div>")
    notes = []
    for p in edition.paragraphs:
        for e in p.emendations:
            notes.append((e.offset, p, e.id, labels["emended_note"].format(
                reading=getattr(p, version.chinese)[e.offset:e.offset + e.length], witness=e.witness)
                + " " + e.reason[version.code]))
        for s in p.sics:
            suggestion = s.suggestion_hant if version.code == "zh-Hant" else s.suggestion
            reading = getattr(p, version.chinese)[s.offset:s.offset + len(s.reading)]
            notes.append((s.offset, p, s.id, labels["sic_note"].format(reading=reading, suggestion=suggestion)
                          + " " + s.reason[version.code]))
    notes.sort(key=lambda n: (n[1].n, n[0]))
    body += ["", f'<h2 id="notes">{escape(labels["notes_heading"])}</h2>', '<ol class="notes">']
    for _, p, nid, text in notes:
        body.append(f'<li id="note-{nid}"><a href="#{p.id}">¶ {p.n}</a> {escape(text)} '
                    f'<a class="note-back" href="#ref-{nid}" aria-label="{escape(labels["back_to_text"])}">↩</a></li>')
    body.append("</ol>")
    return "\n".join(head + body) + "\n"


# --- prose pages from templates ------------------------------------------------------

def prose_page(template_text: str, edition: Edition, version: Version, labels: dict[str, str], site_url: str) -> str:
    env = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["e"] = escape
    env.filters["fm"] = front_matter
    values = {
        "edition": edition, "labels": labels, "version": version,
        "title": title(edition, version), "chinese_title": chinese_title(edition, version),
        "paragraphs": len(edition.paragraphs), "annotations": edition.annotations,
        "dropped": len(edition.dropped), "emendations": len(edition.emendations), "sics": len(edition.sics),
        "site_url": site_url.rstrip("/") + "/" + version.prefix,
        "essay_url": f"{site_url.rstrip('/')}/{version.prefix}{ESSAY_URL}",
        "left_simplified": left_simplified(edition),
        "downloads": "../" * version.prefix.count("/") + "downloads/",
    }
    return env.from_string(template_text).render(values)


def template_for(root: Path, name: str, version: Version, to_traditional) -> str:
    """The template of a prose page; zh-Hant is the zh-Hans template converted with OpenCC."""
    source = "zh-Hans" if version.code != "en" else "en"
    text = (root / "content" / f"{name}.{source}.md").read_text(encoding="utf-8")
    if version.code == "zh-Hant":
        return convert_prose(text, to_traditional)
    return unmark(text)


def left_simplified(edition: Edition) -> list[str]:
    """Characters the witness's converter left in Simplified form, most frequent first.

    Read off the aligned texts: the witness has the same character as the Simplified reading
    text, but the Traditional text has another.
    """
    counts: dict[str, int] = {}
    for p in edition.paragraphs:
        for w, s, t in zip(p.diplomatic, p.simplified, p.traditional):
            if w == s != t:
                counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))
