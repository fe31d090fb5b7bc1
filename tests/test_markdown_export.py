"""The paragraph-annotated Markdown downloads (edition.*.md), read back by Markdown tools.

Each download is rendered with Python-Markdown (``attr_list`` and ``footnotes``, as other tools
would read it) and parsed with lxml; the oracle is the plain-text download of the same version
(one paragraph a line) and the notes of the edition. Pandoc, when installed, must find the same
anchors and text (``commonmark_x``); it is not installed by ``make test``, so that check skips.
"""
from __future__ import annotations

import shutil
import string
import subprocess

import lxml.html
import markdown
import pytest

from edition.build import build_edition
from edition.render.markdown_export import footnote_labels, markdown_text
from tests.helpers import ROOT
from tests.views import downloads_of

VERSIONS = ("zh-Hans", "zh-Hant", "en")
SUPPLIED = "[title supplied by the editors]"


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


@pytest.fixture(scope="module")
def files(edition):
    return downloads_of(edition)


def text_lines(files, version: str) -> list[str]:
    """The paragraphs of the plain-text download: the lines after its header's blank line."""
    lines = files[f"edition.{version}.txt"].split("\n")
    assert lines[-1] == ""
    return lines[lines.index("") + 1:-1]


def python_markdown(text: str):
    return lxml.html.fragment_fromstring(markdown.markdown(text, extensions=["attr_list", "footnotes"]),
                                         create_parent="div")


def without(el, xpath: str) -> str:
    """The text of a copy of ``el`` with the elements matching ``xpath`` removed (their tails kept)."""
    el = lxml.html.fromstring(lxml.html.tostring(el, encoding="unicode"))
    for ref in el.xpath(xpath):
        ref.drop_tree()
    return el.text_content()


def pandoc(reader: str, text: str):
    html = subprocess.run(["pandoc", "-f", reader, "-t", "html", "--wrap=none"], input=text,
                          capture_output=True, text=True, check=True).stdout
    return lxml.html.fragment_fromstring(html, create_parent="div")


PM_REF = "descendant::sup[starts-with(@id, 'fnref')]"       # Python-Markdown's footnote reference


def notes(edition, version: str) -> dict[str, tuple[str, int, str]]:
    """Footnote id → (paragraph, end of the marked span in the version's text, footnote text)."""
    out = {}
    for e in edition.emendations:
        sep = " " if version == "en" else ""
        out[e.id] = (e.paragraph, e.offset + e.length, e.reason[version] + sep + e.evidence[version])
    for s in edition.sics:
        out[s.id] = (s.paragraph, s.offset + len(s.reading), s.reason[version])
    for r in edition.remarks:
        out[r.id] = (r.paragraph, r.end, r.reason[version])
    rank = {**{e.id: 0 for e in edition.emendations}, **{s.id: 1 for s in edition.sics}}
    order = sorted(out, key=lambda nid: (int(out[nid][0][1:]), out[nid][1], rank.get(nid, 2), nid))
    return {nid: out[nid] for nid in order}


@pytest.mark.parametrize("version", VERSIONS)
def test_python_markdown_finds_every_anchor_and_the_text_of_the_plain_download(edition, files, version):
    root = python_markdown(files[f"edition.{version}.md"])
    paragraphs = root.xpath("p[@id]")
    assert [p.get("id") for p in paragraphs] == [f"p{n}" for n in range(1, 33)] == [p.id for p in edition.paragraphs]
    assert [without(p, PM_REF) for p in paragraphs] == text_lines(files, version)
    assert not root.xpath("//p[starts-with(normalize-space(.), '{#')]")   # no attribute list left as text
    title = {"zh-Hans": edition.title_zh, "zh-Hant": edition.title_zh_hant, "en": edition.title_en}[version]
    assert root.xpath("h1")[0].text_content() == f"{title} {SUPPLIED}"
    header = root.xpath("p[not(@id)]")[0].text_content()
    assert edition.witness.url in header and edition.witness.sha256 in header
    assert f"({version})" in header


@pytest.mark.parametrize("version", VERSIONS)
def test_every_emendation_and_sic_is_a_footnote_after_its_span(edition, files, version):
    root = python_markdown(files[f"edition.{version}.md"])
    expected = notes(edition, version)
    assert len(expected) == len(edition.emendations) + len(edition.sics) + len(edition.remarks) > 0
    items = root.xpath("//div[@class='footnote']/ol/li")
    assert [li.get("id") for li in items] == [f"fn:{nid}" for nid in expected]   # paragraph order, then offset
    for li in items:
        nid = li.get("id")[3:]
        assert without(li, "descendant::a[@class='footnote-backref']").strip() == expected[nid][2], nid
    texts = dict(zip([p.id for p in edition.paragraphs], text_lines(files, version), strict=True))
    for nid, (pid, end, _) in expected.items():
        (p,) = root.xpath(f"p[@id='{pid}']")
        (ref,) = p.xpath(f"descendant::sup[@id='fnref:{nid}']")
        assert ref.xpath("a/@href") == [f"#fn:{nid}"]
        # the text before the reference, other references left out, is the text up to the span's end
        # (the end of the paragraph in the English version, whose text has no marked spans)
        before = lxml.html.fromstring(lxml.html.tostring(p, encoding="unicode"))
        cut = before.xpath(f"descendant::sup[@id='fnref:{nid}']")[0]
        for el in list(cut.itersiblings()):
            el.drop_tree()
        cut.tail = ""
        end = len(texts[pid]) if version == "en" else end
        assert without(before, PM_REF) == texts[pid][:end], nid


def test_chinese_texts_keep_mixed_forms_and_carry_no_escapes(files):
    zh = files["edition.zh-Hans.md"]
    assert "以B端" in zh and "B端流量" in zh       # the author's mixed form is written as it is
    body = zh.split("\n\n", 2)[2]
    assert "\\" not in body.split("\n[^")[0]      # the Chinese reading text needs no escape at all


HOSTILE = [
    "1. list", "1) list", "- item", "+ item", "* item", "# heading", "> quote", "    code", "\tcode", " a", "a ",
    "a  ", "a\nb", "a\n\nb", "\xa0a\xa0", "x {#evil}", "x\n{#evil}", "{: .c}", "[^s1]", "[^s1]: note", "<b>x</b>",
    "<!-- c -->", "&amp;", "&#65;", "*em* _em_ **b** __b__", "`code`", "[l](u)", "![i](u)", "<http://x.y>",
    "http://x.y", "www.x.y", "=== ", "---", "***", ":smile:", ": def", "\\", "\\*", "B端", "--", "...", '"q"',
    "'q'", "~~s~~", "~s~", "^s^", "$x$", "@cite", "| a | b |", "a\u2028b", "^[inline]", "[x]{#y}", "%title",
    "a\\\nb", "1\\. x", "<x@y.z>", "==mark==", "++ins++", "{{ 7*7 }}", "{% raw %}", "\u3000全角空格\u3000",
    string.punctuation, string.punctuation[::-1], "".join(c * 3 for c in string.punctuation),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_comes_back_exactly_from_python_markdown(text):
    for doc, where in ((f"{markdown_text(text)}\n{{#p1}}", "p[@id='p1']"),
                       (f"a{markdown_text(text)}b[^n]\n{{#p1}}\n\n[^n]: n", "p[@id='p1']"),
                       (f"x[^n]\n{{#p1}}\n\n[^n]: {markdown_text(text)}", "//li[@id='fn:n']")):
        (el,) = python_markdown(doc).xpath(where)
        got = without(el, PM_REF + " | descendant::a[@class='footnote-backref']")
        if where.startswith("//li"):
            assert got.strip() == text.strip(), doc           # a footnote's text is trimmed by the reader
        else:
            assert got == (text if doc.startswith(markdown_text(text)) else f"a{text}b"), doc


def test_footnote_labels_are_the_ids_unless_unsafe_or_shared():
    assert footnote_labels(["e1", "s1", "s2"]) == ["e1", "s1", "s2"]
    assert footnote_labels(["s1", "a]b", "note-2", "x y"]) == ["s1", "note-2-", "note-2", "note-4"]
    assert footnote_labels(["e1", "s1", "e1"]) == ["note-1", "s1", "note-3"]   # one id, two notes: two labels


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (optional: apt-get install pandoc)")
@pytest.mark.parametrize("version", VERSIONS)
def test_pandoc_reads_the_anchors_and_the_text(edition, files, version):
    """Pandoc's commonmark_x reads ``{#pN}`` after a paragraph's last line as an attribute of its
    last inline: an empty <span id="pN"> at the end of that paragraph. The text is the same."""
    root = pandoc("commonmark_x", files[f"edition.{version}.md"])
    anchors = root.xpath("//*[@id][starts-with(@id, 'p') and translate(substring(@id, 2), '0123456789', '') = '']")
    assert [a.get("id") for a in anchors] == [p.id for p in edition.paragraphs]
    paragraphs = [a.getparent() for a in anchors]
    assert all(a.tag == "span" and p.tag == "p" for a, p in zip(anchors, paragraphs, strict=True))
    texts = [without(p, "descendant::a[@class='footnote-ref'] | descendant::span[@id]") for p in paragraphs]
    assert texts == text_lines(files, version)
    assert len(root.xpath("//a[@class='footnote-ref']")) == \
        len(edition.emendations) + len(edition.sics) + len(edition.remarks)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (optional: apt-get install pandoc)")
@pytest.mark.parametrize("reader", ["commonmark_x", "markdown", "commonmark", "gfm", "markdown_strict"])
def test_markdown_text_comes_back_exactly_from_pandoc(reader):
    doc = "\n\n".join(markdown_text(text) for text in HOSTILE)
    paragraphs = pandoc(reader, doc).xpath("p")
    assert [p.text_content() for p in paragraphs] == HOSTILE


def test_the_site_publishes_the_markdown_downloads_as_they_are(files, built_site):
    """MkDocs would render a generated .md file as a page; the plugin copies the downloads as data."""
    downloads = built_site[0] / "downloads"
    for version in VERSIONS:
        assert (downloads / f"edition.{version}.md").read_text(encoding="utf-8") == files[f"edition.{version}.md"]
        assert not (downloads / f"edition.{version}").exists()
