"""The TEI export (edition.render.tei).

- Hostile strings come back exactly, checked by an XML parser (lxml), not by the renderer's own
  escaping; the layout adds no whitespace to the text.
- The witness file is rebuilt byte for byte from the TEI alone (its transcription division), and
  the same division reads as the reading text.
- Notes point at their span; the Traditional division marks the same interventions; the header
  has the edition, licence, witness list and revisions; every English element is in English.
- The built TEI is valid against TEI P5 ``tei_all`` 4.3.0, by jing (tests/reference/tei/).
"""
import dataclasses
import hashlib
import importlib.metadata
import re
import shutil
import subprocess

import pytest
from lxml import etree

from edition.build import build_edition
from edition.model import Annotation, Note, Occurrence, RegularizationKind, Term
from edition.release import RELEASES
from edition.render.exports import downloads
from edition.render.tei import LICENCE, SCRIPT, render_tei
from tests.helpers import ROOT, make_project
from tests.views import labels as site_labels

TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"
RNG = ROOT / "tests" / "reference" / "tei" / "tei_all.rng"
WITNESS_FILE = ROOT / "source" / "000_b22beb1574a218cb.txt"
ODD = "\u00a0\u200b\u202e𠀀e\u0301👩\u200d💻\ufb01\u2028Ⅻ\u3000"   # no controls, but nothing plain either
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>]]>&amp;{{ x }}' + ODD


def v(field: str) -> str:
    """A hostile value unique to one field, so each can only come back from its own place."""
    return f"{field}:{HOSTILE}"


def note(field: str) -> Note:
    return Note(v(field + ".zh"), v(field + ".zh-hant"), v(field + ".en"))


def hostile_edition(tmp_path, text_is_one_term=False):
    """A crafted edition with a hostile value in every text field that reaches the TEI. The
    pipeline makes a real emendation, slip and regularization; their fields are then replaced,
    and the witness line, diplomatic text and annotation are made to agree with them (the
    transcription walks the witness line with the model's columns)."""
    edition = build_edition(make_project(
        tmp_path, "這(zhè)是好,功劳薄。", translation={"p1": "x"},
        emendations=[{"id": "e1", "line": 1, "witness": "這(zhè)是", "reading": "這(zhè)就是",
                      "reason": {"zh": "脱字", "en": "dropped"}, "evidence": {"zh": "文义", "en": "sense"}}],
        sic=[{"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿",
              "reason": {"zh": "成语", "en": "idiom"}}]), check=False)
    p = edition.paragraphs[0]
    (e,), (s,), (r,) = p.emendations, p.sics, p.regularizations
    term_text = v("term.zh-hans")
    if text_is_one_term:
        parts, emendations, sics, regs, annotations = [term_text], (), (), (), ()
        witness = term_text
    else:
        parts = [v("text0"), v("emended"), v("text1"), v("slip"), v("text2"), v("regularized"), v("text3"),
                 term_text, v("text4")]
    at = {part: sum(map(len, parts[:i])) for i, part in enumerate(parts)}
    if not text_is_one_term:
        group = f"({v('annotation')})"   # the converter's annotation of the last character of text0
        annotations = (Annotation(parts[0][-1], v("annotation"), len(parts[0]) + 1, len(parts[0]) - 1),)
        witness = parts[0] + group + v("witness") + "".join(parts[2:])
        emendations = (dataclasses.replace(e, witness=v("witness"), reading=v("emended"), reason=note("e.reason"),
                                           evidence=note("e.evidence"), col=len(parts[0] + group) + 1,
                                           offset=at[v("emended")], length=len(v("emended"))),)
        sics = (dataclasses.replace(s, reading=v("slip"), suggestion=v("suggestion"),
                                    suggestion_hant=v("suggestion-hant"), reason=note("s.reason"),
                                    offset=at[v("slip")]),)
        regs = (dataclasses.replace(r, offset=at[v("regularized")], orig=v("orig"), reg=v("regularized"),
                                    kind=RegularizationKind.PHRASE),)
    term = Term(id="t1", zh_hans=term_text, zh_hant=v("term.zh-hant"), pinyin=v("pinyin"), en=v("term.en"),
                group="g", definition=note("definition"), occurrences=(Occurrence("p1", at[term_text]),))
    p = dataclasses.replace(p, witness=witness, diplomatic="".join(parts), simplified="".join(parts),
                            traditional=v("traditional"), english=v("english"), annotations=annotations,
                            emendations=emendations, sics=sics, regularizations=regs)

    def step(st, name):
        return dataclasses.replace(st, config=v(name + ".config"), reason=note(name + ".reason"))

    return dataclasses.replace(
        edition, title_zh=v("title-zh"), title_en=v("title-en"), translator=v("translator"), paragraphs=(p,),
        witness=dataclasses.replace(edition.witness, url=v("url"), published=v("published"),
                                    description=note("description")),
        simplified_step=step(edition.simplified_step, "simplified"),
        traditional_step=step(edition.traditional_step, "traditional"),
        punctuation_reason=note("punctuation"), glossary=(term,))


def test_hostile_strings_come_back_exactly_from_every_field(tmp_path):
    edition = hostile_edition(tmp_path)
    root = etree.fromstring(render_tei(edition, v("site-zh"), v("site-en")).encode("utf-8"))
    leaves = [el.text for el in root.iter() if len(el) == 0]
    expected = ["title-zh", "title-en", "translator", "site-zh", "site-en", "url", "published",
                "description.en", "description.zh", "simplified.reason.en", "simplified.reason.zh",
                "traditional.reason.en", "traditional.reason.zh", "punctuation.en", "punctuation.zh",
                "english", "witness", "emended", "slip", "suggestion", "orig", "regularized",
                "term.zh-hans", "term.zh-hant", "pinyin", "term.en", "definition.en", "definition.zh",
                "s.reason.en", "s.reason.zh"]
    for field in expected:
        assert v(field) in leaves, field
    assert f"({v('annotation')})" in leaves
    assert f"{v('e.reason.en')} {v('e.evidence.en')}" in leaves
    assert v("e.reason.zh") + v("e.evidence.zh") in leaves
    assert root.find(f".//{TEI}ref").get("target") == "http://" + v("url")
    assert root.find(f".//{TEI}sourceDesc//{TEI}date").get("when") == v("published")
    normalization = "".join(root.find(f".//{TEI}normalization/{TEI}p").itertext())
    assert f"OpenCC {v('simplified.config')};" in normalization
    assert normalization.endswith(f"OpenCC {v('traditional.config')}.")
    p1 = root.find(f".//{TEI}div[@type='edition']/{TEI}p")
    assert p1.text == v("text0") and [c.tail for c in p1] == [v(f"text{i}") for i in range(1, 5)]
    assert "".join(p1.itertext()) == v("text0") + v("witness") + v("emended") + v("text1") + v("slip") + \
        v("suggestion") + v("text2") + v("orig") + v("regularized") + v("text3") + v("term.zh-hans") + v("text4")
    assert "".join(root.find(f".//{TEI}div[@subtype='traditional']/{TEI}p").itertext()) == v("traditional")
    assert [witness_text(ab) for ab in transcription(root)] == [edition.paragraphs[0].witness]
    for el in root.iter():
        names = [etree.QName(el).localname] + [etree.QName(a).localname for a in el.attrib]
        assert not {"script", "img", "onerror"} & {n.lower() for n in names}


def test_layout_adds_no_whitespace_to_a_paragraph_that_is_all_markup(tmp_path):
    xml = render_tei(hostile_edition(tmp_path, text_is_one_term=True), "a", "b")
    p1 = etree.fromstring(xml.encode("utf-8")).find(f".//{TEI}div[@type='edition']/{TEI}p")
    assert p1.text is None and len(p1) == 1 and p1[0].tail is None and p1[0].text == v("term.zh-hans")


def test_a_character_xml_cannot_carry_is_refused(tmp_path):
    edition = build_edition(make_project(tmp_path, "甲乙。", translation={"p1": "a\x01b"}), check=False)
    with pytest.raises(ValueError, match="U\\+0001"):
        render_tei(edition, "a", "b")


# --- the real edition ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edition():
    return build_edition(ROOT)


@pytest.fixture(scope="module")
def tei_xml(edition):
    """The TEI download exactly as the site and the CLI write it."""
    labels = site_labels()
    return downloads(edition, {code: labels[code]["site_name"] for code in labels})["edition.tei.xml"]


@pytest.fixture(scope="module")
def root(tei_xml):
    return etree.fromstring(tei_xml.encode("utf-8"))


def name(el) -> str:
    return etree.QName(el).localname


def by_id(root) -> dict:
    return {el.get(f"{XML}id"): el for el in root.iter() if el.get(f"{XML}id")}


def resolve(root, pointer: str):
    assert pointer.startswith("#"), pointer
    return by_id(root)[pointer[1:]]


def transcription(root) -> list:
    return root.findall(f".//{TEI}body/{TEI}div[@type='transcription']/{TEI}ab")


def witness_ids(root) -> set[str]:
    return {"#" + w.get(f"{XML}id") for w in root.iterfind(f".//{TEI}sourceDesc/{TEI}listWit/{TEI}witness")}


def witness_text(el, witnesses=frozenset({"#W"})) -> str:
    """What the witness has at ``el``: its text, <orig>, <sic>, <add> and the witness's <rdg>,
    never <reg>, <corr>, <lem> or another source's <rdg>. Knows nothing of the renderer."""
    out = [el.text or ""]
    for child in el:
        other_source = name(child) == "rdg" and child.get("wit") not in witnesses
        if name(child) not in ("reg", "corr", "lem") and not other_source:
            out.append(witness_text(child, witnesses))
        out.append(child.tail or "")
    return "".join(out)


def reading_text(el) -> str:
    """What the edition reads at ``el``: text, <reg>, <lem>, an emendation's <corr>, an author's slip
    (<sic> beside a suggested <corr>), without the witness's <orig>, <rdg> and the converter's <add>s."""
    slip = name(el) == "choice" and el.find(f"{TEI}corr[@type='suggestion']") is not None
    skip = {"corr", "orig", "rdg"} if slip else {"sic", "orig", "rdg"}
    out = [el.text or ""]
    for child in el:
        if name(child) not in skip and not (name(child) == "add" and child.get("hand") == "#converter"):
            out.append(reading_text(child))
        out.append(child.tail or "")
    return "".join(out)


def rebuild_witness(root) -> bytes:
    """The witness file from the TEI alone: the transcription's lines, in order, joined by LF."""
    lines = transcription(root)
    assert [int(ab.get("n")) for ab in lines] == list(range(1, len(lines) + 1))
    return "\n".join(witness_text(ab, witness_ids(root)) for ab in lines).encode("utf-8")


def test_the_witness_is_rebuilt_byte_for_byte_from_the_tei_alone(root):
    rebuilt = rebuild_witness(root)
    original = WITNESS_FILE.read_bytes()
    assert rebuilt == original
    digest = hashlib.sha256(rebuilt).hexdigest()
    assert digest == root.find(f".//{TEI}sourceDesc//{TEI}idno[@type='sha256']").text
    assert digest == "1b627aabc66311a71d21f2c79ff2087aa829a7704dc591877f88bdb7b247a39f"
    extent = root.find(f".//{TEI}sourceDesc//{TEI}extent").text
    assert extent == f"{len(rebuilt)} bytes, {len(transcription(root))} lines"


def test_a_crafted_witness_with_blank_and_dropped_lines_is_rebuilt_and_valid(tmp_path):
    """Blank and boilerplate lines, an emendation that keeps an annotation in its reading, one
    whose character's annotation follows it: the witness comes back byte for byte."""
    text = "這(zhè)是好,功劳薄。\n\n乙乙(yǐ)說了?\n分享到微信 ×\n"
    project = make_project(
        tmp_path, text, translation={"p1": "a", "p2": "b"},
        boilerplate=[{"id": "share", "match": "分享到微信 ×", "reason": {"zh": "组件", "en": "widget"}}],
        emendations=[{"id": "e1", "line": 1, "witness": "這(zhè)是", "reading": "這(zhè)就是",
                      "reason": {"zh": "脱字", "en": "dropped"}, "evidence": {"zh": "文义", "en": "sense"}},
                     {"id": "e2", "line": 3, "witness": "乙乙", "reading": "乙",
                      "reason": {"zh": "衍字", "en": "doubled"}, "evidence": {"zh": "文义", "en": "sense"}}],
        sic=[{"id": "s1", "paragraph": "p1", "reading": "功劳薄", "suggestion": "功劳簿",
              "reason": {"zh": "成语", "en": "idiom"}}])
    edition = build_edition(project, check=False)
    xml = render_tei(edition, "站", "site")
    root = etree.fromstring(xml.encode("utf-8"))
    assert rebuild_witness(root) == text.encode("utf-8")
    assert [ab.get("type") for ab in transcription(root)] == [None, "dropped", None, "dropped", "dropped"]
    for p in edition.paragraphs:
        assert reading_text(resolve(root, f"#line-{p.line}")) == p.simplified
    jing(xml, tmp_path)


def test_the_transcription_records_every_conversion_and_annotation(edition, root):
    lines = {ab.get("corresp"): ab for ab in transcription(root) if ab.get("type") != "dropped"}
    assert list(lines) == [f"#{p.id}" for p in edition.paragraphs]
    changed = script = 0
    for p in edition.paragraphs:
        ab = lines[f"#{p.id}"]
        assert reading_text(ab) == p.simplified
        adds = ab.findall(f".//{TEI}add")
        assert [a.text for a in adds] == [f"({a.pinyin})" for a in p.annotations]
        assert all(a.get("hand") == "#converter" and a.get(f"{XML}lang") == "zh-Latn-pinyin" for a in adds)
        choices = ab.findall(f".//{TEI}choice")
        diffs = [(d, s) for d, s in zip(p.diplomatic, p.simplified, strict=True) if d != s]
        assert [(c.find(f"{TEI}orig").text, c.find(f"{TEI}reg").text) for c in choices] == diffs
        changed += len(diffs)
        script += len(ab.findall(f".//{TEI}reg[@type='{SCRIPT}']"))
    assert sum(len(p.annotations) for p in edition.paragraphs) == 341
    assert script == sum(p.converted for p in edition.paragraphs) == 622
    assert changed == 622 + 3 + 82   # the converter's characters, the particle 著 three times, the punctuation
    assert resolve(root, "#converter").tag == TEI + "handNote"


def test_emendations_give_the_witness_reading_with_wit(edition, root):
    apps = root.findall(f".//{TEI}div[@type='transcription']//{TEI}app")
    assert len(apps) == len(edition.emendations) == 1
    for app, e in zip(apps, edition.emendations, strict=True):
        (rdg,) = app.findall(f"{TEI}rdg")
        assert rdg.get("wit") in witness_ids(root) and rdg.text == e.witness
        p = edition.paragraph(e.paragraph)
        assert reading_text(app.find(f"{TEI}lem")) == p.simplified[e.offset:e.offset + e.length]
        assert resolve(root, app.get("corresp")).tag == TEI + "choice"
    assert witness_ids(root) == {"#W"}
    assert all(el.get("wit") in witness_ids(root) for el in root.iter() if el.get("wit"))


def test_notes_point_at_their_span(edition, root):
    for s in edition.sics:
        note = resolve(root, f"#{s.id}")
        span = resolve(root, note.get("target"))
        assert span.tag == TEI + "choice" and span.find(f"{TEI}sic").text == s.reading
        assert span.find(f"{TEI}corr[@type='suggestion']").text == s.suggestion
        assert span.getparent().get(f"{XML}id") == s.paragraph
    for e in edition.emendations:
        span = resolve(root, resolve(root, f"#{e.id}").get("target"))
        assert span.find(f"{TEI}sic").text == e.witness
        assert span.find(f"{TEI}corr").text == edition.paragraph(e.paragraph).simplified[e.offset:e.offset + e.length]
    dropped = root.findall(f".//{TEI}div[@type='apparatus']/{TEI}note[@type='dropped']")
    assert len(dropped) == len(edition.dropped) == 3
    for n, d in zip(dropped, edition.dropped, strict=True):
        ab = resolve(root, n.get("target"))
        assert ab.get("type") == "dropped" and ab.get("subtype") == d.rule and ab.text == d.text
        assert n.find(f"{TEI}p[@{XML}lang='en']").text == d.reason.en


def test_the_traditional_division_marks_the_same_interventions(edition, root):
    simplified = root.find(f".//{TEI}body/{TEI}div[@type='edition']")
    traditional = root.find(f".//{TEI}body/{TEI}div[@subtype='traditional']")
    expected = {"emendation": "corr", "suggestion": "sic", None: "reg"}
    for sp, tp, p in zip(simplified, traditional, edition.paragraphs, strict=True):
        assert tp.get("corresp") == f"#{p.id}" and "".join(tp.itertext()) == p.traditional
        marks = []
        for c in sp:
            if name(c) == "choice":
                corr = c.find(f"{TEI}corr")
                marks.append((expected[corr.get("type") if corr is not None else None], "#" + c.get(f"{XML}id")))
            elif name(c) == "seg":   # an editors' remark
                marks.append(("seg", "#" + c.get(f"{XML}id")))
            elif name(c) == "anchor":   # where a clause of the translation starts (edition.clauses)
                marks.append(("anchor", "#" + c.get(f"{XML}id")))
            else:
                marks.append((name(c), c.get("ref")))
        assert [(name(c), c.get("corresp") or c.get("ref")) for c in tp] == marks
        offsets = [len(sp.text or "")]
        for c in sp:   # the marks stand on the same characters in both scripts
            offsets.append(offsets[-1] + len(reading_text(c)) + len(c.tail or ""))
        t_offsets = [len(tp.text or "")]
        for c in tp:
            t_offsets.append(t_offsets[-1] + len(c.text or "") + len(c.tail or ""))
        assert offsets == t_offsets
    regs = traditional.findall(f".//{TEI}reg")
    assert regs and all(resolve(root, r.get("corresp")).find(f"{TEI}reg").get("type") == r.get("type") for r in regs)
    assert len(traditional.findall(f".//{TEI}sic")) == len(edition.sics)


def test_header_states_edition_publication_licence_and_revisions(root):
    header = root.find(f"{TEI}teiHeader")
    version, date, _ = RELEASES[0]
    assert version == importlib.metadata.version("chanye-edition")   # the package's version (pyproject.toml)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", date)
    edition_el = header.find(f"{TEI}fileDesc/{TEI}editionStmt/{TEI}edition")
    assert edition_el.get("n") == version and edition_el.find(f"{TEI}date").get("when") == date
    pub = header.find(f"{TEI}fileDesc/{TEI}publicationStmt")
    assert pub.find(f"{TEI}date").get("when") == date
    licence = pub.find(f"{TEI}availability/{TEI}licence")
    assert licence.get("target") == LICENCE and "CC BY 4.0" in licence.text
    assert "not covered" in "".join(pub.find(f"{TEI}availability/{TEI}p").itertext())
    changes = header.findall(f"{TEI}revisionDesc/{TEI}change")
    assert changes and all(re.fullmatch(r"\d{4}-\d\d-\d\d", c.get("when")) and c.text for c in changes)
    assert changes[0].get("when") == date
    assert [c.get("when") for c in changes] == sorted((c.get("when") for c in changes), reverse=True)


def lang(el) -> str:
    while el is not None:
        if el.get(f"{XML}lang"):
            return el.get(f"{XML}lang")
        el = el.getparent()
    return ""


HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")   # tone-marked pinyin included
LATIN_WORD = re.compile(LATIN.pattern + "{2,}")


def test_every_element_is_in_the_language_of_its_text(root):
    """English prose is xml:lang="en" (explicitly where it stands in a zh-Hans context), Chinese is
    zh-*, pinyin zh-Latn-pinyin; identifiers, addresses and dates are left alone."""
    assert root.get(f"{XML}lang") == "zh-Hans" and root.find(f"{TEI}teiHeader").get(f"{XML}lang") == "en"
    checked = 0
    for el in root.iter():
        if name(el) in ("idno", "ref", "date"):
            continue
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        words, letters, han = len(LATIN_WORD.findall(own)), len(LATIN.findall(own)), len(HAN.findall(own))
        if words >= 2 and letters > han or words and not han:   # English (quoting characters perhaps), pinyin
            assert lang(el) in ("en", "zh-Latn-pinyin"), (el.tag, own[:60])
            checked += 1
        elif han:
            assert lang(el).startswith("zh") and lang(el) != "zh-Latn-pinyin", (el.tag, own[:60])
    assert checked > 400   # the header, the translation, the notes, the pinyin
    assert all(lang(el) == "en" for el in root.iter(f"{TEI}gloss"))
    assert lang(root.find(f".//{TEI}div[@type='translation']/{TEI}p")) == "en"


def test_every_type_is_one_token_and_the_text_has_no_layout_whitespace(root):
    types = [el.get("type") for el in root.iter() if el.get("type") is not None]
    assert types and all(re.fullmatch(r"\S+", t) for t in types)
    assert {el.get("type") for el in root.iter(f"{TEI}reg")} <= {k.value for k in RegularizationKind} | {SCRIPT}
    for p in [*root.iter(f"{TEI}p"), *root.iter(f"{TEI}ab")]:
        assert not re.search(r"\n\s", "".join(p.itertext()))


def test_every_pointer_resolves_and_every_id_is_unique(root):
    ids = [el.get(f"{XML}id") for el in root.iter() if el.get(f"{XML}id")]
    assert len(ids) == len(set(ids))
    pointers = [p for el in root.iter() for a in ("corresp", "ref", "source", "target", "wit", "resp", "hand", "who")
                for p in (el.get(a) or "").split() if p.startswith("#")]
    assert len(pointers) > 500 and all(p[1:] in set(ids) for p in pointers)


# --- validity --------------------------------------------------------------------------------

def jing(xml: str, tmp_path) -> None:
    """Validate with jing against the vendored tei_all.rng; every error line is shown on failure."""
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (Debian package 'jing'; scripts/setup-test-tools.sh installs it)")
    path = tmp_path / "edition.tei.xml"
    path.write_text(xml, encoding="utf-8")
    result = subprocess.run(["jing", str(RNG), str(path)], capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line or ": fatal:" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors or [result.stdout, result.stderr])


def test_the_tei_is_valid_against_tei_all(tei_xml, tmp_path):
    jing(tei_xml, tmp_path)


def test_jing_finds_an_invalid_tei(tei_xml, tmp_path):
    """The check can fail: an element TEI does not have is reported."""
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (Debian package 'jing'; scripts/setup-test-tools.sh installs it)")
    with pytest.raises(AssertionError, match="not allowed"):
        jing(tei_xml.replace("<body>", "<body><paragraph/>", 1), tmp_path)


def test_the_vendored_schema_is_the_one_its_readme_names():
    readme = (RNG.parent / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(RNG.read_bytes()).hexdigest() in readme
    assert "TEI Edition: Version 4.3.0" in RNG.read_text(encoding="utf-8")[:1000]
