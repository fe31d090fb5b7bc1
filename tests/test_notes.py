"""Every editors' note of the built edition, read as a reviewer reads it: one test per class of error.

A note is any ``Note`` reachable from the Edition (emendations, sics, remarks, dropped lines, accepted forms,
conversion steps, candidates, differences and phrase rules, the punctuation rule, the witness,
glossary definitions, claim summaries, uncited paragraphs): the walk below finds them all, so a new
kind of note is checked without being listed here. The oracles are independent of the code that
makes the notes: OpenCC's own character table says which characters are ambiguous, a reviewed table
in this file says what each must become, and the essay and the witness file say what may be quoted.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path

import opencc
import pytest

from edition.build import build_edition
from edition.convert import convert_prose, unmark
from edition.model import Note
from tests.helpers import ROOT

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WIDE_PUNCT = "\u3000-\u303f\uff00-\uffef\u2014\u2026"   # CJK and full-width punctuation, —, …
CJK = HAN + "\u3000-\u303f\uff00-\uffef"   # … and — are English punctuation too


@lru_cache(maxsize=1)
def edition():
    return build_edition(ROOT)


def _walk(obj, path):
    if isinstance(obj, Note):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        name = getattr(obj, "id", None)
        here = f"{path}[{name}]" if isinstance(name, str) and name else path
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name), f"{here}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]")


@lru_cache(maxsize=1)
def notes() -> tuple[tuple[str, Note], ...]:
    return tuple(_walk(edition(), "edition"))


def test_the_walk_finds_every_kind_of_note():
    paths = " ".join(path for path, _ in notes())
    for kind in ("emendations", "evidence", "sics", "remarks", "dropped", "accepted", "simplified_step.reason",
                 "candidates", "differences", "phrase_rules", "punctuation_reason", "witness.description",
                 "glossary", "definition", "claims", "summary", "uncited"):
        assert kind in paths, f"no note found under {kind!r}: the walk or the model changed"


@lru_cache(maxsize=1)
def forms() -> dict[Note, tuple[str, ...]]:
    """The forms a note is about and may quote although the essay does not have them: a [sic] note's
    suggested correction; a remark's rejected correction, and phrases with its reading (配套醇熟)."""
    out = {s.reason: (s.suggestion,) for s in edition().sics}
    out |= {r.reason: tuple(f for f in (r.considered, r.reading) if f) for r in edition().remarks}
    return out


def _quoted_mask(marked: str) -> list[bool]:
    """For each character of the unmarked text: is it inside ⟦…⟧ (quoted as a character)?"""
    mask, inside = [], False
    for ch in marked:
        if ch in "⟦⟧":
            inside = ch == "⟦"
        else:
            mask.append(inside)
    return mask


# --- (a) Traditional forms at ambiguous characters ------------------------------------------------

@lru_cache(maxsize=1)
def one_to_many() -> dict[str, tuple[str, ...]]:
    """Simplified characters with more than one Traditional counterpart, from OpenCC's own table."""
    table = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    if not table.exists():
        pytest.skip(f"OpenCC's character table is not at {table} (this project uses opencc-python-reimplemented)")
    out = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        simplified, _, traditional = line.partition("\t")
        forms = tuple(traditional.split())
        if len(forms) > 1:
            out[simplified] = forms
    return out


# The reviewed Traditional (Taiwan) form of each one-to-many character that the notes use, where one
# form is right wherever it occurs here. A character with no entry, or needing context, fails until
# it is reviewed: add it here, or a word to CONTEXT, or rephrase the note.
DEFAULT = dict(pair for pair in (
    "个個 了了 于於 云雲 余餘 准準 几幾 出出 别別 升升 占佔 历歷 发發 只只 台臺 合合 同同 后後 向向 它它 家家 局局 "
    "并並 广廣 弥彌 当當 念念 才才 据據 曲曲 术術 板板 极極 核核 汇彙 游游 玩玩 确確 种種 系係 背背 采採 范範 "
    "获獲 表表 里裡 链鏈 面面 须須 致致 卷卷 钟鐘 冲衝 尽盡 修修 录錄 证證 回回 淀澱 参參 "
    "制制 克克 借藉 团團 仆僕 松鬆 复復 干幹 注注 布布 搜搜"
).split() if pair[0] not in "制克借团仆松复干注布")   # context only: 制度/製作, 借用/藉此, 复杂/恢复, 注音/註明 …
# Words in which a character takes another form than its default, or has no default.
CONTEXT = {
    "注音": "注音",       # zhùyīn, the annotation of a reading: 注
    "注脚": "註腳",       # footnote: 註 (as the reading text of ¶ 16 has it)
    "加注": "加註",       # to add a note: 註 (Taiwan usage), as 注明 註明 and 标注 標註
    "注明": "註明",
    "标注": "標註",
    "注释": "註釋",
    "脚注": "腳註",
    "复制": "複製",       # to copy
    "编码制": "編碼制",   # a system: 制, not 製 (to make)
    "发布": "發佈",       # OpenCC's form; the MOE standard is 發布: in editorial/witness.yaml, flagged for its owner
    "其余": "其餘",
    "关系": "關係",
    "上下游": "上下游",   # 游 of a river, not 遊
    "词汇": "詞彙",
    "平台": "平臺",       # Taiwan's standard form of 台 in 平台 and 台湾
    # interface labels (i18n/ui.yaml)
    "校勘注": "校勘注",   # a note: 注 as well as 註 in Taiwan usage; kept as converted
    "译者注": "譯者注",
    "若干": "若干",
    "征兆": "徵兆",
    "控制": "控制",
    "关注": "關注",       # attention: 注 (readings.yaml, 关注点)
    "划线": "劃線",       # to underline: 劃 (witness_key_emendation, 加下划线)
    "分布": "分佈",       # OpenCC's form, usual in Taiwan (the MOE dictionary's headword is 分布), as 發佈 above
}


def _expected(hans: str, i: int) -> str | None:
    for word, target in CONTEXT.items():
        start = hans.find(word, max(0, i - len(word) + 1))
        while start != -1 and start <= i:
            if start + len(word) > i:
                return target[i - start]
            start = hans.find(word, start + 1)
    return DEFAULT.get(hans[i])


def _review(where: str, hans: str, hant: str, quoted: list[bool]) -> list[str]:
    if len(hans) != len(hant):
        return [f"{where}: the Traditional is not character-aligned with the Simplified"]
    problems = []
    for i, (s, t) in enumerate(zip(hans, hant, strict=True)):  # lengths checked above
        if quoted[i]:
            if t != s:
                problems.append(f"{where}: ⟦{s}⟧ is quoted as a character but became {t}")
            continue
        if s not in one_to_many():
            continue
        expected = _expected(hans, i)
        context = hans[max(0, i - 4):i + 5]
        if expected is None:
            problems.append(f"{where}: {s}→{t} in …{context}… is not reviewed (one of {'/'.join(one_to_many()[s])})")
        elif t != expected:
            problems.append(f"{where}: {s}→{t} in …{context}… should be {expected}")
    return problems


def test_every_traditional_note_has_the_reviewed_form_at_each_ambiguous_character():
    problems = []
    for where, n in notes():
        marked = n.zh_marked or n.zh_hans
        problems += _review(where, n.zh_hans, n.zh_hant, _quoted_mask(marked))
    assert problems == []


def test_the_converted_prose_pages_have_the_reviewed_forms_too():
    config = edition().traditional_step.config
    problems = []
    for path in sorted((ROOT / "content").glob("*.zh-Hans.md")):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        hans = unmark(text)
        hant = convert_prose(text, lambda t: opencc.OpenCC(config).convert(t))
        problems += _review(path.name, hans, hant, _quoted_mask(text))
    assert problems == []


def test_the_converted_labels_have_the_reviewed_forms_too():
    # Interface labels (i18n/ui.yaml) of a converted version are converted from the Simplified ones
    # unless given: the same review, label by label (加注 became 加註 in one place and stayed 加注 in
    # another; 发布 became 發佈).
    from edition.labels import load_labels
    from tests.views import registry
    labels = load_labels(ROOT, registry())
    problems = []
    for v in registry():
        if not v.opencc:
            continue
        source = labels[next(s.code for s in registry() if not s.opencc and not s.english)]
        for key, hans in source.items():
            marked = hans
            problems += _review(f"label {key} ({v.code})", unmark(marked), labels[v.code][key], _quoted_mask(marked))
    assert problems == []


def test_the_review_catches_the_known_errors():
    # 并为 → 併為 (the glossary note on 节奏 once said 并为结尾…); 借此 → 藉此 beside 借数字化 → 借數字化
    hans = "也并为结尾作铺垫，借此"
    hant = opencc.OpenCC("s2tw").convert(hans)
    assert "併為" in hant
    problems = _review("sample", hans, hant, [False] * len(hans))
    assert any("并→併" in p and "should be 並" in p for p in problems)
    assert any("借→藉" in p and "not reviewed" in p for p in problems)


# --- (b) spacing in Chinese notes -----------------------------------------------------------------

def _spacing_problems(text: str) -> list[str]:
    found = []
    for pattern, what in (
        (f"\\s(?=[{WIDE_PUNCT}])|(?<=[{WIDE_PUNCT}])\\s", "space next to full-width punctuation"),
        (f"(?<=[{HAN}])\\s+(?=[{HAN}])", "space between Chinese characters"),
        (r"\s\s|[\t\n\r\u00a0\u3000]", "double space, line break, tab or non-breaking space"),
        (r"^\s|\s$", "leading or trailing space"),
    ):
        found += [f"{what}: …{text[max(0, m.start() - 6):m.end() + 6]}…" for m in re.finditer(pattern, text)]
    return found


def test_no_space_left_by_a_fold_in_any_chinese_note():
    # A space between Chinese and a Latin word (ASCII 括号, GB18030 编码) is the house style and
    # stays; a space next to full-width punctuation or between two Chinese characters never does.
    problems = [f"{where} ({script}): {p}" for where, n in notes()
                for script, text in (("zh-Hans", n.zh_hans), ("zh-Hant", n.zh_hant)) for p in _spacing_problems(text)]
    assert problems == []
    assert _spacing_problems("写法为「着」。 t2s 不改") and _spacing_problems("体标 助词")


# --- (c) each version in its own language ---------------------------------------------------------

@lru_cache(maxsize=1)
def essay_corpus() -> str:
    """The essay's and the witness's own words: reading texts, the witness lines raw, and the witness
    lines without their bracketed annotations converted to Simplified (for the dropped widget lines)."""
    e = edition()
    raw = (ROOT / e.witness.path).read_text(encoding="utf-8") if (ROOT / e.witness.path).exists() else ""
    stripped = opencc.OpenCC("t2s").convert(re.sub(r"\([^()]*\)", "", raw))
    return "\n".join([*(p.simplified for p in e.paragraphs), *(p.traditional for p in e.paragraphs), raw, stripped])


def _quoted_spans(marked: str) -> list[str]:
    return re.findall(r"「([^」]*)」", unmark(marked)) + re.findall(r"⟦([^⟧]*)⟧", marked)


def test_every_note_has_both_languages_and_each_is_in_its_own():
    problems = []
    for where, n in notes():
        if not (n.zh_hans.strip() and n.zh_hant.strip() and n.en.strip()):
            problems.append(f"{where}: a version is missing")
            continue
        if not re.search(f"[{HAN}]", n.zh_hans):
            problems.append(f"{where}: the Chinese note has no Chinese in it")
        if not re.search("[A-Za-z]{2}", n.en):
            problems.append(f"{where}: the English note has no English in it")
        allowed = _quoted_spans(n.zh_marked or n.zh_hans) + list(forms().get(n, ()))
        for run in re.findall(f"[{CJK}]+", n.en):
            if run not in essay_corpus() and not any(run in span for span in allowed if span):
                problems.append(f"{where}: Chinese in the English note that is not a quoted form: {run}")
    assert problems == []


def test_translator_notes_are_english_with_chinese_forms_only():
    # The translator's notes are English only, by design (they concern the English text).
    problems = []
    for n in edition().translator_notes:
        prose = re.sub(f"[{CJK}]+", "", n.note)
        if re.search(f"[{HAN}]{{12,}}", n.note) or not re.search("[A-Za-z]{3}", prose):
            problems.append(f"translator's note on {n.term}: reads as Chinese prose")
    assert problems == []


ENGLISH_PROSE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){3,}")   # four English words in a row


@lru_cache(maxsize=1)
def quotable() -> frozenset[str]:
    """Every form a note may quote in English: the notes' quoted spans and their own forms."""
    spans = {q for _, n in notes() for q in _quoted_spans(n.zh_marked or n.zh_hans)}
    return frozenset(spans | {f for fs in forms().values() for f in fs})


def test_every_page_shows_its_notes_in_its_own_language():
    """Read as rendered (essay, apparatus, glossary, argument map, in every version): on a Chinese
    page, no text in Chinese is English prose (a glossary term's or a translator's English rendering
    aside, which the page quotes as a form) and no editors' note is marked English; on the English
    page, text in English holds no Chinese prose (eight characters or more) that is not the essay's
    words or a form a note quotes; shorter runs are forms (工业互联网 in a translator's note)."""
    import lxml.html

    from edition.render.apparatus import apparatus_page
    from edition.render.argument import argument_page
    from edition.render.essay import essay_page
    from edition.render.glossary import glossary_page
    from tests.views import registry, view
    e = edition()
    renderings = sorted({t.en for t in e.glossary} | {n.rendering for n in e.translator_notes}, key=len, reverse=True)
    problems = []
    for v in registry():
        vw = view(e, v.code)
        for name, render in (("essay", essay_page), ("apparatus", apparatus_page), ("glossary", glossary_page),
                             ("argument", argument_page)):
            root = lxml.html.fragment_fromstring(str(render(vw)), create_parent="div")
            if not v.english:
                for el in root.xpath("//span[starts-with(@id, 'note-text-')] | //p[@class='term-definition']"):
                    if el.get("lang") != v.note_lang:
                        problems.append(f"{v.code} {name}: a note in {el.get('lang')}: {el.text_content()[:40]}")
            for el in root.xpath("//*[@lang]"):
                lang, text = el.get("lang"), "".join(el.itertext())
                if lang.startswith("zh-H") and not v.english:
                    for form in renderings:
                        text = text.replace(form, "")
                    if ENGLISH_PROSE.search(text):
                        problems.append(f"{v.code} {name}: English in Chinese text: {ENGLISH_PROSE.search(text)[0]}")
                if lang == "en" and v.english:
                    for run in re.findall(f"[{HAN}][{CJK}]{{7,}}", text):
                        if run not in essay_corpus() and not any(run in q for q in quotable()):
                            problems.append(f"{v.code} {name}: Chinese in English text: {run}")
    assert problems == []
    # the English anomaly list once shown on the Chinese pages is caught; a config name or GB/T is not
    assert ENGLISH_PROSE.search("行 2:51：question mark in the text, likely a replacement character")
    assert not ENGLISH_PROSE.search("OpenCC 的 s2tw 配置，GB/T 15834—2011")


def test_converted_pages_show_quoted_witness_forms_as_the_witness_has_them():
    # The zh-Hant apparatus once showed e1 as 為產 → 為產: the witness's reading converted too. On
    # every converted page the witness's own forms (an emendation's witness reading, the characters
    # the witness description and the home page quote as characters) stay as they are.
    import html as html_lib

    from edition.leftover import left_simplified
    from edition.render.apparatus import apparatus_page
    from edition.render.prose import prose_page
    from tests.views import registry, view
    e = edition()
    witness = (ROOT / e.witness.path).read_text(encoding="utf-8")
    quoted = [q for q in re.findall(r"⟦([^⟧]*)⟧", e.witness.description.zh_marked) for q in q.split("、")]
    assert quoted and left_simplified(e)
    for v in registry():
        if not v.opencc:
            continue
        page = html_lib.unescape(str(apparatus_page(view(e, v.code))))
        for em in e.emendations:
            assert em.witness in witness and f"<code>{em.witness}</code>" in page, (v.code, em.id)
        for form in quoted:
            assert form in v.note(e.witness.description), (v.code, form)
        home = prose_page(view(e, v.code), "index")
        assert all(f"「{c}」" in home for c in left_simplified(e)[:6]), v.code


# --- (d) what a note quotes is the essay's -------------------------------------------------------

def test_every_quotation_in_a_chinese_note_is_the_essays_or_the_witness_words():
    # 「…」 quotes the essay (or the witness, for notes on the witness). Exempt: a quotation wholly
    # marked ⟦…⟧ (characters quoted as characters: 什幺, 網際網路 …), a literal gloss (字面为「…」),
    # in a [sic] note, the suggested correction or a phrase containing it (in a remark, the correction
    # it rejects, or a phrase containing that or the remarked reading), and a pinyin annotation in
    # brackets, the witness's kind of annotation (「(yàn)」, reconstructed from the bytes by e1). An
    # ellipsis splits a quotation into the pieces it joins (「不在于……而在于……」).
    problems = []
    for where, n in notes():
        marked = n.zh_marked or n.zh_hans
        own = forms().get(n, ())
        for m in re.finditer(r"(字面为)?「([^」]*)」", marked):
            gloss, quote = m.group(1), m.group(2)
            if gloss or re.fullmatch(r"(⟦[^⟧]*⟧)+", quote):
                continue
            for piece in filter(None, re.split(r"…+", unmark(quote))):
                if piece in essay_corpus():
                    continue
                if any(piece in form or form in piece for form in own):
                    continue
                if re.fullmatch(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", piece):
                    continue
                problems.append(f"{where}: 「{piece}」 is not in the essay")
    assert problems == []


# --- (e) paragraph references --------------------------------------------------------------------

def _refs_en(text: str) -> set[int]:
    out = set()
    for m in re.finditer(r"¶¶? (\d+(?:(?:–|, | and )\d+)*)", text):
        for part in re.split(r", | and ", m.group(1)):
            a, _, b = part.partition("–")
            out |= set(range(int(a), int(b or a) + 1))
    return out


def _refs_zh(text: str) -> set[int]:
    out = set()
    for m in re.finditer(r"第(\d+)段", text):
        out.add(int(m.group(1)))
    for m in re.finditer(r"第(\d+)(?:段)?、第?(\d+)段", text):
        out |= {int(m.group(1)), int(m.group(2))}
    return out


def test_paragraph_references_are_written_one_way_and_agree():
    pn = re.compile(r"(?<![\w-])[pP]\d+\b")
    bad_pilcrow = re.compile(r"¶(?!¶? \d)")
    problems = []
    for where, n in notes():
        for text, lang in ((n.en, "en"), (n.zh_hans, "zh")):
            if pn.search(text) or bad_pilcrow.search(text):
                problems.append(f"{where} ({lang}): write ¶ N (English) or 第N段 (Chinese), not {text[:60]}…")
        if "¶" in n.zh_hans:
            problems.append(f"{where} (zh): the Chinese writes 第N段")
        if _refs_en(n.en) != _refs_zh(n.zh_hans):
            problems.append(f"{where}: the English cites ¶ {sorted(_refs_en(n.en))}, "
                            f"the Chinese 第{sorted(_refs_zh(n.zh_hans))}段")
    for t in edition().translator_notes:
        for text in (t.term, t.rendering, t.note):
            if pn.search(text) or bad_pilcrow.search(text):
                problems.append(f"translator's note on {t.forms}: write ¶ N, not pN: {text[:60]}…")
    assert problems == []
    assert _refs_en("(¶¶ 8–10; ¶ 12, and ¶¶ 22, 23 and 26)") == {8, 9, 10, 12, 22, 23, 26}
    assert _refs_zh("第8段、第10段；第23段") == {8, 10, 23}
