"""Removing pinyin annotations and finding anomalies, rule by rule, on crafted lines."""
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.parse import scan_line, strip_annotations
from edition.pinyin import has_tone_mark, is_han, is_syllable


def kinds(line):
    return [a.kind for a in scan_line(line).anomalies]


def test_annotations_are_removed_and_recorded():
    s = scan_line("當(dāng)产業(yè)")
    assert s.text == "當产業"
    assert [(a.char, a.pinyin, a.offset, a.col) for a in s.annotations] == [("當", "dāng", 0, 2), ("業", "yè", 2, 10)]
    assert s.anomalies == ()
    assert s.cols == (1, 8, 9)


def test_neutral_tone_syllable_is_an_annotation():
    assert scan_line("們(men)").text == "們"


def test_brackets_that_are_not_pinyin_stay_as_text():
    assert strip_annotations("见(图1)和(note)与(dangx)") == "见(图1)和(note)与(dangx)"
    assert kinds("见(图1)和(note)") == []


def test_capitalised_or_misplaced_tone_is_not_a_syllable():
    assert not is_syllable("Dāng")
    assert not is_syllable("dang̀x")
    assert not is_syllable("daňg")
    assert is_syllable("lüè") and is_syllable("nǚ")


def test_fullwidth_brackets_around_pinyin_are_an_anomaly():
    assert kinds("當（dāng）") == ["fullwidth-annotation"]
    assert kinds("當(dāng）") == ["fullwidth-annotation"]
    assert kinds("说（见下文）") == []


def test_annotation_after_non_han_is_an_anomaly():
    assert "annotation-after-non-han" in kinds("好a(chǎn)")
    assert kinds("(dāng)好") == ["annotation-after-non-han"]


def test_unbalanced_and_nested_brackets():
    assert kinds("好(好") == ["bracket"]
    assert kinds("好)好") == ["bracket"]
    assert "bracket" in kinds("好(好(dāng)好)")


def test_question_mark_inside_text_but_not_at_sentence_end():
    assert kinds("是什么?") == []
    assert kinds("是什么?”") == []
    assert kinds("因?为") == ["question-mark"]
    assert "question-mark" in kinds("因?yàn")


def test_replacement_and_control_characters():
    assert kinds("好\ufffd好") == ["replacement-char"]
    assert kinds("好\x07好") == ["control"]
    assert kinds("好\u200b好") == ["control"]


def test_latin_glued_to_han_and_tone_letters():
    assert kinds("B端") == ["latin-han"]
    assert kinds("端B") == ["latin-han"]
    assert kinds("B 端") == []
    assert "tone-letter" in kinds("好 yàn 好")


def test_markup_is_flagged():
    assert "markup" in kinds("好<script>alert(1)</script>")
    assert "markup" in kinds("好&amp;好")
    assert kinds("好 a < b 好") == []


def test_anomaly_columns_point_into_the_witness_line():
    [a] = scan_line("當(dāng)因?为").anomalies
    assert a.col == 9 and "?" == "當(dāng)因?为"[a.col - 1]


# Property tests ----------------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
SYLLABLES = st.sampled_from(sorted(s for s in __import__("edition.pinyin", fromlist=["x"]).syllables()))
TEXTISH = st.one_of(HAN, st.sampled_from(list("，。、“”,?()（）ab B12 ")))


@st.composite
def annotated_lines(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        if draw(st.booleans()):
            parts.append(draw(HAN) + "(" + draw(SYLLABLES) + ")")
        else:
            parts.append(draw(TEXTISH))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(annotated_lines())
def test_stripping_is_idempotent(line):
    once = strip_annotations(line)
    assert strip_annotations(once) == once or scan_line(once).annotations


@settings(max_examples=300, deadline=None)
@given(annotated_lines())
def test_no_han_character_outside_an_annotation_is_lost(line):
    s = scan_line(line)
    removed = {a.col - 1 + i for a in s.annotations for i in range(len(a.pinyin) + 2)}
    kept_han = [ch for i, ch in enumerate(line) if is_han(ch) and i not in removed]
    assert [ch for ch in s.text if is_han(ch)] == kept_han


@settings(max_examples=300, deadline=None)
@given(annotated_lines())
def test_no_tone_marked_letter_survives_unflagged(line):
    s = scan_line(line)
    for idx, ch in enumerate(s.text):
        if has_tone_mark(ch):
            assert any(a.kind == "tone-letter" and a.col == s.cols[idx] for a in s.anomalies)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(HAN, SYLLABLES), min_size=1, max_size=20))
def test_every_well_formed_annotation_is_removed(pairs):
    line = "".join(f"{h}({p})" for h, p in pairs)
    s = scan_line(line)
    assert s.text == "".join(h for h, _ in pairs)
    assert [unicodedata.normalize("NFC", a.pinyin) for a in s.annotations] == [unicodedata.normalize("NFC", p) for _, p in pairs]
    assert s.anomalies == ()
