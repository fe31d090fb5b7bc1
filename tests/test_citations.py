"""The citation formats say what the tools scholars use say: every paragraph's CSL-JSON item, as the
built essay page gives it (``#cite-data``), is rendered by citeproc-js (npm ``citeproc``, what Zotero
runs) with the official CSL styles and locales vendored in ``tests/reference/csl/``, and the site's
format of that paragraph (``#cite-formats``, filled in as edition.js fills it) must be the same text,
with the same words in italics: GB/T 7714-2015 numeric (the list entry, without the list's number
``[1]``), APA 7 (the reference-list entry and the in-text citation with the paragraph) and Chicago
notes and bibliography (the note, which carries the paragraph). Every paragraph of every version.

One node process renders everything (``tests/citeproc_render.js``). A browser test opens every
paragraph's citations with the site's own edition.js in a time zone east and one west of UTC, at an
hour where the UTC date is another day: the access date is the reader's local date.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import lxml.html
import pytest

from edition.build import build_edition
from edition.errors import EditionError
from edition.release import PACKAGE
from edition.release import current as release
from edition.render.citation import CSL_TYPE, csl_data, csl_item, sentence_case
from tests.helpers import ROOT
from tests.views import view

NODE = shutil.which("node")
RENDER = ROOT / "tests" / "citeproc_render.js"
CSL_DIR = ROOT / "tests" / "reference" / "csl"
# The styles, and the language a title's translation is given in (None: a Chinese style, no translation).
STYLES = {
    "gbt": {"file": "china-national-standard-gb-t-7714-2015-numeric.csl", "translate": None},
    "apa": {"file": "apa.csl", "translate": "en"},
    "chicago": {"file": "chicago-notes-bibliography.csl", "translate": "en"},
}
# Which of citeproc's outputs each format of the site is: (style, "bibliography" | "citation", which
# .cite-text of the style's .cite-item on the page).
FORMATS = {
    "GB/T 7714-2015, list entry": ("gbt", "bibliography", 0),
    "APA 7, reference-list entry": ("apa", "bibliography", 0),
    "APA 7, in-text citation": ("apa", "citation", 1),
    "Chicago, note": ("chicago", "citation", 0),
}
VERSIONS = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}
ACCESSED = dt.date(2026, 1, 2)
# Every field the items use is a field of the CSL data schema (citation-style-language/schema,
# schemas/input/csl-data.json, which allows no other).
CSL_FIELDS = {"id", "type", "language", "title", "translated-title", "container-title", "editor", "version",
              "issued", "original-date", "URL", "custom", "accessed"}


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


# --- the item ------------------------------------------------------------------------------------

def test_sentence_case_keeps_first_words_acronyms_and_mixed_case():
    assert sentence_case("The Industrial Internet: From Traffic Acquisition to Deep Empowerment") == \
        "The industrial internet: From traffic acquisition to deep empowerment"
    assert sentence_case("A B2B Platform Is an IoT Thing. Really") == "A B2B platform is an IoT thing. Really"


def test_the_item_names_the_edition_its_version_date_and_editors(edition):
    v = view(edition, "zh-Hant", "https://example.org/ed/")
    item = csl_item(v, "p12")
    assert set(item) <= CSL_FIELDS
    assert item["type"] == CSL_TYPE == "webpage"
    assert item["id"] == "p12" and item["custom"] == {"paragraph": 12}
    assert item["URL"] == "https://example.org/ed/zh-hant/essay/#p12"
    assert item["language"] == "zh-Hant" and item["title"] == "[產業互聯網：從流量獲取到深度賦能]"
    assert item["translated-title"] == "The industrial internet: From traffic acquisition to deep empowerment"
    assert item["container-title"] == "The Industrial Internet: A Digital Edition"
    assert item["editor"] == [{"literal": edition.translator}]
    # the edition's own version and date; the original page's estimated date is the original date
    r = release()
    assert item["version"] == r.version == metadata.version(PACKAGE)
    assert item["issued"] == {"date-parts": [[r.date.year, r.date.month, r.date.day]]}
    y, m, d = (int(x) for x in edition.witness.published.split("-"))
    assert item["original-date"] == {"date-parts": [[y, m, d]], "circa": True}
    assert item["issued"] != {"date-parts": [[y, m, d]]}
    assert "accessed" not in item   # the reader's date, added when citing


def test_a_version_without_its_date_is_refused(monkeypatch):
    monkeypatch.setattr(metadata, "version", lambda name: "9.9.9")
    with pytest.raises(EditionError, match=r"pyproject.toml: version 9.9.9 has no date: add it to RELEASES"):
        release()


def test_the_data_block_cannot_close_its_script_element(edition):
    hostile = dataclasses.replace(edition, title_zh="</script><!--<script>", title_en="</SCRIPT>")
    data = str(csl_data(view(hostile, "zh-Hans")))
    assert "<" not in data
    items = json.loads(data)
    assert items[0]["title"] == "[</script><!--<script>]" and len(items) == len(edition.paragraphs)


# --- citeproc-js ---------------------------------------------------------------------------------

def citeproc(jobs: list[dict]) -> dict:
    """{key: {style: {"bibliography": HTML, "citation": HTML}}} for jobs [{key, item, locator}]."""
    if NODE is None:
        pytest.skip("node is not installed: the citation formats cannot be checked against citeproc-js")
    request = json.dumps({"styles": STYLES, "jobs": jobs}, ensure_ascii=False)
    result = subprocess.run([NODE, str(RENDER)], input=request, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def with_accessed(item: dict, day: dt.date) -> dict:
    return {**item, "accessed": {"date-parts": [[day.year, day.month, day.day]]}}


def runs(el) -> tuple[str, tuple[str, ...]]:
    """The text of an element, spaces collapsed, and the stretches of it in italics."""
    pieces: list[tuple[str, bool]] = []

    def walk(node, italic: bool) -> None:
        style = (node.get("style") or "").replace(" ", "")
        if node.tag in ("i", "em") or "font-style:italic" in style:
            italic = True
        if "font-style:normal" in style:
            italic = False
        pieces.append((node.text or "", italic))
        for child in node:
            walk(child, italic)
            pieces.append((child.tail or "", italic))

    walk(el, False)
    text = re.sub(r"\s+", " ", "".join(t for t, _ in pieces)).strip()
    italics, current = [], ""
    for t, italic in [*pieces, ("", False)]:
        if italic:
            current += t
        elif t or current:
            if current.strip():
                italics.append(re.sub(r"\s+", " ", current).strip())
            current = ""
    return text, tuple(italics)


def citeproc_runs(html: str, output: str) -> tuple[str, tuple[str, ...]]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for number in root.find_class("csl-left-margin"):   # the list's [1]: the citing work's numbering
        number.drop_tree()
    return runs(root)


def site_formats(page: lxml.html.HtmlElement) -> dict[str, list]:
    return {item.get("data-style"): item.find_class("cite-text")
            for item in page.get_element_by_id("cite-formats").find_class("cite-item")}


def fill(item, n: str, url: str, day: dt.date) -> None:
    """What edition.js does to a copy of a format for paragraph n (tests/browser below runs it)."""
    for el in item.find_class("cite-n"):
        el.text = n
    for el in item.find_class("cite-url"):
        el.text, el.attrib["href"] = url, url
    for el in item.find_class("cite-date"):
        assert el.get("data-format") == "iso", "a date format the test does not know"
        el.text = day.isoformat()


def page_of(built_site, code: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((built_site[0] / VERSIONS[code] / "essay" / "index.html").read_bytes())


def page_items(page) -> list[dict]:
    return json.loads(page.get_element_by_id("cite-data").text)


@pytest.fixture(scope="module")
def rendered(built_site) -> dict:
    jobs = []
    for code in VERSIONS:
        for item in page_items(page_of(built_site, code)):
            jobs.append({"key": f"{code}/{item['id']}", "item": with_accessed(item, ACCESSED),
                         "locator": str(item["custom"]["paragraph"])})
    return citeproc(jobs)


def test_the_page_gives_every_paragraphs_item(built_site, edition):
    for code in VERSIONS:
        page = page_of(built_site, code)
        items = page_items(page)
        boxes = [(d.get("data-n"), d.get("data-url")) for d in page.xpath("//details[@class='cite']")]
        assert [i["id"] for i in items] == [p.id for p in edition.paragraphs]
        assert [(str(i["custom"]["paragraph"]), i["URL"]) for i in items] == boxes
        assert items[11] == csl_item(view(edition, code, built_site[1]), "p12")
        script = page.get_element_by_id("cite-data")
        assert script.tag == "script" and script.get("type") == "application/json"


def compare(expected: dict, formats: dict, n: str, url: str, day: dt.date, where: str) -> list[str]:
    problems = []
    for name, (style, output, index) in FORMATS.items():
        item = copy.deepcopy(formats[style][index].getparent())
        fill(item, n, url, day)
        site = runs(item.find_class("cite-text")[index])
        want = citeproc_runs(expected[style][output], output)
        if site != want:
            problems.append(f"{where}, {name}:\n  site:     {site}\n  citeproc: {want}")
    return problems


@pytest.mark.parametrize("code", VERSIONS)
def test_every_format_of_every_paragraph_is_what_citeproc_makes_of_its_item(built_site, rendered, code):
    page = page_of(built_site, code)
    formats = site_formats(page)
    assert set(formats) == set(STYLES)
    problems = []
    for item in page_items(page):
        key, n = f"{code}/{item['id']}", str(item["custom"]["paragraph"])
        problems += compare(rendered[key], formats, n, item["URL"], ACCESSED, key)
    assert not problems, f"{len(problems)} formats differ from citeproc-js; the first:\n" + "\n".join(problems[:3])


def test_the_formats_readable_without_javascript_hold_n_and_the_placeholder(built_site):
    page = page_of(built_site, "en")
    gbt, apa, chicago = (site_formats(page)[s] for s in ("gbt", "apa", "chicago"))
    assert gbt[0].text_content().endswith("[引用日期]. " + built_site[1] + "en/essay/#pN.")
    assert apa[1].text_content().endswith("para. N)") and "para." not in apa[0].text_content()
    assert ", para. N, " in chicago[0].text_content()


# --- in the browser: edition.js fills the formats, with the reader's local date ---------------

# (time zone, the reader's clock, the reader's date there): UTC is on another day in both.
CLOCKS = [("Asia/Shanghai", "2026-03-01T00:30:00+08:00", dt.date(2026, 3, 1)),
          ("America/Los_Angeles", "2026-02-28T23:30:00-08:00", dt.date(2026, 2, 28))]


@pytest.mark.browser
@pytest.mark.parametrize("zone, clock, day", CLOCKS, ids=[c[0] for c in CLOCKS])
def test_edition_js_fills_every_citation_with_the_readers_local_date(browser, site_url, built_site, zone, clock, day):
    jobs, pages = [], {}
    context = browser.new_context(timezone_id=zone)
    try:
        for code, prefix in VERSIONS.items():
            page = context.new_page()
            page.clock.set_fixed_time(clock)
            page.goto(site_url + prefix + "essay/")
            page.evaluate("document.querySelectorAll('details.cite').forEach(d => { d.open = true; })")
            page.wait_for_function("[...document.querySelectorAll('details.cite')]"
                                   ".every(d => d.querySelector('.cite-item'))")
            html = page.content()
            page.close()
            pages[code] = lxml.html.fromstring(html)
            for item in page_items(pages[code]):
                jobs.append({"key": f"{code}/{item['id']}", "item": with_accessed(item, day),
                             "locator": str(item["custom"]["paragraph"])})
    finally:
        context.close()
    expected = citeproc(jobs)
    problems = []
    for code, page in pages.items():
        for details in page.xpath("//details[@class='cite']"):
            key = f"{code}/p{details.get('data-n')}"
            formats = {item.get("data-style"): item for item in details.find_class("cite-item")}
            for name, (style, output, index) in FORMATS.items():
                site = runs(formats[style].find_class("cite-text")[index])
                want = citeproc_runs(expected[key][style][output], output)
                if site != want:
                    problems.append(f"{key}, {name}:\n  site:     {site}\n  citeproc: {want}")
            date = formats["gbt"].find_class("cite-date")[0].text_content()
            assert date == day.isoformat(), (zone, key, date)
    assert not problems, f"{len(problems)} filled citations differ from citeproc-js; the first:\n" + \
        "\n".join(problems[:3])


def test_the_vendored_styles_are_the_ones_described(tmp_path):
    readme = (CSL_DIR / "README.md").read_text(encoding="utf-8")
    for style in STYLES.values():
        assert style["file"] in readme and (CSL_DIR / style["file"]).exists()
    for locale in ("locales-zh-CN.xml", "locales-en-US.xml"):
        assert locale in readme and (CSL_DIR / locale).exists()
    assert Path(RENDER).exists()
