"""The downloads: TEI structure, JSON against its schema, and one text in all of them."""
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from lxml import etree

from edition.build import build_edition
from edition.render.exports import downloads, render_json
from tests.helpers import ROOT
from tests.views import downloads_of
from tests.views import labels as site_labels

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


@pytest.fixture(scope="module")
def files(edition):
    return downloads_of(edition)


def reading_from_tei(p) -> str:
    """The reading text of a TEI <p>: <reg> and emendation <corr> are read, a slip's <sic> is kept."""
    out = [p.text or ""]
    for child in p:
        if child.tag == TEI + "choice":
            sic, corr = child.find(TEI + "sic"), child.find(TEI + "corr")
            if corr is not None:
                out.append((corr if corr.get("type") == "emendation" else sic).text)
            else:
                out.append(child.find(TEI + "reg").text)
        else:
            out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return "".join(out)


def test_tei_is_well_formed_tei_with_every_paragraph_and_resolving_links(edition, files):
    root = etree.fromstring(files["edition.tei.xml"].encode("utf-8"))
    assert root.tag == TEI + "TEI"
    assert root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title/{TEI}supplied") is not None
    assert root.find(f".//{TEI}sourceDesc//{TEI}idno[@type='sha256']").text == edition.witness.sha256
    editions = root.findall(f".//{TEI}body/{TEI}div[@type='edition']")
    paragraphs = editions[0].findall(f"{TEI}p")
    assert [p.get(XML_ID) for p in paragraphs] == [p.id for p in edition.paragraphs]
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    pointers = [v for el in root.iter() for a in ("corresp", "ref", "source", "target") if (v := el.get(a))
                and v.startswith("#")]
    assert pointers and all(v[1:] in ids for v in pointers)
    translation = root.find(f".//{TEI}div[@type='translation']")
    assert [p.get("corresp") for p in translation] == [f"#{p.id}" for p in edition.paragraphs]
    assert len(root.findall(f".//{TEI}choice/{TEI}corr[@type='suggestion']")) == len(edition.sics)
    assert len(root.findall(f".//{TEI}choice/{TEI}corr[@type='emendation']")) == len(edition.emendations)
    orig = root.findall(f".//{TEI}choice/{TEI}orig")
    assert {o.text for o in orig} >= {",", "?"}  # the witness's punctuation stays recoverable


def test_json_validates_against_its_schema(files):
    schema = json.loads(files["edition.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(files["edition.json"]), schema)


def test_schema_rejects_what_it_should():
    edition = build_edition(ROOT)
    data = json.loads(render_json(edition))
    schema = json.loads((ROOT / "schema" / "edition.schema.json").read_text(encoding="utf-8"))
    data["paragraphs"][0]["id"] = "para-1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


class _EssayText(HTMLParser):
    """The Chinese text of each paragraph of a built essay page, without the note marks."""

    def __init__(self):
        super().__init__()
        self.texts, self.current, self.skip, self.depth = {}, None, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "para":
            self.current = attrs["id"]
        if tag == "p" and (attrs.get("class") or "") == "para-zh":
            self.depth, self.texts[self.current] = 1, ""
        elif self.depth and tag == "p":
            self.depth += 1
        if self.depth and tag == "a" and "note-ref" in (attrs.get("class") or ""):
            self.skip = 1

    def handle_endtag(self, tag):
        if self.skip and tag == "a":
            self.skip = 0
        if self.depth and tag == "p":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.texts[self.current] += data


def test_round_trip_tei_json_text_and_pages_carry_the_same_text(edition, files, built_site):
    root = etree.fromstring(files["edition.tei.xml"].encode("utf-8"))
    tei = {p.get(XML_ID): reading_from_tei(p) for p in root.find(f".//{TEI}div[@type='edition']")}
    data = json.loads(files["edition.json"])
    for version, key in (("zh-Hans", "zh-Hans"), ("zh-Hant", "zh-Hant"), ("en", "en")):
        lines = [line for line in files[f"edition.{version}.txt"].split("\n") if line and not line.startswith("#")]
        assert lines == [p[key] for p in data["paragraphs"]], version
    assert tei == {p["id"]: p["zh-Hans"] for p in data["paragraphs"]}
    out = built_site[0]
    for prefix, key in (("", "zh-Hans"), ("zh-hant/", "zh-Hant")):
        parser = _EssayText()
        parser.feed((out / prefix / "essay/index.html").read_text(encoding="utf-8"))
        assert parser.texts == {p["id"]: p[key] for p in data["paragraphs"]}, prefix
    for name, content in files.items():  # the site serves exactly these bytes
        assert (out / "downloads" / name).read_text(encoding="utf-8") == content


def test_downloads_are_reproducible(edition):
    labels = site_labels()
    names = {code: labels[code]["site_name"] for code in labels}
    again = downloads(build_edition(ROOT), names)
    assert downloads(edition, names) == again
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", again["edition.json"] + again["edition.tei.xml"])


def test_hostile_text_is_escaped_in_every_export(tmp_path):
    from tests.helpers import make_project
    root = make_project(tmp_path, "好<script>alert(1)</script>&amp;。",
                        accepted=[{"form": "<script>alert(1)</script>&amp;", "reason": {"zh": "测", "en": "t"}}],
                        translation={"p1": "<img src=x onerror=alert(1)>"})
    hostile = build_edition(root, check=False)
    out = downloads(hostile, {"zh-Hans": "<b>", "zh-Hant": "<b>", "en": "<b>"})
    tei = etree.fromstring(out["edition.tei.xml"].encode("utf-8"))  # still well-formed
    assert "<script>" not in out["edition.tei.xml"] and "&lt;script&gt;" in out["edition.tei.xml"]
    assert "<img" not in out["edition.tei.xml"]
    assert json.loads(out["edition.json"])["paragraphs"][0]["en"] == "<img src=x onerror=alert(1)>"
    assert tei is not None
