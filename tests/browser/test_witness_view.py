"""The witness beside the text, in a real Chromium (edition-witness.js, templates/witness.html).

¶ 2's toggle shows its witness line under the Chinese text with the emendation in place (the
corrupted witness characters struck, the emended reading with the edition's forms), the
page-wide switch opens and closes every paragraph's, the anchors stay the paragraphs, and axe
finds nothing with every view open. Expected values come from the model, not typed in.
"""
from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import Browser, Page, expect

from edition.build import build_edition
from edition.plugin.offline import FOLDER, ZIP_NAME
from tests.browser.test_gates import AXE
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

EDITION = build_edition(ROOT)
P2 = EDITION.paragraph("p2")
[E1] = P2.emendations
PIDS = [p.id for p in EDITION.paragraphs]
VERSIONS = {"zh-Hans": "essay/", "zh-Hant": "zh-hant/essay/", "en": "en/essay/"}


def open_p2(page: Page, url: str) -> None:
    page.goto(url + "#p2")
    toggle = page.locator("#p2 .witness-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#witness-p2")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")   # a button: keyboard works as the mouse does
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#witness-p2 .witness-line")).to_be_visible()


@pytest.mark.parametrize("code", VERSIONS)
def test_the_witness_of_p2_shows_the_emendation_in_place(page: Page, site_url, code):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_p2(page, site_url + VERSIONS[code])
    line = page.locator("#witness-p2 .witness-line")
    emended = line.locator(".w-emendation")
    expect(emended).to_have_count(1)
    # the witness's corrupted characters, struck through, as they stand in the witness line
    expect(emended.locator("del")).to_have_text(E1.witness)
    assert E1.witness in P2.witness
    # the emended reading: in the witness's script, each converted character with its Simplified form above
    bases = emended.locator("ins ruby").evaluate_all(
        "rs => rs.map(r => [...r.childNodes].filter(n => n.nodeName !== 'RT').map(n => n.textContent).join(''))")
    tops = emended.locator("ins rt").all_inner_texts()
    assert "".join(bases) == P2.diplomatic[E1.offset:E1.offset + E1.length]
    assert "".join(tops) == P2.simplified[E1.offset:E1.offset + E1.length]
    # marked: its note mark links to the emendation's note
    mark = line.locator(f'a.note-ref[href="#note-{E1.id}"]')
    expect(mark).to_have_count(1)
    assert mark.evaluate("a => getComputedStyle(a, '::after').content") == '"[†]"'
    # the line, without the edition's forms and emended reading, is the witness line byte for byte
    witness_side = line.evaluate("""p => { const c = p.cloneNode(true);
        c.querySelectorAll('rt, ins').forEach(n => n.remove()); return c.textContent; }""")
    assert witness_side == P2.witness
    # under the Chinese text: the same column
    zh, w = page.locator("#p2 .para-zh").bounding_box(), page.locator("#witness-p2").bounding_box()
    assert abs(zh["x"] - w["x"]) < 2 and w["y"] > zh["y"], (zh, w)
    # the key to the marks appears with it
    expect(page.locator("#witness-key")).to_be_visible()
    # closed again: gone from the page's text
    page.locator("#p2 .witness-toggle").click()
    expect(page.locator("#witness-p2")).to_be_hidden()
    expect(page.locator("#witness-key")).to_be_hidden()
    assert E1.witness not in page.locator("#p2").inner_text()


def test_the_page_switch_opens_every_view_and_keeps_the_anchors(browser: Browser, site_url):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "essay/")
    ids_before = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    switch = page.locator(".witness-switch")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    for pid in PIDS:
        expect(page.locator(f"#witness-{pid} .witness-line")).to_be_visible()
        expect(page.locator(f"#{pid} .witness-toggle")).to_have_attribute("aria-expanded", "true")
    # every witness line, read without the edition's forms, is its witness line
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.witness')].map(w => {
        const c = w.querySelector('.witness-line').cloneNode(true);
        c.querySelectorAll('rt, ins').forEach(n => n.remove());
        return [w.id.replace('witness-', ''), c.textContent]; }))""")
    assert shown == {p.id: p.witness for p in EDITION.paragraphs}
    # anchors: the paragraphs keep their ids, nothing is duplicated, #p5 is still the paragraph
    ids_after = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids_after) == len(set(ids_after))
    assert set(ids_before) <= set(ids_after)
    assert set(ids_after) - set(ids_before) == {"witness-key", "witness-key-title"}
    page.goto(site_url + "essay/#p5")
    page.reload()
    assert page.evaluate("() => document.querySelector(':target').id") == "p5"
    # remembered for the page in this tab
    expect(page.locator(".witness-switch")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#witness-p5 .witness-line")).to_be_visible()
    # axe, light and dark, with every view open
    axe = AXE.read_text(encoding="utf-8")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.add_script_tag(content=axe)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
        assert found == [], (scheme, json.dumps(found, ensure_ascii=False))
    # off again: every view hidden, the reading text alone
    page.locator(".witness-switch").click()
    expect(page.locator(".witness-switch")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".witness:not([hidden])")).to_have_count(0)
    context.close()


def test_off_by_default_and_nothing_loaded(page: Page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "essay/")
    expect(page.locator(".witness-switch")).to_be_visible()
    expect(page.locator(".witness:not([hidden])")).to_have_count(0)
    assert not [u for u in requests if "witness.json" in u]
    assert page.locator(".witness-line").count() == 0


@pytest.mark.parametrize("width,name", [(390, "phone"), (1280, "desktop")])
def test_screenshots_of_p2_with_its_witness(browser: Browser, site_url, artifacts, width, name):
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=2 if width < 500 else 1)
    page = context.new_page()
    open_p2(page, site_url + "essay/")
    page.locator("#p2").scroll_into_view_if_needed()
    page.locator("#p2").screenshot(path=str(artifacts / f"witness-{name}.png"))
    context.close()


def test_from_a_folder_the_witness_loads_as_a_script(page: Page, built_site, tmp_path):
    """The site read from a folder (file://, where fetch is refused): the witness data is a script."""
    with zipfile.ZipFile(built_site[0] / "downloads" / ZIP_NAME) as archive:
        archive.extractall(tmp_path)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((tmp_path / FOLDER).as_uri() + "/essay.html#p2")
    page.locator("#p2 .witness-toggle").click()
    expect(page.locator("#witness-p2 .w-emendation del")).to_have_text(E1.witness)
    assert errors == []
