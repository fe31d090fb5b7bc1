"""What a reader sees, in a real Chromium: anchors, the reader switch, versions, copying, offline."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = ["", "essay/", "glossary/", "about/"]
VERSIONS = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}


def highlighted(page: Page, pid: str) -> bool:
    background = page.eval_on_selector(f"#{pid}", "el => getComputedStyle(el).backgroundColor")
    return background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_opening_a_paragraph_link_scrolls_to_and_highlights_it(page: Page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "essay/#p12")
    p12 = page.locator("#p12")
    expect(p12).to_be_in_viewport()
    assert highlighted(page, "p12") and not highlighted(page, "p11")
    box = p12.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["height"] - 1  # not hidden under the sticky header


def test_each_page_has_the_right_lang(page: Page, site_url):
    for code, prefix in VERSIONS.items():
        for path in PAGES:
            page.goto(site_url + prefix + path)
            assert page.evaluate("document.documentElement.lang") == code, prefix + path


def test_reader_switch_hides_restores_and_survives_a_reload(page: Page, site_url):
    page.goto(site_url + "essay/")
    en, zh = page.locator("#p3 .para-en"), page.locator("#p3 .para-zh")
    expect(en).to_be_visible()
    expect(zh).to_be_visible()
    page.get_by_role("button", name="原文", exact=True).click()
    expect(en).to_be_hidden()
    expect(zh).to_be_visible()
    page.reload()
    expect(page.locator("#p3 .para-en")).to_be_hidden()
    expect(page.get_by_role("button", name="原文", exact=True)).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="译文", exact=True).click()
    expect(page.locator("#p3 .para-zh")).to_be_hidden()
    expect(page.locator("#p3 .para-en")).to_be_visible()
    page.get_by_role("button", name="对照", exact=True).click()
    expect(page.locator("#p3 .para-zh")).to_be_visible()
    expect(page.locator("#p3 .para-en")).to_be_visible()


def test_without_javascript_both_texts_show_and_no_dead_controls(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "essay/")
    expect(page.locator("#p5 .para-zh")).to_be_visible()
    expect(page.locator("#p5 .para-en")).to_be_visible()
    expect(page.locator(".reader-switch")).to_be_hidden()
    expect(page.locator("#p5 .copy-link")).to_be_hidden()
    # the per-paragraph citation needs JavaScript; the formats are on the page once, with N
    expect(page.locator("#p5 details.cite")).to_be_hidden()
    expect(page.locator("#cite-formats .cite-text").first).to_contain_text("essay/#pN")
    expect(page.locator("#cite-formats button")).to_have_count(3)
    for button in page.locator("#cite-formats button").all():
        expect(button).to_be_hidden()
    context.close()


def test_language_selector_keeps_the_page_and_paragraph(page: Page, site_url):
    page.goto(site_url + "essay/#p12")
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/essay/#p12$"))
    page.wait_for_load_state("load")
    expect(page.locator("#p12")).to_be_in_viewport()
    assert highlighted(page, "p12")
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hant/essay/#p12$"))
    expect(page.locator("#p12 .para-zh")).to_contain_text("從內在元素上來看")
    page.goto(site_url + "en/about/")
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(site_url + "about/")


def test_english_version_puts_english_first(page: Page, site_url):
    page.goto(site_url + "en/essay/")
    first = page.locator("#p1 .para-texts > p").first
    expect(first).to_have_attribute("lang", "en")
    expect(page.locator("#p1 .para-zh")).to_have_attribute("lang", "zh-Hans")


def test_copy_link_puts_the_paragraph_url_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "essay/?utm=x")
    page.locator("#p7").hover()
    page.locator("#p7 .copy-link").click()
    expect(page.locator("#p7 .copy-link")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "essay/#p7"
    context.close()


def test_citation_is_copyable_and_dated(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "essay/")
    page.locator("#p9 summary").click()
    gbt = page.locator("#p9 .cite-item").first
    expect(gbt).to_contain_text("[EB/OL]")
    date = gbt.locator(".cite-date").inner_text()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    gbt.locator("button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("[产业互联网") and copied.endswith("essay/#p9.") and date in copied
    context.close()


TEXT_BOX = """el => { const r = document.createRange(); r.selectNodeContents(el);
                      const b = r.getBoundingClientRect(); return [b.top, b.bottom]; }"""


def test_paragraph_tools_float_in_the_gap_without_covering_text(page: Page, site_url):
    # With a mouse on a wide screen the closed tools take no row of their own; shown, they sit
    # in the gap below their paragraph and cover no text of it or of the next one.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "essay/")
    gap = page.evaluate("""() => {
        const a = document.querySelector('#p3 .para-en'), b = document.querySelector('#p4 .para-en');
        const r = document.createRange(); r.selectNodeContents(a);
        const s = document.createRange(); s.selectNodeContents(b);
        return s.getBoundingClientRect().top - r.getBoundingClientRect().bottom; }""")
    assert gap < 50, gap
    page.hover("#p4 .para-en")
    expect(page.locator("#p4 .copy-link")).to_be_visible()
    tools = page.locator("#p4 .para-tools").evaluate(
        "el => [el.getBoundingClientRect().top, el.getBoundingClientRect().bottom]")
    for selector in ("#p4 .para-zh", "#p4 .para-en", "#p5 .para-zh", "#p5 .para-en"):
        top, bottom = page.locator(selector).evaluate(TEXT_BOX)
        assert tools[0] >= bottom or tools[1] <= top, (selector, tools, (top, bottom))
    # opening the citations leaves both buttons where they were
    buttons = ("el => [...el.querySelectorAll('.copy-link, summary')]"
               ".map(b => [b.getBoundingClientRect().left, b.getBoundingClientRect().top])")
    before = page.locator("#p4 .para-tools").evaluate(buttons)
    page.locator("#p4 .cite summary").click()
    after = page.locator("#p4 .para-tools").evaluate(buttons)
    assert all(abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 10
               for a, b in zip(before, after, strict=True)), (before, after)


def test_sic_marks_link_to_their_notes(page: Page, site_url):
    page.goto(site_url + "essay/")
    mark = page.locator("#p7 a.note-ref")
    # the mark's description is its note, written once in the notes list
    assert mark.get_attribute("aria-describedby") == "note-text-s2"
    assert "功劳簿" in page.locator("#note-text-s2").inner_text()
    mark.hover()
    expect(page.locator("#edition-tip")).to_contain_text("功劳簿")
    mark.click()
    expect(page.locator("#note-s2")).to_be_in_viewport()
    page.locator("#note-s2 .note-back").click()
    expect(page.locator("#p7")).to_be_in_viewport()


def test_no_request_leaves_the_loopback_server(page: Page, site_url):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for prefix in VERSIONS.values():
        for path in PAGES + ["no-such-page/"]:
            page.goto(site_url + prefix + path)
            page.wait_for_load_state("networkidle")
    outside = [url for url in seen if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
    assert seen and outside == []


@pytest.mark.parametrize("prefix", list(VERSIONS.values()))
def test_usable_at_phone_width_without_horizontal_scroll(page: Page, site_url, prefix):
    page.set_viewport_size({"width": 375, "height": 740})
    for path in PAGES:
        page.goto(site_url + prefix + path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (prefix + path, width)
    page.goto(site_url + prefix + "essay/#p20")
    page.locator("#p20 summary").click()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]


def test_print_shows_the_essay_with_numbers_and_no_controls(page: Page, site_url):
    page.goto(site_url + "essay/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("#p4 .para-n")).to_be_visible()
    expect(page.locator("#p4 .para-tools")).to_be_hidden()


def test_screenshots_of_the_essay(browser, site_url, artifacts):
    for name, size in {"phone": (375, 812), "desktop": (1366, 900)}.items():
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        for code, prefix in VERSIONS.items():
            page.goto(site_url + prefix + "essay/#p2")
            page.wait_for_timeout(500)  # let the header's title cross-fade finish
            page.screenshot(path=str(artifacts / f"essay-{code}-{name}.png"))
        page.close()
    assert (artifacts / "essay-zh-Hans-phone.png").stat().st_size > 10_000
