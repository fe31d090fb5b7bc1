"""Search in a real browser: each query lists exactly the paragraphs that contain it.

The expected paragraphs are computed here from the edition's texts with an independent oracle
(OpenCC's t2s for the query, then a case-insensitive substring test on the Simplified text and
on the English), never typed in.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from edition.build import build_edition
from edition.convert import convert
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

EDITION = build_edition(ROOT)

QUERIES = [  # (version prefix, query)
    ("", "产业互联网"), ("", "互联网"), ("", "消费互联网"), ("", "B端"), ("", "b端"),
    ("", "產業互聯網"), ("", "結構"), ("", "一板一眼"), ("", "变奏"), ("", "区块链"),
    ("", "功劳薄"), ("", "功劳簿"), ("", "运行逻辑"), ("", "不存在的词"),
    ("zh-hant/", "产业互联网"), ("zh-hant/", "產業互聯網"), ("zh-hant/", "互聯網"), ("zh-hant/", "赋能"),
    ("zh-hant/", "著"),
    ("en/", "blockchain"), ("en/", "Traffic"), ("en/", "EMPOWERMENT"), ("en/", "operating logic"),
    ("en/", "rhythm"), ("en/", "产业互联网"), ("en/", "zebra"), ("en/", "B-side"),
]


def expected(query: str) -> list[str]:
    simplified = convert(query, "t2s").lower()
    return [p.id for p in EDITION.paragraphs
            if simplified in p.simplified.lower() or query.lower() in p.english.lower()]


def search(page: Page, query: str) -> list[str]:
    page.locator(".edition-search__toggle").click()
    box = page.locator("#edition-search-input")
    expect(box).to_be_focused()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    expect(page.locator(".edition-search__status")).not_to_be_empty()
    return page.locator(".edition-search__results a").evaluate_all("links => links.map(a => a.dataset.pid)")


def test_the_query_table_is_not_trivial():
    sizes = [len(expected(q)) for _, q in QUERIES]
    assert len(QUERIES) >= 20 and sum(1 for n in sizes if n == 0) >= 3 and max(sizes) >= 15
    # 互联网 is found inside both 产业互联网 and 消费互联网, and more often than either
    assert set(expected("产业互联网")) | set(expected("消费互联网")) <= set(expected("互联网"))


@pytest.mark.parametrize("prefix,query", QUERIES)
def test_search_lists_exactly_the_paragraphs_containing_the_query(page: Page, site_url, prefix, query):
    page.goto(site_url + prefix + "about/")
    found = search(page, query)
    assert found == expected(query)
    if not found:
        expect(page.locator(".edition-search__status")).to_have_text(
            {"": "没有找到", "zh-hant/": "沒有找到", "en/": "No paragraph found"}[prefix])


def test_results_show_the_term_highlighted_and_open_the_paragraph(page: Page, site_url):
    page.goto(site_url + "zh-hant/")
    found = search(page, "产业互联网")
    first = page.locator(".edition-search__results a").first
    expect(first.locator("mark").first).to_have_text("產業互聯網")  # Simplified query, Traditional text
    first.click()
    expect(page).to_have_url(site_url + "zh-hant/essay/?q=%E4%BA%A7%E4%B8%9A%E4%BA%92%E8%81%94%E7%BD%91#" + found[0])
    target = page.locator(f"#{found[0]}")
    expect(target).to_be_in_viewport()
    expect(target.locator("mark.search-hit").first).to_have_text("產業互聯網")
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_keyboard_search_escape_and_slash(page: Page, site_url):
    page.goto(site_url + "en/essay/")
    page.keyboard.press("/")
    expect(page.locator("#edition-search-input")).to_be_focused()
    page.keyboard.insert_text("blockchain")
    expect(page.locator(".edition-search__results a").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".edition-search__results a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".edition-search__panel")).to_be_hidden()
    expect(page.locator(".edition-search__toggle")).to_be_focused()


def aligned_with(p, start: int, end: int, chinese: bool) -> str:
    """The other language's clauses aligned with a match at [start, end) (the model's clause offsets)."""
    pieces, at = [], 0
    for c in p.clauses:
        en_start, at = at, at + len(c.english) + 1
        if chinese and c.start < end and c.end > start:
            pieces.append(c.english)
        if not chinese and en_start < end and en_start + len(c.english) > start:
            pieces.append(p.simplified[c.start:c.end])
    return " … ".join(pieces)


@pytest.mark.parametrize("prefix, query, chinese", [("", "玩家", True), ("en/", "blur", False)])
def test_a_result_shows_the_aligned_segment_of_the_other_language(page: Page, site_url, prefix, query, chinese):
    page.goto(site_url + prefix + "about/")
    found = search(page, query)
    assert found == expected(query) != []
    for pid in found:
        p = EDITION.paragraph(pid)
        text = p.simplified if chinese else p.english.lower()
        at = text.index(query)
        starts = [i for i in range(len(text)) if text.startswith(query, i)]
        want = " … ".join(dict.fromkeys(
            piece for s in starts for piece in aligned_with(p, s, s + len(query), chinese).split(" … ")))
        link = page.locator(f".edition-search__results a[data-pid={pid}]")
        assert link.locator(".snippet.aligned").text_content() == want, (pid, at)
