"""The TEI export (edition.render.tei): hostile strings come back exactly, checked by an XML
parser (lxml), not by the renderer's own escaping; the layout adds no whitespace to the text."""
import dataclasses
import re

import pytest
from lxml import etree

from edition.build import build_edition
from edition.model import Note, Occurrence, RegularizationKind, Term
from edition.render.tei import render_tei
from tests.helpers import ROOT, make_project

TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"
ODD = "\u00a0\u200b\u202e𠀀e\u0301👩\u200d💻\ufb01\u2028Ⅻ\u3000"   # no controls, but nothing plain either
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>]]>&amp;{{ x }}' + ODD


def v(field: str) -> str:
    """A hostile value unique to one field, so each can only come back from its own place."""
    return f"{field}:{HOSTILE}"


def note(field: str) -> Note:
    return Note(v(field + ".zh"), v(field + ".zh-hant"), v(field + ".en"))


def hostile_edition(tmp_path, text_is_one_term=False):
    """A crafted edition with a hostile value in every text field that reaches the TEI. The
    pipeline makes a real emendation, slip and regularization; their fields are then replaced."""
    edition = build_edition(make_project(
        tmp_path, "這(zhè)是好,功劳薄。", translation={"p1": "x"},
        emendations=[{"id": "e1", "line": 1, "witness": "這(zhè)是", "reading": "這(zhè)就是",
                      "reason": {"zh": "脱字", "en": "dropped"}, "evidence": {"zh": "文义", "en": "sense"}}],
        sic=[{"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿",
              "reason": {"zh": "成语", "en": "idiom"}}]), check=False)
    p = edition.paragraphs[0]
    (e,), (s,), (r,) = p.emendations, p.sics, p.regularizations
    term_text = v("term.zh-hans")
    if text_is_one_term:
        parts, emendations, sics, regs = [term_text], (), (), ()
    else:
        parts = [v("text0"), v("emended"), v("text1"), v("slip"), v("text2"), v("regularized"), v("text3"),
                 term_text, v("text4")]
    at = {part: sum(map(len, parts[:i])) for i, part in enumerate(parts)}
    if not text_is_one_term:
        emendations = (dataclasses.replace(e, witness=v("witness"), reading=v("emended"), reason=note("e.reason"),
                                           evidence=note("e.evidence"), offset=at[v("emended")],
                                           length=len(v("emended"))),)
        sics = (dataclasses.replace(s, reading=v("slip"), suggestion=v("suggestion"),
                                    suggestion_hant=v("suggestion-hant"), reason=note("s.reason"),
                                    offset=at[v("slip")]),)
        regs = (dataclasses.replace(r, offset=at[v("regularized")], orig=v("orig"), reg=v("regularized"),
                                    kind=RegularizationKind.PHRASE),)
    term = Term(id="t1", zh_hans=term_text, zh_hant=v("term.zh-hant"), pinyin=v("pinyin"), en=v("term.en"),
                group="g", definition=note("definition"), occurrences=(Occurrence("p1", at[term_text]),))
    p = dataclasses.replace(p, simplified="".join(parts), traditional=v("traditional"),
                            english=v("english"), emendations=emendations, sics=sics, regularizations=regs)

    def step(st, name):
        return dataclasses.replace(st, config=v(name + ".config"), reason=note(name + ".reason"))

    return dataclasses.replace(
        edition, title_zh=v("title-zh"), title_en=v("title-en"), translator=v("translator"), paragraphs=(p,),
        witness=dataclasses.replace(edition.witness, url=v("url"), published=v("published"),
                                    description=note("description")),
        simplified_step=step(edition.simplified_step, "simplified"),
        traditional_step=step(edition.traditional_step, "traditional"),
        punctuation_reason=note("punctuation"), glossary=(term,))


def test_hostile_strings_come_back_exactly_from_every_field(tmp_path):
    edition = hostile_edition(tmp_path)
    root = etree.fromstring(render_tei(edition, v("site-zh"), v("site-en")).encode("utf-8"))
    leaves = [el.text for el in root.iter() if len(el) == 0]
    expected = ["title-zh", "title-en", "translator", "site-zh", "site-en", "url", "published",
                "description.en", "description.zh", "simplified.reason.en", "simplified.reason.zh",
                "traditional.reason.en", "traditional.reason.zh", "punctuation.en", "punctuation.zh",
                "traditional", "english", "witness", "emended", "slip", "suggestion", "orig", "regularized",
                "term.zh-hans", "term.zh-hant", "pinyin", "term.en", "definition.en", "definition.zh",
                "s.reason.en", "s.reason.zh"]
    for field in expected:
        assert v(field) in leaves, field
    assert f"{v('e.reason.en')} {v('e.evidence.en')}" in leaves
    assert v("e.reason.zh") + v("e.evidence.zh") in leaves
    assert root.find(f".//{TEI}ref").get("target") == "http://" + v("url")
    assert root.find(f".//{TEI}date").get("when") == v("published")
    normalization = "".join(root.find(f".//{TEI}normalization/{TEI}p").itertext())
    assert f"OpenCC {v('simplified.config')};" in normalization
    assert normalization.endswith(f"OpenCC {v('traditional.config')}.")
    p1 = root.find(f".//{TEI}div[@type='edition']/{TEI}p")
    assert p1.text == v("text0") and [c.tail for c in p1] == [v(f"text{i}") for i in range(1, 5)]
    assert "".join(p1.itertext()) == v("text0") + v("witness") + v("emended") + v("text1") + v("slip") + \
        v("suggestion") + v("text2") + v("orig") + v("regularized") + v("text3") + v("term.zh-hans") + v("text4")
    for el in root.iter():
        names = [etree.QName(el).localname] + [etree.QName(a).localname for a in el.attrib]
        assert not {"script", "img", "onerror"} & {n.lower() for n in names}


def test_layout_adds_no_whitespace_to_a_paragraph_that_is_all_markup(tmp_path):
    xml = render_tei(hostile_edition(tmp_path, text_is_one_term=True), "a", "b")
    p1 = etree.fromstring(xml.encode("utf-8")).find(f".//{TEI}div[@type='edition']/{TEI}p")
    assert p1.text is None and len(p1) == 1 and p1[0].tail is None and p1[0].text == v("term.zh-hans")


def test_a_character_xml_cannot_carry_is_refused(tmp_path):
    edition = build_edition(make_project(tmp_path, "甲乙。", translation={"p1": "a\x01b"}), check=False)
    with pytest.raises(ValueError, match="U\\+0001"):
        render_tei(edition, "a", "b")


def test_every_type_is_one_token_and_the_text_has_no_layout_whitespace():
    xml = render_tei(build_edition(ROOT), "站", "site")
    root = etree.fromstring(xml.encode("utf-8"))
    types = [el.get("type") for el in root.iter() if el.get("type") is not None]
    assert types and all(re.fullmatch(r"\S+", t) for t in types)
    assert {el.get("type") for el in root.iter(f"{TEI}reg")} <= {k.value for k in RegularizationKind}
    for p in root.iter(f"{TEI}p"):
        assert not re.search(r"\n\s", "".join(p.itertext()))
