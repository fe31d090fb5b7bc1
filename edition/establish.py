"""Establish the reading texts from the witness and the editorial data.

witness line ─ emendations ─▶ repaired line ─ annotations removed ─▶ diplomatic text
diplomatic ─ t2s + phrase rules + punctuation rule ─▶ Simplified reading text ─ s2tw ─▶ Traditional

Every conversion here maps character to character, and that is checked: character *i* of
the diplomatic, Simplified and Traditional texts of a paragraph are the same position,
which is what lets the apparatus, search highlighting and TEI point at one place in all three.
"""
from __future__ import annotations

from collections import defaultdict

from .convert import convert, difference_key, differences, make_note
from .data import Bilingual
from .editorial import Editorial, EmendationEntry, StepEntry
from .errors import EditionError
from .model import (Accepted, CandidateReview, ConversionStep, Difference, DroppedLine, Edition, Emendation,
                    Note, Paragraph, Regularization, RegularizationKind, Sic, TranslatorNote, Witness)
from .parse import Anomaly, ScannedLine, scan_line
from .reading import cross_check, readings
from .source import WitnessFile

Problem = tuple[str, int | None, int | None, str]
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


def apply_emendations(line: str, entries: list[EmendationEntry]) -> tuple[str, list[tuple[EmendationEntry, int]]]:
    """Apply the emendations of one line; returns the repaired line and each entry with its 0-based column."""
    placed = []
    for e in entries:
        start, count = locate(line, e.witness, e.occurrence)
        if start is None:
            what = "no longer occurs" if count == 0 else f"occurs {count} times (add 'occurrence')"
            raise e.where.error(f"emendation {e.id}: witness reading {e.witness!r} {what} in witness line {e.line}")
        placed.append((e, start))
    placed.sort(key=lambda p: p[1])
    for (a, sa), (b, sb) in zip(placed, placed[1:]):
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


def apply_phrases(text: str, phrases, used: dict) -> tuple[str, list[Regularization]]:
    regs = []
    for rule in phrases:
        i = text.find(rule.source)
        while i != -1:
            text = text[:i] + rule.target + text[i + len(rule.source):]
            regs.append(Regularization(i, rule.source, rule.target, RegularizationKind.PHRASE))
            used[rule.source] += 1
            i = text.find(rule.source, i + len(rule.target))
    return text, regs


def to_simplified(diplomatic: str, ed: Editorial, used: dict) -> tuple[str, list[Regularization]]:
    text = convert(diplomatic, ed.simplified.config)
    if len(text) != len(diplomatic):
        raise ValueError(f"{ed.simplified.config} changed the length of the text; character alignment is lost")
    text, phrase_regs = apply_phrases(text, ed.simplified.phrases, used)
    text, punct_regs = regularize_punctuation(text, ed.punctuation)
    return text, sorted(phrase_regs + punct_regs, key=lambda r: r.offset)


def review_candidates(step: StepEntry, pairs: list[tuple[str, str, str]], run, note) -> tuple[list, list[Problem]]:
    """Compare the chosen result with each candidate config; every difference must be reviewed.

    ``pairs`` holds (paragraph id, input, chosen output); ``run(config, input)`` gives a candidate's
    output; ``note`` turns an editors' note into the three versions.
    """
    reviews, problems = [], []
    for cand in step.candidates:
        places: dict[str, list[str]] = defaultdict(list)
        for pid, source, chosen in pairs:
            for a, b in differences(chosen, run(cand.config, source)):
                places[difference_key(a, b)].append(pid)
        for key in places:
            if key not in cand.differences:
                problems.append((cand.where.path, cand.where.line, None,
                                 f"{step.config} vs {cand.config}: unreviewed difference {key!r} "
                                 f"in {', '.join(sorted(set(places[key]), key=_pid_key))}"))
        for key in cand.differences:
            if key not in places:
                problems.append((cand.where.path, cand.where.line, None,
                                 f"{step.config} vs {cand.config}: reviewed difference {key!r} no longer occurs"))
        reviews.append(CandidateReview(cand.config, cand.verdict, note(cand.reason), tuple(
            Difference(*key.split(" → ", 1), note(cand.differences.get(key, UNREVIEWED)), tuple(places[key])) for key in places)))
    return reviews, problems


def _pid_key(pid: str) -> int:
    return int(pid[1:])


def _resolve_anomalies(n: int, path: str, scanned: ScannedLine, placed, accepted, used_forms) -> list[Problem]:
    problems = []
    for a in scanned.anomalies:
        if any(_touches(a, start, len(e.witness)) for e, start in placed):
            continue  # a symptom of the repaired span; the rescan of the repaired line proves it gone
        form = next((f for f in accepted if covered_by_form(a, scanned, f.form)), None)
        if form is not None:
            used_forms[form.form] += 1
            continue
        problems.append((path, n, a.col, a.message))
    return problems


def _touches(a: Anomaly, start: int, length: int) -> bool:
    """Whether an anomaly overlaps, or sits right next to, the 0-based span [start, start+length)."""
    return a.col <= start + length + 1 and a.col + a.length - 1 >= start


def _col_in_witness(col: int, placed) -> int:
    """Map a column of the repaired line back to the witness line."""
    shift = 0
    for e, start in placed:
        if col > start + len(e.reading):
            shift += len(e.witness) - len(e.reading)
    return col + shift


def _separate_lines(witness: WitnessFile, ed: Editorial):
    """Sort the witness lines into dropped lines and essay lines (repaired, scanned, anomalies resolved)."""
    problems: list[Problem] = []
    lines = witness.lines
    by_line: dict[int, list[EmendationEntry]] = defaultdict(list)
    for e in ed.emendations:
        if not 1 <= e.line <= len(lines):
            raise e.where.error(f"emendation {e.id}: line {e.line} is outside the witness (1–{len(lines)})")
        by_line[e.line].append(e)

    dropped: list[DroppedLine] = []
    kept: list[tuple[int, str, ScannedLine, list]] = []
    rule_use = {r.id: 0 for r in ed.boilerplate}
    form_use: dict[str, int] = {f.form: 0 for f in ed.accepted}
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            dropped.append(DroppedLine(n, raw, "blank-line", make_note(BLANK_LINE, ed.traditional.config)))
            continue
        rule = next((r for r in ed.boilerplate if r.pattern.fullmatch(scan_line(raw).text)), None)
        if rule is not None:
            if by_line.get(n):
                raise by_line[n][0].where.error(f"emendation {by_line[n][0].id} is on line {n}, dropped as boilerplate")
            rule_use[rule.id] += 1
            dropped.append(DroppedLine(n, raw, rule.id, make_note(rule.reason, ed.traditional.config)))
            continue
        try:
            repaired, placed = apply_emendations(raw, by_line.get(n, []))
        except EditionError as err:
            problems.extend(err.problems)
            continue
        problems += _resolve_anomalies(n, witness.path, scan_line(raw), placed, ed.accepted, form_use)
        scanned = scan_line(repaired)
        for a in scanned.anomalies if placed else ():  # without emendations the line was checked above
            if not any(covered_by_form(a, scanned, f.form) for f in ed.accepted):
                culprit = next((e for e, s in placed if s < a.col <= s + len(e.reading)), None)
                where = f" (left by emendation {culprit.id})" if culprit else ""
                problems.append((witness.path, n, _col_in_witness(a.col, placed), a.message + where))
        kept.append((n, raw, scanned, placed))
    for r in ed.boilerplate:
        if rule_use[r.id] == 0:
            problems.append((r.where.path, r.where.line, None, f"boilerplate rule {r.id!r} matches no witness line"))
    for f in ed.accepted:
        if form_use[f.form] == 0 and f.form not in "".join(k[2].text for k in kept):
            problems.append((f.where.path, f.where.line, None, f"accepted form {f.form!r} does not occur in the witness"))
    if problems:
        raise EditionError.many(problems)
    if not kept:
        raise EditionError(witness.path, None, None, "no essay paragraphs remain after the boilerplate rules")
    return kept, dropped, form_use


def establish(witness: WitnessFile, ed: Editorial, check_sha: bool = True) -> Edition:
    if check_sha and witness.sha256 != ed.witness.sha256:
        raise EditionError(witness.path, None, None,
                           f"sha256 {witness.sha256[:12]}… differs from the one recorded in "
                           f"{ed.witness.where.path} ({ed.witness.sha256[:12]}…): the witness must never be edited")
    kept, dropped, form_use = _separate_lines(witness, ed)
    lines = witness.lines
    problems: list[Problem] = []

    def note(b: Bilingual) -> Note:
        return make_note(b, ed.traditional.config)

    translation = ed.translation
    if translation is not None:
        ids = {f"p{i}" for i in range(1, len(kept) + 1)}
        for pid, line in translation.lines.items():
            if pid not in ids:
                problems.append((translation.where.path, line, None, f"translation {pid!r} has no paragraph"))
        for pid in sorted(ids - set(translation.paragraphs), key=_pid_key):
            problems.append((translation.where.path, None, None, f"paragraph {pid!r} has no translation"))
        if problems:
            raise EditionError.many(problems)

    phrase_use: dict[str, int] = defaultdict(int)
    paragraphs = []
    sics_by_pid: dict[str, list] = defaultdict(list)
    for s in ed.sics:
        sics_by_pid[s.paragraph].append(s)
    for index, (n, raw, scanned, placed) in enumerate(kept, start=1):
        pid = f"p{index}"
        diplomatic = scanned.text
        try:
            simplified, regs = to_simplified(diplomatic, ed, phrase_use)
        except ValueError as exc:
            raise EditionError(witness.path, n, None, str(exc)) from None
        traditional = convert(simplified, ed.traditional.config)
        if len(traditional) != len(simplified):
            raise EditionError(witness.path, n, None,
                               f"{ed.traditional.config} changed the length of the text; character alignment is lost")
        emendations = []
        for e, start in placed:
            inside = [i for i, c in enumerate(scanned.cols) if start < c <= start + len(e.reading)]
            resolves = tuple(f"{n}:{a.col}: {a.message}" for a in scan_line(raw).anomalies
                             if _touches(a, start, len(e.witness)))
            emendations.append(Emendation(e.id, n, start + 1, e.witness, e.reading, note(e.reason), note(e.evidence),
                                          resolves,
                                          inside[0] if inside else 0, len(inside)))
        sics = []
        for s in sics_by_pid.pop(pid, []):
            start, count = locate(simplified, s.reading, s.occurrence)
            if start is None:
                what = "does not occur" if count == 0 else f"occurs {count} times (add 'occurrence')"
                problems.append((s.where.path, s.where.line, None, f"sic {s.id}: {s.reading!r} {what} in {pid}"))
                continue
            sics.append(Sic(s.id, pid, s.reading, s.suggestion, convert(s.suggestion, ed.traditional.config),
                            note(s.reason), start))
        annotations = tuple(
            type(a)(a.char, a.pinyin, _col_in_witness(a.col, placed), a.offset) for a in scanned.annotations)
        pinyin = readings(simplified)
        paragraphs.append(Paragraph(
            pid, index, n, raw, diplomatic, simplified, traditional,
            translation.paragraphs[pid] if translation else "", annotations, tuple(emendations), tuple(sics),
            tuple(regs), sum(1 for a, b in zip(diplomatic, convert(diplomatic, ed.simplified.config)) if a != b),
            pinyin, cross_check(pid, annotations, pinyin, simplified)))
    for pid, entries in sics_by_pid.items():
        for s in entries:
            problems.append((s.where.path, s.where.line, None, f"sic {s.id}: paragraph {pid!r} does not exist"))
    for rule in ed.simplified.phrases:
        if not phrase_use[rule.source]:
            problems.append((rule.where.path, rule.where.line, None, f"phrase rule {rule.source!r} matches nothing"))

    def run_simplified(config: str, diplomatic: str) -> str:
        return regularize_punctuation(convert(diplomatic, config), ed.punctuation)[0]

    simp_reviews, p1 = review_candidates(
        ed.simplified, [(p.id, p.diplomatic, p.simplified) for p in paragraphs], run_simplified, note)
    trad_reviews, p2 = review_candidates(
        ed.traditional, [(p.id, p.simplified, p.traditional) for p in paragraphs], lambda config, text: convert(text, config),
        note)
    problems += p1 + p2
    if problems:
        raise EditionError.many(problems)

    w = ed.witness
    return Edition(
        title_zh=w.title_zh, title_zh_hant=convert(w.title_zh, ed.traditional.config), title_note=w.title_note,
        title_en=translation.title if translation else "", translator=translation.translator if translation else "",
        translator_notes=tuple(TranslatorNote(*n) for n in translation.notes) if translation else (),
        witness=Witness(witness.path, witness.sha256, witness.size, w.url, w.published, note(w.description), len(lines)),
        paragraphs=tuple(paragraphs), dropped=tuple(dropped),
        accepted=tuple(Accepted(f.form, note(f.reason), form_use[f.form]) for f in ed.accepted),
        simplified_step=ConversionStep(ed.simplified.config, note(ed.simplified.reason), tuple(simp_reviews)),
        traditional_step=ConversionStep(ed.traditional.config, note(ed.traditional.reason), tuple(trad_reviews)),
        phrase_rules=tuple((r.source, r.target, note(r.reason)) for r in ed.simplified.phrases),
        punctuation_reason=note(ed.punctuation_reason))
