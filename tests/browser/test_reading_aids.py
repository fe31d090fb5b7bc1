"""Glossary tooltips, dispersion links and the pinyin switch, in a real browser."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from edition.build import build_edition
from tests.helpers import ROOT

pytestmark = pytest.mark.browser
EDITION = build_edition(ROOT)


def test_term_tooltip_shows_on_keyboard_focus_inside_unbroken_chinese(page: Page, site_url):
    page.goto(site_url + "essay/")
    term = page.locator("#p15 a.term", has_text="区块链")
    term.focus()
    tooltip = page.locator("#edition-tip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("blockchain")
    expect(tooltip).to_contain_text("qūkuài")
    term.press("Enter")
    expect(page).to_have_url(site_url + "glossary/#term-qukuailian")
    expect(page.locator("#term-qukuailian")).to_be_in_viewport()


def test_term_tooltip_on_hover_in_the_english_version(page: Page, site_url):
    page.goto(site_url + "en/essay/")
    page.locator("#p1 a.term").first.hover()
    tip = page.locator("#edition-tip")
    expect(tip).to_contain_text("industrial internet (chǎnyè hùliánwǎng)")
    # the definition is written once per page and is the term's description for screen readers
    described = page.locator("#p1 a.term").first.get_attribute("aria-describedby")
    assert described == "tip-term-chanye-hulianwang"
    assert page.locator(f"#{described}").text_content() == tip.text_content()
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()


def test_dispersion_ticks_link_to_the_paragraphs(page: Page, site_url):
    page.goto(site_url + "zh-hant/glossary/")
    ticks = page.locator("#term-fengkou + .term-body svg.dispersion a")
    fengkou = next(t for t in EDITION.glossary if t.id == "fengkou")
    assert ticks.count() == len(fengkou.occurrences)
    ticks.first.click()
    pid = fengkou.occurrences[0].paragraph
    expect(page).to_have_url(site_url + f"zh-hant/essay/#{pid}")
    expect(page.locator(f"#{pid}")).to_be_in_viewport()


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_concordance_left_context_reads_in_order_up_to_the_term(page: Page, site_url, prefix):
    # The left context is clipped on its left; its characters must still run left to right,
    # the last one (often a comma) just before the term, never moved to the far side.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + prefix + "glossary/")
    rows = page.locator("ol.kwic .kwic-left").evaluate_all("""cells => cells.map(cell => {
        const text = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode();
        if (!text || text.length < 2) return true;
        const at = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                          return r.getBoundingClientRect(); };
        const last = at(text.length - 1), term = cell.nextElementSibling.getBoundingClientRect();
        return at(text.length - 2).left < last.left && term.left - last.right < 12;
    })""")
    assert len(rows) > 100 and all(rows), [i for i, ok in enumerate(rows) if not ok][:10]


def test_pinyin_switch_adds_ruby_is_remembered_and_comes_off(page: Page, site_url):
    page.goto(site_url + "essay/")
    button = page.locator(".pinyin-switch")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.locator("ruby").count() == 0
    button.click()
    p13 = EDITION.paragraph("p13")
    han = [s for s in p13.pinyin if s]
    expect(page.locator("#p13 ruby")).to_have_count(len(han))
    assert page.locator("#p13 rt").all_inner_texts() == han
    page.reload()
    expect(page.locator("#p13 ruby")).to_have_count(len(han))
    expect(page.locator(".pinyin-switch")).to_have_attribute("aria-pressed", "true")
    # polyphonic characters read by phrase: 有着 is read zhe, not zhuó
    assert "zhe" in page.locator("#p13 rt").all_inner_texts()
    page.locator(".pinyin-switch").click()
    expect(page.locator("ruby")).to_have_count(0)
    expect(page.locator("#p13 .para-zh")).to_contain_text(p13.simplified[:10])


@pytest.mark.parametrize("version", ["", "zh-hant/"])
def test_the_ruby_shows_the_decided_reading_of_every_character(page: Page, site_url, version):
    """Every ruby of every paragraph carries the reading the reading layer decided (editorial/readings.yaml),
    polyphonic characters included; the issue's examples are checked by hand."""
    page.goto(site_url + version + "essay/")
    page.locator(".pinyin-switch").click()
    expect(page.locator("#p1 ruby").first).to_be_visible()
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.para[id]')].map(
        p => [p.id, [...p.querySelectorAll('.para-zh ruby')].map(
            r => [r.firstChild.data, r.querySelector('rt').textContent])]))""")
    for p in EDITION.paragraphs:
        text = p.simplified if not version else p.traditional
        expected = [[text[i], r] for i, r in enumerate(p.pinyin) if r]
        assert shown[p.id] == expected, p.id
    at = EDITION.paragraph("p20").simplified.index("重混")
    assert shown["p20"][sum(1 for r in EDITION.paragraph("p20").pinyin[:at] if r)][1] == "chóng"   # remix, not zhòng


def test_pinyin_on_the_traditional_version_and_absent_on_english(page: Page, site_url):
    page.goto(site_url + "zh-hant/essay/")
    page.locator(".pinyin-switch").click()
    first = page.locator("#p1 ruby").first
    expect(first).to_have_text("當dāng")
    page.goto(site_url + "en/essay/")
    expect(page.locator(".pinyin-switch")).to_have_count(0)
