"""The apparatus page (校勘记): every figure computed from the crafted witness, every note in the
reader's language, every emendation and [sic] linked to its paragraph."""
import re

from edition.build import build_edition
from edition.render.apparatus import apparatus_page
from tests.helpers import CONVERSION, make_project
from tests.views import view

PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")

WITNESS = ("當(dāng)產(chǎn)業(yè)互聯(lián)網(wǎng)時(shí)代来臨,是什么?\n"
           "這(zhè)是功勞(láo)薄。\n"
           "分享到微信 ×")
TW2S = {"verdict": "rejected", "reason": {"zh": "会改动「⟦么⟧」。", "en": "rewrites 么."},
        "differences": {"么 → 幺": {"zh": "错误：「⟦什么⟧」成了「⟦什幺⟧」。", "en": "wrong: 什么 becomes 什幺"}}}


def page(tmp_path, code: str) -> str:
    conversion = {**CONVERSION, "simplified": {**CONVERSION["simplified"], "candidates": {"tw2s": TW2S}}}
    root = make_project(
        tmp_path, WITNESS, conversion=conversion,
        boilerplate=[{"id": "share", "match": "分享到微信 ×", "reason": {"zh": "分享弹窗", "en": "share widget"}}],
        emendations=[{"id": "e1", "line": 2, "witness": "這(zhè)是", "reading": "這(zhè)就是",
                      "reason": {"zh": "脱字", "en": "a dropped character"},
                      "evidence": {"zh": "文义", "en": "sense"}}],
        sic=[{"id": "s1", "paragraph": "p2", "reading": "功劳薄", "suggestion": "功劳簿",
              "reason": {"zh": "成语用「簿」", "en": "the idiom has 簿"}}])
    edition = build_edition(root, check=False)
    return str(apparatus_page(view(edition, code)))


def test_counts_are_computed_from_the_witness(tmp_path):
    html = page(tmp_path, "en")
    essay_lines = WITNESS.split("\n")[:2]
    counts = re.findall(r'<tr><td><a href="../essay/#(p\d)">¶ \d</a></td><td>(\d+)</td>', html)
    assert counts == [(f"p{i}", str(len(PINYIN.findall(line)))) for i, line in enumerate(essay_lines, start=1)]
    total = re.search(r"<tfoot><tr><th scope=\"row\">Total</th><td>(\d+)</td>", html).group(1)
    assert total == str(len(PINYIN.findall("".join(essay_lines))))
    assert "<code>share</code>" in html and "share widget" in html


def test_emendations_and_sic_notes_link_to_their_paragraphs(tmp_path):
    html = page(tmp_path, "zh-Hans")
    assert re.search(r'<h3 id="e1">e1 · <a href="../essay/#p2">¶ 2</a></h3>', html)
    assert re.search(r'<a href="../essay/#p2">¶ 2</a></td><td><span lang="zh-Hans" id="s1">功劳薄</span>', html)
    assert "成语用「簿」" in html


def test_chinese_versions_give_every_note_in_chinese(tmp_path):
    for code in ("zh-Hans", "zh-Hant"):
        html = page(tmp_path / code, code)
        assert 'lang="en"' not in html, code
        assert "share widget" not in html and "wrong:" not in html
    hant = page(tmp_path / "again", "zh-Hant")
    # the note is converted, the characters it quotes as characters are not
    assert "錯誤：「什么」成了「什幺」。" in hant
    assert "分享彈窗" in hant and "：" in hant and "不采用" not in hant and "不採用" in hant


def test_markup_in_the_editorial_notes_is_escaped(tmp_path):
    root = make_project(tmp_path, "好。分享", boilerplate=[], accepted=[],
                        sic=[{"id": "s1", "paragraph": "p1", "reading": "好", "suggestion": "<i>妙</i>",
                              "reason": {"zh": "<script>alert(1)</script>", "en": "<img src=x onerror=alert(1)>"}}])
    edition = build_edition(root, check=False)
    for code in ("zh-Hans", "zh-Hant", "en"):
        html = str(apparatus_page(view(edition, code)))
        assert "<script>" not in html and "<img" not in html and "<i>" not in html
        assert ("&lt;img src=x" if code == "en" else "&lt;script&gt;alert(1)&lt;/script&gt;") in html
