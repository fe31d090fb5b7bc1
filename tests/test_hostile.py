"""Hostile strings in every editorial, source and label field come out as inert text in every output.

The real project (its git-tracked files, and new files git does not ignore) is copied into a
temporary folder once per payload.
Every string field that reaches an output gets the payload, tagged with the field's name
(``Xglossary-en: <script>alert(1)</script>``), so one build checks every field at once and a
failure names the field. Each copy is built twice, as a reader and a user get it:
``python -m mkdocs build --strict`` (all three versions) and ``python scripts/build.py``.

The oracle is independent of the renderers: every HTML page is tokenized by the standard
library's ``html.parser`` and parsed by ``lxml.html``; the TEI by ``lxml.etree``; JSON by ``json``.
An output passes when

* no page has active content: no ``<script>`` except the site's own files under ``assets/``
  (and Material's ``application/json`` data block, which must parse as JSON), no ``on*``
  attribute, no ``javascript:`` URL, no ``<img>``/``<iframe>``/``<object>``/``<embed>``/``<base>``,
  no ``<meta http-equiv=refresh>``, no ``<em>``/``<b>``/… made from the Markdown payload;
* every place a field's tag appears in an output (page text, attribute values, decoded JSON
  strings, TEI text and attributes, plain text) carries the payload character for character:
  ``&amp;`` stays five characters, ``{{ 7*7 }}`` never becomes ``49``, ``*em*`` stays starred;
* the field appears, exactly, in the outputs where it is shown (``SHOWN``).

Fields with a constrained shape (ids, the publication date, enumerations, the term of a
translator's note) must either stop the build with a located error (``file:line``, exit status
2, PluginError) or come out inert like the others; which one happens is decided per payload
before the build, so a rejected value never hides the other fields.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import string
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
import yaml
from lxml import etree

from edition.labels import FILLED_BY_SCRIPT
from edition.plugin.offline import ZIP_NAME

ROOT = Path(__file__).resolve().parent.parent
# the site as `make build` makes it: with the zip of the site read from a folder in its downloads
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_OFFLINE_ZIP": "true"}
VERSIONS = {"": "zh-Hans", "zh-hant/": "zh-Hant", "en/": "en"}   # site folder → version


# --- payloads -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    start: bool = False          # the payload must open the value (a URL scheme), else it ends it

    def probe(self, tag: str) -> str:
        return f"{self.text}{tag}" if self.start else f"{tag} {self.text}"


PAYLOADS = (
    Payload("script", "<script>alert(1)</script>"),
    Payload("img", '"><img src=x onerror=alert(1)>'),
    Payload("quote", "'onmouseover='alert(1)"),
    Payload("cdata", "]]>"),
    Payload("jinja-expr", "{{ 7*7 }}"),
    Payload("jinja-raw", "{% raw %}"),
    Payload("md-link", "[x](javascript:alert(1))"),
    Payload("md-emph", "*em* _u_ <b>b</b>"),
    Payload("attr-list", '{: onclick="alert(1)" }'),
    Payload("entity", "&amp;"),
    Payload("js-url", "javascript:alert(1)//", start=True),   # a value that would be a link target
)
BY_NAME = {p.name: p for p in PAYLOADS}


# --- fields ---------------------------------------------------------------------------------

W, B, E, S, C = ("editorial/witness.yaml", "editorial/boilerplate.yaml", "editorial/emendations.yaml",
                 "editorial/sic.yaml", "editorial/conversion.yaml")
T, G, A, UI = ("editorial/translation.en.yaml", "editorial/glossary.yaml", "editorial/argument.yaml",
               "i18n/ui.yaml")
ZH = frozenset({"html:zh-Hans", "html:zh-Hant"})
EN = frozenset({"html:en"})
JSON = frozenset({"json"})
DATA = frozenset({"json", "tei"})

FREE, LABEL, FORMAT_LABEL, ID, REMARK, ENUM, DATE = "free", "label", "format-label", "id", "remark", "enum", "date"
CONSTRAINED = (ID, REMARK, ENUM, DATE)


@dataclass(frozen=True)
class Field:
    name: str                     # a-z0-9-, unique; the tag is X<name>:
    file: str
    path: tuple                   # keys into the YAML document
    kind: str = FREE
    shown: frozenset = frozenset()    # outputs where the value must appear, exactly
    renames: tuple = ()           # paths ("*": every list item) to the other places an id is named

    @property
    def tag(self) -> str:
        return f"X{self.name}:"


def _yaml(rel: str):
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def _first(mapping) -> str:
    return next(iter(mapping))


def _editorial_fields() -> list[Field]:
    conv, arg = _yaml(C), _yaml(A)
    out = [
        Field("witness-url", W, ("url",), shown=ZH | EN | DATA | {"txt"}),
        Field("witness-title-zh", W, ("title", "zh"), shown=ZH | EN | DATA | {"txt"}),
        Field("witness-title-note", W, ("title", "note"), shown={"json"}),
        Field("witness-description-zh", W, ("description", "zh"), shown=ZH | DATA),
        Field("witness-description-en", W, ("description", "en"), shown=EN | DATA),
        Field("boilerplate-reason-zh", B, ("rules", 0, "reason", "zh"), shown=ZH | JSON),
        Field("boilerplate-reason-en", B, ("rules", 0, "reason", "en"), shown=EN | JSON),
        Field("emendation-reason-zh", E, ("emendations", 0, "reason", "zh"), shown=ZH | DATA),
        Field("emendation-reason-en", E, ("emendations", 0, "reason", "en"), shown=EN | DATA),
        Field("emendation-evidence-zh", E, ("emendations", 0, "evidence", "zh"), shown=ZH | DATA),
        Field("emendation-evidence-en", E, ("emendations", 0, "evidence", "en"), shown=EN | DATA),
        Field("accepted-reason-zh", E, ("accepted", 0, "reason", "zh"), shown=ZH),   # not in the downloads
        Field("accepted-reason-en", E, ("accepted", 0, "reason", "en"), shown=EN),
        Field("sic-suggestion", S, ("sic", 0, "suggestion"), shown=ZH | EN | DATA),
        Field("sic-reason-zh", S, ("sic", 0, "reason", "zh"), shown=ZH | DATA),
        Field("sic-reason-en", S, ("sic", 0, "reason", "en"), shown=EN | DATA),
        Field("remark-considered", S, ("remarks", 0, "considered"), shown=ZH | EN | JSON),
        Field("remark-reason-zh", S, ("remarks", 0, "reason", "zh"), shown=ZH | DATA),
        Field("remark-reason-en", S, ("remarks", 0, "reason", "en"), shown=EN | DATA),
        Field("punctuation-reason-zh", C, ("punctuation", "reason", "zh"), shown=ZH | DATA),
        Field("punctuation-reason-en", C, ("punctuation", "reason", "en"), shown=EN | DATA),
    ]
    for step in ("simplified", "traditional"):
        s = conv[step]
        out += [Field(f"{step}-reason-zh", C, (step, "reason", "zh"), shown=ZH | DATA),
                Field(f"{step}-reason-en", C, (step, "reason", "en"), shown=EN | DATA)]
        if s.get("phrases"):
            out += [Field(f"{step}-phrase-reason-zh", C, (step, "phrases", 0, "reason", "zh"), shown=ZH | JSON),
                    Field(f"{step}-phrase-reason-en", C, (step, "phrases", 0, "reason", "en"), shown=EN | JSON)]
        cand = _first(s["candidates"])
        diff = _first(s["candidates"][cand]["differences"])
        out += [Field(f"{step}-candidate-reason-zh", C, (step, "candidates", cand, "reason", "zh"), shown=ZH | JSON),
                Field(f"{step}-candidate-reason-en", C, (step, "candidates", cand, "reason", "en"), shown=EN | JSON),
                Field(f"{step}-difference-zh", C, (step, "candidates", cand, "differences", diff, "zh"),
                      shown=ZH | JSON),
                Field(f"{step}-difference-en", C, (step, "candidates", cand, "differences", diff, "en"),
                      shown=EN | JSON)]
    # `language` of the translation is read but reaches no output, so it is not a field here.
    out += [
        Field("translation-title", T, ("title",), shown=ZH | EN | DATA | {"txt"}),
        Field("translation-translator", T, ("translator",), shown={"tei"}),
        Field("translation-p1", T, ("paragraphs", "p1"), shown=ZH | EN | DATA | {"txt", "search"}),
        Field("translation-note-rendering", T, ("notes", 0, "rendering"), shown=ZH | EN | JSON),
        Field("translation-note", T, ("notes", 0, "note"), shown=ZH | EN | JSON),
        Field("glossary-en", G, ("terms", 0, "en"), shown=ZH | EN | DATA),
        Field("glossary-definition-zh", G, ("terms", 0, "definition", "zh"), shown=ZH | DATA),
        Field("glossary-definition-en", G, ("terms", 0, "definition", "en"), shown=EN | DATA),
        Field("argument-summary-zh", A, ("claims", 0, "summary", "zh"), shown=ZH | JSON),
        Field("argument-summary-en", A, ("claims", 0, "summary", "en"), shown=EN | JSON),
        Field("argument-uncited-zh", A, ("uncited", _first(arg["uncited"]), "zh"), shown=ZH | JSON),
        Field("argument-uncited-en", A, ("uncited", _first(arg["uncited"]), "en"), shown=EN | JSON),
        # constrained shapes
        Field("witness-published", W, ("published",), DATE),
        Field("boilerplate-id", B, ("rules", 0, "id"), ID),
        Field("emendation-id", E, ("emendations", 0, "id"), ID),
        Field("sic-id", S, ("sic", 0, "id"), ID),
        Field("remark-id", S, ("remarks", 0, "id"), ID),
        Field("translation-note-term", T, ("notes", 0, "term"), REMARK),
        Field("glossary-id", G, ("terms", 0, "id"), ID, renames=(("compare",),)),
        Field("glossary-group", G, ("terms", 0, "group"), ENUM),
        Field("argument-claim-id", A, ("claims", 0, "id"), ID,
              renames=(("relations", "*", "from"), ("relations", "*", "to"))),
        Field("argument-claim-kind", A, ("claims", 0, "kind"), ENUM),
    ]
    return out


def _placeholders(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


# Labels whose only reader is edition.js (String.replace of "{n}"), not Python's str.format.
JS_TEMPLATES = FILLED_BY_SCRIPT
# Labels that nothing reads today, in any version (so they cannot be required to appear; wherever
# they do appear they are checked like the others). anomaly_*: only the kinds an emendation resolves.
NOT_RENDERED = {"translation_label", "original_label", "app_per_paragraph", "app_candidates", "app_col_where",
                "term_link"}
NOT_RENDERED_PREFIX = ("anomaly_",)
# Labels of the English block that the English pages do not read: it has no pinyin switch, and the
# GB/T citation, in Chinese in every version, takes its access-date label from the Chinese block.
NOT_RENDERED_EN = {"pinyin", "pinyin_label", "access_date"}
# Labels that reach the downloads too (their names and headers).
LABELS_IN_DATA = {"site_name": frozenset({"tei", "txt"})}


def _label_fields() -> list[Field]:
    doc = _yaml(UI)
    out = []
    for code, shown in (("zh-Hans", ZH), ("zh-Hant", frozenset()), ("en", EN)):
        for key, text in doc.get(code, {}).items():
            kind = FORMAT_LABEL if _placeholders(text) and key not in JS_TEMPLATES else LABEL
            where = shown | LABELS_IN_DATA.get(key, frozenset())
            if key == "version_name":   # every version's language selector names every version
                where = ZH | EN
            if key in NOT_RENDERED or key.startswith(NOT_RENDERED_PREFIX) or code == "en" and key in NOT_RENDERED_EN:
                where = frozenset()
            out.append(Field(f"ui-{code.lower()}-{key.replace('_', '-')}", UI, (code, key), kind, where))
    return out


FIELDS = _editorial_fields() + _label_fields()
assert len({f.name for f in FIELDS}) == len(FIELDS)
assert all(re.fullmatch(r"[a-z0-9-]+", f.name) for f in FIELDS)


def label_value(f: Field, p: Payload, original: str) -> tuple[str, str]:
    """(value written in ui.yaml, text expected out) for a label. A label with placeholders is a
    str.format template: its braces are syntax, so the literal payload is written as an editor
    must write a literal brace there (doubled); raw braces there are test_format_label_raw_braces."""
    probe = p.probe(f.tag)
    keep = " ".join("{" + n + "}" for n in _placeholders(original))
    if f.kind == FORMAT_LABEL:
        written = probe.replace("{", "{{").replace("}", "}}")
        return (f"{written} {keep}" if p.start else f"{keep} {written}"), probe
    return (f"{probe} {keep}".rstrip() if p.start else f"{keep} {probe}".lstrip()), probe


def value_for(f: Field, p: Payload, original):
    """(value written into the data, text expected out)."""
    probe = p.probe(f.tag)
    if f.file == UI:
        return label_value(f, p, original)
    if f.kind == REMARK:   # the term's remark in brackets is free text: 功劳薄 [sic] (p7)
        remark = f"[{probe}]" if "]" not in probe else f"({probe})"
        return f"{original} {remark}", probe
    return probe, probe


# --- editing a copy -------------------------------------------------------------------------

def _walk(doc, path):
    """Every (container, key) that ``path`` names; "*" walks a list."""
    found = [(None, None, doc)]
    for key in path:
        nxt = []
        for _, _, node in found:
            keys = range(len(node)) if key == "*" else [key]
            for k in keys:
                if isinstance(node, (dict, list)) and (k in node if isinstance(node, dict) else k < len(node)):
                    nxt.append((node, k, node[k]))
        found = nxt
    return [(c, k) for c, k, _ in found]


def inject(project: Path, fields: list[Field], payload: Payload) -> dict[str, str]:
    """Write the tagged payload into each field (and rename an id wherever it is named).
    Returns field name → the text expected out."""
    expected = {}
    by_file: dict[str, list[Field]] = {}
    for f in fields:
        by_file.setdefault(f.file, []).append(f)
    for rel, group in by_file.items():
        path = project / rel
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for f in group:
            (container, key), = _walk(doc, f.path)
            original = container[key]
            value, expected[f.name] = value_for(f, payload, original)
            container[key] = value
            for rpath in f.renames:
                for c, k in _walk(doc, rpath):
                    if isinstance(c[k], list):
                        c[k] = [value if x == original else x for x in c[k]]
                    elif c[k] == original:
                        c[k] = value
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return expected


def copy_project(src: Path, dst: Path, only: tuple[str, ...] = ()) -> Path:
    if only:
        for name in only:
            if (src / name).is_dir():
                shutil.copytree(src / name, dst / name)
            else:
                (dst / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src / name, dst / name)
    else:
        shutil.copytree(src, dst)
    return dst


def tracked_copy(dst: Path) -> Path:
    """The project's files as they are in the working tree: git-tracked ones (as tests/test_publish.py),
    and new ones git does not ignore, so a module added but not yet committed comes along."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for name in names:
        if name and (ROOT / name).is_file():
            (dst / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dst / name)
    return dst


LOCATED = r"{file}:(\d+)"


def located(message: str, f: Field) -> bool:
    return any(int(n) > 0 for n in re.findall(LOCATED.format(file=re.escape(f.file)), message))


# --- building --------------------------------------------------------------------------------

@dataclass
class Run:
    returncode: int
    stderr: str


def run(args: list[str], cwd: Path) -> Run:
    # the copy's own code: the installed package is the live working tree, which may move meanwhile
    env = {**ENV, "PYTHONPATH": str(cwd)}
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    return Run(r.returncode, r.stderr)


def mkdocs(project: Path, out: Path) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], project)


def cli(project: Path, out: Path) -> Run:
    return run([sys.executable, "scripts/build.py", "--root", str(project), "--out", str(out)], project)


# --- the oracle: reading the outputs ---------------------------------------------------------

OUTPUTS = ("html:zh-Hans", "html:zh-Hant", "html:en", "search", "json", "tei", "txt")
TAG = re.compile(r"X[a-z0-9-]+:")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping"}
BAD_TAGS = {"img", "iframe", "frame", "frameset", "object", "embed", "base", "applet", "image"}
MARKUP_FROM_MD = {"em", "strong", "b", "i", "u"}


@dataclass
class Violation:
    where: str
    what: str
    fields: tuple[str, ...]      # the fields whose tag stands right before it ('' : unattributed)


WINDOW = 400    # characters kept on each side of a tag: more than any expected text around it


@dataclass
class Outputs:
    violations: list[Violation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)       # outputs that do not parse, differ …
    hits: dict[str, list[tuple[str, str, str, int]]] = field(default_factory=dict)   # tag → (output, where, text, at)

    def add(self, output: str, where: str, text: str) -> None:
        """One text of an output (a page's text, an attribute value, a JSON string …): only the places
        where a tag stands are kept, with the text around them, so each field reads only its own."""
        for m in TAG.finditer(text):
            start = max(0, m.start() - WINDOW)
            self.hits.setdefault(m.group(), []).append(
                (output, where, text[start:m.end() + WINDOW], m.start() - start))


def _strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)


def _bad_url(value: str) -> bool:
    v = re.sub(r"[\x00-\x20]", "", value).lower()
    return v.startswith(("javascript:", "vbscript:", "data:text/html"))


def _script_ok(src: str, page: str, site: Path) -> bool:
    """The site's own script: a file under assets/ of the site (or of a version)."""
    if re.match(r"^[a-z]+:", src) or src.startswith("//"):
        return False
    if src.startswith("/"):
        target = src.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
    target = target.split("?")[0]
    return bool(re.match(r"^((zh-hant|en)/)?assets/", target)) and (site / target).is_file()


def _tags_before(raw: str, start: int, end: int) -> tuple[str, ...]:
    """The field whose tag stands last before ``end`` (within 600 characters): what made the markup."""
    found = TAG.findall(raw[max(0, start - 600):end])
    return (found[-1][1:-1],) if found else ("",)


class _Tokens(HTMLParser):
    """The standard library's HTML tokenizer: every start tag, as a browser would see it."""

    def __init__(self, raw: str, page: str, site: Path, out: list[Violation]):
        super().__init__(convert_charrefs=True)
        self.raw, self.page, self.site, self.out = raw, page, site, out
        self.starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def _flag(self, what: str) -> None:
        line, col = self.getpos()
        at = self.starts[line - 1] + col
        end = at + len(self.get_starttag_text() or "")
        self.out.append(Violation(self.page, what, _tags_before(self.raw, at, end)))

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in BAD_TAGS:
            self._flag(f"<{tag}> element")
        if tag == "script" and not (a.get("src") and _script_ok(a["src"], self.page, self.site)) \
                and a.get("type") != "application/json":
            self._flag(f"inline or foreign <script {a}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self._flag("<meta http-equiv=refresh>")
        for k, v in a.items():
            if k.startswith("on"):
                self._flag(f"event handler {k}={v!r} on <{tag}>")
            if k in URL_ATTRS and _bad_url(v):
                self._flag(f"script URL {k}={v!r} on <{tag}>")
            if k == "srcdoc":
                self._flag(f"srcdoc on <{tag}>")

    handle_startendtag = handle_starttag


def _near(el) -> tuple[str, ...]:
    """The fields whose tags stand in the element's parent: what may have made it."""
    parent = el.getparent()
    context = lxml.html.tostring(parent if parent is not None else el, encoding="unicode")
    return tuple(dict.fromkeys(t[1:-1] for t in TAG.findall(context))) or ("",)


def read_html(page: str, raw: bytes, site: Path, outputs: Outputs) -> None:
    kind = "html:" + VERSIONS["en/" if page.startswith("en/") else "zh-hant/" if page.startswith("zh-hant/") else ""]
    text = raw.decode("utf-8")
    _Tokens(text, page, site, outputs.violations).feed(text)
    root = lxml.html.document_fromstring(raw)
    outputs.add(kind, page, "".join(root.xpath("//text()[not(ancestor::script) and not(ancestor::style)]")))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = el.tag.lower()
        for k, v in el.attrib.items():
            outputs.add(kind, f"{page} <{name} {k}>", v)
            if k.lower().startswith("on"):
                outputs.violations.append(Violation(page, f"lxml: event handler {k} on <{name}>", _near(el)))
            if k.lower() in URL_ATTRS and _bad_url(v):
                outputs.violations.append(Violation(page, f"lxml: script URL {k}={v!r}", _near(el)))
        if name in BAD_TAGS:
            outputs.violations.append(Violation(page, f"lxml: <{name}> element", _near(el)))
        if name == "meta" and el.get("http-equiv", "").lower() == "refresh":
            outputs.violations.append(Violation(page, "lxml: <meta http-equiv=refresh>", _near(el)))
        if name == "script":
            src = el.get("src")
            if src:
                if not _script_ok(src, page, site):
                    outputs.violations.append(Violation(page, f"lxml: foreign script {src!r}", _near(el)))
            elif el.get("type") == "application/json":   # Material's configuration block: data
                try:
                    strings: list[str] = []
                    _strings(json.loads(el.text or ""), strings)
                    for s in strings:
                        outputs.add(kind, f"{page} <script type=application/json>", s)
                except ValueError:
                    outputs.violations.append(Violation(page, "lxml: JSON data block does not parse", _near(el)))
            else:
                outputs.violations.append(Violation(page, "lxml: inline <script>", _near(el)))
        if name in MARKUP_FROM_MD and el.text_content().strip() in {"em", "u", "b", "x"}:
            outputs.violations.append(Violation(page, f"<{name}>{el.text_content()}</{name}> from Markdown", _near(el)))


def read_outputs(site: Path, dist: Path) -> Outputs:
    out = Outputs()
    for path in sorted(site.rglob("*.html")):
        read_html(path.relative_to(site).as_posix(), path.read_bytes(), site, out)
    for path in sorted(site.rglob("search/*.json")):
        strings: list[str] = []
        _strings(json.loads(path.read_text(encoding="utf-8")), strings)
        rel = path.relative_to(site).as_posix()
        if path.name == "witness.json":   # HTML fragments (the witness view's lines), put into the page by script
            for s in strings:
                read_html(rel, f"<!DOCTYPE html><html><body>{s}</body></html>".encode(), site, out)
            continue
        for s in strings:
            out.add("search", rel, s)
    downloads = site / "downloads"
    # the data exports; the zip of the site is the site's own (tests/test_offline.py)
    names = sorted(p.name for p in downloads.iterdir() if p.name != ZIP_NAME) if downloads.is_dir() else []
    cli_names = sorted(p.name for p in dist.iterdir() if not p.name.startswith("."))   # not its own marker
    if names != cli_names:
        out.problems.append(f"site downloads {names} differ from the CLI's {cli_names}")
    for name in names:
        if (dist / name).is_file() and (dist / name).read_bytes() != (downloads / name).read_bytes():
            out.problems.append(f"downloads/{name} differs between mkdocs and scripts/build.py")
        data = (downloads / name).read_bytes()
        if name.endswith(".xml"):
            try:
                root = etree.fromstring(data)
            except etree.XMLSyntaxError:
                # read on to check the rest, but each error is a problem of the field it names
                parser = etree.XMLParser(recover=True)
                root = etree.fromstring(data, parser)
                for e in parser.error_log:
                    out.problems.append(f"downloads/{name}:{e.line}:{e.column}: does not parse: {e.message}")
                if root is None:
                    continue
            out.add("tei", name, "".join(root.xpath("//text()")))
            for el in root.iter():
                if isinstance(el.tag, str):
                    for k, v in el.attrib.items():
                        out.add("tei", f"{name} @{k}", v)
        elif name.endswith(".json"):
            strings = []
            _strings(json.loads(data), strings)
            for s in strings:
                out.add("json", name, s)
        else:   # plain text (.txt, and any other text download such as Markdown)
            out.add("txt", name, data.decode("utf-8"))
    return out


def mismatches(hits: list[tuple[str, str, str, int]], tag: str, expected: str) -> list[str]:
    """Every place the tag appears where the expected text does not stand around it."""
    at_tag = expected.index(tag)
    bad = []
    for output, where, text, at in hits:
        start = at - at_tag
        if start < 0 or text[start:start + len(expected)] != expected:
            bad.append(f"[{output}] not exact: {where}: {text[max(0, at - 40):at + len(tag) + 60]!r}")
    return bad


# --- the builds, once per payload ------------------------------------------------------------

@dataclass
class Case:
    """One payload: which fields went into its build, the constrained fields' fate, the outputs."""
    payload: Payload
    expected: dict[str, str] = field(default_factory=dict)     # field → text expected out
    rejected: dict[str, str] = field(default_factory=dict)     # constrained field → the build's error
    accepted: set[str] = field(default_factory=set)            # constrained fields built like the others
    site: Run | None = None
    dist: Run | None = None
    outputs: Outputs | None = None


@dataclass
class Hostile:
    cases: dict[str, Case]
    confirm: dict[str, tuple[str, Run, Run]]     # field → (payload, CLI, mkdocs) of a rejected value
    raw_braces: dict[str, object]                 # payload → EditionError text or the mkdocs Run


def _light(base: Path, dst: Path) -> Path:
    return copy_project(base, dst, ("editorial", "source", "i18n", "mkdocs.yml"))


def _lines(project: Path, f: Field) -> set[int]:
    """The lines of the injected key and value in the written file (where an error would point)."""
    node = yaml.compose((project / f.file).read_text(encoding="utf-8"))
    lines = set()
    for key in f.path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                return lines
            lines |= {pair[0].start_mark.line + 1}
            node = pair[1]
        else:
            node = node.value[key]
    return lines | {node.start_mark.line + 1}


def _classify(base: Path, tmp: Path, payload: Payload, edition) -> tuple[dict, set]:
    """Build the constrained values in-process (build_edition, as both commands do) to learn which
    ones today's code rejects, so a rejected value is checked for its message and not built with
    the rest. All at once; each error line names its field by the tag it quotes or by file and line;
    the rejected ones are taken out and the rest tried again (one at a time if a line names none).
    The glossary and the argument are attached to a built Edition: their values are first tried
    that way, alone (cheap), and only those accepted go into the full builds."""
    from edition.argument import attach_argument
    from edition.build import build_edition
    from edition.errors import EditionError
    from edition.glossary import attach_glossary

    rejected: dict[str, str] = {}
    left = [f for f in FIELDS if f.kind in CONSTRAINED]
    config = edition.traditional_step.config
    for f in [f for f in left if f.file in (G, A)]:
        project = _light(base, tmp / f"attach-{f.name}")
        inject(project, [f], payload)
        try:
            (attach_glossary if f.file == G else attach_argument)(edition, project / f.file, config)
        except EditionError as err:
            rejected[f.name] = str(err)
    left = [f for f in left if f.name not in rejected]
    for attempt in range(len(left) + 1):
        if not left:
            break
        project = _light(base, tmp / str(attempt))
        inject(project, left, payload)
        try:
            build_edition(project)
        except EditionError as err:
            message = str(err)
        else:
            break
        named = {}
        for line in message.splitlines():
            for f in left:
                m = re.search(re.escape(f.file) + r":(\d+)", line)
                if f.tag in line or m and int(m.group(1)) in _lines(project, f):
                    named.setdefault(f.name, []).append(line)
        if not named:   # no line names a field: one at a time
            for f in left:
                one = _light(base, tmp / f"{attempt}-{f.name}")
                inject(one, [f], payload)
                try:
                    build_edition(one)
                except EditionError as err:
                    rejected[f.name] = str(err)
            break
        rejected.update({name: "\n".join(lines) for name, lines in named.items()})
        left = [f for f in left if f.name not in named]
    accepted = {f.name for f in FIELDS if f.kind in CONSTRAINED} - set(rejected)
    return rejected, accepted


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    return build_all(tmp_path_factory.mktemp("hostile"))


def build_all(tmp: Path) -> Hostile:
    from edition.build import build_edition
    from edition.errors import EditionError
    from edition.labels import load_labels
    from edition.plugin.config import load_plugin_config

    base = tracked_copy(tmp / "base")
    edition = build_edition(base)
    cases = {p.name: Case(p) for p in PAYLOADS}
    jobs: dict[tuple[str, str], Future] = {}
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 1) as pool:
        for p in PAYLOADS:
            case = cases[p.name]
            case.rejected, case.accepted = _classify(base, tmp / f"classify-{p.name}", p, edition)
            fields = [f for f in FIELDS if f.kind in (FREE, LABEL, FORMAT_LABEL)
                      or f.kind in (ID, REMARK) and f.name in case.accepted]
            project = copy_project(base, tmp / p.name)
            case.expected = inject(project, fields, p)
            jobs[p.name, "site"] = pool.submit(mkdocs, project, tmp / f"{p.name}-site")
            jobs[p.name, "dist"] = pool.submit(cli, project, tmp / f"{p.name}-dist")

        # A rejected value, once (the commands map the one error type the same way for every field):
        # the command line exits 2 and mkdocs stops with a PluginError, both saying file:line.
        confirm_jobs = {}
        for f in FIELDS:
            first = next((p for p in PAYLOADS if f.name in cases[p.name].rejected), None)
            if first is not None and not confirm_jobs:
                project = copy_project(base, tmp / f"confirm-{f.name}")
                inject(project, [f], first)
                confirm_jobs[f.name] = (first.name, pool.submit(cli, project, tmp / f"confirm-{f.name}-dist"),
                                        pool.submit(mkdocs, project, tmp / f"confirm-{f.name}-site"))
        # Raw braces in a str.format label (both blocks, so the placeholder check sees no difference).
        registry = load_plugin_config(base / "mkdocs.yml")[1]
        raw_braces: dict[str, object] = {}
        for p in PAYLOADS:
            if p.name not in ("jinja-raw", "attr-list"):
                continue
            project = copy_project(base, tmp / f"braces-{p.name}")
            doc = yaml.safe_load((project / UI).read_text(encoding="utf-8"))
            for code in ("zh-Hans", "en"):
                doc[code]["paragraph"] += f" Xui-{code.lower()}-paragraph: {p.text}"
            (project / UI).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000),
                                      encoding="utf-8")
            try:
                load_labels(project, registry)
            except EditionError as err:
                raw_braces[p.name] = str(err)
            else:
                raw_braces[p.name] = pool.submit(mkdocs, project, tmp / f"braces-{p.name}-site")

        for p in PAYLOADS:
            case = cases[p.name]
            case.site, case.dist = jobs[p.name, "site"].result(), jobs[p.name, "dist"].result()
            if case.site.returncode == 0 and case.dist.returncode == 0:
                case.outputs = read_outputs(tmp / f"{p.name}-site", tmp / f"{p.name}-dist")
        confirm = {name: (payload, c.result(), m.result()) for name, (payload, c, m) in confirm_jobs.items()}
        raw_braces = {k: (v.result() if isinstance(v, Future) else v) for k, v in raw_braces.items()}
    return Hostile(cases, confirm, raw_braces)


# --- known unsafe cases (xfail, strict: they must fail today, and be unmarked once fixed) --------

XFAIL: dict[tuple[str, str], str] = {}
XFAIL_FIELDS: dict[str, str] = {}


def _marks(p: Payload, f: Field):
    reason = XFAIL.get((p.name, f.name)) or XFAIL.get(("*", f.name)) or XFAIL_FIELDS.get(f.name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _params():
    for p in PAYLOADS:
        for f in FIELDS:
            yield pytest.param(p.name, f.name, id=f"{p.name}-{f.name}", marks=_marks(p, f))


FIELD = {f.name: f for f in FIELDS}


# --- the tests ---------------------------------------------------------------------------------

def _build_failure(case: Case) -> str:
    out = []
    for what, r in (("mkdocs build --strict", case.site), ("scripts/build.py", case.dist)):
        if r is not None and r.returncode != 0:
            out.append(f"{what} exited {r.returncode}:\n{r.stderr[-2500:]}")
    return "\n".join(out)


def _check_inert(case: Case, f: Field, must_show: frozenset) -> list[str]:
    expected, tag = case.expected[f.name], f.tag
    hits = case.outputs.hits.get(tag, [])
    problems = mismatches(hits, tag, expected)
    problems += [f"[{o}] a template was evaluated: {text[at:at + len(tag) + 4]!r}"
                 for o, _, text, at in hits if text.startswith(f"{tag} 49", at)]
    at_tag = expected.index(tag)
    shown = {o for o, _, text, at in hits if at >= at_tag and text[at - at_tag:at - at_tag + len(expected)] == expected}
    problems += [f"[{o}] the value is missing: {expected!r} appears in no text or attribute"
                 for o in OUTPUTS if o in must_show and o not in shown]
    for v in case.outputs.violations:
        if f.name in v.fields:
            problems.append(f"[{v.where}] active content: {v.what}")
    problems += [p for p in case.outputs.problems if tag in p]
    return problems


@pytest.mark.parametrize("payload, name", list(_params()))
def test_field_is_inert_in_every_output(hostile, payload, name):
    case, f = hostile.cases[payload], FIELD[name]
    if f.kind in CONSTRAINED and name in case.rejected:
        message = case.rejected[name]
        if not located(message, f):
            pytest.fail(f"rejected without file:line in {f.file}: {message}", pytrace=False)
        confirm = hostile.confirm.get(name)
        if confirm and confirm[0] == payload:   # once: both commands report it with file:line
            _, by_cli, by_mkdocs = confirm
            assert by_cli.returncode == 2 and located(by_cli.stderr, f), by_cli.stderr[-2000:]
            assert by_mkdocs.returncode != 0 and located(by_mkdocs.stderr, f) \
                and "Traceback" not in by_mkdocs.stderr, by_mkdocs.stderr[-2000:]
        return
    if f.kind in (DATE, ENUM):   # a date must stay a date, a kind one of its kinds: only an error will do
        pytest.fail(f"{f.file}: {f.path} = {case.payload.probe(f.tag)!r} was accepted without a located error",
                    pytrace=False)
    if case.outputs is None:
        pytest.fail(_build_failure(case), pytrace=False)
    must_show = f.shown if f.kind not in CONSTRAINED else frozenset()
    problems = _check_inert(case, f, must_show)
    if problems:   # the message is the finding; a traceback of this function would add nothing
        pytest.fail(f"{f.file} {f.path}:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("payload", [p.name for p in PAYLOADS])
def test_no_page_has_active_content(hostile, payload):
    """No page has active content that no field's tag explains, and the outputs agree and parse
    (what a tag explains fails that field's own test)."""
    case = hostile.cases[payload]
    assert case.outputs is not None, _build_failure(case)
    found = [p for p in case.outputs.problems if not TAG.search(p)]
    found += [f"{v.where}: {v.what}" for v in case.outputs.violations if v.fields == ("",)]
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("payload", ["jinja-raw", "attr-list"])
def test_format_label_raw_braces(hostile, payload):
    """A label with placeholders is a str.format template; a raw `{…}` in it (the same in every
    block, so the placeholder comparison passes) must be a located error or come out as text."""
    result = hostile.raw_braces[payload]
    if isinstance(result, str):   # refused by load_labels
        assert re.search(r"i18n/ui\.yaml:\d+", result), result
        return
    assert "Traceback" not in result.stderr, result.stderr[-1500:]
    assert result.returncode == 0 or re.search(r"i18n/ui\.yaml:\d+", result.stderr), result.stderr[-1500:]
