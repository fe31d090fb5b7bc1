"""TEI P5 XML of the edition: the header, the reading text with the editors' interventions, the
Traditional text and the English translation as parallel divisions linked paragraph by
paragraph, a line-by-line transcription of the witness from which it can be rebuilt byte for
byte, and the apparatus and glossary.

The divisions of the <body>:

- ``div[@type='edition']`` (zh-Hans): the reading text, one <p> per paragraph (``p1``…), with the
  editors' interventions (:func:`reading_xml`): emendations and the author's slips as
  <choice><sic><corr>, the editors' remarks (no correction) as <seg type="remark">, regularizations as
  <choice><orig><reg>, glossary terms as <term>. Each <choice> and <seg> has an xml:id, so the notes of
  the apparatus point at their span, not at a paragraph.
- ``div[@type='edition'][@subtype='traditional']`` (zh-Hant): the same paragraphs with the same
  interventions marked (:func:`traditional_xml`), each pointing with @corresp to its <choice> in
  the Simplified division, which alone carries the alternatives (the Traditional text is derived
  from the Simplified one, so a decision is recorded once).
- ``div[@type='translation']`` (en).
- ``div[@type='transcription']`` (zh, the witness's mixed script): one <ab> per witness line
  (:func:`transcription_xml`), the dropped boilerplate and blank lines included. Each character
  the converter changed is <choice><orig>witness form</orig><reg type="script">Simplified</reg>
  </choice> (``phrase``/``punctuation`` for the editors' two rules), each pinyin annotation an
  <add hand="#converter">, each emendation an <app> whose <rdg wit="#W"> has the witness's
  characters as they stand and whose <lem> has the editors' reading. Reading <orig>, <add> and
  the witness's <rdg> gives the witness line; reading <reg> and <lem> gives the reading text.

The witness layer has a division of its own rather than sitting inside the reading text because
most of it (the 700-odd changed characters, the 341 annotations) falls inside glossary terms and
[sic] spans: nested there, every <term> and <sic> would hold two texts, and the reading division
would no longer read as the edited text by the plain rule (text, <reg>, an emendation's <corr>).
Kept apart, each division has one job; they are linked line to paragraph by @corresp, and the
texts are aligned character for character (:mod:`edition.establish`).

How it is built: the document is a tree of :mod:`xml.etree.ElementTree` elements, made with the
small builder :func:`E`, and serialized by the library, so every string from the data is escaped
by construction (text and attribute values alike); no markup is written as text. Mixed content
(text with <choice> and <term>) is built with each element's ``.text`` and ``.tail``. Only the
structure is indented (:func:`_indent`, which never enters a <p>, an <ab>, a <title> or other
inline content), so the texts gain no whitespace. A character that XML 1.0 cannot carry at all
(a C0 control other than tab/newline/carriage return, U+FFFE, U+FFFF, a lone surrogate) is
refused with a ValueError rather than written into an ill-formed file.

The output is valid against TEI P5 ``tei_all`` 4.3.0 (``tests/test_tei.py`` runs jing).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..alignment import Change, Step, align
from ..model import DroppedLine, Edition, Emendation, Paragraph
from ..release import current, history
from ..segments import Span, spans

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

WITNESS = "W"              # xml:id of the one witness (<listWit>); readings from it carry wit="#W"
CONVERTER = "converter"    # xml:id of the <handNote> of the page's script converter
EDITORS = "editors"        # xml:id of the editors' <respStmt>
SCRIPT = Change.CONVERTED.value   # @type of a <reg> that undoes the converter's change of a character
PINYIN = "zh-Latn-pinyin"

LICENCE = "https://creativecommons.org/licenses/by/4.0/"

# Elements whose children are block structure, one to a line; everything else is written as is.
BLOCK = set("TEI teiHeader fileDesc titleStmt editionStmt publicationStmt availability sourceDesc listWit "
            "witness bibl encodingDesc editorialDecl correction normalization punctuation profileDesc "
            "langUsage handNotes revisionDesc text body back div note list item".split())

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def E(tag: str, *content: str | ET.Element, **attrs: object) -> ET.Element:
    """An element with mixed content: strings become its text or the tail of the element before
    them. ``xml_lang=``/``xml_id=``/``xml_space=`` give xml:lang/xml:id/xml:space. Names stay
    unqualified: the root declares TEI as the default namespace (ElementTree's own
    ``default_namespace`` refuses unqualified attributes).

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


def span_id(item_id: str) -> str:
    """xml:id of the <choice> of an emendation or [sic], or the <seg> of a remark, in the Simplified division."""
    return f"span-{item_id}"


def reg_id(p: Paragraph, offset: int) -> str:
    """xml:id of the <choice> of a regularization in the Simplified division."""
    return f"reg-{p.id}-{offset}"


def line_id(line: int) -> str:
    """xml:id of the <ab> of a witness line in the transcription."""
    return f"line-{line}"


Marker = Callable[[Span, str], ET.Element]   # (span, its text in this division) → its element


def _marked(text: str, p: Paragraph, edition: Edition, mark: Marker) -> list[str | ET.Element]:
    """A paragraph's text with each span of :func:`edition.segments.spans` made an element by ``mark``."""
    i, content = 0, list[str | ET.Element]()
    for span in spans(p, edition.glossary, regularizations=True):
        content.append(text[i:span.start])
        content.append(mark(span, text[span.start:span.end]))
        i = span.end
    content.append(text[i:])
    return content


def reading_xml(p: Paragraph, edition: Edition) -> ET.Element:
    """The <p> of the Simplified reading text of a paragraph, with its interventions:

    - emendation: <choice xml:id="span-e1"><sic>witness</sic><corr type="emendation">reading</corr></choice>
      (the reading text has the corr; the witness's characters as they stand, annotations included);
    - author's slip: <choice xml:id="span-s1"><sic>slip</sic><corr type="suggestion">…</corr></choice>
      (the reading text keeps the sic);
    - editors' remark: <seg type="remark" xml:id="span-r1">span</seg> (its note in the apparatus);
    - regularization: <choice xml:id="reg-p1-12"><orig>before the rule</orig><reg type="punctuation|phrase">
      reading</reg></choice>;
    - glossary term: <term ref="#term-…">.
    """
    def mark(span: Span, shown: str) -> ET.Element:
        item = span.item
        if span.kind == "emendation":
            return E("choice", E("sic", item.witness),
                     E("corr", shown, type="emendation", resp=f"#{EDITORS}", source=f"#{item.id}"),
                     xml_id=span_id(item.id))
        if span.kind == "sic":
            return E("choice", E("sic", shown),
                     E("corr", item.suggestion, type="suggestion", resp=f"#{EDITORS}", source=f"#{item.id}"),
                     xml_id=span_id(item.id))
        if span.kind == "remark":
            return E("seg", shown, type="remark", xml_id=span_id(item.id))
        if span.kind == "reg":
            return E("choice", E("orig", item.orig), E("reg", shown, type=item.kind.value),
                     xml_id=reg_id(p, span.start))
        return E("term", shown, ref=f"#term-{item.id}")

    return E("p", *_clause_anchors(_marked(p.simplified, p, edition, mark), p, edition), xml_id=p.id, n=p.n)


def clause_id(p: Paragraph, k: int) -> str:
    """xml:id of the <anchor> where the k-th clause (1-based) of a paragraph starts in the Simplified division."""
    return f"{p.id}-c{k}"


def _clause_anchors(content: list[str | ET.Element], p: Paragraph, edition: Edition,
                    traditional: bool = False) -> list[str | ET.Element]:
    """The content with an <anchor type="clause"> where each clause of the translation starts (edition.clauses);
    its English is a <seg> of the translation division pointing at it. A clause runs to the next anchor or
    the end of the paragraph. A boundary inside a marked span (none in the edition's data) is put after it.
    The Traditional division has the same anchors, each pointing with @corresp at its Simplified one. A
    paragraph of one clause has none: the paragraphs are paired already."""
    if len(p.clauses) < 2:
        return content
    starts = [c.start for c in p.clauses]
    lengths = iter(s.end - s.start for s in spans(p, edition.glossary, regularizations=True))
    out: list[str | ET.Element] = []
    at = 0

    def anchor() -> ET.Element:
        starts.pop(0)
        cid = clause_id(p, len(p.clauses) - len(starts))
        return E("anchor", type="clause", corresp=f"#{cid}") if traditional else E("anchor", type="clause", xml_id=cid)

    for item in content:
        if isinstance(item, str):
            i = 0
            while starts and starts[0] < at + len(item):
                cut = max(starts[0] - at, i)
                out += [item[i:cut], anchor()]
                i = cut
            out.append(item[i:])
            at += len(item)
        else:
            while starts and starts[0] <= at:
                out.append(anchor())
            out.append(item)
            at += next(lengths)
    while starts:
        out.append(anchor())
    return out


def translation_xml(p: Paragraph) -> ET.Element:
    """The <p> of the English translation; each clause a <seg> whose @corresp is the <anchor> where its
    Chinese run starts in the Simplified division."""
    if len(p.clauses) < 2:
        return E("p", p.english, xml_id=f"en-{p.id}", n=p.n, corresp=f"#{p.id}")
    segs: list[str | ET.Element] = []
    for k, c in enumerate(p.clauses, start=1):
        if k > 1:
            segs.append(" ")
        segs.append(E("seg", c.english, type="clause", corresp=f"#{clause_id(p, k)}"))
    return E("p", *segs, xml_id=f"en-{p.id}", n=p.n, corresp=f"#{p.id}")


def traditional_xml(p: Paragraph, edition: Edition) -> ET.Element:
    """The <p> of the Traditional text, with the Simplified division's interventions marked on the
    same places: <corr type="emendation">, <sic>, <seg type="remark">, <reg type="…"> and <term>, each but the last
    pointing with @corresp at its <choice> in the Simplified division, where the witness's form, the
    form before a rule and the suggested correction are given."""
    def mark(span: Span, shown: str) -> ET.Element:
        item = span.item
        if span.kind == "emendation":
            return E("corr", shown, type="emendation", corresp=f"#{span_id(item.id)}")
        if span.kind == "sic":
            return E("sic", shown, corresp=f"#{span_id(item.id)}")
        if span.kind == "remark":
            return E("seg", shown, type="remark", corresp=f"#{span_id(item.id)}")
        if span.kind == "reg":
            return E("reg", shown, type=item.kind.value, corresp=f"#{reg_id(p, span.start)}")
        return E("term", shown, ref=f"#term-{item.id}")

    return E("p", *_clause_anchors(_marked(p.traditional, p, edition, mark), p, edition, traditional=True),
             xml_id=f"zh-Hant-{p.id}", n=p.n, corresp=f"#{p.id}")


def transcription_xml(p: Paragraph) -> ET.Element:
    """The <ab> of the witness line of a paragraph: the line as it stands, with the converter's
    interventions and the editors' repairs encoded so that both texts can be read from it:

    - a character the conversion to Simplified changed: <choice><orig>當</orig><reg type="script">当</reg>
      </choice> (``phrase`` or ``punctuation`` where one of the editors' rules changed it);
    - a pinyin annotation: <add hand="#converter" type="annotation" xml:lang="zh-Latn-pinyin">(dāng)</add>,
      right after its character, as in the witness;
    - an emendation: <app><lem resp="#editors">the reading</lem><rdg wit="#W">the witness</rdg></app>.

    Walks the witness line with the model's columns (annotations, emendations) by
    :func:`edition.alignment.align`, never re-parsing it; a ValueError says where the line and the
    paragraph's diplomatic text disagree.
    """
    text = p.simplified

    def char(step: Step) -> str | ET.Element:
        if step.change is Change.TEXT:
            return step.witness
        return E("choice", E("orig", step.witness), E("reg", text[step.start:step.end], type=step.change.value))

    def element(step: Step) -> str | ET.Element:
        if isinstance(step.item, Emendation):
            e = step.item
            return E("app", E("lem", *[char(s) for s in step.inner], resp=f"#{EDITORS}", source=f"#{e.id}"),
                     E("rdg", e.witness, wit=f"#{WITNESS}"), corresp=f"#{span_id(e.id)}")
        if step.change is Change.ANNOTATION:
            return E("add", step.witness, hand=f"#{CONVERTER}", type="annotation", xml_lang=PINYIN)
        return char(step)

    content = [element(step) for step in align(p)]
    return E("ab", *content, xml_id=line_id(p.line), n=p.line, corresp=f"#{p.id}", xml_space="preserve")


def dropped_xml(d: DroppedLine) -> ET.Element:
    """The <ab> of a witness line the edition leaves out (boilerplate, blank), as it stands."""
    return E("ab", d.text, xml_id=line_id(d.line), n=d.line, type="dropped", subtype=d.rule, xml_space="preserve")


def _header(edition: Edition, site_name_zh: str, site_name_en: str) -> ET.Element:
    w, supplied = edition.witness, {"reason": "no title survives in the witness", "resp": f"#{EDITORS}"}
    steps = (edition.simplified_step, edition.traditional_step)
    release = current()
    version, date = release.version, release.date.isoformat()
    return E("teiHeader",
        E("fileDesc",
            E("titleStmt",
                E("title", E("supplied", edition.title_zh, **supplied), type="main", xml_lang="zh-Hans"),
                E("title", E("supplied", edition.title_en, **supplied), type="main", xml_lang="en"),
                E("author", "unknown (", E("foreign", "佚名", xml_lang="zh-Hans"), ")"),
                E("respStmt", E("resp", "edited, annotated and translated by"), E("name", edition.translator),
                  xml_id=EDITORS)),
            E("editionStmt",
                E("edition", f"Digital edition, version {version}, ", E("date", date, when=date), n=version)),
            E("publicationStmt",
                E("publisher", site_name_zh, xml_lang="zh-Hans"),
                E("publisher", site_name_en, xml_lang="en"),
                E("date", date, when=date),
                E("availability",
                    E("licence", "The editorial matter of this digital edition (the markup of the texts, the "
                                 "apparatus and notes, the English translation, the glossary and the data) is "
                                 "licensed under the Creative Commons Attribution 4.0 International licence "
                                 "(CC BY 4.0).", target=LICENCE),
                    E("p", "The essay itself is not covered by that licence: its author is unknown, it was "
                           f"published online around {w.published}, and whatever rights in it survive are its "
                           "author's. It is reproduced, with the witness it rests on, for study and criticism; "
                           "the editors claim no rights in it."))),
            E("sourceDesc",
                E("listWit",
                    E("witness",
                        E("bibl",
                            E("title", "[untitled web page]", type="main"),
                            E("ref", w.url, target="http://" + w.url),
                            E("date", w.published, when=w.published, cert="medium"),
                            E("idno", w.sha256, type="sha256"),
                            E("extent", f"{w.size} bytes, {w.lines} lines"),
                            E("note", w.description.en, xml_lang="en"),
                            E("note", w.description.zh_hans, xml_lang="zh-Hans")),
                        xml_id=WITNESS)))),
        E("encodingDesc",
            E("editorialDecl",
                E("correction", E("p",
                    "Corruption of the witness is emended: in the reading text, <choice><sic> gives the witness "
                    "(with its pinyin annotations), <corr type=\"emendation\"> the reading adopted; in the "
                    "transcription, <app> has the witness's reading as <rdg wit=\"#W\"> and the editors' as <lem>. "
                    "The author's own slips are kept in the reading text: <choice><sic> is the text, "
                    "<corr type=\"suggestion\"> the editors' suggested reading. A remark of the editors on a span "
                    "that is neither corrected nor marked [sic] is a <seg type=\"remark\"> with a <note "
                    "type=\"editorial\">. Each note of the apparatus points at the <choice> or <seg> of its span.")),
                E("normalization",
                    E("p", "The witness is transcribed line by line in the division of type \"transcription\" "
                           "(one <ab> per line, the dropped lines included): each of the converter's "
                           f"{edition.annotations} pinyin annotations is an <add hand=\"#converter\">, each character "
                           "it changed is <choice><orig>witness form</orig><reg type=\"script\">Simplified</reg>"
                           "</choice>. The reading text omits the annotations; the mixed Traditional/Simplified "
                           "witness is converted to standard Simplified characters with OpenCC "
                           f"{edition.simplified_step.config}; phrase rules for the Taiwan-style particle and the "
                           "punctuation rule are encoded as <choice><orig><reg type=\"phrase|punctuation\">. The "
                           "Traditional division is derived from the Simplified text with OpenCC "
                           f"{edition.traditional_step.config}."),
                    *[E("p", step.reason[lang], xml_lang=lang) for step in steps for lang in ("en", "zh-Hans")]),
                E("punctuation",
                    *[E("p", edition.punctuation_reason[lang], xml_lang=lang) for lang in ("en", "zh-Hans")]))),
        E("profileDesc",
            E("langUsage",
                E("language", "Chinese, Simplified script", ident="zh-Hans"),
                E("language", "Chinese, Traditional script", ident="zh-Hant"),
                E("language", "Chinese, in the witness's mix of Traditional and Simplified characters", ident="zh"),
                E("language", "Chinese in Hanyu Pinyin", ident=PINYIN),
                E("language", "English", ident="en")),
            E("handNotes",
                E("handNote", "The web page's script converter, which turned the Simplified original into partly "
                              "Traditional characters and put the pinyin of many of them after them in ASCII "
                              "brackets.", xml_id=CONVERTER))),
        E("revisionDesc",
            *[E("change", r.changes, when=r.date.isoformat(), n=r.version, who=f"#{EDITORS}") for r in history()]),
        xml_lang="en")


def _back(edition: Edition, placed: set[str]) -> list[ET.Element]:
    """The <back>: the apparatus (each note pointing at its span, or at its paragraph if no span was
    marked) and the glossary, each if it has anything (TEI has no empty <div> or <list>)."""
    def target(item_id: str, paragraph: str) -> str:
        return f"#{span_id(item_id)}" if span_id(item_id) in placed else f"#{paragraph}"

    notes = [E("note",
               E("p", f"{e.reason.en} {e.evidence.en}", xml_lang="en"),
               E("p", e.reason.zh_hans + e.evidence.zh_hans, xml_lang="zh-Hans"),
               xml_id=e.id, type="emendation", target=target(e.id, e.paragraph)) for e in edition.emendations]
    notes += [E("note",
                E("p", s.reason.en, xml_lang="en"),
                E("p", s.reason.zh_hans, xml_lang="zh-Hans"),
                xml_id=s.id, type="sic", target=target(s.id, s.paragraph)) for s in edition.sics]
    notes += [E("note",
                E("p", r.reason.en, xml_lang="en"),
                E("p", r.reason.zh_hans, xml_lang="zh-Hans"),
                xml_id=r.id, type="editorial", target=target(r.id, r.paragraph)) for r in edition.remarks]
    notes += [E("note",
                E("p", d.reason.en, xml_lang="en"),
                E("p", d.reason.zh_hans, xml_lang="zh-Hans"),
                type="dropped", target=f"#{line_id(d.line)}") for d in edition.dropped]
    items = [E("item",
               E("term", t.zh_hans, xml_lang="zh-Hans"),
               E("term", t.zh_hant, xml_lang="zh-Hant"),
               E("term", t.pinyin, xml_lang=PINYIN),
               E("gloss", t.en, xml_lang="en"),
               E("note", t.definition.zh_hans, xml_lang="zh-Hans"),
               E("note", t.definition.en, xml_lang="en"),
               xml_id=f"term-{t.id}") for t in edition.glossary]
    divs = ([E("div", *notes, type="apparatus")] if notes else []) + \
        ([E("div", E("list", *items, type="gloss"), type="glossary")] if items else [])
    return [E("back", *divs)] if divs else []


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
    simplified = [reading_xml(p, edition) for p in ps]
    placed = {el.get(f"{{{XML_NS}}}id") or "" for p in simplified for el in (*p.iter("choice"), *p.iter("seg"))}
    lines = sorted([(p.line, transcription_xml(p)) for p in ps] + [(d.line, dropped_xml(d)) for d in edition.dropped],
                   key=lambda pair: pair[0])
    root = E("TEI",
        _header(edition, site_name_zh, site_name_en),
        E("text",
            E("body",
                E("div", *simplified, type="edition", xml_lang="zh-Hans"),
                E("div", *[traditional_xml(p, edition) for p in ps], type="edition", subtype="traditional",
                  xml_lang="zh-Hant"),
                E("div", *[translation_xml(p) for p in ps],
                  type="translation", xml_lang="en"),
                E("div", *[ab for _, ab in lines], type="transcription", xml_lang="zh", source=f"#{WITNESS}")),
            *_back(edition, placed)),
        xmlns=TEI_NS, xml_lang="zh-Hans")
    _indent(root)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    if bad := _NOT_XML.search(xml):
        raise ValueError(f"U+{ord(bad.group()):04X} cannot be written in XML 1.0: "
                         f"…{xml[max(0, bad.start() - 40):bad.start()]!r}")
    return xml
