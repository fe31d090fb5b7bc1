"""The clause-aligned translation in a real browser: hover, focus and tap pairing in the
side-by-side and stacked layouts, roving focus, the accessible description, the popover on a
phone when the reader switch shows one language, and the text still whole."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from edition.build import build_edition
from tests.helpers import ROOT

pytestmark = pytest.mark.browser
EDITION = build_edition(ROOT)
P2 = EDITION.paragraph("p2")
DESKTOP = {"width": 1280, "height": 900}    # side by side (min-width 60em)
PHONE = {"width": 390, "height": 844}       # stacked


def zh(page: Page, pid: str, k: int):
    return page.locator(f"#{pid} .para-zh .cl").nth(k)


def en(page: Page, pid: str, k: int):
    return page.locator(f"#{pid} .para-en .cl").nth(k)


def lit(page: Page) -> list[str]:
    return sorted(page.locator(".cl.cl-on, .cl.cl-focus, .cl.cl-pin").evaluate_all("els => els.map(e => e.id)"))


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_every_paragraph_has_its_clauses_in_both_texts(page: Page, site_url, prefix):
    page.goto(site_url + prefix + "essay/")
    counts = page.locator(".para").evaluate_all("""paras => paras.map(p => [p.id,
        p.querySelectorAll('.para-zh .cl').length, p.querySelectorAll('.para-en .cl').length])""")
    assert counts == [[p.id, len(p.clauses), len(p.clauses)] for p in EDITION.paragraphs]
    text = EDITION.paragraph("p2")
    version_text = text.traditional if prefix == "zh-hant/" else text.simplified
    assert [zh(page, "p2", k).text_content() for k in range(len(P2.clauses))] == \
        [version_text[c.start:c.end] for c in P2.clauses]
    assert [en(page, "p2", k).text_content() for k in range(len(P2.clauses))] == [c.english for c in P2.clauses]
    # the English of a paragraph still reads (and copies) as the joined translation
    assert page.locator("#p2 .para-en").text_content() == P2.english


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["side-by-side", "stacked"])
def test_hover_highlights_the_counterpart(page: Page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + "essay/")
    side = page.locator("#p3 .para-zh").bounding_box()["x"] != page.locator("#p3 .para-en").bounding_box()["x"]
    assert side == (viewport is DESKTOP)
    zh(page, "p3", 1).hover()
    assert lit(page) == ["cl-p3-2-en", "cl-p3-2-zh"]
    en(page, "p3", 2).hover()
    assert lit(page) == ["cl-p3-3-en", "cl-p3-3-zh"]
    page.mouse.move(0, 0)
    assert lit(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["side-by-side", "stacked"])
def test_tap_pins_the_pairing_and_a_second_tap_unpins(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(site_url + "en/essay/")
    en(page, "p10", 3).tap()
    pinned = page.locator(".cl.cl-pin").evaluate_all("els => els.map(e => e.id)")
    assert sorted(pinned) == ["cl-p10-4-en", "cl-p10-4-zh"]
    expect(page.locator(".cl-pop")).to_be_hidden()     # both texts shown: no popover
    en(page, "p10", 3).tap()
    assert page.locator(".cl.cl-pin").count() == 0
    context.close()


def test_keyboard_one_tab_stop_arrows_enter_and_the_description(page: Page, site_url):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "essay/")
    assert page.locator(".essay .cl[tabindex]").count() == 1          # one tab stop, not one per clause
    first = zh(page, "p1", 0)
    assert first.get_attribute("tabindex") == "0"
    first.focus()
    # entering the clauses, the description is the counterpart and how to move
    assert first.get_attribute("aria-describedby") == "cl-p1-1-en clause-help"
    assert lit(page) == ["cl-p1-1-en", "cl-p1-1-zh"]
    page.keyboard.press("ArrowRight")
    second = zh(page, "p1", 1)
    expect(second).to_be_focused()
    assert second.get_attribute("aria-describedby") == "cl-p1-2-en"
    assert page.locator("#cl-p1-2-en").text_content() == EDITION.paragraph("p1").clauses[1].english
    page.keyboard.press("ArrowRight")                                   # on into the next paragraph
    expect(zh(page, "p2", 0)).to_be_focused()
    page.keyboard.press("Enter")                                         # to the counterpart
    expect(en(page, "p2", 0)).to_be_focused()
    assert en(page, "p2", 0).get_attribute("aria-describedby") == "cl-p2-1-zh"
    page.keyboard.press("ArrowLeft")
    expect(en(page, "p1", 1)).to_be_focused()
    assert page.locator(".essay .cl[tabindex]").count() == 1
    # Tab leaves the clauses, Shift+Tab comes back to the same one
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(en(page, "p1", 1)).to_be_focused()
    outline = en(page, "p1", 1).evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"


def test_on_a_phone_in_chinese_only_mode_a_tap_shows_the_english_of_one_clause(browser, site_url, artifacts):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + "essay/")
    page.locator(".reader-switch button[data-reader=orig]").tap()
    expect(page.locator("#p2 .para-en")).to_be_hidden()
    zh(page, "p2", 1).tap()
    pop = page.locator(".cl-pop")
    expect(pop).to_be_visible()
    assert pop.text_content() == P2.clauses[1].english
    assert pop.get_attribute("lang") == "en"
    expect(page.locator("#p2 .para-en")).to_be_hidden()          # the page did not switch
    box, under = pop.bounding_box(), zh(page, "p2", 1).bounding_box()
    assert box["y"] >= under["y"] + under["height"] - 1 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(artifacts / "clauses-phone-popover.png"))
    zh(page, "p2", 2).tap()                                          # another clause: its English
    assert pop.text_content() == P2.clauses[2].english
    page.locator("h1").tap()                                          # elsewhere: closed
    expect(pop).to_be_hidden()
    # keyboard focus in that mode shows the popover too; the tab stop is a shown clause
    stop = page.locator(".essay .cl[tabindex='0']")
    assert stop.evaluate("e => e.closest('p').classList.contains('para-zh')")
    context.close()


def test_the_tab_stop_follows_the_reader_switch(page: Page, site_url):
    page.goto(site_url + "essay/")
    zh(page, "p4", 2).click()                     # a click makes it the tab stop
    expect(zh(page, "p4", 2)).to_have_attribute("tabindex", "0")
    zh(page, "p4", 2).focus()
    page.keyboard.press("Enter")
    expect(en(page, "p4", 2)).to_be_focused()
    page.locator(".reader-switch button[data-reader=orig]").click()
    stop = page.locator(".essay .cl[tabindex='0']")
    assert stop.get_attribute("id") == "cl-p4-3-zh"
    stop.focus()
    expect(page.locator(".cl-pop")).to_have_text(EDITION.paragraph("p4").clauses[2].english)
    page.keyboard.press("Escape")
    expect(page.locator(".cl-pop")).to_be_hidden()


def test_selecting_text_in_a_clause_does_not_pin(page: Page, site_url):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "essay/")
    box = zh(page, "p5", 1).bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + box["height"] / 2)
    page.mouse.up()
    assert page.evaluate("getSelection().toString().length") > 0
    assert page.locator(".cl.cl-pin").count() == 0


def test_pinyin_ruby_keeps_the_clauses_and_their_pairing(page: Page, site_url):
    page.goto(site_url + "essay/")
    page.locator(".pinyin-switch").click()
    expect(page.locator("#p2 .para-zh ruby").first).to_be_visible()
    assert page.locator("#p2 .para-zh .cl").count() == len(P2.clauses)
    zh(page, "p2", 2).hover()
    assert lit(page) == ["cl-p2-3-en", "cl-p2-3-zh"]
    page.locator(".pinyin-switch").click()
    expect(page.locator("#p2 .para-zh ruby")).to_have_count(0)
    zh(page, "p2", 0).hover()
    assert lit(page) == ["cl-p2-1-en", "cl-p2-1-zh"]


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_screenshots(browser, site_url, artifacts, viewport, name):
    context = browser.new_context(viewport=viewport, device_scale_factor=2 if name == "phone" else 1)
    page = context.new_page()
    page.goto(site_url + "essay/#p10")
    zh(page, "p10", 3).hover()
    page.screenshot(path=str(artifacts / f"clauses-{name}.png"))
    page.goto(site_url + "en/essay/#p20")
    en(page, "p20", 1).hover()
    page.screenshot(path=str(artifacts / f"clauses-en-{name}.png"))
    context.close()
