"""The witness beside the text (edition/render/witness_view.py).

Oracles, none of them the renderer's own walk:
- joining the witness side of the segments gives the witness line byte for byte, joining the
  reading side gives the reading text (crafted paragraphs and every paragraph of the edition);
- each mark is what its kind says, checked against the witness and OpenCC directly;
- the marks summed over the edition agree with the apparatus's numbers, computed from the model;
- the rendered HTML, read by an HTML parser, gives the witness line (leaving out the edition's
  forms above the characters and its emended reading) and the reading text (leaving out what the
  edition removed), so the markup shows exactly the changes.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from opencc import OpenCC

from edition.build import build_edition
from edition.model import RegularizationKind
from edition.render.witness_view import Mark, Segment, edition_tally, segments, tally, witness_data
from tests.helpers import ROOT, dump, make_project
from tests.views import view

NOTE = {"zh": "测试", "en": "test"}
CHANGES = {Mark.CONVERTED, Mark.PUNCTUATION, Mark.PHRASE}


def crafted(tmp_path, witness: str, *, emendations=(), sic=(), remarks=()):
    root = make_project(tmp_path, witness, emendations=list(emendations), sic=list(sic),
                        translation={f"p{i}": "x" for i in range(1, witness.count("\n") + 2)})
    dump(root / "editorial" / "sic.yaml", {"sic": list(sic), "remarks": list(remarks)})
    return build_edition(root, check=False)


def leaves(segs):
    for s in segs:
        if s.kind in (Mark.SIC, Mark.REMARK):
            yield from leaves(s.children)
        else:
            yield s


def check_joins(p, segs):
    assert "".join(s.witness for s in segs) == p.witness
    assert "".join(s.reading for s in segs) == p.simplified
    for s in segs:   # a span's sides are its children's; an emendation's reading is its children's
        if s.children:
            assert "".join(c.reading for c in s.children) == s.reading
        if s.kind in (Mark.SIC, Mark.REMARK):
            assert "".join(c.witness for c in s.children) == s.witness


def test_every_change_of_a_crafted_paragraph_is_marked_in_place(tmp_path):
    edition = crafted(
        tmp_path, "這(zhè)是好,功勞(láo)薄。乙丙丁",
        emendations=[{"id": "e1", "line": 1, "witness": "這(zhè)是", "reading": "這(zhè)就是",
                      "reason": NOTE, "evidence": NOTE}],
        sic=[{"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿", "reason": NOTE}],
        remarks=[{"id": "r1", "paragraph": "p1", "reading": "丙丁", "reason": NOTE}])
    [p] = edition.paragraphs
    segs = segments(p)
    check_joins(p, segs)
    assert [(s.kind, s.witness, s.reading, s.ref) for s in segs] == [
        (Mark.EMENDATION, "這(zhè)是", "这就是", "e1"),
        (Mark.TEXT, "好", "好", ""),
        (Mark.PUNCTUATION, ",", "，", ""),
        (Mark.SIC, "功勞(láo)薄", "功劳薄", "s1"),
        (Mark.TEXT, "。乙", "。乙", ""),
        (Mark.REMARK, "丙丁", "丙丁", "r1"),
    ]
    # the emendation's reading, in the witness's script with the conversion marked
    assert [(c.kind, c.witness, c.reading) for c in segs[0].children] == [
        (Mark.CONVERTED, "這", "这"), (Mark.TEXT, "就是", "就是")]
    # the annotation of the last character of the [sic] span is inside it
    assert [(c.kind, c.witness, c.reading) for c in segs[3].children] == [
        (Mark.TEXT, "功", "功"), (Mark.CONVERTED, "勞", "劳"), (Mark.ANNOTATION, "(láo)", ""), (Mark.TEXT, "薄", "薄")]
    assert tally(segs) == Counter({Mark.EMENDATION: 1, Mark.CONVERTED: 2, Mark.PUNCTUATION: 1, Mark.SIC: 1,
                                   Mark.ANNOTATION: 1, Mark.REMARK: 1})


def test_a_paragraph_without_changes_is_one_text_segment(tmp_path):
    [p] = crafted(tmp_path, "甲乙丙。").paragraphs
    assert segments(p) == [Segment(Mark.TEXT, "甲乙丙。", "甲乙丙。")]


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


def test_every_paragraph_joins_to_its_witness_line_and_its_reading_text(edition):
    for p in edition.paragraphs:
        check_joins(p, segments(p))


def test_each_mark_is_what_its_kind_says(edition):
    t2s = OpenCC("t2s")
    for p in edition.paragraphs:
        for s in leaves(segments(p)):
            if s.kind is Mark.TEXT:
                assert s.witness == s.reading
            elif s.kind is Mark.ANNOTATION:
                assert re.fullmatch(r"\([a-zü\u0300-\u036f\u00e0-\u01dc]+\)", s.witness) and s.reading == "", s
            elif s.kind is Mark.CONVERTED:
                assert len(s.witness) == len(s.reading) == 1 and t2s.convert(s.witness) == s.reading, (p.id, s)
            elif s.kind is Mark.PUNCTUATION:
                assert s.witness in ",?!;:" and s.reading == chr(ord(s.witness) + 0xFEE0), (p.id, s)
            elif s.kind is Mark.PHRASE:
                assert len(s.witness) == len(s.reading) == 1 and s.witness != s.reading
            else:
                assert s.kind is Mark.EMENDATION
                e = next(e for e in p.emendations if e.id == s.ref)
                assert p.witness[e.col - 1:e.col - 1 + len(e.witness)] == s.witness == e.witness
                assert s.reading == p.simplified[e.offset:e.offset + e.length]


def test_the_marks_agree_with_the_apparatus_counts(edition):
    regs = Counter(r.kind for p in edition.paragraphs for r in p.regularizations)
    changed = Counter(r.kind for p in edition.paragraphs for r in p.regularizations
                      for a, b in zip(r.orig, r.reg, strict=False) if a != b)
    assert changed == regs   # each regularization changes one character: its count is the apparatus's
    expected = Counter({
        Mark.ANNOTATION: edition.annotations,
        Mark.CONVERTED: sum(p.converted for p in edition.paragraphs),
        Mark.PUNCTUATION: regs[RegularizationKind.PUNCTUATION],
        Mark.PHRASE: regs[RegularizationKind.PHRASE],
        Mark.EMENDATION: len(edition.emendations),
        Mark.SIC: len(edition.sics),
        Mark.REMARK: len(edition.remarks),
    })
    assert edition_tally(edition) == +expected
    assert edition.annotations == 341   # the witness's facts (GUIDE.md): the model and the view agree with them


class Sides(HTMLParser):
    """The witness side and the reading side of a rendered witness line, read from its markup
    alone: <rt> holds the edition's form of the character before it, <del> what the edition
    removed, <ins> the emended reading (whose own <rt> are the reading text)."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.witness = self.reading = ""
        self.base = ""   # the witness character of the open <ruby>

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag

    def handle_data(self, data):
        inside = set(self.stack)
        if "rt" in inside:
            self.reading += data
            return
        if "ins" not in inside:
            self.witness += data
        if "del" not in inside and "ruby" not in inside:
            self.reading += data


def test_the_rendered_lines_show_exactly_the_changes(edition):
    for code in ("zh-Hans", "zh-Hant", "en"):
        data = json.loads(witness_data(view(edition, code)))
        assert set(data) == {"key"} | {p.id for p in edition.paragraphs}
        for p in edition.paragraphs:
            html = data[p.id]
            line = re.search(r'<p class="witness-line" lang="zh">(.*)</p>', html, re.S)
            assert line, p.id
            sides = Sides()
            sides.feed(line.group(1))
            sides.close()
            assert sides.witness == p.witness, (code, p.id)
            assert sides.reading == p.simplified, (code, p.id)
            assert html.count('class="note-ref"') == len(p.emendations) + len(p.sics) + len(p.remarks)
            assert "id=" not in html   # no id is repeated from the page
        # the key: one example of each kind of mark, the labels in the version's language
        assert data["key"].count("<li>") == len([m for m in Mark if m is not Mark.TEXT])
