"""The real witness and the model, side by side.

Expectations about the witness are facts measured on the file itself (GUIDE.md), or counted
here with a regular expression over its raw lines: never the parser's own output.
"""
import hashlib
import re
import unicodedata

import pytest

from edition.build import build_edition
from edition.convert import convert
from edition.editorial import load_editorial
from edition.pinyin import has_tone_mark, is_han
from tests.helpers import ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_b22beb1574a218cb.txt"
SHA256 = "1b627aabc66311a71d21f2c79ff2087aa829a7704dc591877f88bdb7b247a39f"
# The converter's annotation: ASCII brackets around lower-case pinyin (tone marks precomposed).
PINYIN_GROUP = re.compile(r"\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+)\)")


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


@pytest.fixture(scope="module")
def witness_lines():
    ed = load_editorial(ROOT)
    return (ROOT / ed.witness.file).read_text(encoding="utf-8").split("\n")


def test_witness_is_kept_byte_for_byte():
    ed = load_editorial(ROOT)
    data = (ROOT / ed.witness.file).read_bytes()
    # the file as measured when it was archived: UTF-8, LF, no final newline, 7,793 bytes
    assert len(data) == 7793 and hashlib.sha256(data).hexdigest() == SHA256
    assert b"\r" not in data and not data.endswith(b"\n") and data.decode("utf-8")
    assert ed.witness.sha256 == SHA256
    if SEED.exists():
        assert data == SEED.read_bytes()


def test_every_witness_line_is_in_a_paragraph_or_dropped_by_a_named_rule(edition, witness_lines):
    used = {p.line: p for p in edition.paragraphs}
    dropped = {d.line: d for d in edition.dropped}
    assert not set(used) & set(dropped)
    assert set(used) | set(dropped) == set(range(1, len(witness_lines) + 1))
    for n, raw in enumerate(witness_lines, start=1):
        if n in used:
            assert used[n].witness == raw
        else:
            assert dropped[n].text == raw and dropped[n].rule and dropped[n].reason


def test_paragraph_ids_are_in_reading_order(edition):
    assert [p.id for p in edition.paragraphs] == [f"p{i}" for i in range(1, len(edition.paragraphs) + 1)]
    assert [p.line for p in edition.paragraphs] == sorted(p.line for p in edition.paragraphs)


def test_no_annotation_anomaly_or_tone_letter_reaches_a_reader(edition):
    for p in edition.paragraphs:
        for text in (p.simplified, p.traditional):
            assert not any(has_tone_mark(ch) for ch in text), p.id
            assert "?" not in text and "\ufffd" not in text and "(" not in text, p.id


def test_the_corrupted_span_is_repaired_by_e1_and_the_bytes_agree(edition):
    [e] = edition.emendations
    p2 = edition.paragraph("p2")
    assert p2.simplified[e.offset:e.offset + e.length] == "为产"
    # The byte evidence: "?" stood for the lead byte of 為 and the "(" of the inserted annotation.
    span = e.witness.encode("gb18030")
    assert span.startswith(b"?")
    bytes_as_published = b"\x9e(" + span[1:]
    inserted = "(yàn)".encode("gb18030")
    repaired = bytes_as_published.replace(inserted, b"", 1)
    assert repaired.decode("gb18030") == e.reading == "為產"


def test_the_choice_of_t2s_is_borne_out_by_the_witness(edition):
    # t2s leaves the Taiwan-style particle 著; tw2s converts it but breaks 什么; the phrase rules fix 著.
    p13 = edition.paragraph("p13")
    assert "有著" in convert(p13.diplomatic, "t2s") and "有着" in p13.simplified
    assert "什幺" in convert(edition.paragraph("p9").diplomatic, "tw2s")
    assert "什么" in edition.paragraph("p9").simplified


def test_traditional_is_derived_from_the_reading_text_not_the_witness(edition):
    for p in edition.paragraphs:
        assert p.traditional == convert(p.simplified, "s2tw")
    # The witness left 于 and 并 Simplified; the Traditional version does not.
    assert "于" in edition.paragraph("p2").diplomatic and "於" in edition.paragraph("p2").traditional


def test_simplified_text_has_no_character_t2s_would_still_change(edition):
    for p in edition.paragraphs:
        assert convert(p.simplified, "t2s") == p.simplified, p.id


def test_annotations_point_at_the_character_they_annotate(edition, witness_lines):
    for p in edition.paragraphs:
        for a in p.annotations:
            assert p.diplomatic[a.offset] == a.char and is_han(a.char)
            assert witness_lines[p.line - 1][a.col - 1:a.col + len(a.pinyin) + 1] == f"({a.pinyin})"


def test_counts_match_the_witness(edition, witness_lines):
    # 35 non-empty lines: 32 essay paragraphs, then 3 lines of the share-to-WeChat widget.
    assert len(witness_lines) == 35 and all(line.strip() for line in witness_lines)
    assert len(edition.paragraphs) == 32
    assert [d.line for d in edition.dropped] == [33, 34, 35]
    # 345 bracketed pinyin groups: 341 in the essay paragraphs, 4 in the widget lines.
    groups = [(n, m) for n, line in enumerate(witness_lines, start=1) for m in PINYIN_GROUP.finditer(line)]
    assert len(groups) == 345
    assert sum(1 for n, _ in groups if n <= 32) == 341 and sum(1 for n, _ in groups if n > 32) == 4
    # Each group in the essay is one annotation of the edition, in order, with its syllable;
    # (chǎn) after the corrupted "a" too, once e1 has repaired the span ((yàn) lost its "(").
    assert edition.annotations == 341
    for p in edition.paragraphs:
        assert [unicodedata.normalize("NFC", a.pinyin) for a in p.annotations] == PINYIN_GROUP.findall(p.witness), p.id
    # 41 distinct characters carry an annotation in the witness; one of them is the corrupted
    # "a", whose annotation belongs to 產, which is annotated elsewhere too.
    annotated = {witness_lines[n - 1][m.start() - 1] for n, m in groups}
    assert len(annotated) == 41 and "a" in annotated and "產" in annotated
    assert {a.char for p in edition.paragraphs for a in p.annotations} == annotated - {"a"}


def test_sic_notes_mark_slips_without_correcting_them(edition):
    assert edition.sics
    for s in edition.sics:
        p = edition.paragraph(s.paragraph)
        assert p.simplified[s.offset:s.offset + len(s.reading)] == s.reading
        assert s.suggestion not in p.simplified or s.suggestion != s.reading
