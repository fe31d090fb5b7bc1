"""The site read from a folder, in a real browser: downloads/edition.offline.zip unpacked into a
temporary folder and opened over file://, with no server. Links lead to pages (not folder
listings), the version selector works between versions on disk, search and its result links
work, the pinyin switch works, and every request the browser makes is for a file of the folder."""
from __future__ import annotations

import re
import zipfile
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from edition.build import build_edition
from edition.plugin.offline import FOLDER, ZIP_NAME
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

EDITION = build_edition(ROOT)
QUERY = "产业互联网"


@pytest.fixture(scope="module")
def folder(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site[0] / "downloads" / ZIP_NAME) as archive:
        archive.extractall(out)
    return out / FOLDER


@pytest.fixture
def requests(page: Page):
    """Every address the page asks for, and every script error."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("pageerror", lambda error: seen.append(f"error: {error}"))
    return seen


def test_from_the_home_page_to_the_essay_another_version_and_a_search_result(page: Page, folder, requests):
    root = folder.as_uri() + "/"
    page.goto(root + "index.html")
    page.locator("article a.md-button--primary").click()  # the home page's "read the essay"
    expect(page).to_have_url(root + "essay.html")
    expect(page.locator(".para[id]")).to_have_count(len(EDITION.paragraphs))

    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(root + "en/essay.html")
    expect(page.locator("#p1 .para-en")).to_contain_text(EDITION.paragraph("p1").english[:20])

    page.locator(".edition-search__toggle").click()
    page.keyboard.insert_text(QUERY)
    page.keyboard.press("End")
    expect(page.locator(".edition-search__status")).not_to_be_empty()
    found = page.locator(".edition-search__results a").evaluate_all("links => links.map(a => a.dataset.pid)")
    assert found and found == [p.id for p in EDITION.paragraphs if QUERY in p.simplified]
    page.locator(".edition-search__results a").first.click()
    expect(page).to_have_url(f"{root}en/essay.html?q={quote(QUERY)}#{found[0]}")
    expect(page.locator(f"#{found[0]} mark.search-hit").first).to_have_text(QUERY)

    page.locator(".md-header .md-select").hover()
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(re.compile(re.escape(root + "zh-hant/essay.html") + f"#{found[0]}$"))
    page.locator(".edition-search__toggle").click()
    page.keyboard.insert_text(QUERY)
    page.keyboard.press("End")
    expect(page.locator(".edition-search__results a mark").first).to_have_text("產業互聯網")

    assert requests and all(url.startswith(root) for url in requests), [u for u in requests if not u.startswith(root)]
    assert any(url.endswith("/search/paragraphs.js") for url in requests)


@pytest.mark.parametrize("version", ["", "zh-hant/"])
def test_the_pinyin_switch_works_from_the_folder(page: Page, folder, requests, version):
    root = folder.as_uri() + "/"
    page.goto(root + version + "essay.html")
    page.locator(".pinyin-switch").click()
    p13 = EDITION.paragraph("p13")
    expect(page.locator("#p13 ruby")).to_have_count(sum(1 for s in p13.pinyin if s))
    assert page.locator("#p13 rt").all_inner_texts() == [s for s in p13.pinyin if s]
    assert all(url.startswith(root) for url in requests), requests


def test_every_page_of_every_version_opens_and_its_links_are_files(page: Page, folder, requests):
    root = folder.as_uri() + "/"
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert len(pages) == 18
    for name in pages:
        page.goto(root + name)
        expect(page.locator(".md-footer, footer").first).to_be_attached()
        hrefs = page.locator("a[href]").evaluate_all(  # SVG links too (their .href is no string)
            "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)")
        local = [h.split("#")[0].split("?")[0] for h in hrefs if h.startswith("file:")]
        assert local and all(h.endswith(".html") or "/downloads/" in h for h in local), name
    assert all(url.startswith(root) for url in requests), [u for u in requests if not u.startswith(root)]
