"""The declared shape of every data file (schema/editorial/*.schema.json), checked at the edge.

Every bad shape stops the build with exit status 2 and one line per violation,
``file:line:col: what is wrong``, at the offending key or value; never a traceback. Rows with
crafted files give their positions literally; rows on the real files find the position in the
text they edit (a regular expression, not the YAML library), and a property test mutates the
real files at random.
"""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from edition import argument, glossary
from edition.build import build_edition
from edition.cli import main
from edition.data import load_yaml
from edition.errors import EditionError
from edition.labels import load_labels
from edition.shapes import SCHEMAS, check, schema
from tests.helpers import make_project
from tests.views import registry

ROOT = Path(__file__).resolve().parent.parent
FILES = {  # schema name → file
    "witness": "editorial/witness.yaml", "boilerplate": "editorial/boilerplate.yaml",
    "emendations": "editorial/emendations.yaml", "sic": "editorial/sic.yaml",
    "conversion": "editorial/conversion.yaml", "translation.en": "editorial/translation.en.yaml",
    "glossary": "editorial/glossary.yaml", "argument": "editorial/argument.yaml", "ui": "i18n/ui.yaml",
    "readings": "editorial/readings.yaml",
}
HOSTILE = "'K1\"><img src=x onerror=alert(1)>'"          # as written in YAML (quoted)
SHOWN = "'K1\"><img src=x onerror=a…'"                   # as a message quotes it: cut short
ID = "must be letters, digits and hyphens, starting with a letter"
PARAGRAPH = "must be a paragraph id (p1, p2, …)"
LOCATED = re.compile(r"^(?P<file>[^:\n]+)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: \S[^\n]*$")


# --- the schemas themselves ---------------------------------------------------------------

def test_there_is_one_valid_schema_per_data_file_and_the_real_files_pass_it():
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(f"{n}.schema.json" for n in FILES)
    for name, rel in FILES.items():
        Draft202012Validator.check_schema(schema(name))
        check(load_yaml(ROOT / rel), name, rel)


def _objects(node, where=""):
    if isinstance(node, dict):
        if node.get("type") == "object" or "object" in (node.get("type") or []):
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}/{i}")


def test_every_mapping_declares_what_else_it_may_hold():
    """Fixed keys: nothing else (additionalProperties false). Keys that are data (paragraph
    ids, config names, label names): their pattern (propertyNames) and their values' shape."""
    for name in FILES:
        for where, node in _objects(schema(name)):
            if "properties" in node:
                assert node.get("additionalProperties") is False, (name, where)
            else:
                assert isinstance(node.get("additionalProperties"), dict) and "propertyNames" in node, (name, where)


def test_shared_definitions_are_the_same_in_every_schema_and_enumerations_agree_with_the_code():
    seen: dict[str, object] = {}
    for name in FILES:
        for key, definition in schema(name).get("$defs", {}).items():
            assert seen.setdefault(key, definition) == definition, (name, key)
    claims = schema("argument")["properties"]["claims"]["items"]["properties"]
    relations = schema("argument")["properties"]["relations"]["items"]["properties"]
    terms = schema("glossary")["properties"]["terms"]["items"]["properties"]
    assert tuple(claims["kind"]["enum"]) == argument.KINDS
    assert tuple(relations["type"]["enum"]) == argument.RELATIONS
    assert tuple(terms["group"]["enum"]) == glossary.GROUPS


def test_schema_files_are_json_as_written():
    for path in SCHEMAS.glob("*.schema.json"):
        text = path.read_text(encoding="utf-8")
        assert json.loads(text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert text.endswith("}\n")


# --- crafted files: literal positions -------------------------------------------------------

@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    """A small valid project (its own witness, our labels and registry, a manifest)."""
    base = make_project(tmp_path_factory.mktemp("crafted") / "base", "第一段,好。\n第二段。",
                        translation={"p1": "First.", "p2": "Second."})
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    (base / "i18n").mkdir()
    shutil.copy(ROOT / "i18n" / "ui.yaml", base / "i18n" / "ui.yaml")
    assert main(["--root", str(base), "--out", str(base / "dist"), "--update-manifest"]) == 0
    return base


NOTE = "{zh: 理, en: r}"
CONVERSION = f"""simplified:
  config: t2s
  reason: {NOTE}
  candidates:
    tw2s: rejected
traditional:
  config: s2tw
  reason: {NOTE}
punctuation:
  reason: {NOTE}
  map: {{",": "，"}}
"""

ROWS = [  # (id, file, new text or a function of the old text, expected lines)
    ("glossary-top-level-list", "editorial/glossary.yaml", "- id: liuliang\n  zh: 流量\n",
     ["editorial/glossary.yaml:1:1: the file must be a mapping with the keys compare, terms, not a list"]),
    ("argument-empty", "editorial/argument.yaml", "# claims to come\n",
     ["editorial/argument.yaml:1:1: the file is empty (expected a mapping with the keys uncited, claims, relations)"]),
    ("candidate-config-as-text", "editorial/conversion.yaml", CONVERSION,
     ["editorial/conversion.yaml:5:11: simplified.candidates.tw2s must be a mapping with the keys verdict, reason, "
      "differences, not text ('rejected')"]),
    ("ui-en-empty", "i18n/ui.yaml", "zh-Hans:\n  site_name: 甲\nen:\n",
     ["i18n/ui.yaml:3:1: en must be a mapping of label names to text, not empty"]),
    ("claims-text", "editorial/argument.yaml", 'claims: "T"\n',
     ["editorial/argument.yaml:1:9: claims must be a list, not text ('T')"]),
    ("uncited-list", "editorial/argument.yaml", "uncited: [p9]\nclaims: []\n",
     ["editorial/argument.yaml:1:10: uncited must be a mapping of paragraph ids to the reason no claim cites them, "
      "not a list"]),
    ("unknown-key", "editorial/witness.yaml", lambda text: text + "publisher: someone\n",
     ["editorial/witness.yaml:11:1: unknown key 'publisher' (expected: file, sha256, url, published, description, "
      "title)"]),
    ("wrong-types", "editorial/emendations.yaml",
     f"emendations:\n  - id: e1\n    line: \"1\"\n    witness: 好\n    reading: 妙\n    reason: {NOTE}\n"
     f"    evidence: {NOTE}\n    occurrence: 0\naccepted: {{form: B端}}\n",
     ["editorial/emendations.yaml:3:11: emendations[0].line must be a whole number, not text ('1')",
      "editorial/emendations.yaml:8:17: emendations[0].occurrence must be 1 or more, not a number (0)",
      "editorial/emendations.yaml:9:11: accepted must be a list, not a mapping"]),
    ("every-violation-of-a-file", "editorial/sic.yaml",
     "sic:\n  - id: s1\n    paragraph: p0\n    reading: 好\n    suggestion: 妙\n    reason: {zh: 理}\n"
     "    occurrence: 1.0\n    note: x\n  - 7\n",
     ["editorial/sic.yaml:3:16: sic[0].paragraph 'p0' must be a paragraph id (p1, p2, …)",
      "editorial/sic.yaml:6:13: sic[0].reason: 'en' is missing",
      "editorial/sic.yaml:7:17: sic[0].occurrence must be a whole number, not a number (1.0)",
      "editorial/sic.yaml:8:5: unknown key 'note' (expected: id, paragraph, reading, suggestion, reason, occurrence)",
      "editorial/sic.yaml:9:5: sic[1] must be a mapping with the keys id, paragraph, reading, suggestion, reason, "
      "occurrence, not a number (7)"]),
    ("empty-and-blank-text", "editorial/boilerplate.yaml",
     "rules:\n  - id: share\n    match: ''\n    reason: {zh: '  ', en: r}\n",
     ["editorial/boilerplate.yaml:3:12: rules[0].match '' must be non-empty text",
      "editorial/boilerplate.yaml:4:18: rules[0].reason.zh '  ' must be non-empty text"]),
    ("id-with-a-line-break", "editorial/argument.yaml",
     'claims:\n  - id: "T\\n"\n    kind: thesis\n    summary: {zh: 理, en: r}\n    paragraphs: [p1]\n',
     [f"editorial/argument.yaml:2:9: claims[0].id 'T\\n' {ID}"]),
    ("relation-enum-and-ids", "editorial/argument.yaml",
     f"claims: []\nrelations:\n  - {{from: T, to: {HOSTILE}, type: hugs}}\n",
     [f"editorial/argument.yaml:3:19: relations[0].to {SHOWN} {ID}",
      "editorial/argument.yaml:3:61: relations[0].type must be one of supports, opposes, concedes, elaborates, "
      "not 'hugs'"]),
    ("conversion-keys-that-are-data", "editorial/conversion.yaml",
     CONVERSION.replace("tw2s: rejected", f"t2x!:\n      verdict: maybe\n      reason: {NOTE}\n"
                                          f"      differences: {{'么 幺': {NOTE}}}")
               .replace('{",": "，"}', '{",,": "，"}'),
     ["editorial/conversion.yaml:5:5: key 't2x!' in simplified.candidates must be an OpenCC config name such as s2tw",
      "editorial/conversion.yaml:6:16: simplified.candidates['t2x!'].verdict must be one of rejected, not 'maybe'",
      "editorial/conversion.yaml:8:21: key '么 幺' in simplified.candidates['t2x!'].differences must be written "
      "'chosen → candidate'",
      "editorial/conversion.yaml:14:9: key ',,' in punctuation.map must be a single character"]),
    ("translation-keys", "editorial/translation.en.yaml",
     "language: en\ntranslator: T\ntitle: Test\nparagraphs:\n  p1: First.\n  P2: Second.\n  p3: 3\n",
     ["editorial/translation.en.yaml:6:3: key 'P2' in paragraphs must be a paragraph id (p1, p2, …)",
      "editorial/translation.en.yaml:7:7: paragraphs.p3 must be text or a list, not a number (3)"]),
    ("ui-keys-and-values", "i18n/ui.yaml", "zh-Hans:\n  site<name: 甲\n  nav_home: 7\nzh_TW: {}\n",
     ["i18n/ui.yaml:2:3: key 'site<name' in zh-Hans must be a label name (a-z, 0-9, _ and -)",
      "i18n/ui.yaml:3:13: zh-Hans.nav_home must be text, not a number (7)",
      "i18n/ui.yaml:4:1: key 'zh_TW' in the file must be a version code such as zh-Hant"]),
    ("date-not-in-the-calendar", "editorial/witness.yaml",
     lambda text: text.replace("published: '2020-10-09'", "published: '2020-13-45'"),
     ["editorial/witness.yaml:4:12: published '2020-13-45' is not a real date (month must be in 1..12)"]),
    ("date-pattern", "editorial/witness.yaml",
     lambda text: text.replace("published: '2020-10-09'", "published: '2020-10-9'"),
     ["editorial/witness.yaml:4:12: published '2020-10-9' must be a date written YYYY-MM-DD, in quotes"]),
    ("date-unquoted", "editorial/witness.yaml",
     lambda text: text.replace("published: '2020-10-09'", "published: 2020-10-09"),
     ["editorial/witness.yaml:4:12: published must be text, not a date (2020-10-09) (YAML reads an unquoted date "
      "as a date: write it in quotes, \"2020-10-09\")"]),
    ("date-unquoted-not-in-the-calendar", "editorial/witness.yaml",
     lambda text: text.replace("published: '2020-10-09'", "published: 2020-13-45"),
     ["editorial/witness.yaml:4:12: invalid YAML: cannot read '2020-13-45' as a date: month must be in 1..12"]),
    ("yaml-syntax", "editorial/translation.en.yaml",
     "language: en\ntranslator: T\ntitle: Test\nparagraphs:\n  p1: [First.\n  p2: Second.\n",
     ["editorial/translation.en.yaml:6:5: invalid YAML: expected ',' or ']', but got ':' "
      "(while parsing a flow sequence that began at line 5, column 7)"]),
    ("duplicate-key", "editorial/translation.en.yaml",
     "language: en\ntranslator: T\ntitle: Test\nparagraphs:\n  p1: First.\ntitle: Again\n",
     ["editorial/translation.en.yaml:6:1: duplicate key 'title' (first at line 3)"]),
]


def _run(project: Path, capsys) -> tuple[int, list[str]]:
    code = main(["--root", "proj", "--out", "proj/dist"])
    out = capsys.readouterr()
    return code, out.err.splitlines()


@pytest.mark.parametrize(("rel", "edit", "expected"), [pytest.param(*row[1:], id=row[0]) for row in ROWS])
def test_a_bad_shape_is_one_located_line_per_violation(crafted, tmp_path, monkeypatch, capsys, rel, edit, expected):
    project = tmp_path / "proj"
    shutil.copytree(crafted, project)
    path = project / rel
    path.write_text(edit(path.read_text(encoding="utf-8")) if callable(edit) else edit, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, lines = _run(project, capsys)
    assert code == 2
    assert lines == [f"proj/{line}" for line in expected]


def test_the_violations_of_every_editorial_file_are_listed_in_one_run(crafted, tmp_path, monkeypatch, capsys):
    project = tmp_path / "proj"
    shutil.copytree(crafted, project)
    (project / "editorial" / "sic.yaml").write_text("sic: {}\n", encoding="utf-8")
    (project / "editorial" / "boilerplate.yaml").write_text("rule: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, lines = _run(project, capsys)
    assert code == 2
    assert lines == ["proj/editorial/boilerplate.yaml:1:1: unknown key 'rule' (expected: rules)",
                     "proj/editorial/sic.yaml:1:6: sic must be a list, not a mapping"]


def test_the_command_exits_2_with_the_located_line_and_no_traceback(crafted, tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(crafted, project)
    (project / "editorial" / "glossary.yaml").write_text("- id: liuliang\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", "proj",
                             "--out", "proj/dist"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == ("proj/editorial/glossary.yaml:1:1: the file must be a mapping with the keys "
                             "compare, terms, not a list\n")


# --- the real files: a hostile value in every id field ------------------------------------

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The files a build reads, copied from the working tree."""
    base = tmp_path_factory.mktemp("real") / "base"
    for name in ("source", "editorial", "i18n"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    return base


ID_FIELDS = [  # (file, regular expression whose group 1 is the value or key replaced, expected message)
    ("editorial/argument.yaml", r"^claims:\n(?:\s*#.*\n)*  - id: (\S+)$", f"claims[0].id {SHOWN} {ID}"),
    ("editorial/argument.yaml", r"^relations:\n(?:\s*#.*\n)*  - from: (\S+)$", f"relations[0].from {SHOWN} {ID}"),
    ("editorial/argument.yaml", r"^claims:\n(?:.*\n)*?    paragraphs: \[(p\d+)",
     f"claims[0].paragraphs[0] {SHOWN} {PARAGRAPH}"),
    ("editorial/argument.yaml", r"^uncited:\n(?:\s*#.*\n)*  (p\d+):", f"key {SHOWN} in uncited {PARAGRAPH}"),
    ("editorial/sic.yaml", r"^sic:\n(?:\s*#.*\n)*  - id: (\S+)$", f"sic[0].id {SHOWN} {ID}"),
    ("editorial/sic.yaml", r"^sic:\n(?:.*\n)*?    paragraph: (\S+)$", f"sic[0].paragraph {SHOWN} {PARAGRAPH}"),
    ("editorial/emendations.yaml", r"^emendations:\n(?:\s*#.*\n)*  - id: (\S+)$", f"emendations[0].id {SHOWN} {ID}"),
    ("editorial/boilerplate.yaml", r"^rules:\n(?:\s*#.*\n)*  - id: (\S+)$", f"rules[0].id {SHOWN} {ID}"),
    ("editorial/glossary.yaml", r"^terms:\n(?:\s*#.*\n)*  - id: (\S+)$",
     f"terms[0].id {SHOWN} must be a lowercase ASCII slug (a-z, 0-9, single hyphens between)"),
    ("editorial/glossary.yaml", r"^compare: \[([a-z-]+)",
     f"compare[0] {SHOWN} must be a lowercase ASCII slug (a-z, 0-9, single hyphens between)"),
    ("editorial/translation.en.yaml", r"^paragraphs:\n(?:\s*#.*\n)*  (p\d+):",
     f"key {SHOWN} in paragraphs {PARAGRAPH}"),
    ("editorial/conversion.yaml", r"^simplified:\n(?:.*\n)*?  candidates:\n(?:\s*#.*\n)*    ([a-z0-9]+):",
     f"key {SHOWN} in simplified.candidates must be an OpenCC config name such as s2tw"),
    ("i18n/ui.yaml", r"^zh-Hans:\n(?:\s*#.*\n)*  ([a-z_]+):",
     f"key {SHOWN} in zh-Hans must be a label name (a-z, 0-9, _ and -)"),
]


@pytest.mark.parametrize(("rel", "pattern", "message"), ID_FIELDS,
                         ids=[f"{rel.split('/')[-1]}-{message.split(' ')[0]}" for rel, _, message in ID_FIELDS])
def test_an_injected_id_in_a_real_file_is_refused_where_it_stands(real, tmp_path, monkeypatch, capsys,
                                                                 rel, pattern, message):
    project = tmp_path / "proj"
    shutil.copytree(real, project)
    path = project / rel
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text, re.MULTILINE)
    assert found, pattern
    at = found.start(1)
    line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    path.write_text(text[:at] + HOSTILE + text[found.end(1):], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, lines = _run(project, capsys)
    assert code == 2
    assert lines == [f"proj/{rel}:{line}:{col}: {message}"]


# --- any mutation of a real file: success or located lines, never a traceback ---------------

def _paths(node, at=()):
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*at, i))


ORIGINALS = {name: yaml.safe_load((ROOT / rel).read_text(encoding="utf-8")) for name, rel in FILES.items()}
PATHS = {name: list(_paths(doc)) for name, doc in ORIGINALS.items()}
MUTATIONS = ("drop", "duplicate", "retype", "list", "number", "empty", "null", "hostile", "rename")


class _Twice:
    """A mapping written with one of its keys twice."""

    def __init__(self, mapping: dict, key) -> None:
        self.mapping, self.key = mapping, key


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def _represent_twice(dumper: _Dumper, data: _Twice):
    pairs = list(data.mapping.items())
    i = [k for k, _ in pairs].index(data.key)
    return dumper.represent_mapping("tag:yaml.org,2002:map", pairs[:i + 1] + pairs[i:])


_Dumper.add_representer(_Twice, _represent_twice)


def mutate(doc, path: tuple, how: str):
    """A copy of ``doc`` with the value at ``path`` changed ``how``."""
    doc = copy.deepcopy(doc)
    if not path:
        return {"list": [doc], "number": 7, "empty": "", "null": None}.get(how, [doc])
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last, value = path[-1], parent[path[-1]]
    if how == "drop":
        del parent[last]
    elif how == "duplicate":
        if isinstance(parent, dict):
            parent = _replace(doc, path[:-1], _Twice(parent, last))
            return parent
        parent.insert(last, copy.deepcopy(value))
    elif how == "rename" and isinstance(parent, dict):
        parent[HOSTILE.strip("'")] = parent.pop(last)
    else:
        parent[last] = {
            "retype": {str: 7, int: str(value), float: str(value), bool: "yes", dict: list(value) if isinstance(
                value, dict) else None, list: {"x": value}}.get(type(value), "x"),
            "list": [value], "number": 7, "empty": "", "null": None, "hostile": HOSTILE.strip("'"),
            "rename": HOSTILE.strip("'")}[how]
    return doc


def _replace(doc, path: tuple, new):
    if not path:
        return new
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return doc


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(sorted(FILES)))
    return name, draw(st.sampled_from(PATHS[name])), draw(st.sampled_from(MUTATIONS))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation=mutations())
def test_any_mutation_of_a_real_file_builds_or_fails_with_located_lines(real, mutation):
    name, path, how = mutation
    target = real / FILES[name]
    original = target.read_text(encoding="utf-8")
    text = yaml.dump(mutate(ORIGINALS[name], path, how), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000)
    target.write_text(text, encoding="utf-8")
    try:
        build_edition(real)
        load_labels(real, registry())
    except EditionError as err:
        lines = str(err).splitlines()
        assert lines and "Traceback" not in str(err)
        for line in lines:
            located = LOCATED.match(line)
            assert located, line
            assert Path(located["file"]).exists(), line
            if Path(located["file"]).resolve() == target.resolve() and located["line"]:
                assert 1 <= int(located["line"]) <= text.count("\n") + 1, line
    finally:
        target.write_text(original, encoding="utf-8")
