"""Pinyin search: the index's readings, and docs/assets/edition-pinyin.js against the oracle.

The data: each paragraph's ``py`` is its decided readings (``Paragraph.pinyin``) one token per
UTF-16 unit, as pypinyin's own tone conversion writes them; ``syllables`` is the toneless
inventory of pypinyin's dictionary. The matching: the JavaScript, run under node over the real
index, finds for every query of a large table generated from the text (every form: toneless,
spaced, unspaced, tone numbers, tone marks, mixed, upper case, ü spellings) exactly the
paragraphs and the first match that tests/pinyin_oracle.py finds, and refuses as not pinyin
exactly what the oracle cannot read. The browser test (tests/browser/test_pinyin_search.py)
runs a smaller table through the search box.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from pypinyin.contrib.tone_convert import to_normal, to_tone3
from pypinyin.pinyin_dict import pinyin_dict

from edition.build import build_edition
from edition.render.pages import fold_for
from edition.render.search import search_index
from tests import pinyin_oracle as oracle
from tests.helpers import ROOT
from tests.views import registry

EDITION = build_edition(ROOT)
PINYIN_JS = ROOT / "docs" / "assets" / "edition-pinyin.js"


@pytest.fixture(scope="module")
def indexes() -> dict[str, dict]:
    fold = fold_for(EDITION)
    return {v.code: json.loads(search_index(EDITION, v, fold)) for v in registry()}


def test_every_version_carries_the_decided_readings_aligned_with_its_text(indexes):
    assert len(indexes) >= 3
    for index in indexes.values():
        for entry, p in zip(index["paragraphs"], EDITION.paragraphs, strict=True):
            tokens = entry["py"].split(" ")
            assert len(tokens) == len(entry["zh"].encode("utf-16-le")) // 2 == len(p.pinyin)
            for token, r in zip(tokens, p.pinyin, strict=True):
                # pypinyin's conversion (ü as v in the index), not the site's
                assert token == (to_tone3(r, neutral_tone_with_five=True) if r else "")


def test_the_readings_include_the_neutral_tone_and_every_tone():
    tones = {oracle.reading(r)[1] for p in EDITION.paragraphs for r in p.pinyin if r}
    assert tones == {1, 2, 3, 4, 5}


def test_the_inventory_is_pypinyins_toneless_forms(indexes):
    expected = {to_normal(unicodedata.normalize("NFC", r)) for rs in pinyin_dict.values() for r in rs.split(",")}
    for index in indexes.values():
        inventory = index["syllables"].split(" ")
        assert inventory == sorted(inventory) and set(inventory) == expected
        assert {"a", "xi", "an", "xian", "zhuang", "lv", "nve", "er"} <= expected and "lu:" not in expected
        assert len(inventory) > 400


# --- the JavaScript against the oracle, over a table generated from the text ---------------------

def _forms(readings: list[str]) -> list[str]:
    """The ways a reader may type these syllables."""
    plain = [to_normal(r) for r in readings]
    numbered = [to_tone3(r, neutral_tone_with_five=True) for r in readings]
    marked = [r for r in readings]  # a neutral syllable has no mark: typed so it is any tone
    out = ["".join(plain), " ".join(plain), "".join(numbered), " ".join(numbered), "".join(marked),
           " ".join(marked), "'".join(plain), "".join(marked).upper(),
           "".join(n if i % 2 else p for i, (p, n) in enumerate(zip(plain, numbered, strict=True))),
           "".join(p.replace("v", "u:") for p in plain), "".join(p.replace("v", "ü") for p in plain),
           "".join(n[:-1] + "0" if n.endswith("5") else n for n in numbered)]
    return out


def generated_table() -> list[str]:
    """Queries from the text itself (1 to 4 consecutive characters at spread places of every
    paragraph, in every form; one window in each paragraph crosses punctuation), wrong tones,
    ambiguous cuttings, syllables absent from the text, and queries that are not pinyin."""
    queries: set[str] = set()
    for p in EDITION.paragraphs:
        for start in range(0, len(p.pinyin), 23):
            for size in (1, 2, 3, 4):
                window = list(p.pinyin[start:start + size])
                if len(window) == size and all(window):
                    queries.update(_forms(window))
                    other_tone = int(to_tone3(window[0], neutral_tone_with_five=True)[-1]) % 4 + 1
                    queries.add(to_normal(window[0]) + str(other_tone) + "".join(map(to_normal, window[1:])))
        for i, ch in enumerate(p.simplified[1:-1], 1):
            if ch in "，。；：" and p.pinyin[i - 1] and p.pinyin[i + 1]:
                queries.add(to_normal(p.pinyin[i - 1]) + to_normal(p.pinyin[i + 1]))   # across the punctuation
                break
    queries.update(["xian", "xi'an", "xī'ān", "xiān", "xian1", "fangan", "fang'an", "fan'gan", "dangan",
                    "zhuangzi", "nv3", "lü", "lu:4", "lv4", "ê", "er", "a", "ge", "ge5", "ge0", "GE4",
                    "zhe ge", "zhège", "men", "fan", "hu-lian-wang", "hu·lian·wang", "  hulianwang  ",
                    "chǎǎn", "xǐān",     # pinyin after all: chǎ + ǎn, xǐ + ān
                    # not pinyin: a number first, a number that is not a tone, two tones, a letter that
                    # no syllable has, characters, punctuation inside
                    "3chan", "chan6", "chan33", "chǎn3", "blockchain", "产业", "chan,ye", "b", "", "ü:",
                    "hulianwangx"])
    return sorted(queries)


NODE_SCRIPT = """
const fs = require("fs");
const [jsPath, indexPath, queriesPath] = process.argv.slice(2);
const P = require(jsPath);
const index = JSON.parse(fs.readFileSync(indexPath, "utf8"));
const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));
process.stdout.write(JSON.stringify(queries.map(q => {
  const parsed = P.parse(q, index);
  if (!parsed) return null;
  return index.paragraphs.map(p => [p.id, P.find(p, parsed)]).filter(x => x[1].length);
})));
"""


@pytest.fixture(scope="module")
def javascript(tmp_path_factory, indexes):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: docs/assets/edition-pinyin.js cannot be checked")
    tmp = tmp_path_factory.mktemp("pinyin")
    script, index, queries = tmp / "run.js", tmp / "index.json", tmp / "queries.json"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    index.write_text(json.dumps(indexes["zh-Hans"], ensure_ascii=False), encoding="utf-8")
    table = generated_table()
    queries.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([node, str(script), str(PINYIN_JS), str(index), str(queries)], capture_output=True,
                            text=True, timeout=120, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return dict(zip(table, json.loads(result.stdout), strict=True))


def test_the_generated_table_is_not_trivial(javascript):
    results = [oracle.paragraphs(EDITION, q) for q in javascript]
    assert len(javascript) > 500
    assert sum(r is None for r in results) >= 8                        # not pinyin
    assert sum(r == [] for r in results) >= 20                         # pinyin, found nowhere
    assert max(len(r or []) for r in results) >= 20                    # found almost everywhere


def test_javascript_finds_exactly_what_the_oracle_finds(javascript):
    wrong = []
    for query, found in javascript.items():
        sequences = oracle.parse(query)
        if sequences is None or found is None:
            if not (sequences is None and found is None):
                wrong.append((query, "pinyin?", sequences is not None, found is not None))
            continue
        expected = {p.id: oracle.occurrences(p.pinyin, sequences) for p in EDITION.paragraphs}
        expected = {pid: spans for pid, spans in expected.items() if spans}
        got = dict((pid, spans) for pid, spans in found)
        if list(got) != list(expected):
            wrong.append((query, sorted(set(got) ^ set(expected))))
        else:
            for pid, spans in got.items():
                # the first match is the oracle's first; the rest never overlap and are all matches
                if spans[0] != list(expected[pid][0]) or not {tuple(s) for s in spans} <= set(expected[pid]) \
                        or any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)):
                    wrong.append((query, pid, spans, expected[pid]))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("query,reads", [
    ("chanye hulianwang", True), ("chǎnyè", True), ("chan3 ye4", True), ("hulianwang", True),
    ("xian", True), ("xi'an", True), ("blockchain", False), ("产业", False), ("chan6", False),
])
def test_what_is_pinyin(query, reads):
    assert (oracle.parse(query) is not None) is reads


def test_ambiguous_cuttings_are_all_tried():
    # xian is xian (先, 现, 显, 限) and xi + an; xi'an is only the second
    assert set(oracle.parse("xi'an") or []) < set(oracle.parse("xian") or [])
    assert set(oracle.paragraphs(EDITION, "xi'an") or []) <= set(oracle.paragraphs(EDITION, "xian") or [])
