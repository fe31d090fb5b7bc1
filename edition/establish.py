"""Establish the reading texts from the witness and the editorial data.

witness line ─ emendations ─▶ repaired line ─ annotations removed ─▶ diplomatic text
diplomatic ─ t2s + phrase rules + punctuation rule ─▶ Simplified reading text ─ s2tw ─▶ Traditional

:func:`establish` runs these steps in order, each a function of its own:

1. :func:`check_witness_hash`: the witness is the one recorded in editorial/witness.yaml;
2. :func:`separate_lines`: every witness line is dropped (blank, or boilerplate by a named rule)
   or kept as a :class:`KeptLine`: scanned once as it stands, and once more only if emended;
   every anomaly is resolved by an emendation or an accepted form;
3. :func:`check_translation`: one English paragraph per kept line;
4. :func:`make_paragraph` for each kept line: reading texts, emendations, [sic], pinyin;
5. :func:`review_conversions`: every difference from a candidate OpenCC config is reviewed;
6. :func:`attach_translator_notes`: each note's forms are found in the text.

Every conversion here maps character to character, and that is checked: character *i* of
the diplomatic, Simplified and Traditional texts of a paragraph are the same position,
which is what lets the apparatus, search highlighting and TEI point at one place in all three.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .convert import convert, difference_key, differences, make_note
from .data import Bilingual
from .editorial import AcceptedEntry, Editorial, EmendationEntry, PhraseRule, SicEntry, StepEntry, TranslationEntry
from .errors import EditionError, Problem
from .model import (
    Accepted,
    CandidateReview,
    ConversionStep,
    Difference,
    DroppedLine,
    Edition,
    Emendation,
    Note,
    Paragraph,
    Regularization,
    RegularizationKind,
    ResolvedAnomaly,
    Sic,
    TranslatorNote,
    Witness,
    paragraph_id,
    paragraph_number,
)
from .parse import Anomaly, ScannedLine, scan_line
from .reading import cross_check, readings
from .source import WitnessFile

Placed = tuple[EmendationEntry, int]   # an emendation and the 0-based column of its witness reading in the line
NoteMaker = Callable[[Bilingual], Note]   # an editors' note → the note in the three versions
BLANK_LINE = Bilingual("空行不分隔任何内容，也不含文字。", "Blank lines separate nothing and carry no text.")
UNREVIEWED = Bilingual("未审阅", "not reviewed")


def locate(haystack: str, needle: str, occurrence: int | None) -> tuple[int | None, int]:
    """Start of ``needle`` in ``haystack`` (the given 1-based occurrence, or the only one) and the count found."""
    starts, i = [], haystack.find(needle)
    while i != -1:
        starts.append(i)
        i = haystack.find(needle, i + 1)
    if occurrence is not None:
        return (starts[occurrence - 1] if occurrence <= len(starts) else None), len(starts)
    return (starts[0] if len(starts) == 1 else None), len(starts)


def apply_emendations(line: str, entries: list[EmendationEntry]) -> tuple[str, list[Placed]]:
    """Apply the emendations of one line; returns the repaired line and each entry with its 0-based column."""
    placed = []
    for e in entries:
        start, count = locate(line, e.witness, e.occurrence)
        if start is None:
            what = "no longer occurs" if count == 0 else f"occurs {count} times (add 'occurrence')"
            raise e.where.error(f"emendation {e.id}: witness reading {e.witness!r} {what} in witness line {e.line}")
        placed.append((e, start))
    placed.sort(key=lambda p: p[1])
    for (a, sa), (b, sb) in pairwise(placed):
        if sb < sa + len(a.witness):
            raise b.where.error(f"emendation {b.id} overlaps emendation {a.id}")
    repaired = line
    for e, start in reversed(placed):
        repaired = repaired[:start] + e.reading + repaired[start + len(e.witness):]
    return repaired, placed


def covered_by_form(anomaly: Anomaly, scanned: ScannedLine, form: str) -> bool:
    """Whether the anomaly lies inside an occurrence of ``form`` in the scanned line."""
    i = scanned.text.find(form)
    while i != -1:
        first, last = scanned.cols[i], scanned.cols[i + len(form) - 1]
        if first <= anomaly.col and anomaly.col + anomaly.length - 1 <= last:
            return True
        i = scanned.text.find(form, i + 1)
    return False


def regularize_punctuation(text: str, mapping: dict[str, str]) -> tuple[str, list[Regularization]]:
    """ASCII punctuation after a non-ASCII character becomes its full-width form."""
    chars, regs = list(text), []
    for i, ch in enumerate(text):
        if ch in mapping and i > 0 and ord(text[i - 1]) > 127:
            chars[i] = mapping[ch]
            regs.append(Regularization(i, ch, mapping[ch], RegularizationKind.PUNCTUATION))
    return "".join(chars), regs


def apply_phrases(text: str, phrases: Iterable[PhraseRule], used: dict[str, int]) -> tuple[str, list[Regularization]]:
    regs = []
    for rule in phrases:
        i = text.find(rule.source)
        while i != -1:
            text = text[:i] + rule.target + text[i + len(rule.source):]
            regs.append(Regularization(i, rule.source, rule.target, RegularizationKind.PHRASE))
            used[rule.source] += 1
            i = text.find(rule.source, i + len(rule.target))
    return text, regs


def _convert_aligned(text: str, config: str) -> str:
    converted = convert(text, config)
    if len(converted) != len(text):
        raise ValueError(f"{config} changed the length of the text; character alignment is lost")
    return converted


def _regularize(converted: str, ed: Editorial, used: dict[str, int]) -> tuple[str, list[Regularization]]:
    """The phrase rules, then the punctuation rule, on the output of the Simplified config."""
    text, phrase_regs = apply_phrases(converted, ed.simplified.phrases, used)
    text, punct_regs = regularize_punctuation(text, ed.punctuation)
    return text, sorted(phrase_regs + punct_regs, key=lambda r: r.offset)


def _difference_pair(key: str) -> tuple[str, str]:
    """The (chosen, candidate) segments of a key written by :func:`difference_key`."""
    chosen, candidate = key.split(" → ", 1)
    return chosen, candidate


def review_candidates(step: StepEntry, pairs: list[tuple[str, str, str]], run: Callable[[str, str], str],
                      note: NoteMaker) -> tuple[list[CandidateReview], list[Problem]]:
    """Compare the chosen result with each candidate config; every difference must be reviewed.

    ``pairs`` holds (paragraph id, input, chosen output); ``run(config, input)`` gives a candidate's
    output; ``note`` turns an editors' note into the three versions.
    """
    reviews: list[CandidateReview] = []
    problems: list[Problem] = []
    for cand in step.candidates:
        places: dict[str, list[str]] = defaultdict(list)
        for pid, source, chosen in pairs:
            for a, b in differences(chosen, run(cand.config, source)):
                places[difference_key(a, b)].append(pid)
        for key in places:
            if key not in cand.differences:
                problems.append((cand.where.path, cand.where.line, None,
                                 f"{step.config} vs {cand.config}: unreviewed difference {key!r} "
                                 f"in {', '.join(sorted(set(places[key]), key=paragraph_number))}"))
        for key in cand.differences:
            if key not in places:
                problems.append((cand.where.path, cand.where.line, None,
                                 f"{step.config} vs {cand.config}: reviewed difference {key!r} no longer occurs"))
        reviews.append(CandidateReview(cand.config, cand.verdict, note(cand.reason), tuple(
            Difference(*_difference_pair(key), note(cand.differences.get(key, UNREVIEWED)), tuple(places[key]))
            for key in places)))
    return reviews, problems


def review_conversions(paragraphs: list[Paragraph], ed: Editorial, note: NoteMaker
                       ) -> tuple[tuple[CandidateReview, ...], tuple[CandidateReview, ...], list[Problem]]:
    """Review both conversion steps against their candidates: (Simplified reviews, Traditional reviews, problems)."""
    def run_simplified(config: str, diplomatic: str) -> str:
        return regularize_punctuation(convert(diplomatic, config), ed.punctuation)[0]

    simp_reviews, p1 = review_candidates(
        ed.simplified, [(p.id, p.diplomatic, p.simplified) for p in paragraphs], run_simplified, note)
    trad_reviews, p2 = review_candidates(
        ed.traditional, [(p.id, p.simplified, p.traditional) for p in paragraphs],
        lambda config, text: convert(text, config), note)
    return tuple(simp_reviews), tuple(trad_reviews), p1 + p2


@dataclass(frozen=True)
class KeptLine:
    """A witness line kept as an essay paragraph, with its emendations applied and its anomalies resolved."""
    n: int                         # witness line number
    raw: str                       # the witness line, byte for byte
    scanned_raw: ScannedLine       # the witness line scanned as it stands (its anomalies are what emendations resolve)
    repaired: ScannedLine          # the line scanned after its emendations; ``scanned_raw`` itself when it has none
    placed: tuple[Placed, ...]     # the line's emendations, each with its 0-based column in the witness line


def _resolve_anomalies(n: int, path: str, scanned: ScannedLine, placed: Sequence[Placed],
                       accepted: Sequence[AcceptedEntry], used_forms: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    for a in scanned.anomalies:
        if any(_touches(a, start, len(e.witness)) for e, start in placed):
            continue  # a symptom of the repaired span; the rescan of the repaired line proves it gone
        form = next((f for f in accepted if covered_by_form(a, scanned, f.form)), None)
        if form is not None:
            used_forms[form.form] += 1
            continue
        problems.append((path, n, a.col, a.message))
    return problems


def _left_by_emendations(n: int, path: str, repaired: ScannedLine, placed: Sequence[Placed],
                         accepted: Sequence[AcceptedEntry]) -> list[Problem]:
    """Anomalies still in the repaired line, each located in the witness line and blamed on its emendation."""
    problems: list[Problem] = []
    for a in repaired.anomalies:
        if not any(covered_by_form(a, repaired, f.form) for f in accepted):
            culprit = next((e for e, s in placed if s < a.col <= s + len(e.reading)), None)
            where = f" (left by emendation {culprit.id})" if culprit else ""
            problems.append((path, n, _col_in_witness(a.col, placed), a.message + where))
    return problems


def _touches(a: Anomaly, start: int, length: int) -> bool:
    """Whether an anomaly overlaps, or sits right next to, the 0-based span [start, start+length)."""
    return a.col <= start + length + 1 and a.col + a.length - 1 >= start


def _col_in_witness(col: int, placed: Sequence[Placed]) -> int:
    """Map a column of the repaired line back to the witness line."""
    shift = 0
    for e, start in placed:
        if col > start + len(e.reading):
            shift += len(e.witness) - len(e.reading)
    return col + shift


def check_witness_hash(witness: WitnessFile, ed: Editorial) -> None:
    """The witness must be byte for byte the one whose sha256 the editors recorded."""
    if witness.sha256 != ed.witness.sha256:
        raise EditionError(witness.path, None, None,
                           f"sha256 {witness.sha256[:12]}… differs from the one recorded in "
                           f"{ed.witness.where.path} ({ed.witness.sha256[:12]}…): the witness must never be edited")


def _emendations_by_line(ed: Editorial, line_count: int) -> dict[int, list[EmendationEntry]]:
    by_line: dict[int, list[EmendationEntry]] = defaultdict(list)
    for e in ed.emendations:
        if not 1 <= e.line <= line_count:
            raise e.where.error(f"emendation {e.id}: line {e.line} is outside the witness (1–{line_count})")
        by_line[e.line].append(e)
    return by_line


def keep_line(path: str, n: int, raw: str, scanned_raw: ScannedLine, entries: list[EmendationEntry],
              ed: Editorial, form_use: dict[str, int]) -> tuple[KeptLine, list[Problem]]:
    """Apply the line's emendations and check that every anomaly is resolved.

    Raises EditionError when an emendation cannot be placed; returns the kept line and the
    anomalies left unresolved (in the witness line, or left behind by an emendation).
    """
    repaired_text, placed = apply_emendations(raw, entries)
    problems = _resolve_anomalies(n, path, scanned_raw, placed, ed.accepted, form_use)
    repaired = scan_line(repaired_text) if placed else scanned_raw  # without emendations the line was checked above
    if placed:
        problems += _left_by_emendations(n, path, repaired, placed, ed.accepted)
    return KeptLine(n, raw, scanned_raw, repaired, tuple(placed)), problems


def separate_lines(witness: WitnessFile, ed: Editorial) -> tuple[list[KeptLine], list[DroppedLine], dict[str, int]]:
    """Sort the witness lines into dropped lines and kept lines; also count the uses of each accepted form.

    Every problem found (unplaceable emendation, unresolved anomaly, unused rule or form) is
    collected and raised together.
    """
    problems: list[Problem] = []
    lines = witness.lines
    by_line = _emendations_by_line(ed, len(lines))
    dropped: list[DroppedLine] = []
    kept: list[KeptLine] = []
    rule_use = {r.id: 0 for r in ed.boilerplate}
    form_use: dict[str, int] = {f.form: 0 for f in ed.accepted}
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            dropped.append(DroppedLine(n, raw, "blank-line", make_note(BLANK_LINE, ed.traditional.config)))
            continue
        scanned_raw = scan_line(raw)
        rule = next((r for r in ed.boilerplate if r.pattern.fullmatch(scanned_raw.text)), None)
        if rule is not None:
            if by_line.get(n):
                raise by_line[n][0].where.error(f"emendation {by_line[n][0].id} is on line {n}, dropped as boilerplate")
            rule_use[rule.id] += 1
            dropped.append(DroppedLine(n, raw, rule.id, make_note(rule.reason, ed.traditional.config)))
            continue
        try:
            line, line_problems = keep_line(witness.path, n, raw, scanned_raw, by_line.get(n, []), ed, form_use)
        except EditionError as err:
            problems.extend(err.problems)
            continue
        problems += line_problems
        kept.append(line)
    for r in ed.boilerplate:
        if rule_use[r.id] == 0:
            problems.append((r.where.path, r.where.line, None, f"boilerplate rule {r.id!r} matches no witness line"))
    for f in ed.accepted:
        if form_use[f.form] == 0 and f.form not in "".join(k.repaired.text for k in kept):
            problems.append((f.where.path, f.where.line, None,
                             f"accepted form {f.form!r} does not occur in the witness"))
    if problems:
        raise EditionError.many(problems)
    if not kept:
        raise EditionError(witness.path, None, None, "no essay paragraphs remain after the boilerplate rules")
    return kept, dropped, form_use


def check_translation(translation: TranslationEntry | None, paragraph_count: int) -> None:
    """One translation per paragraph: a translation without a paragraph, or the reverse, fails."""
    if translation is None:
        return
    problems: list[Problem] = []
    ids = {paragraph_id(i) for i in range(1, paragraph_count + 1)}
    for pid, line in translation.lines.items():
        if pid not in ids:
            problems.append((translation.where.path, line, None, f"translation {pid!r} has no paragraph"))
    for pid in sorted(ids - set(translation.paragraphs), key=paragraph_number):
        problems.append((translation.where.path, None, None, f"paragraph {pid!r} has no translation"))
    if problems:
        raise EditionError.many(problems)


def _emendation(line: KeptLine, pid: str, e: EmendationEntry, start: int, note: NoteMaker) -> Emendation:
    inside = [i for i, c in enumerate(line.repaired.cols) if start < c <= start + len(e.reading)]
    resolves = tuple(ResolvedAnomaly(line.n, a.col, a.kind, a.message) for a in line.scanned_raw.anomalies
                     if _touches(a, start, len(e.witness)))
    return Emendation(id=e.id, paragraph=pid, line=line.n, col=start + 1, witness=e.witness, reading=e.reading,
                      reason=note(e.reason), evidence=note(e.evidence), resolves=resolves,
                      offset=inside[0] if inside else 0, length=len(inside))


def _place_sics(pid: str, simplified: str, entries: Iterable[SicEntry], ed: Editorial,
                note: NoteMaker) -> tuple[tuple[Sic, ...], list[Problem]]:
    sics: list[Sic] = []
    problems: list[Problem] = []
    for s in entries:
        start, count = locate(simplified, s.reading, s.occurrence)
        if start is None:
            what = "does not occur" if count == 0 else f"occurs {count} times (add 'occurrence')"
            problems.append((s.where.path, s.where.line, None, f"sic {s.id}: {s.reading!r} {what} in {pid}"))
            continue
        sics.append(Sic(s.id, pid, s.reading, s.suggestion, convert(s.suggestion, ed.traditional.config),
                        note(s.reason), start))
    return tuple(sics), problems


def make_paragraph(path: str, index: int, line: KeptLine, ed: Editorial, english: str, sic_entries: Iterable[SicEntry],
                   phrase_use: dict[str, int], note: NoteMaker) -> tuple[Paragraph, list[Problem]]:
    """The index-th paragraph from its kept line: reading texts, emendations, [sic] notes, pinyin.

    Raises EditionError if a conversion loses the character alignment; returns the paragraph
    and the problems with its [sic] entries.
    """
    pid = paragraph_id(index)
    diplomatic = line.repaired.text
    try:
        converted = _convert_aligned(diplomatic, ed.simplified.config)
        simplified, regs = _regularize(converted, ed, phrase_use)
        traditional = _convert_aligned(simplified, ed.traditional.config)
    except ValueError as exc:
        raise EditionError(path, line.n, None, str(exc)) from None
    emendations = tuple(_emendation(line, pid, e, start, note) for e, start in line.placed)
    sics, problems = _place_sics(pid, simplified, sic_entries, ed, note)
    annotations = tuple(dataclasses.replace(a, col=_col_in_witness(a.col, line.placed))
                        for a in line.repaired.annotations)
    pinyin = readings(simplified)
    return Paragraph(
        pid, index, line.n, line.raw, diplomatic, simplified, traditional, english, annotations, emendations, sics,
        tuple(regs), sum(1 for a, b in zip(diplomatic, converted, strict=True) if a != b),
        pinyin, cross_check(pid, annotations, pinyin, simplified)), problems


def make_paragraphs(path: str, kept: list[KeptLine], ed: Editorial,
                    note: NoteMaker) -> tuple[list[Paragraph], list[Problem]]:
    """Every paragraph, then the problems: misplaced [sic] entries and phrase rules that matched nothing."""
    problems: list[Problem] = []
    phrase_use: dict[str, int] = defaultdict(int)
    sics_by_pid: dict[str, list[SicEntry]] = defaultdict(list)
    for s in ed.sics:
        sics_by_pid[s.paragraph].append(s)
    translation = ed.translation
    paragraphs = []
    for index, line in enumerate(kept, start=1):
        pid = paragraph_id(index)
        english = translation.paragraphs[pid] if translation else ""
        paragraph, sic_problems = make_paragraph(path, index, line, ed, english, sics_by_pid.pop(pid, []),
                                                 phrase_use, note)
        paragraphs.append(paragraph)
        problems += sic_problems
    for pid, entries in sics_by_pid.items():
        for s in entries:
            problems.append((s.where.path, s.where.line, None, f"sic {s.id}: paragraph {pid!r} does not exist"))
    for rule in ed.simplified.phrases:
        if not phrase_use[rule.source]:
            problems.append((rule.where.path, rule.where.line, None, f"phrase rule {rule.source!r} matches nothing"))
    return paragraphs, problems


def attach_translator_notes(translation: TranslationEntry | None,
                            paragraphs: list[Paragraph]) -> tuple[tuple[TranslatorNote, ...], list[Problem]]:
    """Each translator's note with the paragraphs where its forms occur; a form found nowhere fails."""
    if translation is None:
        return (), []
    notes: list[TranslatorNote] = []
    problems: list[Problem] = []
    for n in translation.notes:
        for form in n.forms:
            if not any(form in p.simplified for p in paragraphs):
                problems.append((n.where.path, n.where.line, None,
                                 f"translator's note {n.term!r}: {form!r} does not occur in the text"))
        pids = tuple(p.id for p in paragraphs if any(form in p.simplified for form in n.forms))
        notes.append(TranslatorNote(n.term, n.rendering, n.note, n.forms, pids))
    return tuple(notes), problems


def establish(witness: WitnessFile, ed: Editorial, check_sha: bool = True) -> Edition:
    """Witness + editorial data → Edition (without glossary and argument, which are attached later).

    ``check_sha=False`` is for synthetic witnesses only (the benchmark's repeated text); every
    build of a real project checks the hash.
    """
    if check_sha:
        check_witness_hash(witness, ed)
    kept, dropped, form_use = separate_lines(witness, ed)
    check_translation(ed.translation, len(kept))

    def note(b: Bilingual) -> Note:
        return make_note(b, ed.traditional.config)

    paragraphs, problems = make_paragraphs(witness.path, kept, ed, note)
    simp_reviews, trad_reviews, review_problems = review_conversions(paragraphs, ed, note)
    translator_notes, note_problems = attach_translator_notes(ed.translation, paragraphs)
    problems += review_problems + note_problems
    if problems:
        raise EditionError.many(problems)

    w, translation = ed.witness, ed.translation
    return Edition(
        title_zh=w.title_zh, title_zh_hant=convert(w.title_zh, ed.traditional.config), title_note=w.title_note,
        title_en=translation.title if translation else "", translator=translation.translator if translation else "",
        translator_notes=translator_notes,
        witness=Witness(witness.path, witness.sha256, witness.size, w.url, w.published, note(w.description),
                        len(witness.lines)),
        paragraphs=tuple(paragraphs), dropped=tuple(dropped),
        accepted=tuple(Accepted(f.form, note(f.reason), form_use[f.form]) for f in ed.accepted),
        simplified_step=ConversionStep(ed.simplified.config, note(ed.simplified.reason), simp_reviews),
        traditional_step=ConversionStep(ed.traditional.config, note(ed.traditional.reason), trad_reviews),
        phrase_rules=tuple((r.source, r.target, note(r.reason)) for r in ed.simplified.phrases),
        punctuation_reason=note(ed.punctuation_reason))
