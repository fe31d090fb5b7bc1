"""The editors' remarks (editorial/sic.yaml ``remarks:``): notes on spans, no correction.

Oracles: crafted projects whose remark spans and notes are written here; on the real edition, the
spans are found in the paragraphs by plain ``str.find`` and the outputs are parsed (lxml for the
pages, ElementTree for the TEI, ``json`` for the export).
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import lxml.html
import pytest

from edition.build import build_edition
from edition.errors import EditionError
from edition.render.apparatus import apparatus_page
from edition.render.essay import essay_page
from tests.helpers import ROOT, dump, make_project
from tests.views import downloads_of, view

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EDITION = build_edition(ROOT)


def crafted(tmp_path, remarks, sic=()):
    root = make_project(tmp_path, "甲乙丙。丁戊己。", boilerplate=[], accepted=[], sic=sic)
    dump(root / "editorial" / "sic.yaml", {"sic": list(sic), "remarks": list(remarks)})
    return root


REMARK = {"id": "r1", "paragraph": "p1", "reading": "乙丙",
          "reason": {"zh": "说明<b>乙丙</b>。", "en": "On <b>乙丙</b>."}}


def test_a_remark_is_placed_on_its_span_and_marked_in_every_output(tmp_path):
    edition = build_edition(crafted(tmp_path, [REMARK]), check=False)
    [r] = edition.remarks
    assert (r.paragraph, r.offset, r.reading, r.considered) == ("p1", 1, "乙丙", "")
    assert not edition.sics     # a remark is not a [sic]
    for code, mark in (("zh-Hans", "[按]"), ("zh-Hant", "[按]"), ("en", "[note]")):
        html = lxml.html.fragment_fromstring(str(essay_page(view(edition, code))), create_parent="div")
        [ref] = html.xpath("//a[@id='ref-r1']")
        assert ref.get("data-mark") == mark and ref.getprevious().text == "乙丙"
        assert ref.getprevious().get("class") == "remarked"
        note = html.xpath("//span[@id='note-text-r1']")[0].text_content()
        assert ("<b>乙丙</b>" in note) and ("On" in note) == (code == "en") and "原文如此" not in note
        assert not html.xpath("//b")     # escaped, not markup
    files = downloads_of(edition)
    data = json.loads(files["edition.json"])
    assert data["remarks"] == [{"id": "r1", "paragraph": "p1", "reading": "乙丙", "offset": 1,
                                "reason": {"zh-Hans": "说明<b>乙丙</b>。", "zh-Hant": "說明<b>乙丙</b>。",
                                           "en": "On <b>乙丙</b>."}}]
    tei = ET.fromstring(files["edition.tei.xml"])
    simplified, traditional = tei.findall(f".//{TEI}body/{TEI}div[@type='edition']")
    [seg] = simplified.findall(f".//{TEI}seg[@type='remark']")
    assert seg.text == "乙丙" and seg.get(XML_ID) == "span-r1"
    [seg] = traditional.findall(f".//{TEI}seg[@type='remark']")
    assert seg.text == "乙丙" and seg.get("corresp") == "#span-r1"
    [note] = tei.findall(f".//{TEI}note[@type='editorial']")
    assert note.get("target") == "#span-r1" and note.get(XML_ID) == "r1"


def test_a_withdrawn_sic_is_a_remark_with_the_correction_it_rejects(tmp_path):
    edition = build_edition(crafted(tmp_path, [{**REMARK, "id": "s3", "considered": "乙丁"}]), check=False)
    [r] = edition.remarks
    assert r.considered == "乙丁"
    html = str(apparatus_page(view(edition, "zh-Hans")))
    assert '<span lang="zh-Hans" id="s3">乙丙</span>' in html and "乙丁" in html
    assert json.loads(downloads_of(edition)["edition.json"])["remarks"][0]["considered"] == "乙丁"


@pytest.mark.parametrize("entry, message", [
    ({**REMARK, "reading": "庚"}, "remark r1: '庚' does not occur in p1"),
    ({**REMARK, "paragraph": "p9"}, "remark r1: paragraph 'p9' does not exist"),
])
def test_a_misplaced_remark_is_a_located_error(tmp_path, entry, message):
    with pytest.raises(EditionError) as err:
        build_edition(crafted(tmp_path, [entry]), check=False)
    assert message in str(err.value) and "sic.yaml:" in str(err.value)


def test_a_remark_cannot_carry_a_suggestion_nor_share_an_id_with_a_sic(tmp_path):
    with pytest.raises(EditionError) as err:
        build_edition(crafted(tmp_path / "a", [{**REMARK, "suggestion": "乙丁"}]), check=False)
    assert "suggestion" in str(err.value)
    sic = {"id": "r1", "paragraph": "p1", "reading": "丁戊", "suggestion": "丁己", "reason": {"zh": "甲", "en": "a"}}
    with pytest.raises(EditionError) as err:
        build_edition(crafted(tmp_path / "b", [REMARK], sic=[sic]), check=False)
    assert "duplicate sic or remark id 'r1'" in str(err.value)


def test_the_editions_remarks_stand_on_the_places_the_notes_discuss():
    expected = {"s3": ("p19", "醇熟"), "r1": ("p12", "传统元素为代表的"),
                "r2": ("p19", "其实无法满足用户的基本需求的"), "r3": ("p26", "相互协同的，双向运行的")}
    got = {r.id: (r.paragraph, r.reading) for r in EDITION.remarks}
    assert got == expected
    for r in EDITION.remarks:
        p = EDITION.paragraph(r.paragraph)
        assert p.simplified.find(r.reading) == r.offset and p.simplified.count(r.reading) == 1
        assert r in p.remarks
    assert [r.considered for r in EDITION.remarks if r.considered] == ["纯熟"]
    # 醇熟 is no longer a [sic]
    assert "醇熟" not in {s.reading for s in EDITION.sics}


def test_the_essay_marks_each_remark_once_in_every_version():
    for code in ("zh-Hans", "zh-Hant", "en"):
        html = lxml.html.fragment_fromstring(str(essay_page(view(EDITION, code))), create_parent="div")
        marks = html.xpath("//span[@class='remarked']")
        assert len(marks) == len(EDITION.remarks) == 4, code
        assert len(html.xpath("//span[@class='sic']")) == len(EDITION.sics), code
