"""The strict YAML loader behind every editorial data file."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.data import load_yaml, loads_yaml, locate, tidy_zh
from edition.errors import EditionError


def test_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(EditionError) as info:
        loads_yaml("paragraphs:\n  p1: a\n  p2: b\n  p1: c\n", "t.yaml")
    assert str(info.value) == "t.yaml:4:3: duplicate key 'p1' (first at line 2)"


def test_invalid_yaml_names_the_place_and_keeps_the_parser_context():
    with pytest.raises(EditionError) as info:
        loads_yaml("a: [1, 2\nb: c\n", "t.yaml")
    assert str(info.value) == ("t.yaml:2:2: invalid YAML: expected ',' or ']', but got ':' "
                               "(while parsing a flow sequence that began at line 1, column 4)")
    with pytest.raises(EditionError) as info:
        loads_yaml('a: 1\nb: "open\n', "t.yaml")
    assert str(info.value) == ("t.yaml:3:1: invalid YAML: found unexpected end of stream "
                               "(while scanning a quoted scalar that began at line 2, column 4)")


@pytest.mark.parametrize(("text", "expected"), [
    ("a: \x07\n", "t.yaml:1:4: invalid YAML: the control character U+0007 is not allowed"),
    ("a: !!timestamp 2020-13-45\n", "t.yaml:1:4: invalid YAML: cannot read '2020-13-45' as a date: "
                                     "month must be in 1..12"),
    ("a: 2020-13-45\n", "t.yaml:1:4: invalid YAML: cannot read '2020-13-45' as a date: month must be in 1..12"),
    ("a: !!int x\n", "t.yaml:1:4: invalid YAML: cannot read 'x' as a whole number: "
                     "invalid literal for int() with base 10: 'x'"),
    ("? [a]\n: 1\n", "t.yaml:1:3: invalid YAML: a key must be a single value, not a list or a mapping "
                      "(while constructing a mapping that began at line 1, column 1)"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
     "t.yaml:2:8: invalid YAML: the aliases (*name) expand to more than 100000 values"),
    ("a: &a [*a]\n", "t.yaml:1:4: invalid YAML: found unconstructable recursive node"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "t.yaml: invalid YAML: nested too deeply"),
])
def test_every_yaml_failure_is_one_located_line(text, expected):
    with pytest.raises(EditionError) as info:
        loads_yaml(text, "t.yaml")
    assert str(info.value) == expected


def test_mappings_remember_where_they_are():
    doc = loads_yaml("x: 1\nitems:\n  - id: a\n    reason: r\n", "t.yaml")
    assert doc["items"][0].where("reason") == ("t.yaml", 4)


def test_aliases_within_reason_are_read():
    doc = loads_yaml("a: &n {zh: 理, en: r}\nb: *n\n", "t.yaml")
    assert doc["a"] == doc["b"] == {"zh": "理", "en": "r"}


def test_values_keys_and_list_items_know_their_line_and_column():
    doc = loads_yaml("x: 1\nitems:\n  - id: a\n    tags: [p1, p2]\n  - plain\nempty:\n", "t.yaml")
    assert locate(doc, ["x"]) == (1, 4) and locate(doc, ["x"], key=True) == (1, 1)
    assert locate(doc, ["items"]) == (3, 3) and locate(doc, ["items", 0]) == (3, 5)
    assert locate(doc, ["items", 0, "tags", 1]) == (4, 16) and locate(doc, ["items", 1]) == (5, 5)
    assert locate(doc, ["empty"]) == (6, 1)            # an empty value is placed at its key
    assert locate(doc, ["items", 7, "id"]) == (3, 3)   # a path that leaves the document: the nearest container
    assert locate(None, ["a"]) is None


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(EditionError, match="no such file"):
        load_yaml(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes("a: 產".encode("big5"))
    with pytest.raises(EditionError, match="not UTF-8"):
        load_yaml(bad)


def test_tidy_zh_joins_folded_lines_inside_chinese_but_keeps_spaces_beside_latin():
    folded = "「產」的 前一字节 GB18030 编码 9E E9，\n 其后的注音 (chǎn)"
    assert tidy_zh(folded) == "「產」的前一字节 GB18030 编码 9E E9，其后的注音 (chǎn)"
    assert tidy_zh("  a   b\n c ") == "a b c"


@given(st.lists(st.sampled_from(["产", "业", "，", "「", "」", "B", "2", " ", "\n", "a"]), max_size=30).map("".join))
def test_tidy_zh_only_removes_whitespace_and_is_idempotent(text):
    tidied = tidy_zh(text)
    assert tidied.replace(" ", "") == "".join(text.split())
    assert tidy_zh(tidied) == tidied
