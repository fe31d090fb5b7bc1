"""TEI P5 XML of the edition: header (title marked as supplied, source, encoding), the reading
text with the editors' interventions encoded, the Traditional text and the English translation
as parallel divisions linked paragraph by paragraph, and the glossary.

How it is built: the document is a tree of :mod:`xml.etree.ElementTree` elements, made with the
small builder :func:`E`, and serialized by the library, so every string from the data is escaped
by construction (text and attribute values alike); no markup is written as text. Mixed content
(text with <choice> and <term>) is built with each element's ``.text`` and ``.tail``. Only the
structure is indented (:func:`_indent`, which never enters a <p>, a <title> or other inline
content), so the paragraphs' text gains no whitespace. A character that XML 1.0 cannot carry
at all (a C0 control other than tab/newline/carriage return, U+FFFE, U+FFFF, a lone surrogate)
is refused with a ValueError rather than written into an ill-formed file.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Edition, Paragraph
from ..segments import spans

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Elements whose children are block structure, one to a line; everything else is written as is.
BLOCK = set("TEI teiHeader fileDesc titleStmt publicationStmt sourceDesc bibl encodingDesc editorialDecl "
            "normalization punctuation profileDesc langUsage text body back div note list item".split())

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def E(tag: str, *content: str | ET.Element, **attrs: object) -> ET.Element:
    """An element with mixed content: strings become its text or the tail of the element before
    them. ``xml_lang=``/``xml_id=`` give xml:lang/xml:id. Names stay unqualified: the root
    declares TEI as the default namespace (ElementTree's own ``default_namespace`` refuses
    unqualified attributes).

    >>> ET.tostring(E("p", "a<b", E("term", "c", ref="#t"), "&d", xml_lang="en"), encoding="unicode")
    '<p xml:lang="en">a&lt;b<term ref="#t">c</term>&amp;d</p>'
    """
    elem = ET.Element(tag, {
        (f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml_") else k): str(v) for k, v in attrs.items()})
    for item in content:
        if not isinstance(item, str):
            elem.append(item)
        elif len(elem):
            elem[-1].tail = (elem[-1].tail or "") + item
        else:
            elem.text = (elem.text or "") + item
    return elem


def reading_xml(p: Paragraph, edition: Edition) -> ET.Element:
    """The <p> of the Simplified reading text of a paragraph, with its interventions:

    - emendation: <choice><sic>witness</sic><corr type="emendation">reading</corr></choice>
      (the reading text has the corr);
    - author's slip: <choice><sic>slip</sic><corr type="suggestion">…</corr></choice>
      (the reading text keeps the sic);
    - regularization: <choice><orig>witness form</orig><reg type="punctuation|phrase">reading</reg></choice>;
    - glossary term: <term ref="#term-…">.
    """
    text, i = p.simplified, 0
    content: list[str | ET.Element] = []
    for span in spans(p, edition.glossary, regularizations=True):
        content.append(text[i:span.start])
        shown, item = text[span.start:span.end], span.item
        if span.kind == "emendation":
            content.append(E("choice", E("sic", item.witness), E("corr", shown, type="emendation",
                                                                   resp="#editors", source=f"#{item.id}")))
        elif span.kind == "sic":
            content.append(E("choice", E("sic", shown), E("corr", item.suggestion, type="suggestion",
                                                            resp="#editors", source=f"#{item.id}")))
        elif span.kind == "reg":
            content.append(E("choice", E("orig", item.orig), E("reg", shown, type=item.kind.value)))
        else:
            content.append(E("term", shown, ref=f"#term-{item.id}"))
        i = span.end
    content.append(text[i:])
    return E("p", *content, xml_id=p.id, n=p.n)




def _header(edition: Edition, site_name_zh: str, site_name_en: str) -> ET.Element:
    w, supplied = edition.witness, {"reason": "no title survives in the witness", "resp": "#editors"}
    steps = (edition.simplified_step, edition.traditional_step)
    return E("teiHeader",
        E("fileDesc",
            E("titleStmt",
                E("title", E("supplied", edition.title_zh, **supplied), type="main", xml_lang="zh-Hans"),
                E("title", E("supplied", edition.title_en, **supplied), type="main", xml_lang="en"),
                E("author", "佚名 (unknown)"),
                E("respStmt", E("resp", "edited, annotated and translated by"), E("name", edition.translator),
                  xml_id="editors")),
            E("publicationStmt",
                E("publisher", site_name_zh, xml_lang="zh-Hans"),
                E("publisher", site_name_en, xml_lang="en"),
                E("availability", E("p", "Editorial matter, translation and data of this digital edition. "
                                         "The essay's author is unknown."))),
            E("sourceDesc",
                E("bibl",
                    E("title", "[untitled web page]", type="main", xml_lang="zh-Hans"),
                    E("ref", w.url, target="http://" + w.url),
                    E("date", w.published, when=w.published, cert="medium"),
                    E("idno", w.sha256, type="sha256"),
                    E("extent", f"{w.size} bytes, {w.lines} lines"),
                    E("note", w.description.en, xml_lang="en"),
                    E("note", w.description.zh_hans, xml_lang="zh-Hans")))),
        E("encodingDesc",
            E("editorialDecl",
                E("correction", E("p",
                    "Corruption of the witness is emended: <choice><sic> gives the witness (with its pinyin "
                    "annotations), <corr type=\"emendation\"> the reading adopted. The author's own slips are kept "
                    "in the reading text: <choice><sic> is the text, <corr type=\"suggestion\"> the editors' "
                    "suggested reading.")),
                E("normalization",
                    E("p", f"The converter's {edition.annotations} pinyin annotations are removed. The mixed "
                           f"Traditional/Simplified witness is converted to standard Simplified characters with "
                           f"OpenCC {edition.simplified_step.config}; phrase rules for the Taiwan-style particle and "
                           "the punctuation rule are encoded as <choice><orig><reg>. The Traditional division is "
                           f"derived from the Simplified text with OpenCC {edition.traditional_step.config}."),
                    *[E("p", step.reason[lang], xml_lang=lang) for step in steps for lang in ("en", "zh-Hans")]),
                E("punctuation",
                    *[E("p", edition.punctuation_reason[lang], xml_lang=lang) for lang in ("en", "zh-Hans")]))),
        E("profileDesc",
            E("langUsage",
                E("language", "Chinese, Simplified script", ident="zh-Hans"),
                E("language", "Chinese, Traditional script", ident="zh-Hant"),
                E("language", "English", ident="en"))))


def _back(edition: Edition) -> ET.Element:
    notes = [E("note",
               E("p", f"{e.reason.en} {e.evidence.en}", xml_lang="en"),
               E("p", e.reason.zh_hans + e.evidence.zh_hans, xml_lang="zh-Hans"),
               xml_id=e.id, type="emendation", target=f"#{e.paragraph}") for e in edition.emendations]
    notes += [E("note",
                E("p", s.reason.en, xml_lang="en"),
                E("p", s.reason.zh_hans, xml_lang="zh-Hans"),
                xml_id=s.id, type="sic", target=f"#{s.paragraph}") for s in edition.sics]
    items = [E("item",
               E("term", t.zh_hans, xml_lang="zh-Hans"),
               E("term", t.zh_hant, xml_lang="zh-Hant"),
               E("term", t.pinyin, xml_lang="zh-Latn-pinyin"),
               E("gloss", t.en, xml_lang="en"),
               E("note", t.definition.zh_hans, xml_lang="zh-Hans"),
               E("note", t.definition.en, xml_lang="en"),
               xml_id=f"term-{t.id}") for t in edition.glossary]
    return E("back",
             E("div", *notes, type="apparatus"),
             E("div", E("list", *items, type="gloss"), type="glossary"))


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Put each child of a block element on its own line, two spaces deeper; leave the rest alone."""
    if elem.tag not in BLOCK or not len(elem) or elem.text or any(child.tail for child in elem):
        return  # inline or mixed content: its text is data and must stay as it is
    for child in elem:
        child.tail = "\n" + "  " * (level + 1)
        _indent(child, level + 1)
    elem.text = "\n" + "  " * (level + 1)
    elem[-1].tail = "\n" + "  " * level


def render_tei(edition: Edition, site_name_zh: str, site_name_en: str) -> str:
    ps = edition.paragraphs
    root = E("TEI",
        _header(edition, site_name_zh, site_name_en),
        E("text",
            E("body",
                E("div", *[reading_xml(p, edition) for p in ps], type="edition", xml_lang="zh-Hans"),
                E("div", *[E("p", p.traditional, xml_id=f"zh-Hant-{p.id}", n=p.n, corresp=f"#{p.id}") for p in ps],
                  type="edition", subtype="traditional", xml_lang="zh-Hant"),
                E("div", *[E("p", p.english, xml_id=f"en-{p.id}", n=p.n, corresp=f"#{p.id}") for p in ps],
                  type="translation", xml_lang="en")),
            _back(edition)),
        xmlns=TEI_NS, xml_lang="zh-Hans")
    _indent(root)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    if bad := _NOT_XML.search(xml):
        raise ValueError(f"U+{ord(bad.group()):04X} cannot be written in XML 1.0: "
                         f"…{xml[max(0, bad.start() - 40):bad.start()]!r}")
    return xml
