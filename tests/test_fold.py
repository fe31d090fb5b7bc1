"""Search folding: one hand-written table of cases (fold_cases.json), run by both sides.

The index is folded in Python (edition/render/search.py) and the query in the browser
(docs/assets/edition-fold.js): if the two disagree on a character, a query cannot find what
it should, or a highlight lands in the wrong place. Each side runs the same table; the
JavaScript gets the map exactly as search_index hands it to the browser.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from types import SimpleNamespace

import pytest

from edition.render.search import fold, search_index
from tests.helpers import ROOT

TABLE = json.loads((ROOT / "tests" / "fold_cases.json").read_text(encoding="utf-8"))["cases"]
FOLD_JS = ROOT / "docs" / "assets" / "edition-fold.js"
IDS = [c["why"] for c in TABLE]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def browser_map(mapping: dict[str, str]) -> dict[str, str]:
    """The map as the browser receives it (search_index merges in the punctuation fold)."""
    return json.loads(search_index(SimpleNamespace(paragraphs=()), None, mapping))["fold"]


def test_the_table_covers_the_hard_cases():
    inputs = "".join(c["input"] for c in TABLE)
    assert any(c["input"] == "" for c in TABLE)
    assert any(ord(ch) > 0xFFFF for ch in inputs)                       # astral characters
    assert any("\uff01" <= ch <= "\uff5e" for ch in inputs)             # full-width ASCII
    assert any(ch in "“”‘’" for ch in inputs) and any("map" in c for c in TABLE)
    assert {"ﬁ", "㍿"} <= set(inputs)                                    # NFKC longer than one character
    assert any(0x300 <= ord(ch) <= 0x36F for ch in inputs)              # combining marks


@pytest.mark.parametrize("case", TABLE, ids=IDS)
def test_each_case_keeps_offsets_aligned(case):
    # Highlighting uses offsets into the folded text as offsets into the displayed text, in
    # UTF-16 units in the browser: the expectation itself must respect that.
    assert utf16_len(case["expected"]) == utf16_len(case["input"])
    assert len(case["expected"]) == len(case["input"])


@pytest.mark.parametrize("case", TABLE, ids=IDS)
def test_python_fold(case):
    assert fold(case["input"], case.get("map", {})) == case["expected"]


NODE_SCRIPT = """
const fs = require("fs");
const [foldPath, casesPath] = process.argv.slice(2);
const { fold } = require(foldPath);
const cases = JSON.parse(fs.readFileSync(casesPath, "utf8"));
process.stdout.write(JSON.stringify(cases.map(c => fold(c.input, c.map))));
"""


@pytest.fixture(scope="module")
def javascript_results(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JavaScript fold (docs/assets/edition-fold.js) cannot be checked")
    tmp = tmp_path_factory.mktemp("fold")
    script, cases = tmp / "run.js", tmp / "cases.json"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    cases.write_text(json.dumps([{"input": c["input"], "map": browser_map(c.get("map", {}))} for c in TABLE]),
                     encoding="utf-8")
    result = subprocess.run([node, str(script), str(FOLD_JS), str(cases)], capture_output=True, text=True,
                            timeout=60, encoding="utf-8", errors="surrogatepass")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("index", range(len(TABLE)), ids=IDS)
def test_javascript_fold(javascript_results, index):
    assert javascript_results[index] == TABLE[index]["expected"]


def test_the_browser_loads_the_shared_fold_with_the_search():
    # edition.js loads edition-fold.js from beside itself before it folds anything (with the index),
    # and has no second copy of fold; the site serves the file beside edition.js
    edition_js = (ROOT / "docs" / "assets" / "edition.js").read_text(encoding="utf-8")
    assert 'loadScript("edition-fold.js")' in edition_js and "EditionFold.fold" in edition_js
    assert ".normalize(" not in edition_js
    assert FOLD_JS.parent == (ROOT / "docs" / "assets" / "edition.js").parent
