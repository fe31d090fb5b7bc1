"""Pinyin search in a real browser: each query lists exactly the paragraphs whose decided
readings spell it, apart from the character results and labelled, with the characters marked.

Every expectation is computed here from the readings data (``Paragraph.pinyin``) by the
oracle in tests/pinyin_oracle.py, and the character results by the oracle of
tests/browser/test_search.py; nothing is typed in.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from edition.build import build_edition
from tests import pinyin_oracle as oracle
from tests.browser.test_search import expected as character_results
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

EDITION = build_edition(ROOT)
LABEL = {"": "拼音", "zh-hant/": "拼音", "en/": "Pinyin"}
NONE = {"": "没有找到", "zh-hant/": "沒有找到", "en/": "No paragraph found"}

QUERIES = [  # (version prefix, query)
    ("", "chanye hulianwang"), ("", "chanyehulianwang"), ("zh-hant/", "chanye hulianwang"),
    ("", "chǎnyè"), ("en/", "chǎn yè"), ("", "CHǍNYÈ"),                       # tone marks
    ("", "chan3 ye4"), ("zh-hant/", "chan3ye4"), ("", "chan3ye3"),            # tone numbers; a wrong tone
    ("", "hulianwang"), ("", "hu lian wang"), ("en/", "hu-lian-wang"), ("", "hu4lianwang"),
    ("", "xian"), ("", "xi'an"),                                              # every cutting; the apostrophe
    ("", "ge"), ("", "ge5"), ("zh-hant/", "ge0"), ("", "ge4"), ("", "zhe ge"),  # the neutral tone
    ("", "lv"), ("", "lu:4"), ("", "lǜ"),                                     # ü
    ("en/", "men"), ("en/", "fan"), ("", "men"),                              # English and pinyin
    ("", "zhuangzi"), ("en/", "shuang"),                                      # pinyin, nowhere in the text
    ("en/", "blockchain"),                                                    # not pinyin
]


def search(page: Page, query: str) -> tuple[list[str], list[str]]:
    page.locator(".edition-search__toggle").click()
    expect(page.locator("#edition-search-input")).to_be_focused()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    expect(page.locator(".edition-search__status")).not_to_be_empty()
    pids = "links => links.map(a => a.dataset.pid)"
    return (page.locator(".edition-search__results a").evaluate_all(pids),
            page.locator(".edition-search__pinyin a").evaluate_all(pids))


def test_the_query_table_is_not_trivial():
    results = {(prefix, q): oracle.paragraphs(EDITION, q) for prefix, q in QUERIES}
    assert len(QUERIES) >= 25
    assert results[("en/", "blockchain")] is None                        # not pinyin
    assert sum(r == [] for r in results.values()) >= 4                  # pinyin, found nowhere
    assert max(len(r or []) for r in results.values()) >= 15
    # toneless finds every tone, a tone only its own; the neutral tone is a tone of its own
    ge, ge5, ge4 = (set(oracle.paragraphs(EDITION, q) or []) for q in ("ge", "ge5", "ge4"))
    assert ge5 and ge4 and ge5 | ge4 <= ge and ge5 != ge4
    # xian is also xi + an; 'xi'an' only that
    assert set(oracle.paragraphs(EDITION, "xi'an") or []) <= set(oracle.paragraphs(EDITION, "xian") or [])
    # the dual case: men is found as English and as pinyin on the English version
    assert character_results("men") and oracle.paragraphs(EDITION, "men")


@pytest.mark.parametrize("prefix,query", QUERIES)
def test_pinyin_search_lists_exactly_the_paragraphs_that_read_so(page: Page, site_url, prefix, query):
    page.goto(site_url + prefix + "about/")
    characters, pinyin = search(page, query)
    assert characters == character_results(query)
    assert pinyin == (oracle.paragraphs(EDITION, query) or [])
    group = page.locator(".edition-search__group")
    status = page.locator(".edition-search__status")
    if pinyin:
        expect(group).to_be_visible()
        expect(group.locator(".edition-search__group-label")).to_have_text(LABEL[prefix])
        expect(status).to_contain_text(str(len(pinyin)))
    else:
        expect(group).to_be_hidden()
    if not pinyin and not characters:
        expect(status).to_have_text(NONE[prefix])


def test_a_query_both_english_and_pinyin_is_answered_twice_and_labelled(page: Page, site_url):
    page.goto(site_url + "en/essay/")
    characters, pinyin = search(page, "men")
    assert characters and pinyin
    expect(page.locator(".edition-search__status")).to_have_text(
        f"{len(characters)} paragraphs · pinyin: {len(pinyin)} paragraphs")
    # English snippets mark 'men' in the English; pinyin snippets mark 们 in the Chinese
    expect(page.locator(".edition-search__results mark").first).to_have_text("men", ignore_case=True)
    expect(page.locator(".edition-search__pinyin mark").first).to_have_text("们")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".edition-search__results a").first).to_be_focused()


@pytest.mark.parametrize("prefix,query,text_of", [
    ("zh-hant/", "hulianwang", "traditional"), ("", "chan3 ye4", "simplified"), ("", "zhe ge", "simplified"),
])
def test_the_result_and_the_essay_mark_the_matched_characters(page: Page, site_url, prefix, query, text_of):
    page.goto(site_url + prefix)
    _, pinyin = search(page, query)
    pid = pinyin[0]
    p = next(p for p in EDITION.paragraphs if p.id == pid)
    chars = oracle.first_hit(EDITION, query, pid, getattr(p, text_of))
    first = page.locator(".edition-search__pinyin a").first
    expect(first.locator("mark").first).to_have_text(chars)
    first.click()
    expect(page).to_have_url(f"{site_url}{prefix}essay/?py={quote(query, safe='')}#{pid}")
    target = page.locator(f"#{pid}")
    expect(target).to_be_in_viewport()
    hits = target.locator(".para-zh mark.search-hit")
    expect(hits.first).to_have_text(chars)
    # every match of the paragraph is marked (the earliest first, none overlapping), and nothing else
    kept: list[tuple[int, int]] = []
    for start, end in oracle.occurrences(p.pinyin, oracle.parse(query) or []):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    text = getattr(p, text_of)
    assert "".join(hits.all_text_contents()) == "".join(text[a:b] for a, b in kept)
    assert page.locator(".para-en mark.search-hit").count() == 0


def test_pinyin_search_with_the_pinyin_switch_on(page: Page, site_url):
    """Ruby does not disturb the marks: the <rt> readings are not part of the text (each
    character is its own <ruby>, so a match is marked character by character)."""
    page.goto(site_url + "essay/")
    page.locator(".pinyin-switch").click()
    expect(page.locator(".para-zh ruby").first).to_be_attached()
    page.goto(site_url + "essay/?py=hulianwang#p1")
    expect(page.locator("#p1 .para-zh ruby").first).to_be_attached()
    hits = page.locator("#p1 .para-zh mark.search-hit")
    expect(hits.nth(2)).to_be_attached()
    assert "".join(hits.all_text_contents()).startswith("互联网")
