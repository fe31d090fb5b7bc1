"""TEI P5 XML of the edition: header (title marked as supplied, source, encoding), the reading
text with the editors' interventions encoded, the Traditional text and the English translation
as parallel divisions linked paragraph by paragraph, and the glossary.

Written as text, not through an XML library's pretty-printer: mixed content (text with
<choice> and <term>) must not gain whitespace. Every value is escaped.
"""
from __future__ import annotations

from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

from ..model import Edition, Paragraph
from ..segments import spans

TEI_NS = "http://www.tei-c.org/ns/1.0"


def esc(text: str) -> str:
    return _escape(text)


def reading_xml(p: Paragraph, edition: Edition) -> str:
    """The Simplified reading text of a paragraph with its interventions:

    - emendation: <choice><sic>witness</sic><corr type="emendation">reading</corr></choice>
      (the reading text has the corr);
    - author's slip: <choice><sic>slip</sic><corr type="suggestion">…</corr></choice>
      (the reading text keeps the sic);
    - regularization: <choice><orig>witness form</orig><reg>reading</reg></choice>;
    - glossary term: <term ref="#term-…">.
    """
    text, out, i = p.simplified, [], 0
    for span in spans(p, edition.glossary, regularizations=True):
        out.append(esc(text[i:span.start]))
        shown, item = text[span.start:span.end], span.item
        if span.kind == "emendation":
            out.append(f'<choice><sic>{esc(item.witness)}</sic><corr type="emendation" resp="#editors" '
                       f'source="#{item.id}">{esc(shown)}</corr></choice>')
        elif span.kind == "sic":
            out.append(f'<choice><sic>{esc(shown)}</sic><corr type="suggestion" resp="#editors" '
                       f'source="#{item.id}">{esc(item.suggestion)}</corr></choice>')
        elif span.kind == "reg":
            out.append(f'<choice><orig>{esc(item.orig)}</orig><reg type={quoteattr(item.kind.value)}>{esc(shown)}</reg></choice>')
        else:
            out.append(f'<term ref="#term-{item.id}">{esc(shown)}</term>')
        i = span.end
    out.append(esc(text[i:]))
    return "".join(out)


def _pid(edition: Edition, emendation) -> str:
    return next(p.id for p in edition.paragraphs if emendation in p.emendations)


def render_tei(edition: Edition, site_name_zh: str, site_name_en: str) -> str:
    w = edition.witness
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<TEI xmlns="{TEI_NS}" xml:lang="zh-Hans">',
        "  <teiHeader>",
        "    <fileDesc>",
        "      <titleStmt>",
        f'        <title type="main" xml:lang="zh-Hans"><supplied reason="no title survives in the witness" resp="#editors">'
        f"{esc(edition.title_zh)}</supplied></title>",
        f'        <title type="main" xml:lang="en"><supplied reason="no title survives in the witness" resp="#editors">'
        f"{esc(edition.title_en)}</supplied></title>",
        "        <author>佚名 (unknown)</author>",
        f'        <respStmt xml:id="editors"><resp>edited, annotated and translated by</resp><name>{esc(edition.translator)}</name></respStmt>',
        "      </titleStmt>",
        "      <publicationStmt>",
        f'        <publisher xml:lang="zh-Hans">{esc(site_name_zh)}</publisher>',
        f'        <publisher xml:lang="en">{esc(site_name_en)}</publisher>',
        "        <availability><p>Editorial matter, translation and data of this digital edition. The essay's author is unknown.</p></availability>",
        "      </publicationStmt>",
        "      <sourceDesc>",
        "        <bibl>",
        '          <title type="main" xml:lang="zh-Hans">[untitled web page]</title>',
        f'          <ref target={quoteattr("http://" + w.url)}>{esc(w.url)}</ref>',
        f'          <date when="{esc(w.published)}" cert="medium">{esc(w.published)}</date>',
        f'          <idno type="sha256">{esc(w.sha256)}</idno>',
        f'          <extent>{w.size} bytes, {w.lines} lines</extent>',
        f'          <note xml:lang="en">{esc(w.description.en)}</note>',
        f'          <note xml:lang="zh-Hans">{esc(w.description.zh_hans)}</note>',
        "        </bibl>",
        "      </sourceDesc>",
        "    </fileDesc>",
        "    <encodingDesc>",
        "      <editorialDecl>",
        "        <correction><p>Corruption of the witness is emended: &lt;choice&gt;&lt;sic&gt; gives the witness "
        "(with its pinyin annotations), &lt;corr type=\"emendation\"&gt; the reading adopted. The author's own slips "
        "are kept in the reading text: &lt;choice&gt;&lt;sic&gt; is the text, &lt;corr type=\"suggestion\"&gt; the "
        "editors' suggested reading.</p></correction>",
        f"        <normalization><p>The converter's {edition.annotations} pinyin annotations are removed. The mixed "
        f"Traditional/Simplified witness is converted to standard Simplified characters with OpenCC "
        f"{esc(edition.simplified_step.config)}; phrase rules for the Taiwan-style particle and the punctuation rule are "
        "encoded as &lt;choice&gt;&lt;orig&gt;&lt;reg&gt;. The Traditional division is derived from the Simplified text "
        f"with OpenCC {esc(edition.traditional_step.config)}.</p>",
        *[f'          <p xml:lang="{lang}">{esc(step.reason[lang])}</p>'
          for step in (edition.simplified_step, edition.traditional_step) for lang in ("en", "zh-Hans")],
        "        </normalization>",
        "        <punctuation>",
        *[f'          <p xml:lang="{lang}">{esc(edition.punctuation_reason[lang])}</p>' for lang in ("en", "zh-Hans")],
        "        </punctuation>",
        "      </editorialDecl>",
        "    </encodingDesc>",
        "    <profileDesc>",
        "      <langUsage>",
        '        <language ident="zh-Hans">Chinese, Simplified script</language>',
        '        <language ident="zh-Hant">Chinese, Traditional script</language>',
        '        <language ident="en">English</language>',
        "      </langUsage>",
        "    </profileDesc>",
        "  </teiHeader>",
        "  <text>",
        "    <body>",
        '      <div type="edition" xml:lang="zh-Hans">',
    ]
    lines += [f'        <p xml:id="{p.id}" n="{p.n}">{reading_xml(p, edition)}</p>' for p in edition.paragraphs]
    lines += ["      </div>", '      <div type="edition" subtype="traditional" xml:lang="zh-Hant">']
    lines += [f'        <p xml:id="zh-Hant-{p.id}" n="{p.n}" corresp="#{p.id}">{esc(p.traditional)}</p>'
              for p in edition.paragraphs]
    lines += ["      </div>", '      <div type="translation" xml:lang="en">']
    lines += [f'        <p xml:id="en-{p.id}" n="{p.n}" corresp="#{p.id}">{esc(p.english)}</p>' for p in edition.paragraphs]
    lines += ["      </div>", "    </body>", "    <back>", '      <div type="apparatus">']
    for e in edition.emendations:
        lines += [f'        <note xml:id="{e.id}" type="emendation" target="#{_pid(edition, e)}">',
                  f'          <p xml:lang="en">{esc(e.reason.en)} {esc(e.evidence.en)}</p>',
                  f'          <p xml:lang="zh-Hans">{esc(e.reason.zh_hans)}{esc(e.evidence.zh_hans)}</p>',
                  "        </note>"]
    for s in edition.sics:
        lines += [f'        <note xml:id="{s.id}" type="sic" target="#{s.paragraph}">',
                  f'          <p xml:lang="en">{esc(s.reason.en)}</p>',
                  f'          <p xml:lang="zh-Hans">{esc(s.reason.zh_hans)}</p>',
                  "        </note>"]
    lines += ["      </div>", '      <div type="glossary">', '        <list type="gloss">']
    for t in edition.glossary:
        lines += [
            f'          <item xml:id="term-{t.id}">',
            f'            <term xml:lang="zh-Hans">{esc(t.zh_hans)}</term>',
            f'            <term xml:lang="zh-Hant">{esc(t.zh_hant)}</term>',
            f'            <term xml:lang="zh-Latn-pinyin">{esc(t.pinyin)}</term>',
            f'            <gloss xml:lang="en">{esc(t.en)}</gloss>',
            f'            <note xml:lang="zh-Hans">{esc(t.definition.zh_hans)}</note>',
            f'            <note xml:lang="en">{esc(t.definition.en)}</note>',
            "          </item>"]
    lines += ["        </list>", "      </div>", "    </back>", "  </text>", "</TEI>"]
    return "\n".join(lines) + "\n"
