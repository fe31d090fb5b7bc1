"""Quality gates in a real browser: accessibility (axe-core) on every page of every version,
a keyboard-only walk through the essay, and the Content-Security-Policy holding."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VERSIONS = ("", "zh-hant/", "en/")


def all_pages(site_dir):
    return sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html")
                  for p in site_dir.rglob("*.html"))


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


def test_axe_finds_no_violations_on_any_page(browser, site_url, built_site, axe_source):
    # the test's own axe script is inline; the site's policy forbids that
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    pages = all_pages(built_site[0])
    assert len(pages) >= 21
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in pages:
            page.goto(site_url + path)
            page.add_script_tag(content=axe_source)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            for v in result["violations"]:
                found.setdefault(f"{scheme} {path}", []).append(
                    f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}")
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_keyboard_reaches_every_control_of_the_essay_and_shows_focus(page: Page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "essay/")
    controls = page.evaluate("""() => [...document.querySelectorAll(
        'a[href], button, summary, input, [tabindex]:not([tabindex="-1"])')]
        .filter(el => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none'
                 && !el.matches('input[type=radio]:not(:checked)')  /* a radio group is one tab stop */
                 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('details:not([open]) > :not(summary)'))
        .map((el, i) => (el.dataset.kbd = i, i))""")
    measure = """() => {
        // Material's palette toggle focuses a hidden radio input and draws the ring on its label.
        const active = document.activeElement;
        const el = active.matches('input.md-option') ? active.nextElementSibling : active;
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        let opacity = 1;
        for (let n = el; n; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
        return {id: active.dataset.kbd, w: r.width, h: r.height, top: r.top, bottom: r.bottom, vh: innerHeight,
                ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
                      || s.textDecorationLine.includes('underline') || el.matches('svg a'),
                opacity, text: (el.innerText || el.getAttribute('aria-label') || el.title || '').slice(0, 30)}; }"""
    reached, invisible = set(), []
    for _ in range(len(controls) + 10):
        page.keyboard.press("Tab")
        info = page.evaluate(measure)
        if info["opacity"] < 0.5:  # menus fade in on focus: look again once the transition is over
            page.wait_for_timeout(400)
            info = page.evaluate(measure)
        if info["id"] is None:
            continue
        reached.add(int(info["id"]))
        if info["w"] == 0 or info["h"] == 0 or info["opacity"] < 0.5 or not info["ring"] \
                or info["bottom"] < 0 or info["top"] > info["vh"]:
            invisible.append(info)
    assert invisible == [], json.dumps(invisible, ensure_ascii=False, indent=0)
    assert set(controls) - reached == set()


def test_content_security_policy_holds_and_nothing_is_inline(page: Page, site_url, built_site):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for prefix in VERSIONS:
        for path in ("", "essay/", "glossary/", "argument/", "apparatus/"):
            page.goto(site_url + prefix + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
    page.goto(site_url + "essay/?q=%E6%B5%81%E9%87%8F#p7")  # search highlighting and pinyin run under the policy
    page.locator(".pinyin-switch").click()
    page.wait_for_selector("#p7 ruby")
    assert violations == []
    for html in built_site[0].rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>" not in text, html  # only <script src> and JSON data blocks
        assert " onclick=" not in text and " onload=" not in text and " onerror=" not in text, html
