"""The argument map and the essay as two views of one argument, in a real browser."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_clicking_a_node_lands_on_its_highlighted_paragraph(page: Page, site_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site_url + "argument/")
    page.locator("#claim-R2 a.claim-main").click()
    expect(page).to_have_url(site_url + "essay/#p21")
    expect(page.locator("#p21")).to_be_in_viewport()
    assert page.locator("#p21").evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_a_paragraph_links_back_to_its_node(page: Page, site_url):
    page.goto(site_url + "en/essay/#p17")
    link = page.locator("#p17 a.claim-link", has_text="R1")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(site_url + "en/argument/#claim-R1")
    node = page.locator("#claim-R1")
    expect(node).to_be_in_viewport()
    stroke = node.locator(".claim-box").evaluate("el => getComputedStyle(el).strokeWidth")
    assert float(stroke.replace("px", "")) >= 4  # the targeted node is outlined


def test_outline_is_a_nested_list_for_screen_readers(page: Page, site_url):
    page.goto(site_url + "zh-hant/argument/")
    outline = page.locator("ul.argument-outline")
    expect(outline.locator("li#outline-T")).to_contain_text("中心論點")
    assert outline.locator("li").count() == page.locator("svg.argument-map g.claim").count()
    assert outline.locator("li#outline-T > ul > li").count() >= 3


def test_map_text_is_never_smaller_than_body_text_and_scrolls_on_phones(page: Page, site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "argument/")
    body = float(page.locator(".md-typeset p").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    sizes = page.locator("svg.argument-map text").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height ? parseFloat(getComputedStyle(e).fontSize) : 99)")
    scale = page.locator("svg.argument-map").evaluate("el => el.getBoundingClientRect().width / el.width.baseVal.value")
    assert min(sizes) * scale >= body - 0.5
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]  # the page does not scroll sideways; the diagram's own box does
    assert page.locator(".argument-scroll").evaluate("el => el.scrollWidth > el.clientWidth")

    # the diagram opens with the thesis in view, not at its left edge
    inside = page.locator(".argument-scroll").evaluate("""box => {
        const b = box.getBoundingClientRect(), t = box.querySelector('.kind-thesis').getBoundingClientRect();
        return box.scrollLeft > 0 && t.left >= b.left && t.right <= b.right; }""")
    assert inside


def test_screenshots_of_the_map(browser, site_url, artifacts):
    for name, size in {"phone": (375, 812), "desktop": (1440, 1000)}.items():
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme)
            page.goto(site_url + "argument/")
            page.screenshot(path=str(artifacts / f"argument-{name}-{scheme}.png"), full_page=name == "desktop")
            page.close()
