"""Establishing the reading text from crafted witnesses and editorial data."""
import pytest

from edition.build import build_edition
from edition.errors import EditionError
from edition.establish import regularize_punctuation
from edition.model import RegularizationKind
from edition.render.essay import essay_page
from tests.helpers import CONVERSION, ROOT, make_project
from tests.views import view

PUNCT = CONVERSION["punctuation"]["map"]


def build(tmp_path, witness, **kw):
    return build_edition(make_project(tmp_path, witness, **kw), check=False)


def failure(tmp_path, witness, **kw) -> str:
    with pytest.raises(EditionError) as info:
        build(tmp_path, witness, **kw)
    return str(info.value)


def test_simplified_and_traditional_texts(tmp_path):
    ed = build(tmp_path, "當(dāng)產(chǎn)業(yè)互聯(lián)網(wǎng)時(shí)代来臨,于是?\n第二段。")
    p1, p2 = ed.paragraphs
    assert p1.id == "p1" and p2.id == "p2" and p1.line == 1 and p2.line == 2
    assert p1.diplomatic == "當產業互聯網時代来臨,于是?"
    assert p1.simplified == "当产业互联网时代来临，于是？"
    assert p1.traditional == "當產業互聯網時代來臨，於是？"
    assert len(p1.annotations) == 6 and ed.annotations == 6
    assert [(r.offset, r.orig, r.reg) for r in p1.regularizations] == [(10, ",", "，"), (13, "?", "？")]


def test_punctuation_rule_only_after_non_ascii():
    assert regularize_punctuation("好,B2B, ok?", PUNCT)[0] == "好，B2B, ok?"
    text, regs = regularize_punctuation("是吗?对,", PUNCT)
    assert text == "是吗？对，" and [r.orig for r in regs] == ["?", ","]


def test_every_line_is_a_paragraph_or_dropped_by_a_named_rule(tmp_path):
    ed = build(tmp_path, "正文一。\n\n正文二。\n分享到微信 ×",
               boilerplate=[{"id": "share", "match": "分享到微信 ×", "reason": {"zh": "弹窗", "en": "widget"}}])
    assert [p.line for p in ed.paragraphs] == [1, 3]
    assert [(d.line, d.rule) for d in ed.dropped] == [(2, "blank-line"), (4, "share")]


def test_boilerplate_rule_matches_whole_lines_only(tmp_path):
    ed = build(tmp_path, "分享到微信 × 之后还有正文。\n尾。",
               boilerplate=[{"id": "share", "match": "尾。", "reason": {"zh": "弹窗", "en": "widget"}}])
    assert [p.simplified for p in ed.paragraphs] == ["分享到微信 × 之后还有正文。"]


def test_stale_boilerplate_rule_fails(tmp_path):
    msg = failure(tmp_path, "正文。",
                  boilerplate=[{"id": "share", "match": "分享", "reason": {"zh": "弹窗", "en": "widget"}}])
    assert "boilerplate rule 'share' matches no witness line" in msg


def test_unresolved_anomaly_fails_with_file_line_col(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    msg = failure(tmp_path, "第一行。\n因?yàn)楫a(chǎn)業。")
    assert msg.splitlines()[0] == \
        "source/w.txt:2:2: '?' inside running text before 'y' (a decoder's mark for undecodable bytes?)"
    assert len(msg.splitlines()) == 5  # one line per problem: ?, à, ), a glued to 楫, (chǎn) after a


EMENDATION = {"id": "e1", "line": 1, "witness": "?yàn)楫a", "reading": "為產", "reason": {"zh": "理由", "en": "r"},
              "evidence": {"zh": "证据", "en": "ev"}}


def test_emendation_repairs_the_corrupted_span(tmp_path):
    ed = build(tmp_path, "因?yàn)楫a(chǎn)業(yè)。", emendations=[EMENDATION])
    [p] = ed.paragraphs
    assert p.simplified == "因为产业。"
    [e] = p.emendations
    assert (e.offset, e.length, e.col) == (1, 2, 2)
    assert len(e.resolves) == 5  # ?, tone letter, stray ), a glued to 楫, (chǎn) after a
    assert [a.char for a in p.annotations] == ["產", "業"]
    assert p.annotations[0].col == 9  # the witness column of "(chǎn)", not the repaired line's


def test_emendation_whose_witness_reading_is_gone_fails(tmp_path):
    msg = failure(tmp_path, "因为产业。", emendations=[EMENDATION])
    assert "emendation e1: witness reading '?yàn)楫a' no longer occurs in witness line 1" in msg
    assert msg.splitlines()[0].split(":")[1].isdigit()  # names the line in emendations.yaml


def test_ambiguous_emendation_needs_occurrence(tmp_path):
    e = dict(EMENDATION, witness="產", reading="产")
    assert "occurs 2 times" in failure(tmp_path, "產產。", emendations=[e])
    ed = build(tmp_path, "產產。", emendations=[dict(e, occurrence=2)])
    assert ed.paragraphs[0].emendations[0].offset == 1


def test_emendation_that_leaves_garbage_fails(tmp_path):
    e = dict(EMENDATION, reading="為?產")
    assert "left by emendation e1" in failure(tmp_path, "因?yàn)楫a(chǎn)業。", emendations=[e])


def test_duplicate_emendation_id_fails(tmp_path):
    msg = failure(tmp_path, "好。", emendations=[EMENDATION, EMENDATION])
    assert "duplicate emendation id 'e1'" in msg


def test_accepted_form_resolves_every_occurrence(tmp_path):
    ed = build(tmp_path, "B端流量,B端用户。", accepted=[{"form": "B端", "reason": {"zh": "用法", "en": "usage"}}])
    assert ed.accepted[0].occurrences == 2
    assert "Latin letter 'B'" in failure(tmp_path, "B端流量。")
    assert "does not occur" in failure(tmp_path / "x", "好。",
                                       accepted=[{"form": "B端", "reason": {"zh": "用", "en": "u"}}])


def test_sic_is_kept_in_the_text_and_located(tmp_path):
    sic = [{"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿",
            "reason": {"zh": "成语", "en": "idiom"}}]
    ed = build(tmp_path, "躺在功勞薄上。", sic=sic)
    [s] = ed.sics
    assert ed.paragraphs[0].simplified == "躺在功劳薄上。"  # not silently corrected
    assert (s.offset, s.suggestion) == (2, "功劳簿")


def test_sic_problems(tmp_path):
    base = {"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿",
            "reason": {"zh": "理由", "en": "r"}}
    assert "'功劳薄' does not occur in p1" in failure(tmp_path / "a", "好。", sic=[base])
    assert "paragraph 'p9' does not exist" in failure(tmp_path / "b", "功勞薄。", sic=[dict(base, paragraph="p9")])
    assert "duplicate sic id 's1'" in failure(tmp_path / "c", "功勞薄。", sic=[base, base])


def test_phrase_rules_regularize_and_must_be_used(tmp_path):
    conv = {**CONVERSION, "simplified": {**CONVERSION["simplified"],
                                         "phrases": [{"from": "有著", "to": "有着",
                                                      "reason": {"zh": "助词", "en": "particle"}}]}}
    ed = build(tmp_path / "a", "有著界限。", conversion=conv)
    assert ed.paragraphs[0].simplified == "有着界限。"
    r = ed.paragraphs[0].regularizations[0]
    assert (r.kind, r.orig, r.reg) == (RegularizationKind.PHRASE, "有著", "有着")
    assert "phrase rule '有著' matches nothing" in failure(tmp_path / "b", "没有。", conversion=conv)


def test_every_candidate_difference_must_be_reviewed(tmp_path):
    cand = {"verdict": "rejected", "reason": {"zh": "理", "en": "r"}, "differences": {}}
    conv = {**CONVERSION, "simplified": {**CONVERSION["simplified"], "candidates": {"tw2s": cand}}}
    msg = failure(tmp_path / "a", "是什么?", conversion=conv)
    assert "t2s vs tw2s: unreviewed difference '么 → 幺' in p1" in msg
    reviewed = {**cand, "differences": {"么 → 幺": {"zh": "错误：「⟦什么⟧」成了「⟦什幺⟧」", "en": "wrong"}}}
    conv["simplified"]["candidates"]["tw2s"] = reviewed
    ed = build(tmp_path / "b", "是什么?", conversion=conv)
    [review] = ed.simplified_step.candidates
    assert review.differences[0].places == ("p1",)
    # characters quoted as characters (⟦…⟧) stay as written in the Traditional note
    assert review.differences[0].judgement.zh_hant == "錯誤：「什么」成了「什幺」"
    assert review.differences[0].judgement.zh_hans == "错误：「什么」成了「什幺」"
    assert "no longer occurs" in failure(tmp_path / "c", "是谁?", conversion=conv)


def test_a_candidate_verdict_must_be_known(tmp_path):
    cand = {"verdict": "maybe", "reason": {"zh": "理", "en": "r"}, "differences": {}}
    conv = {**CONVERSION, "simplified": {**CONVERSION["simplified"], "candidates": {"tw2s": cand}}}
    assert "verdict must be one of rejected, not 'maybe'" in failure(tmp_path, "好。", conversion=conv)


def test_unknown_opencc_config_is_refused(tmp_path):
    conv = {**CONVERSION, "traditional": {**CONVERSION["traditional"], "config": "s2xx"}}
    assert "unknown OpenCC config 's2xx'" in failure(tmp_path, "好。", conversion=conv)


def test_witness_hash_is_enforced(tmp_path):
    root = make_project(tmp_path, "好。")
    (root / "source" / "w.txt").write_text("坏。", encoding="utf-8")
    with pytest.raises(EditionError, match="the witness must never be edited"):
        build_edition(root, check=True)


def test_accepted_markup_is_escaped_in_the_page(tmp_path):
    ed = build(tmp_path, "好<script>alert(1)</script>好。",
               accepted=[{"form": "<script>alert(1)</script>", "reason": {"zh": "测试", "en": "test"}}])
    page = str(essay_page(view(ed, "zh-Hans")))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_in_witness_is_an_anomaly(tmp_path):
    assert "markup '<s'" in failure(tmp_path, "好<script>alert(1)</script>。")


def test_translation_is_attached_by_id(tmp_path):
    ed = build(tmp_path, "第一段。\n第二段。", translation={"p1": "First.", "p2": "Second  \n line."})
    assert [p.english for p in ed.paragraphs] == ["First.", "Second line."]
    assert ed.title_en == "Test"


def test_missing_and_extra_translations_are_named(tmp_path):
    msg = failure(tmp_path / "a", "第一段。\n第二段。", translation={"p1": "First."})
    assert msg.endswith("translation.en.yaml: paragraph 'p2' has no translation")
    msg = failure(tmp_path / "b", "第一段。", translation={"p1": "First.", "p3": "Third."})
    assert "translation.en.yaml:7: translation 'p3' has no paragraph" in msg


def test_duplicated_translation_id_is_refused(tmp_path):
    root = make_project(tmp_path, "第一段。", translation={"p1": "First."})
    path = root / "editorial" / "translation.en.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  p1: Again.\n", encoding="utf-8")
    with pytest.raises(EditionError, match="duplicate key 'p1'"):
        build_edition(root, check=False)


def test_witness_hash_is_enforced_even_without_the_manifest_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_project(tmp_path / "proj", "好。")
    (root / "source" / "w.txt").write_text("坏。", encoding="utf-8")
    with pytest.raises(EditionError) as info:
        build_edition(root, check=False)
    [line] = str(info.value).splitlines()
    assert line.startswith("proj/source/w.txt: sha256 ")
    assert "differs from the one recorded in proj/editorial/witness.yaml" in line
    assert line.endswith("the witness must never be edited")


def test_each_witness_line_is_scanned_once_and_again_only_if_emended(tmp_path, monkeypatch):
    import edition.establish as establish_module
    calls = []
    real = establish_module.scan_line
    monkeypatch.setattr(establish_module, "scan_line", lambda line: calls.append(line) or real(line))
    witness = "第一段。\n\n因?yàn)楫a(chǎn)業(yè)。\n分享到微信 ×"
    ed = build(tmp_path, witness, emendations=[dict(EMENDATION, line=3)],
               boilerplate=[{"id": "share", "match": "分享到微信 ×", "reason": {"zh": "弹窗", "en": "widget"}}])
    assert calls == ["第一段。", "因?yàn)楫a(chǎn)業(yè)。", "因為產(chǎn)業(yè)。", "分享到微信 ×"]
    assert [p.simplified for p in ed.paragraphs] == ["第一段。", "因为产业。"]


def test_kept_lines_are_typed_records(tmp_path):
    from edition.editorial import load_editorial
    from edition.establish import KeptLine, separate_lines
    from edition.source import read_witness
    root = make_project(tmp_path, "第一段。\n因?yàn)楫a(chǎn)業(yè)。", emendations=[dict(EMENDATION, line=2)])
    ed = load_editorial(root)
    kept, dropped, _ = separate_lines(read_witness(root / "source" / "w.txt"), ed)
    first, second = kept
    assert isinstance(first, KeptLine) and dropped == []
    assert first.repaired is first.scanned_raw and first.placed == ()   # not emended: scanned once
    assert second.n == 2 and second.raw == "因?yàn)楫a(chǎn)業(yè)。"
    assert second.scanned_raw.anomalies and not second.repaired.anomalies
    assert second.repaired.text == "因為產業。" and [(e.id, start) for e, start in second.placed] == [("e1", 1)]


def test_an_emendation_knows_its_paragraph(tmp_path):
    # line 3 of the witness is paragraph p2: the blank line 2 is dropped
    ed = build(tmp_path, "第一段。\n\n因?yàn)楫a(chǎn)業(yè)。", emendations=[dict(EMENDATION, line=3)])
    [e] = ed.emendations
    assert (e.paragraph, e.line) == ("p2", 3)
    assert e in ed.paragraph(e.paragraph).emendations


def test_paragraph_ids_and_numbers():
    from edition.model import paragraph_id, paragraph_number
    assert paragraph_id(12) == "p12" and paragraph_number("p12") == 12
    assert all(paragraph_number(paragraph_id(n)) == n for n in range(1, 200))
    for bad in ("12", "p", "px", "P1", "p1a", ""):
        with pytest.raises(ValueError):
            paragraph_number(bad)


def test_translation_errors_are_in_paragraph_order(tmp_path):
    msg = failure(tmp_path, "\n".join(f"第{i}段。" for i in range(1, 12)), translation={"p1": "First."})
    # p2 … p11, not p10 first
    assert [line.split("'")[1] for line in msg.splitlines()] == [f"p{i}" for i in range(2, 12)]


TRANSLATOR_NOTE = {"term": "产业互联网", "rendering": "industrial internet", "note": "A  term\n of art."}


def test_translator_notes_are_typed_and_know_their_paragraphs(tmp_path):
    notes = [TRANSLATOR_NOTE,
             {"term": "行业 / 产业", "rendering": "sector / industry", "note": "Two words."},
             {"term": "功劳薄 [sic] (p3); 不再于 [sic] (p1)", "rendering": "intended sense", "note": "Slips."}]
    ed = build(tmp_path, "產業互聯網不再于此。\n行業。\n躺在功勞薄上。",
               translation={"p1": "One.", "p2": "Two.", "p3": "Three."}, notes=notes)
    first, pair, sic = ed.translator_notes
    assert (first.term, first.rendering, first.note) == ("产业互联网", "industrial internet", "A term of art.")
    assert first.forms == ("产业互联网",) and first.paragraphs == ("p1",)
    assert pair.forms == ("行业", "产业") and pair.paragraphs == ("p1", "p2")
    assert sic.forms == ("功劳薄", "不再于") and sic.paragraphs == ("p1", "p3")


def test_a_translator_note_on_a_form_not_in_the_text_fails(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = [TRANSLATOR_NOTE, {"term": "风口", "rendering": "tailwind", "note": "Gone."}]
    msg = failure(tmp_path, "产业互联网。", translation={"p1": "One."}, notes=notes)
    lines = (tmp_path / "editorial" / "translation.en.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text == "- term: 风口")
    assert msg == f"editorial/translation.en.yaml:{line}: translator's note '风口': '风口' does not occur in the text"


def test_the_translator_notes_of_the_edition(tmp_path):
    ed = build_edition(ROOT, check=False)
    assert len(ed.translator_notes) >= 10 and all(n.forms and n.paragraphs for n in ed.translator_notes)
    b_side = next(n for n in ed.translator_notes if n.term == "B端")
    assert b_side.paragraphs[0] == "p1"


def test_unknown_conversion_keys_are_refused_with_their_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    conv = {**CONVERSION, "punctuation": {"rule": "ascii-to-fullwidth", **CONVERSION["punctuation"]}}
    root = make_project(tmp_path, "好。", conversion=conv)
    lines = (root / "editorial" / "conversion.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.strip().startswith("rule:"))
    with pytest.raises(EditionError) as info:
        build_edition(root, check=False)
    col = lines[line - 1].index("rule:") + 1
    assert str(info.value) == f"editorial/conversion.yaml:{line}:{col}: unknown key 'rule' (expected: reason, map)"
    conv = {**CONVERSION, "simplified": {**CONVERSION["simplified"], "confg": "t2s"}}
    assert "unknown key 'confg' (expected: config, reason, candidates, phrases)" in failure(tmp_path / "b", "好。",
                                                                                          conversion=conv)
    conv = {**CONVERSION, "punctuaton": CONVERSION["punctuation"]}
    assert "unknown key 'punctuaton'" in failure(tmp_path / "c", "好。", conversion=conv)
