"""Removing pinyin annotations and finding anomalies, rule by rule, on crafted lines."""
import re
import unicodedata

from hypothesis import find, given, settings
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
# Pieces a line is made of, each drawn on its own so that brackets, bare syllables and Han
# characters mix freely: a bracket can open before a group and close after a syllable, as in
# b((a)a), where removing the inner group would leave the text (a). Bare brackets are drawn
# often, and one kind of piece builds that nesting on purpose, so such lines are not rare.
BRACKET = st.sampled_from(["(", ")", "（", "）"])
LATIN = st.one_of(SYLLABLES, st.sampled_from(["a", "e", "n", "b", "ng", "ā", "B"]))
PIECES = st.one_of(
    BRACKET, BRACKET, HAN, LATIN, st.sampled_from(["?", " ", "，", "。", "1"]),
    st.builds(lambda h, p: f"{h}({p})", HAN, SYLLABLES),                 # a well-formed annotation
    st.builds(lambda p: f"({p})", SYLLABLES),                            # a group that may follow anything
    st.builds(lambda p: f"（{p}）", SYLLABLES),                          # full-width brackets
    st.builds(lambda x, y, z: f"({x}({y}){z})", st.one_of(st.just(""), LATIN), SYLLABLES,
              st.one_of(st.just(""), LATIN)),                            # a group nested in brackets
)


@st.composite
def annotated_lines(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        if draw(st.booleans()):
            parts.append(draw(HAN) + "(" + draw(SYLLABLES) + ")")
        else:
            parts.append(draw(TEXTISH))
    return "".join(parts)


mixed_lines = st.lists(PIECES, max_size=25).map("".join)
any_lines = st.one_of(annotated_lines(), mixed_lines)


def test_stripping_does_not_make_a_new_annotation():
    # Found by the property below: the inner group (a) follows "(", not a Han character, so it is
    # not the converter's; removing it used to splice the outer brackets into a new group (a).
    assert strip_annotations("b((a)a)") == "b((a)a)"
    assert strip_annotations(strip_annotations("b((a)a)")) == strip_annotations("b((a)a)")
    assert kinds("b((a)a)") == ["bracket", "annotation-after-non-han"]
    assert strip_annotations("b(a)") == "b(a)" and kinds("b(a)") == ["annotation-after-non-han"]
    assert strip_annotations("當（dāng）") == "當（dāng）"


def test_the_generator_makes_the_hard_cases():
    # The properties below are only as good as their inputs: the mixed generator must be able to
    # produce nested brackets around a group, bare syllables and full-width groups.
    def like_b_a_a(s):  # (x(y)z) with y and xz syllables: the shape of b((a)a) and (a(a))
        return any(is_syllable(m[2]) and is_syllable(m[1] + m[3])
                   for m in re.finditer(r"\(([^()（）]*)\(([^()（）]+)\)([^()（）]*)\)", s))

    assert like_b_a_a(find(mixed_lines, like_b_a_a, settings=settings(max_examples=2000, database=None)))
    assert find(mixed_lines, lambda s: any(a.kind == "fullwidth-annotation" for a in scan_line(s).anomalies))
    assert find(mixed_lines, lambda s: scan_line(s).annotations and any(
        a.kind == "annotation-after-non-han" for a in scan_line(s).anomalies))


@settings(max_examples=1000, deadline=None)
@given(any_lines)
def test_stripping_is_idempotent(line):
    once = strip_annotations(line)
    assert strip_annotations(once) == once
    assert scan_line(once).annotations == ()  # a second pass finds nothing the witness did not have


@settings(max_examples=1000, deadline=None)
@given(any_lines)
def test_only_the_recorded_annotations_are_removed(line):
    # What an editor wants of the diplomatic text: the witness minus exactly the converter's
    # annotations, each recorded; every other character kept, at its own column.
    s = scan_line(line)
    removed = {a.col - 1 + i for a in s.annotations for i in range(len(a.pinyin) + 2)}
    assert s.text == "".join(ch for i, ch in enumerate(line) if i not in removed)
    assert list(s.cols) == [i + 1 for i in range(len(line)) if i not in removed]
    for a in s.annotations:
        assert line[a.col - 1:a.col + len(a.pinyin) + 1] == f"({a.pinyin})" and s.text[a.offset] == a.char


@settings(max_examples=300, deadline=None)
@given(any_lines)
def test_no_han_character_outside_an_annotation_is_lost(line):
    s = scan_line(line)
    removed = {a.col - 1 + i for a in s.annotations for i in range(len(a.pinyin) + 2)}
    kept_han = [ch for i, ch in enumerate(line) if is_han(ch) and i not in removed]
    assert [ch for ch in s.text if is_han(ch)] == kept_han


@settings(max_examples=300, deadline=None)
@given(any_lines)
def test_no_tone_marked_letter_survives_unflagged(line):
    s = scan_line(line)
    for idx, ch in enumerate(s.text):
        if has_tone_mark(ch):
            # flagged itself, or inside a doubtful group that is flagged as a whole
            assert any(a.kind == "tone-letter" and a.col == s.cols[idx] for a in s.anomalies) or any(
                a.kind in ("annotation-after-non-han", "fullwidth-annotation")
                and a.col < s.cols[idx] < a.col + a.length
                for a in s.anomalies)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(HAN, SYLLABLES), min_size=1, max_size=20))
def test_every_well_formed_annotation_is_removed(pairs):
    line = "".join(f"{h}({p})" for h, p in pairs)
    s = scan_line(line)
    assert s.text == "".join(h for h, _ in pairs)
    assert ([unicodedata.normalize("NFC", a.pinyin) for a in s.annotations]
            == [unicodedata.normalize("NFC", p) for _, p in pairs])
    assert s.anomalies == ()
