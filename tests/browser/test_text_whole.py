"""Editorial marks leave the text whole, in a real Chromium.

The [sic] and emendation sigla are drawn by CSS (``a.note-ref::after { content: attr(data-mark) }``)
and glossary terms are links, so copying a paragraph and the browser's find-in-page must give
the reading text, exactly as in the plain-text downloads (the oracle here, not the page), while
the marks stay reachable: a name for screen readers, a place in the Tab order, a visible sigil.

One page load per version and reader mode; the paragraphs are looped over inside it.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from edition.build import build_edition
from tests.helpers import ROOT

# one mark per emendation, per [sic] and per editors' remark, counted from the edition, not typed in
EDITION = build_edition(ROOT)
MARKS = len(EDITION.emendations) + len(EDITION.sics) + len(EDITION.remarks)

pytestmark = pytest.mark.browser

N_PARAGRAPHS = 32
PIDS = [f"p{i}" for i in range(1, N_PARAGRAPHS + 1)]
# version -> (essay path, download of its Chinese text, sigil of a [sic] mark, sigil of a remark)
VERSIONS = {
    "zh-Hans": ("essay/", "edition.zh-Hans.txt", "[原文如此]", "[按]"),
    "zh-Hant": ("zh-hant/essay/", "edition.zh-Hant.txt", "[原文如此]", "[按]"),
    "en": ("en/essay/", "edition.zh-Hans.txt", "[sic]", "[note]"),  # the English version shows the Simplified text
}
EMENDATION = "[†]"
MODES = ["orig", "trans", "both"]
WINDOW = 6  # characters in each find-in-page window around a mark
BOUNDARIES = "a.note-ref, span.sic, span.emended, span.remarked, a.term"  # where the text runs across markup


def read_download(path) -> dict[str, str]:
    """The plain-text download: ``#`` header lines, a blank line, then one paragraph a line, p1 to p32."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    assert i >= 1 and lines[i] == "", f"{path.name}: header lines then a blank line expected"
    body = lines[i + 1:]
    if body and body[-1] == "":  # final newline
        body.pop()
    assert len(body) == N_PARAGRAPHS and all(body), f"{path.name}: {len(body)} paragraph lines"
    return dict(zip(PIDS, body, strict=True))


@pytest.fixture(scope="module")
def downloads(built_site):
    folder = built_site[0] / "downloads"
    return {name: read_download(folder / name)
            for name in ("edition.zh-Hans.txt", "edition.zh-Hant.txt", "edition.en.txt")}


def open_essay(browser: Browser, site_url: str, version: str, mode: str, **context_args) -> Page:
    """A fresh context (nothing remembered), the essay of ``version``, the reader switch set to ``mode``."""
    context = browser.new_context(**context_args)
    page = context.new_page()
    page.goto(site_url + VERSIONS[version][0])
    page.locator(f".reader-switch button[data-reader={mode}]").click()
    stored = page.evaluate("[document.documentElement.dataset.reader, localStorage.getItem('edition.reader')]")
    assert stored == [mode, mode]
    zh, en = page.locator("#p1 .para-zh"), page.locator("#p1 .para-en")
    expect(zh).to_be_visible() if mode != "trans" else expect(zh).to_be_hidden()
    expect(en).to_be_visible() if mode != "orig" else expect(en).to_be_hidden()
    return page


def diff(expected: str, got: str) -> str:
    """Where two strings part, for a readable failure."""
    i = next((k for k in range(min(len(expected), len(got))) if expected[k] != got[k]), min(len(expected), len(got)))
    return f"first difference at {i}: expected {expected[max(0, i - 8):i + 8]!r}, got {got[max(0, i - 8):i + 8]!r}"


# ---------------------------------------------------------------------------------------------
# 1. Copy: select a whole paragraph, Control+C, read the system clipboard.

COPY_CASES = [(v, m) for v in VERSIONS for m in MODES]


@pytest.mark.parametrize("version,mode", COPY_CASES, ids=[f"{v}-{m}" for v, m in COPY_CASES])
def test_copying_a_whole_paragraph_gives_its_line_in_the_download(browser: Browser, site_url, downloads, version, mode):
    page = open_essay(browser, site_url, version, mode, permissions=["clipboard-read", "clipboard-write"])
    texts = []
    if mode != "trans":
        texts.append(("para-zh", downloads[VERSIONS[version][1]]))
    if mode != "orig":
        texts.append(("para-en", downloads["edition.en.txt"]))
    wrong = []
    for cls, lines in texts:
        for pid in PIDS:
            sentinel = f"(clipboard before copying {pid} {cls})"
            page.evaluate("s => navigator.clipboard.writeText(s)", sentinel)
            page.evaluate("sel => getSelection().selectAllChildren(document.querySelector(sel))", f"#{pid} .{cls}")
            page.keyboard.press("Control+C")
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied != sentinel, f"{pid} .{cls}: Control+C did not reach the clipboard"
            if copied != lines[pid]:
                wrong.append(f"{pid} .{cls}: {diff(lines[pid], copied)}")
    page.context.close()
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------------------------------------
# 2. Find-in-page: the reading text is found across the marks; the sigla are not text.

FIND_AT = """([sel, queries]) => queries.map(([text, start]) => {
  // Collapse the selection to the paragraph's start, then find until the match at `start`
  // (offset in the paragraph's text) or past it; a match outside the paragraph is a failure.
  const el = document.querySelector(sel), selection = getSelection();
  selection.collapse(el, 0);
  for (let i = 0; i < 100; i++) {
    if (!window.find(text, false, false, true)) return "not found anywhere on the page";
    const r = selection.getRangeAt(0);
    if (!el.contains(r.commonAncestorContainer)) return "the next match is outside the paragraph";
    const before = document.createRange();
    before.setStart(el, 0); before.setEnd(r.startContainer, r.startOffset);
    const at = before.toString().length;
    if (at === start) {
      return selection.toString() === text ? "" : "selection reads " + JSON.stringify(selection.toString());
    }
    if (at > start) return "found at " + at + ", not at " + start;
  }
  return "too many matches";
})"""

# Offsets (in the paragraph's text) where markup starts or ends: marks, sic/emended spans, terms.
BOUNDARY_OFFSETS = """([sel, marks]) => {
  const el = document.querySelector(sel);
  const offset = (node, after) => {
    const r = document.createRange(); r.setStart(el, 0);
    after ? r.setEndAfter(node) : r.setEndBefore(node);
    return r.toString().length;
  };
  const out = new Set();
  el.querySelectorAll(marks).forEach(m => { out.add(offset(m, false)); out.add(offset(m, true)); });
  return [...out].sort((a, b) => a - b);
}"""


def windows_around(text: str, offsets: list[int]) -> list[int]:
    """Start offsets of every WINDOW-character window that has text on both sides of a boundary."""
    starts = set()
    for b in offsets:
        if 0 < b < len(text):
            starts.update(range(max(0, b - WINDOW + 1), min(b - 1, len(text) - WINDOW) + 1))
    return sorted(starts)


FIND_CASES = [(v, m) for v in VERSIONS for m in ("orig", "both")]


@pytest.mark.parametrize("version,mode", FIND_CASES, ids=[f"{v}-{m}" for v, m in FIND_CASES])
def test_find_in_page_reads_across_the_marks(browser: Browser, site_url, downloads, version, mode):
    page = open_essay(browser, site_url, version, mode)
    lines = downloads[VERSIONS[version][1]]
    wrong, n_windows, n_marks = [], 0, 0
    for pid in PIDS:
        sel, line = f"#{pid} .para-zh", lines[pid]
        inner, content = page.evaluate(
            "sel => [document.querySelector(sel).innerText, document.querySelector(sel).textContent]", sel)
        if inner != line:
            wrong.append(f"{pid} innerText: {diff(line, inner)}")
            continue
        if content != line:
            wrong.append(f"{pid} textContent: {diff(line, content)}")
        # the whole paragraph, then every window of WINDOW characters across a mark, a sic/emended span or a term
        marks = page.evaluate(BOUNDARY_OFFSETS, [sel, "a.note-ref"])
        n_marks += len(marks)
        queries = [[line, 0]] + [[line[s:s + WINDOW], s]
                                 for s in windows_around(line, page.evaluate(BOUNDARY_OFFSETS, [sel, BOUNDARIES]))]
        n_windows += len(queries) - 1
        for (text, start), problem in zip(queries, page.evaluate(FIND_AT, [sel, queries]), strict=True):
            if problem:
                wrong.append(f"{pid} {'whole paragraph' if text == line else repr(text)} at {start}: {problem}")
        # every mark has windows across it (it sits inside the text, not at an end)
        for m in marks:
            assert 0 < m < len(line), f"{pid}: a mark at offset {m} of {len(line)}"
    page.context.close()
    assert not wrong, "\n".join(wrong)
    assert n_marks == MARKS and n_windows > 500, (n_marks, n_windows)  # every mark checked


NOT_IN_PARAGRAPHS = """sigil => {
  // Every match of the sigil on the page, from the top; report those inside an essay paragraph.
  const selection = getSelection(), places = [];
  selection.collapse(document.body, 0);
  while (places.length < 100 && window.find(sigil, true, false, false)) {
    let node = selection.getRangeAt(0).startContainer;
    node = node.nodeType === 1 ? node : node.parentElement;
    if (node.closest(".para")) places.push(node.closest(".para").id);
  }
  return places;
}"""


@pytest.mark.parametrize("version", list(VERSIONS))
def test_sigla_are_drawn_not_text_in_the_paragraphs(browser: Browser, site_url, version):
    page = open_essay(browser, site_url, version, "both")
    sic = VERSIONS[version][2]
    for sigil in (sic, EMENDATION, "原文如此", "†"):
        assert page.evaluate(NOT_IN_PARAGRAPHS, sigil) == [], f"{sigil!r} found as text in these paragraphs"
    texts = page.locator(".para .para-zh, .para .para-en").evaluate_all(
        "els => els.map(e => e.innerText + e.textContent)")
    assert len(texts) == 2 * N_PARAGRAPHS
    assert not [t for t in texts if sic in t or EMENDATION in t or "原文如此" in t]
    page.context.close()


# The issue's examples: each phrase runs across a mark and is found with the mark inside the match.
ISSUE_EXAMPLES = [("p2", "因为产业互联网", EMENDATION), ("p7", "功劳薄上止步不前", "[原文如此]")]


@pytest.mark.parametrize("pid,phrase,sigil", ISSUE_EXAMPLES, ids=[e[1] for e in ISSUE_EXAMPLES])
def test_the_issues_phrases_are_found_across_their_marks(page: Page, site_url, pid, phrase, sigil):
    page.goto(site_url + "essay/")
    found = page.evaluate("""([pid, phrase]) => {
      const el = document.querySelector("#" + pid + " .para-zh"), selection = getSelection();
      selection.collapse(el, 0);
      const ok = window.find(phrase, false, false, true);
      const r = selection.getRangeAt(0);
      const spanned = [...el.querySelectorAll("a.note-ref")].filter(a => r.intersectsNode(a)).map(a => a.dataset.mark);
      return [ok, el.contains(r.commonAncestorContainer), selection.toString(), spanned];
    }""", [pid, phrase])
    assert found == [True, True, phrase, [sigil]]


# ---------------------------------------------------------------------------------------------
# 3. The marks stay reachable: a name, a place in the Tab order, the sigil drawn.

@pytest.mark.parametrize("version", list(VERSIONS))
def test_marks_have_a_name_a_tab_stop_and_a_drawn_sigil(page: Page, site_url, version):
    page.goto(site_url + VERSIONS[version][0])
    sic = VERSIONS[version][2]
    marks = page.locator(".para .para-zh a.note-ref").evaluate_all("""els => els.map(a => ({
        id: a.id, label: a.getAttribute("aria-label"), mark: a.dataset.mark, text: a.textContent,
        kind: a.previousElementSibling && a.previousElementSibling.className,
        after: getComputedStyle(a, "::after").content, display: getComputedStyle(a, "::after").display,
        tabIndex: a.tabIndex, width: a.getBoundingClientRect().width }))""")
    assert len(marks) == MARKS, marks
    for m in marks:
        expected = {"sic": sic, "emended": EMENDATION, "remarked": VERSIONS[version][3]}[m["kind"]]
        assert m["label"] == m["mark"] == expected, m
        assert m["text"] == "" and m["after"] == json.dumps(expected, ensure_ascii=False), m
        assert m["display"] != "none" and m["width"] > 0 and m["tabIndex"] == 0, m
        expect(page.locator(f"#{m['id']}")).to_have_accessible_name(expected)
    # Tab from the top of the page: every mark is reached, in reading order.
    page.evaluate("""() => { window.__marksFocused = [];
        document.addEventListener("focusin", e => {
          if (e.target.matches("a.note-ref")) window.__marksFocused.push(e.target.id);
        });
        document.activeElement && document.activeElement.blur(); }""")
    wanted, reached = [m["id"] for m in marks], []
    for presses in range(1, 2001):
        page.keyboard.press("Tab")
        if presses % 25 == 0:
            reached = page.evaluate("window.__marksFocused")
            if len(reached) >= len(wanted):
                break
    assert reached[:len(wanted)] == wanted
