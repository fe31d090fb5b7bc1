"""The reviewed reading layer: one decided pinyin reading for every Han character of the text.

A character with one reading in pypinyin's dictionary is read that way. A character with more
than one (pypinyin's ``heteronym=True``) is *polyphonic*, and each of its occurrences is read as
the editors decided in ``editorial/readings.yaml``, by the first of:

1. a phrase entry restricted to named paragraphs (``paragraphs:``): an editorial decision for
   those places, with its reason;
2. a reviewed phrase: the longest phrase entry that covers the occurrence (two equally long
   ones that read it differently are an error);
3. the witness's own annotation at that position (the converter's pinyin);
4. a ``characters`` entry: one reading wherever the character stands, with the editors' reason.

Nothing is guessed: an occurrence none of these decides fails the build at its place in the
witness (``file:line:col``), as an unreviewed OpenCC difference does. The rules are checked too:
a syllable that is not a reading of its character, a reading against the tone policy (``一``
and ``不`` in their citation tones), an entry that decides nothing (stale).

Every witness annotation is compared with the decided reading: the same; the same syllable with
one of the two in the neutral tone (not a disagreement); or different, which the build accepts
only where a paragraph-restricted entry decides the place, so that every disagreement carries
its reason.

    >>> neutral("gè")
    'ge'
    >>> agreement("gè", "ge"), agreement("wèi", "wéi")
    (<Agreement.NEUTRAL: 'neutral'>, <Agreement.DIFFERENT: 'different'>)
"""
from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .convert import make_note
from .data import Sequence, bilingual
from .errors import EditionError, Problem
from .model import Agreement, Edition, Note, Paragraph, PinyinCheck, ReadingRule, Readings, ReadingSource
from .pinyin import TONE_MARKS, is_han
from .shapes import load_checked


@cache
def dictionary_readings(ch: str) -> tuple[str, ...]:
    """Every reading pypinyin's character dictionary gives ``ch`` (NFC, tone marks), most common first."""
    from pypinyin.pinyin_dict import pinyin_dict

    listed = pinyin_dict.get(ord(ch), "")
    return tuple(unicodedata.normalize("NFC", r) for r in listed.split(",") if r)


def neutral(syllable: str) -> str:
    """The syllable in the neutral tone: its tone mark removed (ü keeps its diaeresis)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", syllable)
                                                if c not in TONE_MARKS))


def is_reading_of(syllable: str, ch: str) -> bool:
    """A dictionary reading of ``ch``, or the neutral-tone form of one."""
    return syllable in dictionary_readings(ch) or syllable in {neutral(r) for r in dictionary_readings(ch)}


def agreement(witness: str, reading: str) -> Agreement:
    witness = unicodedata.normalize("NFC", witness)
    if witness == reading:
        return Agreement.SAME
    if neutral(witness) == neutral(reading) and neutral(reading) in (reading, witness):
        return Agreement.NEUTRAL       # the same syllable, one of the two written in the neutral tone
    return Agreement.DIFFERENT


@dataclass(frozen=True)
class Rule:
    """One entry of the readings file, with its place in the file."""
    source: ReadingSource
    text: str                       # the phrase, or the characters of a characters entry
    syllables: tuple[str, ...]      # one per Han character of text
    paragraphs: frozenset[str]      # empty: everywhere
    reason: Note | None
    path: str
    line: int
    col: int

    @property
    def restricted(self) -> bool:
        return bool(self.paragraphs)


@dataclass(frozen=True)
class Decision:
    reading: str
    source: ReadingSource
    rule: Rule | None               # None for the witness


def load_rules(path: Path, traditional_config: str) -> tuple[Note, dict[str, str], list[Rule], list[Problem]]:
    """The tone policy, the citation tones, the rules, and the problems of the rules themselves."""
    doc = load_checked(path, "readings")
    policy = doc["policy"]
    note = make_note(bilingual({"policy": policy}, "policy"), traditional_config)
    citation = {ch: unicodedata.normalize("NFC", r) for ch, r in policy["citation_tones"].items()}
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for m in doc.get("characters", Sequence()):
        reason = make_note(bilingual(m, "reason"), traditional_config)
        for ch, reading in m["readings"].items():
            line, col = m["readings"].key_marks[ch]
            if ch in seen:
                problems.append((str(path), line, col, f"{ch} has a characters entry already (line {seen[ch]})"))
                continue
            seen[ch] = line
            rules.append(Rule(ReadingSource.EDITORIAL, ch, (unicodedata.normalize("NFC", reading),), frozenset(),
                              reason, str(path), line, col))
    for m in doc["phrases"]:
        phrase = m["phrase"]
        syllables = tuple(unicodedata.normalize("NFC", m["reading"]).split())
        han = [c for c in phrase if is_han(c)]
        line, col = m.mark("reading")
        if len(han) != len(syllables):
            problems.append((str(path), line, col, f"phrase {phrase!r}: {len(syllables)} syllables for "
                                                   f"{len(han)} Han characters"))
            continue
        phrase_reason = make_note(bilingual(m, "reason"), traditional_config) if "reason" in m else None
        paragraphs = frozenset(m.get("paragraphs", ()))
        rules.append(Rule(ReadingSource.EDITORIAL if paragraphs else ReadingSource.PHRASE, phrase, syllables,
                          paragraphs, phrase_reason, str(path), line, col))
    for rule in rules:
        problems += _rule_problems(rule, citation)
    return note, citation, rules, problems


def _rule_problems(rule: Rule, citation: dict[str, str]) -> Iterator[Problem]:
    for ch, syllable in zip((c for c in rule.text if is_han(c)), rule.syllables, strict=True):
        if not is_reading_of(syllable, ch):
            yield (rule.path, rule.line, rule.col, f"{syllable!r} is not a reading of {ch} "
                                                   f"({', '.join(dictionary_readings(ch)) or 'no reading known'})")
        elif ch in citation and syllable != citation[ch]:
            yield (rule.path, rule.line, rule.col, f"{ch} is read {citation[ch]} everywhere (the tone policy: "
                                                   f"citation tones, no tone sandhi), not {syllable}")


def is_polyphonic(ch: str) -> bool:
    return len(dictionary_readings(ch)) > 1


def _phrase_cover(text: str, rules: list[Rule], pid: str) -> list[list[tuple[Rule, str]]]:
    """For each position of ``text``: the phrase rules that cover it, each with its reading there."""
    cover: list[list[tuple[Rule, str]]] = [[] for _ in text]
    for rule in rules:
        if rule.source is ReadingSource.EDITORIAL and not rule.restricted:
            continue                                      # a characters entry
        if rule.restricted and pid not in rule.paragraphs:
            continue
        at = text.find(rule.text)
        while at != -1:
            syllables = iter(rule.syllables)
            for k, ch in enumerate(rule.text):
                if is_han(ch):
                    cover[at + k].append((rule, next(syllables)))
            at = text.find(rule.text, at + 1)
    return cover


def decide(p: Paragraph, rules: list[Rule], witness_path: str) -> tuple[list[Decision | None], list[Problem]]:
    """The decision for each character of the paragraph: for every polyphonic character, and for a
    character of one reading that a phrase reads in the neutral tone (时候 shíhou); None elsewhere."""
    cover = _phrase_cover(p.simplified, rules, p.id)
    by_char = {r.text: r for r in rules if r.source is ReadingSource.EDITORIAL and not r.restricted}
    witness = {a.offset: unicodedata.normalize("NFC", a.pinyin) for a in p.annotations}
    decisions: list[Decision | None] = []
    problems: list[Problem] = []
    for i, ch in enumerate(p.simplified):
        where = (witness_path, p.line, p.columns[i] if p.columns else None)
        context = p.simplified[max(0, i - 4):i + 5]
        restricted = [(r, s) for r, s in cover[i] if r.restricted]
        phrases = restricted or [(r, s) for r, s in cover[i] if not r.restricted]
        if phrases:
            longest = max(len(r.text) for r, _ in phrases)
            best = [(r, s) for r, s in phrases if len(r.text) == longest]
            if len({s for _, s in best}) > 1:
                problems.append((*where, f"{p.id}: {ch} in {context!r} is read "
                                         f"{' and '.join(sorted({s for _, s in best}))} by equally long phrases"))
                decisions.append(None)
                continue
            rule, syllable = best[0]
            decisions.append(Decision(syllable, rule.source, rule))
        elif not is_han(ch) or not is_polyphonic(ch):
            decisions.append(None)
        elif i in witness:
            decisions.append(Decision(witness[i], ReadingSource.WITNESS, None))
        elif ch in by_char:
            decisions.append(Decision(by_char[ch].syllables[0], ReadingSource.EDITORIAL, by_char[ch]))
        else:
            problems.append((*where, f"{p.id}: {ch} in {context!r} has readings "
                                     f"{', '.join(dictionary_readings(ch))} and no decision in the readings file"))
            decisions.append(None)
    return decisions, problems


def check_witness(p: Paragraph, decisions: list[Decision | None], pinyin: tuple[str, ...], witness_path: str
                  ) -> tuple[tuple[PinyinCheck, ...], list[Problem]]:
    """Each witness annotation against the reading of its character (``pinyin``); a disagreement
    needs an entry for its place."""
    checks: list[PinyinCheck] = []
    problems: list[Problem] = []
    for a in p.annotations:
        decision = decisions[a.offset]
        reading = pinyin[a.offset]
        verdict = agreement(a.pinyin, reading)
        rule = decision.rule if decision else None
        if verdict is Agreement.DIFFERENT and not (rule and rule.restricted):
            problems.append((witness_path, p.line, a.col, f"{p.id}: the witness reads {a.char} "
                                                          f"{a.pinyin}, the edition {reading}: a disagreement must be "
                                                          "decided by a phrase entry restricted to this paragraph, "
                                                          "with its reason"))
        note = rule.reason if verdict is Agreement.DIFFERENT and rule else None
        checks.append(PinyinCheck(p.id, a.offset, a.char, p.simplified[a.offset], a.pinyin, reading, verdict, note))
    return tuple(checks), problems


def paragraph_pinyin(p: Paragraph, decisions: list[Decision | None]) -> tuple[str, ...]:
    """The reading of every character: decided, the only reading, or '' (not Han, or no reading known)."""
    return tuple(d.reading if d else (dictionary_readings(ch)[0] if is_han(ch) and dictionary_readings(ch) else "")
                 for ch, d in zip(p.simplified, decisions, strict=True))


def attach_readings(edition: Edition, path: Path | str, traditional_config: str) -> Edition:
    """Decide every polyphonic occurrence; fill each paragraph's pinyin and witness checks.

    Without a readings file the edition has no reading layer (no pinyin), as a crafted test
    project has none; every problem is reported at once, each at its place.
    """
    path = Path(path)
    if not path.exists():
        return edition
    policy, citation, rules, problems = load_rules(path, traditional_config)
    witness_path = edition.witness.path
    used: Counter[int] = Counter()
    sources: Counter[ReadingSource] = Counter()
    paragraphs = []
    for p in edition.paragraphs:
        decisions, found = decide(p, rules, witness_path)
        pinyin = paragraph_pinyin(p, decisions)
        checks, disagreements = check_witness(p, decisions, pinyin, witness_path)
        problems += found + disagreements
        for i, d in enumerate(decisions):
            if d is None:
                continue
            ch = p.simplified[i]
            if is_polyphonic(ch):
                sources[d.source] += 1
            if d.rule:
                used[id(d.rule)] += 1
            if ch in citation and d.reading != citation[ch]:
                problems.append((witness_path, p.line, p.columns[i] if p.columns else None,
                                 f"{p.id}: {ch} is read {d.reading} by the {d.source}; the tone policy reads it "
                                 f"{citation[ch]}: add a phrase entry"))
        paragraphs.append(dataclasses.replace(p, pinyin=pinyin, pinyin_checks=checks))
    for rule in rules:
        if not used[id(rule)]:
            what = "phrase" if rule.source is ReadingSource.PHRASE or rule.restricted else "character"
            problems.append((rule.path, rule.line, rule.col, f"{what} {rule.text!r} decides no occurrence "
                                                             "(it does not occur, or longer phrases or the witness "
                                                             "decide all its occurrences): remove it"))
    if problems:
        raise EditionError.many(sorted(problems, key=lambda q: (q[0], q[1] or 0, q[2] or 0)))
    readings = Readings(policy, tuple(ReadingRule(r.source, r.text, " ".join(r.syllables), r.reason,
                                                  tuple(sorted(r.paragraphs)), used[id(r)]) for r in rules),
                        dict(sources), sum(sources.values()))
    return dataclasses.replace(edition, paragraphs=tuple(paragraphs), readings=readings)
