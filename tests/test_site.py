"""The site build and the page renderer, without a browser."""
import re

import pytest

from edition.build import build_edition
from edition.convert import convert_prose, unmark
from edition.render.essay import essay_page
from tests.helpers import ROOT
from tests.views import labels as site_labels
from tests.views import view


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


@pytest.fixture(scope="module")
def labels():
    return site_labels()


def test_strict_build_has_no_warnings(built_site):
    _, _, _, log = built_site
    assert "WARNING" not in log


def test_every_version_has_every_page_and_every_paragraph_anchor(built_site, edition):
    out = built_site[0]
    for prefix in ("", "zh-hant/", "en/"):
        for page in ("index.html", "essay/index.html", "glossary/index.html", "about/index.html", "404.html"):
            assert (out / prefix / page).exists(), prefix + page
        html = (out / prefix / "essay/index.html").read_text(encoding="utf-8")
        assert re.findall(r'<section class="para" id="(p\d+)"', html) == [p.id for p in edition.paragraphs]


def test_quoted_characters_are_not_converted():
    upper = lambda s: s.upper()  # noqa: E731  (a stand-in converter that shows what it touched)
    assert convert_prose("left ⟦于⟧ alone, ⟦x⟧ too", upper) == "LEFT 于 ALONE, x TOO"
    assert unmark("left ⟦于⟧ alone") == "left 于 alone"


def test_citation_formats_are_written_once_and_name_the_paragraph_slot(edition):
    page = str(essay_page(view(edition, "zh-Hant", "https://example.org/ed/")))
    assert page.count('id="cite-formats"') == 1 and page.count('class="cite-text"') == 3
    gbt, apa, chicago = re.findall(r'<p class="cite-text">(.*?)</p>', page)
    # the formats themselves are checked against citeproc-js in tests/test_citations.py
    assert "[產業互聯網：從流量獲取到深度賦能][EB/OL]" in gbt
    assert ', para. <span class="cite-n">N</span>)</p>' in page and "para." not in apa
    assert '<a class="cite-url">https://example.org/ed/zh-hant/essay/#pN</a>' in chicago
    # each paragraph's cite box carries its own number and address for edition.js to fill in
    assert '<details class="cite" data-n="12" data-url="https://example.org/ed/zh-hant/essay/#p12" hidden>' in page


def test_essay_page_escapes_and_marks(edition, labels):
    page = str(essay_page(view(edition, "zh-Hans")))
    assert page.count('<section class="para"') == len(edition.paragraphs)
    assert page.count('class="sic"') == len(edition.sics)
    assert 'id="note-e1"' in page and 'id="ref-e1"' in page
    english = str(essay_page(view(edition, "en")))
    first = english.index('<section class="para" id="p1"')
    assert english.index('class="para-en"', first) < english.index('class="para-zh"', first)


def test_front_matter_is_read_by_mkdocs_in_every_version(built_site):
    # A title with a colon once made the English front matter invalid YAML, silently dropped.
    out = built_site[0]
    for prefix in ("", "zh-hant/", "en/"):
        html = (out / prefix / "essay/index.html").read_text(encoding="utf-8")
        assert 'data-md-type="navigation" hidden' in html, prefix
        assert '<meta name="description" content="' in html


def test_one_sitemap_lists_every_page_of_every_version_with_alternates(built_site):
    out, base, _, _ = built_site
    xml = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    for prefix in ("", "zh-hant/", "en/"):
        assert base + prefix + "essay/" in locs
    assert len(locs) == len(set(locs)) == 3 * len(list((out / "en").glob("*/index.html")) + [1])
    assert f'hreflang="zh-Hant" href="{base}zh-hant/about/"' in xml
    import gzip
    assert gzip.decompress((out / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml


def test_citations_in_every_version_give_the_paragraph_address(built_site):
    out, base = built_site[0], built_site[1]
    for prefix in ("", "zh-hant/", "en/"):
        html = (out / prefix / "essay/index.html").read_text(encoding="utf-8")
        links = re.findall(r'<details class="cite" data-n="(\d+)" data-url="([^"]+)"', html)
        assert links == [(str(n), f"{base}{prefix}essay/#p{n}") for n in range(1, 33)], prefix


def test_translator_notes_are_shown_with_the_paragraphs_they_concern(edition):
    assert edition.translator_notes
    for code in ("zh-Hans", "en"):
        page = str(essay_page(view(edition, code)))
        notes = page[page.index('<dl class="translator-notes">'):page.index("</dl>")]
        assert notes.count("<dt>") == len(edition.translator_notes)
        for n in edition.translator_notes:
            assert n.rendering in notes
            # every paragraph the note concerns is linked, and it really contains one of the forms
            for pid in n.paragraphs:
                assert f'href="#{pid}"' in notes
                assert any(form in edition.paragraph(pid).simplified for form in n.forms)
