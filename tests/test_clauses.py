"""The clause-aligned translation (edition/clauses.py): the Chinese runs of each paragraph make up
exactly its reading text, in order; a mismatch is a located error; the real data is aligned."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.build import build_edition
from edition.clauses import Departure, split
from edition.cli import main
from edition.errors import EditionError
from edition.segments import spans
from tests.helpers import ROOT, make_project

WITNESS = "第一段,好。\n第二段。"      # p1 reads 第一段，好。 (the comma regularized), p2 第二段。
# make_project writes the translation as yaml.safe_dump does: p1's first segment's zh at 7:9, its second at 9:9


def segment(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def crafted(tmp_path, p1) -> EditionError | None:
    root = make_project(tmp_path, WITNESS, translation={"p1": p1, "p2": "Second."})
    try:
        edition = build_edition(root, check=False)
    except EditionError as err:
        return err
    assert edition.paragraph("p2").clauses[0].english == "Second."   # one text: one clause
    return None


def test_segments_that_make_up_the_text_are_clauses(tmp_path):
    root = make_project(tmp_path, WITNESS, translation={
        "p1": [segment("第一段，", "First paragraph,"), segment("好。", "good.")], "p2": "Second."})
    edition = build_edition(root, check=False)
    p1 = edition.paragraph("p1")
    assert p1.english == "First paragraph, good."          # Paragraph.english stays the joined English
    assert [(c.start, c.end, c.english) for c in p1.clauses] == [(0, 4, "First paragraph,"), (4, 6, "good.")]
    assert [p1.traditional[c.start:c.end] for c in p1.clauses] == ["第一段，", "好。"]
    p2 = edition.paragraph("p2")
    assert [(c.start, c.end) for c in p2.clauses] == [(0, 4)]


def _located(err: EditionError | None) -> list[str]:
    assert err is not None
    return [str(p[0]).split("/")[-1] + f":{p[1]}:{p[2]}: {p[3]}" for p in err.problems]


def test_the_witness_punctuation_is_not_the_reading_text(tmp_path):
    # the run must be the reading text: the witness's ASCII comma is regularized to a full-width one
    err = crafted(tmp_path, [segment("第一段,", "First,"), segment("好。", "good.")])
    assert _located(err) == ["translation.en.yaml:7:9: p1, segment 1: its Chinese leaves the reading text at "
                             "its character 4: the text reads '，好。' where the segment has ','"]


def test_runs_that_end_too_soon_are_located_at_the_last_segment(tmp_path):
    err = crafted(tmp_path, [segment("第一段，", "First,")])
    assert _located(err) == ["translation.en.yaml:7:9: p1: the segments end at character 4 of 6; "
                             "the reading text goes on with '好。'"]


def test_runs_that_go_past_the_text_are_located(tmp_path):
    err = crafted(tmp_path, [segment("第一段，", "First,"), segment("好。多", "good.")])
    assert _located(err) == ["translation.en.yaml:9:9: p1, segment 2: its Chinese leaves the reading text at "
                             "its character 3: the text has ended where the segment has '多'"]


def test_runs_out_of_order_are_refused(tmp_path):
    err = crafted(tmp_path, [segment("好。", "good."), segment("第一段，", "First,")])
    assert _located(err)[0].startswith("translation.en.yaml:7:9: p1, segment 1: its Chinese leaves the reading "
                                       "text at its character 1: the text reads '第一段，好。'")


def test_an_empty_list_of_segments_is_refused(tmp_path):
    err = crafted(tmp_path, [])
    assert err is not None and "p1: the segments end at character 0 of 6" in str(err)


@pytest.mark.parametrize(("p1", "message"), [
    ([segment("第一段，好。", " ")], "paragraphs.p1[0].en ' ' must be non-empty text"),
    ([segment("", "First.")], "paragraphs.p1[0].zh '' must be non-empty text"),
    ([{"zh": "第一段，好。"}], "paragraphs.p1[0]: 'en' is missing"),
    ([{"zh": "第一段，好。", "en": "x", "fr": "y"}], "unknown key 'fr' (expected: zh, en)"),
])
def test_an_empty_or_malformed_segment_is_a_shape_error(tmp_path, p1, message):
    err = crafted(tmp_path, p1)
    assert err is not None and message in str(err), str(err)
    assert re.match(r"^\S+translation\.en\.yaml:\d+:\d+: ", str(err))


def test_the_command_exits_2_with_the_located_line(tmp_path, monkeypatch, capsys):
    make_project(tmp_path / "proj", WITNESS, translation={
        "p1": [segment("第一段，", "First,"), segment("好!", "good!")], "p2": "Second."})
    monkeypatch.chdir(tmp_path)
    assert main(["--root", "proj", "--out", "proj/dist", "--update-manifest"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["proj/editorial/translation.en.yaml:9:9: p1, segment 2: its Chinese leaves the reading text at "
                   "its character 2: the text reads '。' where the segment has '!'"]


@given(st.text(alphabet="产业互联网，。B端", min_size=1, max_size=30), st.data())
def test_any_cut_of_a_text_is_its_runs_and_any_other_runs_are_not(text, data):
    cuts = sorted(set(data.draw(st.lists(st.integers(1, len(text) - 1), max_size=6)) if len(text) > 1 else []))
    bounds = [0, *cuts, len(text)]
    runs = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    assert split(text, runs) == list(zip(bounds, bounds[1:], strict=False))
    k = data.draw(st.integers(0, len(runs) - 1))
    changed = [*runs[:k], runs[k] + "互", *runs[k + 1:]]       # one character too many somewhere
    assert isinstance(split(text, changed), Departure)
    assert isinstance(split(text, runs[:-1]), Departure) or len(runs) == 1 and split(text, []) != []


# --- the real data ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


def test_every_paragraph_of_the_real_translation_is_aligned(edition, capsys):
    for p in edition.paragraphs:
        assert p.clauses, p.id
        assert "".join(p.simplified[c.start:c.end] for c in p.clauses) == p.simplified
        assert [c.start for c in p.clauses[1:]] == [c.end for c in p.clauses[:-1]]
        assert all(c.english.strip() and c.english == " ".join(c.english.split()) for c in p.clauses)
        assert " ".join(c.english for c in p.clauses) == p.english
    counts = {p.id: len(p.clauses) for p in edition.paragraphs}
    with capsys.disabled():
        print(f"\nclauses: {sum(counts.values())} in {len(counts)} paragraphs: "
              + " ".join(f"{pid}:{n}" for pid, n in counts.items()))
    assert sum(counts.values()) > 2 * len(counts)


def test_the_real_clause_boundaries_nest_with_every_mark(edition):
    """No [sic], emendation, remark, regularization or glossary term is cut by a clause boundary
    (the renderer would split it cleanly, but the data need not make it)."""
    for p in edition.paragraphs:
        inner = {c.start for c in p.clauses[1:]}
        for s in spans(p, edition.glossary, regularizations=True):
            assert not any(s.start < b < s.end for b in inner), (p.id, s.kind, p.simplified[s.start:s.end])


def test_the_json_and_tei_downloads_carry_the_clauses(edition):
    import json
    import xml.etree.ElementTree as ET

    from edition.render.exports import render_json
    from edition.render.tei import render_tei

    data = json.loads(render_json(edition))
    for p, d in zip(edition.paragraphs, data["paragraphs"], strict=True):
        assert "".join(d["zh-Hans"][c["start"]:c["end"]] for c in d["clauses"]) == d["zh-Hans"]
        assert " ".join(c["en"] for c in d["clauses"]) == d["en"] == p.english
    tei = "{http://www.tei-c.org/ns/1.0}"
    root = ET.fromstring(render_tei(edition, "a", "b"))
    ids = {a.get("{http://www.w3.org/XML/1998/namespace}id") for a in root.iter(f"{tei}anchor")}
    segs = [s for s in root.iter(f"{tei}seg") if s.get("type") == "clause"]
    assert len(segs) == sum(len(p.clauses) for p in edition.paragraphs)
    assert all(s.get("corresp")[1:] in ids for s in segs)
