"""Establish the reading texts from the witness and the editorial data.

witness line ─ emendations ─▶ repaired line ─ annotations removed ─▶ diplomatic text
diplomatic ─ t2s + phrase rules + punctuation rule ─▶ Simplified reading text ─ s2tw ─▶ Traditional

:func:`establish` runs these steps in order, each a function of its own:

1. :func:`check_witness_hash`: the witness is the one recorded in editorial/witness.yaml;
2. :func:`separate_lines`: every witness line is dropped (blank, or boilerplate by a named rule)
   or kept as a :class:`KeptLine`: scanned once as it stands, and once more only if emended;
   every anomaly is resolved by an emendation or an accepted form;
3. :func:`check_translation`: one English paragraph per kept line;
4. :func:`make_paragraph` for each kept line: reading texts, emendations, [sic], witness columns;
5. :func:`review_conversions`: every difference from a candidate OpenCC config is reviewed;
6. :func:`attach_translator_notes`: each note's forms are found in the text.

Every conversion here maps character to character, and that is checked: character *i* of
the diplomatic, Simplified and Traditional texts of a paragraph are the same position,
which is what lets the apparatus, search highlighting and TEI point at one place in all three.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .convert import convert, difference_key, differences, make_note
from .data import Bilingual
from .editorial import Editorial, EmendationEntry, PhraseRule, SicEntry, StepEntry, TranslationEntry
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
from .source import WitnessFile

Placed = tuple[EmendationEntry, int]   # an emendation and the 0-based column of its witness reading in the line
NoteMaker = Callable[[Bilingual], Note]   # an editors' note → the note in the three versions
BLANK_LINE = Bilingual("空行不分隔任何内容，也不含文字。", "Blank lines separate nothing and carry no text.")
UNREVIEWED = Bilingual("未审阅", "not reviewed")


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``haystack``, overlapping ones included."""
    starts, i = [], haystack.find(needle)
    while i != -1:
        starts.append(i)
        i = haystack.find(needle, i + 1)
    return starts


def pick(starts: Sequence[int], occurrence: int | None) -> int | None:
    """The given 1-based occurrence among ``starts``, or the only one."""
    if occurrence is not None:
        return starts[occurrence - 1] if occurrence <= len(starts) else None
    return starts[0] if len(starts) == 1 else None


def locate(haystack: str, needle: str, occurrence: int | None) -> tuple[int | None, int]:
    """Start of ``needle`` in ``haystack`` (the given 1-based occurrence, or the only one) and the count found."""
    starts = find_all(haystack, needle)
    return pick(starts, occurrence), len(starts)


def apply_emendations(line: str, entries: list[EmendationEntry]) -> tuple[str, list[Placed]]:
    """Apply the emendations of one line; returns the repaired line and each entry with its 0-based column.

    Linear in the line and the entries: each distinct witness reading is searched for once.
    """
    placed = []
    starts_of: dict[str, list[int]] = {}
    for e in entries:
        if e.witness not in starts_of:
            starts_of[e.witness] = find_all(line, e.witness)
        starts = starts_of[e.witness]
        start = pick(starts, e.occurrence)
        if start is None:
            what = "no longer occurs" if not starts else f"occurs {len(starts)} times (add 'occurrence')"
            raise e.where.error(f"emendation {e.id}: witness reading {e.witness!r} {what} in witness line {e.line}")
        placed.append((e, start))
    placed.sort(key=lambda p: p[1])
    for (a, sa), (b, sb) in pairwise(placed):
        if sb < sa + len(a.witness):
            raise b.where.error(f"emendation {b.id} overlaps emendation {a.id}")
    pieces, i = [], 0
    for e, start in placed:
        pieces += [line[i:start], e.reading]
        i = start + len(e.witness)
    pieces.append(line[i:])
    return "".join(pieces), placed


class FormSpans:
    """Where the accepted forms occur in one scanned line, found once: (first, last) witness columns of
    every occurrence of each form, so that each anomaly is then tested in logarithmic time."""

    def __init__(self, scanned: ScannedLine, forms: Iterable[str]):
        self.spans: list[tuple[str, list[int], list[int]]] = []
        cols = scanned.cols
        for form in forms:
            starts = find_all(scanned.text, form) if form else []
            # cols only grow, so the last columns are sorted like the first ones
            self.spans.append((form, [cols[i] for i in starts], [cols[i + len(form) - 1] for i in starts]))

    def covering(self, anomaly: Anomaly) -> str | None:
        """The first form (in the editors' order) one of whose occurrences contains the whole anomaly."""
        for form, firsts, lasts in self.spans:
            j = bisect_right(firsts, anomaly.first) - 1  # the occurrence starting last at or before the anomaly
            if j >= 0 and lasts[j] >= anomaly.last:
                return form
        return None


def regularize_punctuation(text: str, mapping: dict[str, str]) -> tuple[str, list[Regularization]]:
    """ASCII punctuation after a non-ASCII character becomes its full-width form."""
    chars, regs = list(text), []
    for i, ch in enumerate(text):
        if ch in mapping and i > 0 and ord(text[i - 1]) > 127:
            chars[i] = mapping[ch]
            regs.append(Regularization(i, ch, mapping[ch], RegularizationKind.PUNCTUATION))
    return "".join(chars), regs


def apply_phrases(text: str, phrases: Iterable[PhraseRule], used: dict[str, int]) -> tuple[str, list[Regularization]]:
    """Each rule in turn replaces every occurrence of its source, left to right, not overlapping;
    an offset is where the target stands in the text the rule produces. Linear in the text per rule."""
    regs = []
    for rule in phrases:
        if not rule.source:
            continue
        pieces: list[str] = []
        shift, count = len(rule.target) - len(rule.source), 0   # each earlier match moved this one by shift
        i, j = 0, text.find(rule.source)
        while j != -1:
            pieces += [text[i:j], rule.target]
            regs.append(Regularization(j + shift * count, rule.source, rule.target, RegularizationKind.PHRASE))
            used[rule.source] += 1
            count += 1
            i = j + len(rule.source)
            j = text.find(rule.source, i)
        pieces.append(text[i:])
        text = "".join(pieces)
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


class Placement:
    """The emendations of one line (sorted, never overlapping) with their spans in the witness line and in
    the repaired line, so that an anomaly or a column is matched with them by bisection, not by a scan."""

    def __init__(self, placed: Sequence[Placed]):
        self.placed = placed
        self.starts = [s for _, s in placed]                       # 0-based, in the witness line
        self.after = [s + len(e.witness) + 1 for e, s in placed]   # an anomaly starting up to here touches
        self.rstarts: list[int] = []                               # 0-based, in the repaired line
        self.rends: list[int] = []                                 # end of the reading, in the repaired line
        self.shifts = [0]                                          # witness − repaired, after the first k
        for e, s in placed:
            self.rstarts.append(s - self.shifts[-1])
            self.rends.append(self.rstarts[-1] + len(e.reading))
            self.shifts.append(self.shifts[-1] + len(e.witness) - len(e.reading))

    def touched(self, a: Anomaly) -> range:
        """Indices of the emendations whose witness reading the anomaly overlaps or sits right next to."""
        return range(bisect_left(self.after, a.first), bisect_right(self.starts, a.last))

    def to_witness(self, col: int) -> int:
        """Map a 1-based column of the repaired line back to the witness line."""
        return col + self.shifts[bisect_left(self.rends, col)]

    def culprit(self, col: int) -> EmendationEntry | None:
        """The emendation whose reading holds this 1-based column of the repaired line, if any."""
        j = bisect_left(self.rends, col)
        return self.placed[j][0] if j < len(self.placed) and self.rstarts[j] < col else None

    def inside(self, j: int, cols: Sequence[int]) -> range:
        """Indices of the repaired line's scanned text that come from the j-th emendation's reading."""
        return range(bisect_right(cols, self.rstarts[j]), bisect_right(cols, self.rends[j]))


def _resolve_anomalies(n: int, path: str, scanned: ScannedLine, where: Placement, forms: FormSpans,
                       used_forms: dict[str, int]) -> tuple[list[Problem], set[tuple[int, str]]]:
    """The witness line's anomalies that nothing resolves; also (column, kind) of every anomaly
    away from the emendations, which the rescan of the repaired line finds again and must not repeat."""
    problems: list[Problem] = []
    away: set[tuple[int, str]] = set()
    for a in scanned.anomalies:
        if where.touched(a):
            continue  # a symptom of the repaired span; the rescan of the repaired line proves it gone
        away.add((a.col, a.kind))
        form = forms.covering(a)
        if form is not None:
            used_forms[form] += 1
            continue
        problems.append((path, n, a.col, a.message))
    return problems, away


def _left_by_emendations(n: int, path: str, repaired: ScannedLine, where: Placement, forms: FormSpans,
                         away: set[tuple[int, str]]) -> list[Problem]:
    """Anomalies the emendations left or made in the repaired line, each located in the witness line and
    blamed on its emendation. One that was already in the witness line away from every emendation was
    dealt with there (reported, or resolved by an accepted form) and is not reported again."""
    problems: list[Problem] = []
    for a in repaired.anomalies:
        col = where.to_witness(a.col)
        if (col, a.kind) in away or forms.covering(a) is not None:
            continue
        culprit = where.culprit(a.col)
        blame = f" (left by emendation {culprit.id})" if culprit else ""
        problems.append((path, n, col, a.message + blame))
    return problems


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
    where = Placement(placed)
    forms = [f.form for f in ed.accepted]
    problems, away = _resolve_anomalies(n, path, scanned_raw, where, FormSpans(scanned_raw, forms), form_use)
    repaired = scan_line(repaired_text) if placed else scanned_raw  # without emendations the line was checked above
    if placed:
        problems += _left_by_emendations(n, path, repaired, where, FormSpans(repaired, forms), away)
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
    kept_text = "".join(k.repaired.text for k in kept) if any(not used for used in form_use.values()) else ""
    for f in ed.accepted:
        if form_use[f.form] == 0 and f.form not in kept_text:
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


def _emendations(line: KeptLine, pid: str, note: NoteMaker) -> tuple[Emendation, ...]:
    """The line's emendations for the model: where each stands in the texts, and the anomalies it resolves."""
    where = Placement(line.placed)
    resolves: list[list[ResolvedAnomaly]] = [[] for _ in line.placed]
    for a in line.scanned_raw.anomalies:
        for j in where.touched(a):
            resolves[j].append(ResolvedAnomaly(line.n, a.col, a.kind, a.message))
    emendations = []
    for j, (e, start) in enumerate(line.placed):
        inside = where.inside(j, line.repaired.cols)
        emendations.append(Emendation(
            id=e.id, paragraph=pid, line=line.n, col=start + 1, witness=e.witness, reading=e.reading,
            reason=note(e.reason), evidence=note(e.evidence), resolves=tuple(resolves[j]),
            offset=inside.start if inside else 0, length=len(inside)))
    return tuple(emendations)


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
    """The index-th paragraph from its kept line: reading texts, emendations, [sic] notes, witness columns.

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
    emendations = _emendations(line, pid, note)
    sics, problems = _place_sics(pid, simplified, sic_entries, ed, note)
    where = Placement(line.placed)
    annotations = tuple(dataclasses.replace(a, col=where.to_witness(a.col)) for a in line.repaired.annotations)
    columns = tuple(where.to_witness(c) for c in line.repaired.cols)
    return Paragraph(
        pid, index, line.n, line.raw, diplomatic, simplified, traditional, english, annotations, emendations, sics,
        tuple(regs), sum(1 for a, b in zip(diplomatic, converted, strict=True) if a != b), columns), problems


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
