"""Quality gates in a real browser: accessibility by two engines (axe-core; pa11y with
HTML_CodeSniffer, WCAG 2 AA) on every page of every version, a keyboard-only walk through the
essay, and the Content-Security-Policy holding."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import CHROMIUM, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PA11Y = ROOT / "node_modules" / "pa11y"
PA11Y_RUNNER = Path(__file__).with_name("pa11y_pages.cjs")
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
    pages = all_pages(built_site[0])
    assert len(pages) >= 21
    found = {}
    for scheme, shown in (("light", "default"), ("dark", "slate")):
        # the test's own axe script is inline; the site's policy forbids that. One context per
        # scheme: Material keeps the last scheme shown in localStorage and restores it.
        context = browser.new_context(bypass_csp=True, color_scheme=scheme)
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path)
            assert page.locator("body").get_attribute("data-md-color-scheme") == shown, (scheme, path)
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


# A page pa11y must fault, so the gate is seen to fail: Material's own markup before our
# overrides (an unnamed checkbox toggle, a form without a submit button).
UNFIXED = """<!doctype html><html lang="en"><head><title>Unfixed</title></head><body>
<input class="md-toggle" type="checkbox" id="__search"><main><h1>Unfixed</h1>
<form><input type="radio" name="p" id="p0" aria-label="Dark"><input type="radio" name="p" id="p1" aria-label="Light">
</form></main></body></html>"""


def test_pa11y_finds_no_errors_on_any_page(built_site, site_url, tmp_path):
    """pa11y (runner htmlcs, standard WCAG2AA), errors only, on every page of every version in
    the light and the dark scheme: one node process, one Chromium (tests/browser/pa11y_pages.cjs)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the pa11y gate needs Node.js (and `npm ci`)")
    if not PA11Y.exists():
        pytest.fail(f"{PA11Y} is missing: run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci` (make test does)")
    pages = all_pages(built_site[0])
    assert len(pages) >= 21
    unfixed = tmp_path / "unfixed.html"
    unfixed.write_text(UNFIXED, encoding="utf-8")
    urls = [site_url + path for path in pages] + [unfixed.as_uri()]
    started = time.monotonic()
    result = subprocess.run([node, str(PA11Y_RUNNER), CHROMIUM if Path(CHROMIUM).exists() else "", *urls],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    print(f"pa11y: {len(urls) - 1} pages, light and dark, in {seconds:.1f} s", file=sys.stderr)
    assert len(found) == 2 * len(urls)
    # codes read WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name: the technique is 5th
    caught = {issue["code"].split(".")[4]
              for key, issues in found.items() if key.startswith(unfixed.as_uri()) for issue in issues}
    assert {"H91", "F68", "H32"} <= caught, caught
    errors = {key: [f"{i['code']}: {i['selector']}: {i['context'][:120]}" for i in issues]
              for key, issues in found.items() if issues and not key.startswith(unfixed.as_uri())}
    assert errors == {}, json.dumps(errors, ensure_ascii=False, indent=1)


# Material templates copied into overrides/ to fix their accessibility faults, each with the one
# change made to it: an upgrade of Material that changes the original fails here, to be redone.
MATERIAL = Path(__import__("material").__file__).parent / "templates"
OVERRIDDEN = {
    "base.html": [(
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off"'
        ' aria-hidden="true">')],
    "partials/nav-item.html": [(
        '      <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'
        '      {% set first = toc | first %}\n'
        '      {% if first and first.level == 1 %}\n'
        '        {% set toc = first.children %}\n'
        '      {% endif %}\n'
        '      {% if toc %}\n',
        '      {% set first = toc | first %}\n'
        '      {% if first and first.level == 1 %}\n'
        '        {% set toc = first.children %}\n'
        '      {% endif %}\n'
        '      {% if toc %}\n'
        '        <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n')],
    "partials/palette.html": [
        ('<form class="md-header__option" data-md-component="palette">',
         '<div class="md-header__option" data-md-component="palette">'),
        ("</form>", "</div>")],
}
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


@pytest.mark.parametrize("name", sorted(OVERRIDDEN))
def test_copied_material_templates_differ_only_by_their_fix(name):
    original = LEADING_COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"), count=1)
    for before, after in OVERRIDDEN[name]:
        assert original.count(before) == 1, f"Material's {name} changed: redo overrides/{name}"
        original = original.replace(before, after)
    ours = LEADING_COMMENT.sub("", (ROOT / "overrides" / name).read_text(encoding="utf-8"), count=1)
    assert ours == original, f"overrides/{name} differs from Material's by more than its documented fix"
