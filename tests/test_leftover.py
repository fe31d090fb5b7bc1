"""Which characters the witness's converter left Simplified (edition.leftover).

Oracle: a hand list of known cases, written from the Chinese script standards and not from the
module's table: in each pair of :data:`SIMPLIFICATIONS` a Traditional text does not write the
word with the first form; in each pair of :data:`VARIANTS` both forms are standard Traditional.
"""
from edition.build import build_edition
from edition.leftover import TRADITIONAL_VARIANTS, classify, left_simplified, left_variants, leftovers

# Simplified form → its Traditional form in the words of this essay (对于, 并不, 云计算, 这里, 关系,
# 过后, 什么): the Simplified form is another word in Traditional writing, or none.
SIMPLIFICATIONS = {("于", "於"), ("并", "並"), ("云", "雲"), ("里", "裡"), ("系", "係"), ("后", "後"),
                   ("么", "麼")}
# Both forms are standard Traditional for the word (占得先機/佔得先機, 注腳/註腳).
VARIANTS = {("占", "佔"), ("注", "註")}

EDITION = build_edition()


def test_every_leftover_pair_of_the_witness_is_a_known_case():
    pairs = set(leftovers(EDITION))
    unknown = pairs - SIMPLIFICATIONS - VARIANTS
    assert not unknown, f"review these pairs and add them to the oracle: {sorted(unknown)}"


def test_the_classes_agree_with_the_hand_list():
    assert {c for c, _ in VARIANTS} == set(left_variants(EDITION))
    assert {c for c, _ in SIMPLIFICATIONS} == set(left_simplified(EDITION))
    assert not set(left_simplified(EDITION)) & {"注", "占"}
    assert TRADITIONAL_VARIANTS.isdisjoint(SIMPLIFICATIONS)


def test_classify_counts_and_orders():
    assert classify([("于", "於"), ("并", "並"), ("于", "於"), ("占", "佔")]) == (["于", "并"], ["占"])
    # the same character is a variant only with the Traditional form of its pair
    assert classify([("注", "註"), ("注", "注")]) == (["注"], ["注"])


def test_home_and_apparatus_call_only_simplified_characters_simplified():
    """The sentence that says which characters stayed Simplified names no variant, in every version."""
    import re

    from edition.render.apparatus import apparatus_page
    from edition.render.prose import prose_page
    from tests.views import view
    for code, home_list, app_list in (
            ("zh-Hans", r"不在其字表中的字（如(.*?)）", r"保留为简体的字：(.*?)。"),
            ("zh-Hant", r"不在其字表中的字（如(.*?)）", r"保留為簡體的字：(.*?)。"),
            ("en", r"Characters outside its table\s*\((.*?)…\)", r"left in Simplified form: (.*?)\.")):
        v = view(EDITION, code)
        home = re.search(home_list, prose_page(v, "index"), re.S)
        apparatus = re.search(app_list, str(apparatus_page(v)))
        assert home and apparatus, code
        for text in (home.group(1), apparatus.group(1)):
            named = set(re.findall(r"[\u4e00-\u9fff]", text))
            assert named and named <= {c for c, _ in SIMPLIFICATIONS}, (code, text)
