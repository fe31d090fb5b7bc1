"""Passage links (docs/assets/edition-passage.js): from a selection to a link, a highlight and a citation,
in all three versions. The expected characters are cut from the model's reading texts (the oracle)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from edition.build import build_edition
from tests.helpers import ROOT

pytestmark = pytest.mark.browser
EDITION = build_edition(ROOT)
VERSIONS = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}

# Select code points [start, end) of a paragraph's Chinese reading text with a DOM Range: the
# test's own walk over the text nodes (marks' links and ruby readings are not text).
SELECT = """([pid, start, end]) => {
  const el = document.querySelector('#' + pid + ' .para-zh'), nodes = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentNode.closest('.note-ref, rt')) nodes.push(n);
  const point = k => { let pos = 0;
    for (const n of nodes) {
      const chars = [...n.data];
      if (k <= pos + chars.length) return [n, chars.slice(0, k - pos).join('').length];
      pos += chars.length;
    } };
  const [a, ao] = point(start), [b, bo] = point(end), r = document.createRange();
  r.setStart(a, ao); r.setEnd(b, bo);
  const s = getSelection(); s.removeAllRanges(); s.addRange(r);
}"""


def select(page: Page, pid: str, start: int, end: int) -> None:
    page.evaluate(SELECT, [pid, start, end])


def marked(page: Page) -> str:
    return "".join(page.locator("mark.passage-hit").all_text_contents())


def clipboard_page(browser: Browser, site_url: str, path: str) -> Page:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + path)
    return page


def test_a_selection_gives_a_link_that_highlights_the_same_words_in_every_version(browser: Browser, site_url):
    p = EDITION.paragraph("p12")
    start, end = 4, 17
    page = clipboard_page(browser, site_url, "essay/")
    select(page, "p12", start, end)
    button = page.locator("#p12 .copy-passage")
    expect(button).to_be_visible()
    button.click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == f"{site_url}essay/#p12:{start + 1}-{end}"
    for code, path in VERSIONS.items():
        page.goto(f"{site_url}{path}essay/#p12:{start + 1}-{end}")
        text = p.traditional if code == "zh-Hant" else p.simplified
        expect(page.locator("mark.passage-hit").first).to_be_visible()
        assert marked(page) == text[start:end], code
        expect(page.locator("#p12")).to_be_in_viewport()
    page.context.close()


def test_the_language_selector_carries_the_passage(page: Page, site_url):
    p = EDITION.paragraph("p20")
    page.goto(site_url + "essay/#p20:3-9")
    assert marked(page) == p.simplified[2:9]
    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(f"{site_url}zh-hant/essay/#p20:3-9")
    expect(page.locator("mark.passage-hit").first).to_be_visible()
    assert marked(page) == p.traditional[2:9]


@pytest.mark.parametrize("fragment", ["p12:500-900", "p12:9-3", "p12:0-4"])
def test_a_range_that_does_not_fit_falls_back_to_the_paragraph(page: Page, site_url, fragment):
    page.goto(f"{site_url}essay/#{fragment}")
    expect(page.locator("#p12")).to_have_class("para is-target")
    expect(page.locator("#p12")).to_be_in_viewport()
    assert page.locator("mark.passage-hit").count() == 0


def test_a_selection_across_paragraphs_is_refused_clearly(page: Page, site_url):
    page.goto(site_url + "en/essay/")
    page.evaluate("""() => { const first = sel => document.createTreeWalker(
        document.querySelector(sel), NodeFilter.SHOW_TEXT).nextNode();
      const r = document.createRange();
      r.setStart(first('#p3 .para-zh'), 1); r.setEnd(first('#p4 .para-zh'), 2);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    status = page.locator(".passage-tools[role=status]")
    expect(status).to_have_text("A passage link stays inside one paragraph: select within one paragraph")
    assert page.locator(".copy-passage").count() == 0


def test_a_selection_over_a_sic_mark_counts_only_the_reading_text(browser: Browser, site_url):
    s = EDITION.sics[0]
    p = EDITION.paragraph(s.paragraph)
    start, end = s.offset - 2, s.offset + len(s.reading) + 3       # the [sic] mark's link sits inside
    page = clipboard_page(browser, site_url, "zh-hant/essay/")
    select(page, p.id, start, end)
    page.locator(f"#{p.id} .copy-passage").click()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"#{p.id}:{start + 1}-{end}")
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()") == p.traditional[start:end]
    page.context.close()


def test_copying_with_ruby_on_gives_the_plain_reading_text(browser: Browser, site_url):
    p = EDITION.paragraph("p13")
    page = clipboard_page(browser, site_url, "essay/")
    page.locator(".pinyin-switch").click()
    expect(page.locator("#p13 ruby").first).to_be_visible()
    select(page, "p13", 0, 12)
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()") == p.simplified[:12]
    page.context.close()


@pytest.mark.parametrize("path, quote", [
    ("essay/", "「{text}」（第{n}段，第{start}–{end}字）"),
    ("en/essay/", "“{text}” (¶ {n}, characters {start}–{end})")])
def test_cite_this_passage_quotes_it_and_names_paragraph_and_range_in_each_style(page: Page, site_url, path, quote):
    p = EDITION.paragraph("p16")
    page.goto(site_url + path)
    select(page, "p16", 10, 20)
    page.locator("#p16 .cite-passage").click()
    dialog = page.locator("dialog.passage-cite")
    expect(dialog).to_be_visible()
    texts = dialog.locator(".cite-text").all_text_contents()
    assert len(texts) == 4          # GB/T, APA reference and in-text, Chicago
    expected = quote.format(text=p.simplified[10:20], n=16, start=11, end=20)
    for text in texts:
        assert " ".join(text.split()).startswith(expected), text
    urls = dialog.locator("a.cite-url").all_text_contents()
    assert urls and all(u.endswith("essay/#p16:11-20") for u in urls)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_on_the_english_page_the_aligned_clauses_are_marked_too(page: Page, site_url):
    p = EDITION.paragraph("p16")
    start, end = 10, 20
    page.goto(f"{site_url}en/essay/#p16:{start + 1}-{end}")
    expect(page.locator("mark.passage-hit").first).to_be_visible()
    hit = page.evaluate("""() => [...document.querySelectorAll('#p16 .para-en .cl')]
        .map((c, k) => c.classList.contains('clause-hit') ? k : -1).filter(k => k >= 0)""")
    assert hit == [k for k, c in enumerate(p.clauses) if c.start < end and c.end > start] != []


def test_a_selection_in_the_english_names_the_chinese_run_of_its_clauses(browser: Browser, site_url):
    p = EDITION.paragraph("p14")
    assert len(p.clauses) > 2
    page = clipboard_page(browser, site_url, "en/essay/")
    page.evaluate("""() => { const cl = document.querySelectorAll('#p14 .para-en .cl')[1];
      const t = document.createTreeWalker(cl, NodeFilter.SHOW_TEXT).nextNode();
      const r = document.createRange(); r.setStart(t, 2); r.setEnd(t, 12);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    page.locator("#p14 .copy-passage").click()
    clause = p.clauses[1]
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"#p14:{clause.start + 1}-{clause.end}")
    page.context.close()
