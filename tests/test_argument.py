"""The argument map: each validation rule on a small crafted map, and the real map's rendering."""
import re

import pytest

from edition.argument import load_argument, support_cycle
from edition.build import build_edition
from edition.errors import EditionError
from edition.model import Relation
from edition.render.argument import argument_page, tree, wrap
from tests.helpers import ROOT, dump
from tests.views import view

PIDS = ["p1", "p2", "p3"]


def claim(cid, kind="reason", paragraphs=("p1",)):
    return {"id": cid, "kind": kind, "summary": {"zh": "概要", "en": "summary"}, "paragraphs": list(paragraphs)}


def load(tmp_path, claims, relations=(), uncited=None):
    path = tmp_path / "argument.yaml"
    doc = {"claims": claims, "relations": list(relations)}
    if uncited is not None:
        doc["uncited"] = uncited
    dump(path, doc)
    return load_argument(path, PIDS, "s2tw")


def error(tmp_path, *args, **kwargs) -> str:
    with pytest.raises(EditionError) as info:
        load(tmp_path, *args, **kwargs)
    return str(info.value)


GOOD = [claim("T", "thesis", ["p1"]), claim("R1", "reason", ["p2"]), claim("E1", "evidence", ["p3"])]
GOOD_RELATIONS = [{"from": "R1", "to": "T", "type": "supports"}, {"from": "E1", "to": "R1", "type": "supports"}]


def test_a_valid_map_loads(tmp_path):
    a = load(tmp_path, GOOD, GOOD_RELATIONS)
    assert [c.id for c in a.claims] == ["T", "R1", "E1"]
    assert a.claim("T").summary.zh_hant == "概要"
    assert a.claims_of("p2") == (a.claim("R1"),)


def test_repeated_id_is_named(tmp_path):
    msg = error(tmp_path, GOOD + [claim("R1", "reason", ["p2"])], GOOD_RELATIONS)
    assert "claim 'R1': id repeats (first at line" in msg


def test_relation_to_missing_claim_is_named(tmp_path):
    msg = error(tmp_path, GOOD, GOOD_RELATIONS + [{"from": "E1", "to": "X9", "type": "supports"}])
    assert "relation E1 supports X9: claim 'X9' does not exist" in msg


def test_unknown_kind_and_relation_type(tmp_path):
    msg = error(tmp_path, GOOD + [claim("Z", "musing", ["p3"])],
                GOOD_RELATIONS + [{"from": "Z", "to": "T", "type": "hugs"}])
    assert "claims[3].kind must be one of thesis, reason, evidence, objection, concession, rebuttal, conclusion, " \
        "not 'musing'" in msg
    assert "relations[2].type must be one of supports, opposes, concedes, elaborates, not 'hugs'" in msg


def test_missing_paragraph_is_named(tmp_path):
    msg = error(tmp_path, GOOD + [claim("E2", "evidence", ["p99"])], GOOD_RELATIONS)
    assert "claim 'E2': paragraph 'p99' does not exist" in msg


def test_support_cycle_is_named(tmp_path):
    msg = error(tmp_path, GOOD, GOOD_RELATIONS + [{"from": "R1", "to": "E1", "type": "supports"}])
    assert re.search(r"claim '(R1|E1)': the support graph has a cycle: (R1 → E1 → R1|E1 → R1 → E1)", msg)


def test_opposition_loops_are_not_support_cycles():
    rels = [Relation("A", "B", "supports"), Relation("B", "A", "opposes")]
    assert support_cycle(["A", "B"], rels) is None
    assert support_cycle(["A", "B", "C"], rels + [Relation("B", "C", "supports"), Relation("C", "A", "supports")]) == \
        ["A", "B", "C", "A"]


def test_exactly_one_thesis(tmp_path):
    assert "exactly one thesis, found 0" in error(tmp_path / "a", [claim("R1", "reason", ["p1", "p2", "p3"])])
    two = GOOD + [claim("T2", "thesis", ["p3"])]
    assert "exactly one thesis, found 2 (T, T2)" in error(tmp_path / "b", two, GOOD_RELATIONS)


def test_coverage_uncited_paragraphs_must_be_justified(tmp_path):
    short = [claim("T", "thesis", ["p1"]), claim("R1", "reason", ["p2"])]
    rel = [{"from": "R1", "to": "T", "type": "supports"}]
    assert "paragraph p3 is cited by no claim" in error(tmp_path / "a", short, rel)
    bridge = {"zh": "过渡", "en": "a bridge"}
    [(pid, reason)] = load(tmp_path / "b", short, rel, uncited={"p3": bridge}).uncited
    assert (pid, reason.zh_hans, reason.zh_hant, reason.en) == ("p3", "过渡", "過渡", "a bridge")
    assert "p2 is listed as uncited but a claim cites it" in error(
        tmp_path / "c", short, rel, uncited={"p2": bridge, "p3": bridge})
    assert "uncited.p3.zh '' must be non-empty text" in error(
        tmp_path / "d", short, rel, uncited={"p3": {"zh": "", "en": "x"}})


def test_wrapping_keeps_punctuation_off_line_starts():
    lines = wrap("一二三四五六七八九十甲乙，丙丁", english=False)
    assert lines[0].endswith("，") and all(line[0] not in "，。" for line in lines)
    assert all(len(line) <= 22 for line in wrap("the quick brown fox jumps over the lazy dog " * 3, english=True))


def test_the_essay_map_renders_every_claim_linked_to_its_paragraphs():
    edition = build_edition(ROOT)
    a = edition.argument
    t = tree(a)
    assert t.thesis == "T" and sum(len(k) for k in t.children.values()) == len(a.claims) - 1
    for code in ("zh-Hans", "zh-Hant", "en"):
        page = str(argument_page(view(edition, code)))
        svg = page[page.index("<svg class=\"argument-map\""):page.index("</svg></div>")]
        assert svg.count('class="claim kind-') == len(a.claims)
        for c in a.claims:
            assert f'id="claim-{c.id}"' in svg
            for pid in c.paragraphs:
                assert f'href="../essay/#{pid}"' in svg
        assert "<script" not in svg
    page = str(argument_page(view(edition, "en")))
    outline = page[page.index('<ul class="argument-outline">'):]
    assert outline.count('<li id="outline-') == len(a.claims)


def test_what_the_argument_notes_quote_is_in_the_essay():
    # Summaries paraphrase; whatever they put in 「…」 must be the essay's own words.
    edition = build_edition(ROOT)
    text = "".join(p.simplified for p in edition.paragraphs)
    notes = [c.summary.zh_hans for c in edition.argument.claims] + [r.zh_hans for _, r in edition.argument.uncited]
    quotes = [q for note in notes for q in re.findall(r"「([^」]+)」", note)]
    assert quotes, "expected at least one quotation to check"
    assert [q for q in quotes if q not in text] == []
