"""Cost and limits: nothing explodes, nothing absurd is read, repeated errors are capped.

No test asserts a time (a shared machine makes timings flaky; ``scripts/benchmark.py --only
pipeline`` gives the figures). Each test pins instead what made the cost explode or the output
unreadable: differences found position by position (checked against an independent oracle),
difflib never given a long text, an over-limit file refused before it is read, 200,000 errors
printed in 21 lines.
"""
import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edition.convert as convert_module
from edition.build import build_edition
from edition.convert import convert, differences
from edition.editorial import PhraseRule, Where, load_editorial
from edition.errors import SHOWN_PROBLEMS, EditionError
from edition.establish import apply_phrases, regularize_punctuation
from edition.parse import scan_line
from edition.source import MAX_LINE_CHARS, MAX_WITNESS_BYTES, decode_witness, read_witness
from tests.helpers import ROOT, make_project

LOCATED = re.compile(r"^[^:]+(:\d+(:\d+)?)?: ")


def failure(tmp_path, witness, **kw) -> str:
    with pytest.raises(EditionError) as info:
        build_edition(make_project(tmp_path, witness, **kw), check=False)
    return str(info.value)


# --- differences ------------------------------------------------------------------------------

def positional_oracle(a: str, b: str) -> list[tuple[str, str]]:
    """Independent oracle: mark each position, then runs of marks one equal character apart at most."""
    mask = "".join("x" if x != y else "." for x, y in zip(a, b, strict=True))
    return [(a[m.start():m.end()], b[m.start():m.end()]) for m in re.finditer(r"x(?:\.?x)*", mask)]


ALPHABET = "产业互联网的发展云端，。 ab"


@st.composite
def aligned_pairs(draw):
    """A text (up to several thousand characters, so blocks of 1,024 are crossed) and a copy of it
    with random characters substituted: what two character-to-character conversions give."""
    base = draw(st.text(alphabet=ALPHABET, max_size=120)) * draw(st.integers(1, 60))
    chars = list(base)
    for where, ch in draw(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(ALPHABET + "產業")),
                                   max_size=40)):
        if chars:
            chars[int(where * len(chars))] = ch
    return base, "".join(chars)


@settings(max_examples=300, deadline=None)
@given(aligned_pairs())
def test_aligned_differences_are_the_positions_that_differ(pair):
    chosen, candidate = pair
    assert differences(chosen, candidate) == positional_oracle(chosen, candidate)


def whole_paragraph_difflib(chosen: str, candidate: str) -> list[tuple[str, str]]:
    """The review as it was: difflib over the whole paragraph (the reference on the real witness)."""
    if chosen == candidate:
        return []
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, chosen, candidate, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] <= 1 and j1 - spans[-1][3] <= 1:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    result = []
    for i1, i2, j1, j2 in spans:
        if i1 == i2 or j1 == j2:
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        result.append((chosen[i1:i2], candidate[j1:j2]))
    return result


@pytest.fixture(scope="module")
def candidate_pairs():
    """(chosen, candidate) of every paragraph of the real witness and every candidate config."""
    ed = load_editorial(ROOT)
    edition = build_edition(ROOT)
    pairs = []
    for p in edition.paragraphs:
        pairs += [(p.simplified, regularize_punctuation(convert(p.diplomatic, c.config), ed.punctuation)[0])
                  for c in ed.simplified.candidates]
        pairs += [(p.traditional, convert(p.simplified, c.config)) for c in ed.traditional.candidates]
    return pairs


@pytest.mark.parametrize("difflib_max", [convert_module.DIFFLIB_MAX, 0])
def test_real_witness_differences_are_what_whole_paragraph_difflib_gave(candidate_pairs, difflib_max, monkeypatch):
    """Both ways of aligning texts of different lengths (difflib on short stretches, resynchronising
    on long ones: forced here with DIFFLIB_MAX = 0) give the reviewed keys of conversion.yaml."""
    monkeypatch.setattr(convert_module, "DIFFLIB_MAX", difflib_max)
    assert any(len(a) != len(b) for a, b in candidate_pairs)  # s2twp: 互联网 → 網際網路
    for chosen, candidate in candidate_pairs:
        assert differences(chosen, candidate) == whole_paragraph_difflib(chosen, candidate)


def test_long_texts_never_reach_difflib(monkeypatch):
    real = difflib.SequenceMatcher

    def short_only(junk, a, b, autojunk=True):
        assert len(a) <= convert_module.DIFFLIB_MAX and len(b) <= convert_module.DIFFLIB_MAX
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(convert_module.difflib, "SequenceMatcher", short_only)
    clause = "产业互联网的发展离不开云计算"
    # 70,000 characters, the same length: position by position
    assert differences(clause * 5_000, clause.replace("云", "雲") * 5_000) == [("云", "雲")] * 5_000
    # different lengths, cut at the shared punctuation into short stretches
    chosen, candidate = (clause + "，") * 5_000, (clause.replace("互联网", "网际网路") + "，") * 5_000
    assert differences(chosen, candidate) == [("互联网", "网际网路")] * 5_000
    # different lengths and no punctuation at all: resynchronised on the next agreeing characters
    chosen, candidate = clause * 5_000, clause.replace("互联网", "网际网路") * 5_000
    assert differences(chosen, candidate) == [("互联网", "网际网路")] * 5_000


def phrases_one_at_a_time(text, rules):
    """The phrase rules as they were applied: the text rebuilt at every match (quadratic), the reference."""
    regs = []
    for source, target in rules:
        i = text.find(source)
        while i != -1:
            text = text[:i] + target + text[i + len(source):]
            regs.append((i, source, target))
            i = text.find(source, i + len(target))
    return text, regs


PHRASES = [("著名", "着名"), ("看著", "看"), ("著", "着了"), ("aa", "a")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="看著名的，a", max_size=60), st.lists(st.sampled_from(PHRASES), max_size=3, unique=True))
def test_phrase_rules_applied_in_one_pass_are_what_they_were(text, rules):
    used = {source: 0 for source, _ in rules}
    result, regs = apply_phrases(text, [PhraseRule(s, t, None, Where("c.yaml", 1))  # type: ignore[arg-type]
                                        for s, t in rules], used)
    expected_text, expected_regs = phrases_one_at_a_time(text, rules)
    assert result == expected_text and [(r.offset, r.orig, r.reg) for r in regs] == expected_regs
    assert sum(used.values()) == len(expected_regs)


# --- limits ------------------------------------------------------------------------------------

def test_over_limit_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "w.txt"
    with path.open("wb") as f:  # sparse: nothing needs writing or reading
        f.truncate(MAX_WITNESS_BYTES + 1_100_001)

    def never(self):
        raise AssertionError("the over-limit witness was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(EditionError) as info:
        read_witness(path)
    assert str(info.value) == (f"{path}: witness is 3,100,001 bytes (3.1 MB); the limit is {MAX_WITNESS_BYTES:,} "
                               "bytes (MAX_WITNESS_BYTES in edition/source.py)")


def test_over_limit_bytes_are_refused_by_the_build(tmp_path):
    msg = failure(tmp_path, "好。" * (MAX_WITNESS_BYTES // 6 + 1))
    assert "witness is 2,000,004 bytes (2.0 MB); the limit is 2,000,000 bytes" in msg
    assert len(msg.splitlines()) == 1


def test_a_one_megabyte_line_is_refused_by_the_line_limit(monkeypatch):
    """MAX_LINE_CHARS (200,000) is below a 1 MB line: pure-Python OpenCC grows with the square of a
    stretch without punctuation, and the limit bounds that worst case. Refused before any parsing."""
    import edition.establish
    monkeypatch.setattr(edition.establish, "scan_line", None)  # never reached
    line = "产业互联网" * 70_000  # 350,000 characters, 1.05 MB
    with pytest.raises(EditionError) as info:
        decode_witness(f"第一行。\n{line}".encode(), "w.txt")
    assert str(info.value) == ("w.txt:2:200001: line is 350,000 characters long; the limit is 200,000 "
                               "(MAX_LINE_CHARS in edition/source.py)")


def test_a_line_at_the_limit_builds(tmp_path):
    clause = "产业互联网的发展,B端用户? "
    line = (clause * (MAX_LINE_CHARS // len(clause) + 1))[:MAX_LINE_CHARS - 1] + "。"
    assert len(line) == MAX_LINE_CHARS
    ed = build_edition(make_project(tmp_path, line, accepted=[{"form": "B端", "reason": {"zh": "用", "en": "u"}}]),
                       check=False)
    [p] = ed.paragraphs
    assert len(p.simplified) == MAX_LINE_CHARS and ed.accepted[0].occurrences == line.count("B端")


# --- errors: capped, located, once --------------------------------------------------------------

def test_repeated_errors_are_capped_and_all_kept():
    problems = [("w.txt", n, 1, f"problem {n}") for n in range(1, 26)]
    err = EditionError.many(problems)
    lines = str(err).splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1 == 21
    assert lines[:2] == ["w.txt:1:1: problem 1", "w.txt:2:1: problem 2"] and lines[-1] == "… and 5 more problems"
    assert err.problems == problems
    assert str(EditionError.many(problems[:21])).splitlines()[-1] == "… and 1 more problem"
    assert len(str(EditionError.many(problems[:20])).splitlines()) == 20


def test_two_hundred_thousand_stray_brackets_print_21_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    msg = failure(tmp_path, "\n".join(["好" + ")" * 50_000 + "好。"] * 4))  # four lines under MAX_LINE_CHARS
    lines = msg.splitlines()
    assert len(lines) == 21 and lines[-1] == "… and 199,980 more problems"
    assert lines[0] == "source/w.txt:1:2: unbalanced bracket: ')' closes nothing"
    assert all(LOCATED.match(line) for line in lines[:-1])


def test_many_openers_are_scanned_once():
    """Each '(' looks ahead to the next bracket only: 100,000 of them are 100,000 anomalies, in one pass."""
    anomalies = scan_line("好" + "(" * 100_000 + "好").anomalies
    assert len(anomalies) == 100_000 and anomalies[-1].message == "unbalanced bracket: '(' is never closed"


EMENDATION = {"id": "e1", "line": 1, "witness": "?yàn)楫a", "reading": "為產", "reason": {"zh": "理由", "en": "r"},
              "evidence": {"zh": "证据", "en": "ev"}}


def test_an_error_on_an_emended_line_is_printed_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    msg = failure(tmp_path, "因?yàn)楫a(chǎn)業。第二?个", emendations=[EMENDATION])
    assert msg.splitlines() == [
        "source/w.txt:1:19: '?' inside running text before '个' (a decoder's mark for undecodable bytes?)"]


def test_an_anomaly_an_emendation_makes_far_away_is_still_reported(tmp_path, monkeypatch):
    """The rescan of the repaired line still reports what an emendation changed elsewhere: without
    the ')' of the corrupted span, the '(' at the start of the line no longer closes."""
    monkeypatch.chdir(tmp_path)
    lines = failure(tmp_path, "(注 因?yàn)楫a(chǎn)業。", emendations=[EMENDATION]).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("source/w.txt:1:1: bracket '(' is followed by another opening bracket")


def test_two_emendations_on_one_line_are_placed_in_the_repaired_line(tmp_path):
    def emendation(eid, witness, reading):
        return dict(EMENDATION, id=eid, witness=witness, reading=reading)

    witness = "甲XXX乙(yǐ)丙YYY丁(dīng)。"
    ed = build_edition(make_project(tmp_path / "a", witness, emendations=[
        emendation("e1", "XXX", "一"), emendation("e2", "YYY", "二")]), check=False)
    [p] = ed.paragraphs
    assert p.diplomatic == "甲一乙丙二丁。"
    assert [(e.id, e.col, e.offset, e.length) for e in p.emendations] == [("e1", 2, 1, 1), ("e2", 11, 4, 1)]
    assert [(a.char, a.col) for a in p.annotations] == [("乙", 6), ("丁", 15)]  # witness columns of '('
    assert [len(e.resolves) for e in p.emendations] == [2, 2]  # the first and last X (Y), glued to Han
    msg = failure(tmp_path / "b", witness, emendations=[emendation("e1", "XXX", "一"), emendation("e2", "YYY", "二?")])
    assert msg.endswith(":1:12: '?' inside running text before '丁' (a decoder's mark for undecodable bytes?) "
                        "(left by emendation e2)")


# --- encodings and columns -----------------------------------------------------------------------

def decode_error(data: bytes) -> str:
    with pytest.raises(EditionError) as info:
        decode_witness(data, "w.txt")
    return str(info.value)


@pytest.mark.parametrize("data, name", [
    ("產業互聯網時代".encode("utf-16-le"), "UTF-16LE"),
    ("產業互聯網時代".encode("utf-16-be"), "UTF-16BE"),
    (b"\xff\xfe" + "產業互聯網".encode("utf-16-le"), "UTF-16LE"),
    (b"\xfe\xff" + "產業互聯網".encode("utf-16-be"), "UTF-16BE"),
    ("B2B and B端 (dāng)\n第二行".encode("utf-16-le"), "UTF-16LE"),   # valid UTF-8, but full of NUL bytes
    ("B2B and B端 (dāng)\n第二行".encode("utf-16-be"), "UTF-16BE"),
])
def test_a_utf16_witness_is_named_utf16(data, name):
    msg = decode_error(data)
    assert msg.startswith("w.txt:1:") and "not UTF-8" in msg and name in msg
    assert f"iconv -f {name} -t UTF-8" in msg and "\n" not in msg


def test_legacy_encodings_are_still_told_apart_from_utf16():
    assert "GB18030" in decode_error("第一行\n產業互聯網時代".encode("gb18030"))
    big5 = "當產業互聯網時代來臨，幾乎所有的玩家都在把關注的焦點聚焦在了B端流量的獲取上。".encode("big5")
    assert "BIG5" in decode_error(big5)


def test_latin_glued_letter_column_points_at_the_letter():
    anomalies = [a for a in scan_line("产业个ab端用户").anomalies if a.kind == "latin-han"]
    assert [(a.col, a.message) for a in anomalies] == [
        (4, "Latin letter 'a' glued to a Han character outside an annotation"),
        (5, "Latin letter 'b' glued to a Han character outside an annotation")]


def test_an_accepted_form_must_cover_the_glued_letters_whole_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = [{"form": "B端", "reason": {"zh": "用", "en": "u"}}]
    assert build_edition(make_project(tmp_path / "a", "B端用户。", accepted=form), check=False).accepted[0].occurrences
    msg = failure(tmp_path / "b", "好,AB端用户。", accepted=form)
    assert msg.splitlines() == [
        "b/source/w.txt:1:4: Latin letter 'B' glued to a Han character outside an annotation"]
