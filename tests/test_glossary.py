"""The glossary and its concordance, on crafted texts and on the edition."""
import re

import pytest

from edition.build import build_edition
from edition.errors import EditionError
from edition.glossary import attach_glossary
from edition.pinyin import is_han
from edition.reading import dictionary_readings, is_polyphonic
from edition.render.essay import essay_page
from edition.render.glossary import glossary_page
from tests.helpers import ROOT, dump, make_project
from tests.views import view

# the readings of the crafted texts' polyphonic characters (量 liàng/liáng, 取 qǔ/qū, 有 yǒu/yòu …)
READINGS = {"policy": {"citation_tones": {"一": "yī"}, "zh": "字典调。", "en": "Citation tones."},
            "phrases": [{"phrase": "流量", "reading": "liú liàng"}, {"phrase": "获取", "reading": "huò qǔ"},
                        {"phrase": "没有", "reading": "méi yǒu"}]}


def crafted(tmp_path, text, terms, compare=()):
    root = make_project(tmp_path, text)
    phrases = [ph for ph in READINGS["phrases"] if ph["phrase"] in text]
    rest = text
    for ph in phrases:
        rest = rest.replace(ph["phrase"], "")
    # the other polyphonic characters are not what these tests are about: their first reading
    others = {ch: dictionary_readings(ch)[0] for ch in rest if is_han(ch) and is_polyphonic(ch)}
    characters = [{"readings": others, "reason": {"zh": "测试", "en": "test"}}] if others else []
    dump(root / "editorial" / "readings.yaml", {**READINGS, "phrases": phrases, "characters": characters})
    edition = build_edition(root, check=False)
    path = tmp_path / "g.yaml"
    dump(path, {"compare": list(compare), "terms": terms})
    return attach_glossary(edition, path, "s2tw")


def term(tid, zh, group="economy"):
    return {"id": tid, "zh": zh, "en": tid, "group": group, "definition": {"zh": "释义", "en": "definition"}}


def test_occurrences_are_every_position_including_overlaps(tmp_path):
    ed = crafted(tmp_path, "流量流量获取。\n没有。\n获取流量。", [term("liuliang", "流量"), term("huoqu", "流量获取")])
    liuliang, huoqu = ed.glossary
    assert [(o.paragraph, o.offset) for o in liuliang.occurrences] == [("p1", 0), ("p1", 2), ("p3", 2)]
    assert [(o.paragraph, o.offset) for o in huoqu.occurrences] == [("p1", 2)]
    assert liuliang.zh_hant == "流量" and huoqu.zh_hant == "流量獲取"
    assert liuliang.pinyin == "liúliàng"


def test_term_pinyin_is_written_word_by_word_as_the_editors_divide_it(tmp_path):
    ed = crafted(tmp_path, "流量获取。\n没有流量。", [{**term("huoqu", "流量获取"), "words": "流量 获取"},
                                                  {**term("meiyou", "没有流量"), "words": "没有-流量"}])
    assert [t.pinyin for t in ed.glossary] == ["liúliàng huòqǔ", "méiyǒu-liúliàng"]


def test_words_that_are_not_the_term_are_refused_at_their_place(tmp_path):
    with pytest.raises(EditionError, match=r"g\.yaml:\d+:\d+: term 'huoqu': words '流量 获得' must be '流量获取'"):
        crafted(tmp_path, "流量获取。", [{**term("huoqu", "流量获取"), "words": "流量 获得"}])


@pytest.mark.parametrize("zh, pinyin", [("赋能", "fùnéng"), ("区块链", "qūkuàiliàn"), ("人工智能", "réngōng zhìnéng"),
                                        ("一板一眼", "yībǎn-yīyǎn"), ("产业互联网", "chǎnyè hùliánwǎng")])
def test_the_glossary_follows_gbt_16159_word_division(zh, pinyin):
    # the examples of issue 12, written as GB/T 16159-2012 prescribes
    assert {t.zh_hans: t.pinyin for t in build_edition(ROOT).glossary}[zh] == pinyin


def test_a_term_that_no_longer_occurs_fails_the_build(tmp_path):
    with pytest.raises(EditionError, match="term 'gone': '不存在' does not occur in the text"):
        crafted(tmp_path, "流量。", [term("gone", "不存在")])


def test_bad_ids_groups_and_compare_entries_fail(tmp_path):
    with pytest.raises(EditionError) as info:   # the shape: every violation at once
        crafted(tmp_path / "a", "流量。", [term("Bad Id", "流量"), term("x", "流量", group="misc")])
    shape = str(info.value).splitlines()
    assert shape[0].endswith("g.yaml:3:7: terms[0].id 'Bad Id' must be a lowercase ASCII slug "
                             "(a-z, 0-9, single hyphens between)")
    assert shape[1].endswith("g.yaml:13:10: terms[1].group must be one of technology, economy, metaphor, not 'misc'")
    with pytest.raises(EditionError) as info:   # then what only the whole file can say
        crafted(tmp_path / "b", "流量。", [term("x", "流量"), term("x", "流量")], compare=["nope"])
    msg = str(info.value)
    assert "g.yaml:11:3: duplicate term id 'x' (first at line 4)" in msg
    assert "g.yaml:2:3: compare: no term 'nope'" in msg


def test_kwic_lines_link_to_their_paragraphs_and_mark_the_term(tmp_path):
    ed = crafted(tmp_path, "一二三四五六七八九十甲乙丙丁戊己流量庚辛。", [term("liuliang", "流量")])
    page = str(glossary_page(view(ed, "zh-Hant")))
    html = page[page.index('<ol class="kwic">'):]
    assert html.count("<li>") == 1 and 'href="../essay/#p1"' in html
    assert '<mark class="kwic-term">流量</mark>' in html
    assert "…三四五六七八九十甲乙丙丁戊己</span>" in html  # 14 characters of left context, cut with …


def test_dispersion_has_one_linked_tick_per_occurrence(tmp_path):
    ed = crafted(tmp_path, "流量。\n流量与流量。\n无。", [term("liuliang", "流量")])
    page = str(glossary_page(view(ed, "zh-Hans")))
    svg = page[page.index('<svg class="dispersion"'):page.index("</svg>")]
    assert svg.count('class="dispersion-tick"') == 3
    assert re.findall(r'href="\.\./essay/#(p\d)"', svg) == ["p1", "p2", "p2"]
    xs = [float(x) for x in re.findall(r'x="([\d.]+)" y="3"', svg)]
    assert xs == sorted(xs) and xs[-1] < 640 * 2 / 3  # ticks fall in the slot of their paragraph


def every_start(form, text):
    """Independent oracle for occurrences(): a zero-width lookahead finds overlapping matches too."""
    return [m.start() for m in re.finditer(f"(?={re.escape(form)})", text)]


def test_glossary_of_the_edition_is_complete_and_consistent():
    ed = build_edition(ROOT)
    assert len(ed.glossary) >= 15
    for t in ed.glossary:
        expected = [(p.id, at) for p in ed.paragraphs for at in every_start(t.zh_hans, p.simplified)]
        assert [(o.paragraph, o.offset) for o in t.occurrences] == expected, t.id
        for o in t.occurrences:
            assert ed.paragraph(o.paragraph).simplified[o.offset:o.offset + len(t.zh_hans)] == t.zh_hans
        assert re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", t.pinyin), t.id
        assert t.en.lower() in " ".join(p.english.lower() for p in ed.paragraphs), t.id
    page = str(glossary_page(view(ed, "en")))
    assert page.count('class="dispersion"') == len(ed.glossary) + len(ed.glossary_compare)
    assert page.count("<li>") == sum(len(t.occurrences) for t in ed.glossary)


def test_terms_are_marked_inside_unbroken_chinese_without_touching_notes():
    ed = build_edition(ROOT)
    page = str(essay_page(view(ed, "zh-Hans")))
    html = page[page.index('<p class="para-zh"', page.index('id="p2"')):]
    html = html[:html.index("</p>")]
    assert '<a class="term" href="../glossary/#term-chanye-hulianwang"' in html
    p2 = ed.paragraph("p2")
    assert html.count('class="term') == html.count("</a>") - len(p2.sics) - len(p2.emendations)
    # the emended span 为产 is not cut by the term 产业互联网 that starts inside it
    assert "为产</span>" in html


def test_what_the_definitions_quote_is_in_the_essay():
    # A definition may gloss a word's literal sense (字面为「…」); anything else in 「…」 is a quotation.
    edition = build_edition(ROOT)
    text = "".join(p.simplified for p in edition.paragraphs)
    quotes = [q for t in edition.glossary for q in re.findall(r"(?<!字面为)「([^」]+)」", t.definition.zh_hans)]
    assert len(quotes) >= 3
    assert [q for q in quotes if q not in text] == []
