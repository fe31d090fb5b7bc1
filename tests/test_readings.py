"""The reviewed reading layer (edition/reading.py): every rule on a crafted project, and the real readings."""
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.build import build_edition
from edition.errors import EditionError
from edition.model import Agreement, ReadingSource
from edition.pinyin import syllables
from edition.reading import agreement, is_polyphonic, neutral
from tests.helpers import NOTE, dump, make_project

POLICY = {"citation_tones": {"一": "yī", "不": "bù"}, "zh": "字典调。", "en": "Citation tones."}


def project(tmp_path, witness, phrases=(), characters=()):
    root = make_project(tmp_path, witness)
    dump(root / "editorial" / "readings.yaml",
         {"policy": POLICY, "characters": list(characters), "phrases": list(phrases)})
    return root


def build(tmp_path, witness, **kw):
    return build_edition(project(tmp_path, witness, **kw), check=False)


def failure(tmp_path, witness, **kw) -> str:
    with pytest.raises(EditionError) as info:
        build(tmp_path, witness, **kw)
    return str(info.value)


def yaml_line(root_or_tmp, text: str) -> int:
    """The line of the readings file on which ``text`` stands (1-based): an oracle apart from the loader."""
    lines = (root_or_tmp / "editorial" / "readings.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# --- what decides a polyphonic occurrence -------------------------------------------------------

def test_an_undecided_occurrence_fails_the_build_at_its_place_in_the_witness(tmp_path):
    witness = "當(dāng)重混"
    message = failure(tmp_path, witness)
    assert f"source/w.txt:1:{witness.index('重') + 1}: p1: 重 in '当重混' has readings zhòng, chóng" in message
    assert f"source/w.txt:1:{witness.index('混') + 1}: p1: 混" in message
    assert "当" not in message.replace("'当重混'", "")      # 当 is decided by the witness's own annotation


def test_a_reviewed_phrase_decides_and_the_witness_decides_where_no_phrase_does(tmp_path):
    ed = build(tmp_path, "當(dāng)重混", phrases=[{"phrase": "重混", "reading": "chóng hùn"}])
    assert ed.paragraphs[0].pinyin == ("dāng", "chóng", "hùn")
    assert ed.readings.decided == {ReadingSource.WITNESS: 1, ReadingSource.PHRASE: 2}
    assert ed.readings.polyphonic == 3


def test_a_characters_entry_decides_only_what_nothing_else_decides(tmp_path):
    ed = build(tmp_path, "重混。混", phrases=[{"phrase": "重混", "reading": "chóng hùn"}],
               characters=[{"readings": {"混": "hún"}, "reason": NOTE}])
    assert ed.paragraphs[0].pinyin == ("chóng", "hùn", "", "hún")
    assert ed.readings.decided == {ReadingSource.PHRASE: 2, ReadingSource.EDITORIAL: 1}


def test_the_longest_phrase_wins_and_an_entry_for_the_paragraph_wins_over_every_phrase(tmp_path):
    ed = build(tmp_path, "重混,重\n重混", phrases=[
        {"phrase": "重混", "reading": "chóng hùn"}, {"phrase": "重", "reading": "zhòng"},
        {"phrase": "重", "reading": "tóng", "paragraphs": ["p2"], "reason": NOTE}])
    p1, p2 = ed.paragraphs
    assert p1.pinyin == ("chóng", "hùn", "", "zhòng") and p2.pinyin == ("tóng", "hùn")
    assert [(r.text, r.source, r.decided) for r in ed.readings.rules] == [
        ("重混", ReadingSource.PHRASE, 3), ("重", ReadingSource.PHRASE, 1), ("重", ReadingSource.EDITORIAL, 1)]


def test_a_phrase_that_decides_nothing_is_stale(tmp_path):
    root = project(tmp_path, "重混", phrases=[{"phrase": "重混", "reading": "chóng hùn"},
                                             {"phrase": "混", "reading": "hún"}])
    with pytest.raises(EditionError) as info:
        build_edition(root, check=False)
    assert f"editorial/readings.yaml:{yaml_line(root, 'hún')}:" in str(info.value)
    assert "phrase '混' decides no occurrence" in str(info.value)


def test_equally_long_phrases_that_read_one_character_differently_are_an_error(tmp_path):
    message = failure(tmp_path, "和重混", phrases=[{"phrase": "和重", "reading": "hé zhòng"},
                                                   {"phrase": "重混", "reading": "chóng hùn"}])
    assert "source/w.txt:1:2: p1: 重 in '和重混' is read chóng and zhòng by equally long phrases" in message


# --- the rules themselves -----------------------------------------------------------------------

def test_a_syllable_that_is_not_a_reading_of_its_character_is_refused_at_its_place(tmp_path):
    root = project(tmp_path, "重混", phrases=[{"phrase": "重混", "reading": "chóng hǔn"}])
    with pytest.raises(EditionError) as info:
        build_edition(root, check=False)
    line = yaml_line(root, "chóng hǔn")
    assert re.search(rf"editorial/readings\.yaml:{line}:\d+: 'hǔn' is not a reading of 混", str(info.value))


def test_one_syllable_per_han_character(tmp_path):
    assert "phrase '重混': 1 syllables for 2 Han characters" in failure(
        tmp_path, "重混", phrases=[{"phrase": "重混", "reading": "chóng"}])


@pytest.mark.parametrize("phrase, reading, wrong", [("一个", "yí gè", "yí"), ("不是", "bú shì", "bú")])
def test_the_tone_policy_reads_yi_and_bu_in_their_citation_tones(tmp_path, phrase, reading, wrong):
    message = failure(tmp_path, phrase + "。", phrases=[{"phrase": phrase, "reading": reading}])
    assert f"{phrase[0]} is read {POLICY['citation_tones'][phrase[0]]} everywhere" in message
    assert f"not {wrong}" in message


def test_a_character_has_one_characters_entry(tmp_path):
    message = failure(tmp_path, "混", characters=[{"readings": {"混": "hùn"}, "reason": NOTE},
                                                {"readings": {"混": "hún"}, "reason": NOTE}])
    assert re.search(r"editorial/readings\.yaml:\d+:\d+: 混 has a characters entry already \(line \d+\)", message)


def test_a_restricted_entry_needs_its_reason(tmp_path):
    assert "'reason' is missing" in failure(
        tmp_path, "重混", phrases=[{"phrase": "重混", "reading": "chóng hùn", "paragraphs": ["p1"]}])


# --- the witness's own annotations --------------------------------------------------------------

def test_a_disagreement_with_the_witness_needs_an_entry_for_its_place_and_carries_its_reason(tmp_path):
    witness = "當(dàng)前"
    message = failure(tmp_path, witness, phrases=[{"phrase": "当前", "reading": "dāng qián"}])
    assert f"source/w.txt:1:{witness.index('(') + 1}: p1: the witness reads 當 dàng, the edition dāng" in message
    reason = {"zh": "当前之当读阴平。", "en": "当 in 当前 is dāng."}
    ed = build(tmp_path, witness, phrases=[{"phrase": "当前", "reading": "dāng qián", "paragraphs": ["p1"],
                                            "reason": reason}])
    (check,) = ed.paragraphs[0].pinyin_checks
    assert (check.witness, check.reading, check.agreement) == ("dàng", "dāng", Agreement.DIFFERENT)
    assert check.note.en == reason["en"] and check.note.zh_hans == reason["zh"]
    assert ed.readings.decided == {ReadingSource.EDITORIAL: 2}     # 前 (qián, jiǎn) too


def test_a_neutral_tone_is_not_a_disagreement(tmp_path):
    ed = build(tmp_path, "這個(gè)", phrases=[{"phrase": "这个", "reading": "zhè ge"}])
    (check,) = ed.paragraphs[0].pinyin_checks
    assert ed.paragraphs[0].pinyin == ("zhè", "ge")
    assert (check.witness, check.reading, check.agreement) == ("gè", "ge", Agreement.NEUTRAL)


def test_a_phrase_gives_a_character_of_one_reading_its_neutral_tone(tmp_path):
    ed = build(tmp_path, "时候", phrases=[{"phrase": "时候", "reading": "shí hou"}])
    assert ed.paragraphs[0].pinyin == ("shí", "hou")
    assert ed.readings.polyphonic == 0 and ed.readings.decided == {}    # neither 时 nor 候 is polyphonic


def test_without_a_readings_file_there_is_no_reading_layer(tmp_path):
    ed = build_edition(make_project(tmp_path, "重混"), check=False)
    assert ed.readings is None and ed.paragraphs[0].pinyin == ()


# --- neutral tone and agreement, as properties --------------------------------------------------

NEUTRAL = {"gè": "ge", "lǜ": "lü", "zhǎo": "zhao", "de": "de", "nǚ": "nü", "ér": "er"}   # by hand


@pytest.mark.parametrize("toned, plain", NEUTRAL.items())
def test_neutral_removes_the_tone_mark_only(toned, plain):
    assert neutral(toned) == plain


SYLLABLES = st.sampled_from(sorted(syllables()))


@given(SYLLABLES)
def test_a_reading_agrees_with_itself_and_its_neutral_form_is_no_disagreement(s):
    assert agreement(s, s) is Agreement.SAME
    if neutral(s) != s:
        assert agreement(s, neutral(s)) is Agreement.NEUTRAL
        assert agreement(neutral(s), s) is Agreement.NEUTRAL


@given(SYLLABLES, SYLLABLES)
def test_two_syllables_that_differ_in_more_than_the_tone_disagree(a, b):
    strip = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")  # independent of neutral()
    if unicodedata.normalize("NFC", a).translate(strip) != unicodedata.normalize("NFC", b).translate(strip):
        assert agreement(a, b) is Agreement.DIFFERENT


# --- the real edition ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edition():
    return build_edition()


def readings_of(edition, pid: str, phrase: str) -> list[str]:
    p = edition.paragraph(pid)
    at = p.simplified.index(phrase)
    return list(p.pinyin[at:at + len(phrase)])


def test_every_polyphonic_occurrence_of_the_real_text_is_decided(edition):
    total = sum(1 for p in edition.paragraphs for ch in p.simplified if is_polyphonic(ch))
    assert edition.readings.polyphonic == total == sum(edition.readings.decided.values())
    for p in edition.paragraphs:
        assert all(r for r, ch in zip(p.pinyin, p.simplified, strict=True) if "\u4e00" <= ch <= "\u9fff"), p.id


def test_the_errors_the_issue_names_are_corrected(edition):
    # the issue's examples (issue 12): 重混 is "remix" (chóng); 以…为代表 / 以…为注脚 read 为 wéi
    assert readings_of(edition, "p20", "重混")[0] == "chóng"
    for p in edition.paragraphs:
        for m in re.finditer("为(代表|注脚)", p.simplified):
            assert p.pinyin[m.start()] == "wéi", (p.id, m.start())


def test_yi_and_bu_are_in_their_citation_tones_everywhere(edition):
    for p in edition.paragraphs:
        for ch, r in zip(p.simplified, p.pinyin, strict=True):
            if ch == "一":
                assert r == "yī", p.id
            if ch == "不":
                assert r == "bù", p.id


def test_the_witness_checks_cover_every_annotation(edition):
    for p in edition.paragraphs:
        assert [c.offset for c in p.pinyin_checks] == [a.offset for a in p.annotations]
        for c in p.pinyin_checks:
            assert c.reading == p.pinyin[c.offset]
            assert (c.agreement is Agreement.DIFFERENT) == (c.note is not None)
