"""The strict YAML loader behind every editorial data file."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.data import load_yaml, loads_yaml, require, tidy_zh
from edition.errors import EditionError


def test_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(EditionError) as info:
        loads_yaml("paragraphs:\n  p1: a\n  p2: b\n  p1: c\n", "t.yaml")
    assert str(info.value) == "t.yaml:4:3: duplicate key 'p1' (first at line 2)"


def test_invalid_yaml_names_the_place():
    with pytest.raises(EditionError, match=r"^t.yaml:2:\d+: invalid YAML"):
        loads_yaml("a: [1, 2\nb: c\n", "t.yaml")


def test_mappings_remember_where_they_are():
    doc = loads_yaml("x: 1\nitems:\n  - id: a\n    reason: r\n", "t.yaml")
    assert doc["items"][0].where("reason") == ("t.yaml", 4)


def test_require_names_the_missing_field_and_line():
    doc = loads_yaml("items:\n  - id: a\n", "t.yaml")
    with pytest.raises(EditionError, match=r"^t.yaml:2: missing field 'reason'$"):
        require(doc["items"][0], "reason")
    with pytest.raises(EditionError, match="must be a non-empty str"):
        require(loads_yaml("id: ''\n", "t.yaml"), "id")


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
