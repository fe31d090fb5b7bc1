"""The one typed model of the edition. Built once by :mod:`edition.build`; renderers only read it."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .parse import Annotation

PARAGRAPH_PREFIX = "p"


def paragraph_id(n: int) -> str:
    """The stable id of the n-th paragraph (1-based): ``paragraph_id(12) == "p12"``."""
    return f"{PARAGRAPH_PREFIX}{n}"


def paragraph_number(pid: str) -> int:
    """The number of a paragraph id: ``paragraph_number("p12") == 12``; ValueError for anything else."""
    if not pid.startswith(PARAGRAPH_PREFIX) or not pid[len(PARAGRAPH_PREFIX):].isdigit():
        raise ValueError(f"not a paragraph id: {pid!r}")
    return int(pid[len(PARAGRAPH_PREFIX):])


@dataclass(frozen=True)
class Note:
    """An editors' note in the three versions (the Traditional converted from the Simplified)."""
    zh_hans: str
    zh_hant: str
    en: str
    zh_marked: str = ""      # the Simplified as written, with ⟦…⟧ around characters quoted as characters

    def __getitem__(self, version: str) -> str:
        return {"zh-Hans": self.zh_hans, "zh-Hant": self.zh_hant, "en": self.en}[version]


@dataclass(frozen=True)
class ResolvedAnomaly:
    """An anomaly of the witness that an emendation resolves, where the parser found it."""
    line: int
    col: int
    kind: str                # the parser's kind (question-mark, tone-letter, bracket …): a label per kind
    message: str             # the parser's message, in English

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.message}"


@dataclass(frozen=True)
class Emendation:
    """A repair of the witness, applied to the witness line before annotations are removed."""
    id: str
    paragraph: str           # id of the paragraph the emended line became
    line: int                # witness line
    col: int                 # 1-based column of the witness reading in that line
    witness: str             # what the witness has (raw, with annotations)
    reading: str             # what the edition reads there (raw convention)
    reason: Note
    evidence: Note
    resolves: tuple[ResolvedAnomaly, ...] = ()   # anomalies in the witness this emendation resolves
    offset: int = 0          # start of the emended span in the paragraph's reading text
    length: int = 0          # its length in the reading text


@dataclass(frozen=True)
class Accepted:
    """A form that looks anomalous but is the author's (e.g. ``B端``); applies to every occurrence."""
    form: str
    reason: Note
    occurrences: int = 0


@dataclass(frozen=True)
class Sic:
    """An author's slip, kept in the text and marked, with a suggested correction."""
    id: str
    paragraph: str
    reading: str             # as it stands in the Simplified reading text
    suggestion: str          # Simplified
    suggestion_hant: str     # the same in the Traditional version
    reason: Note
    offset: int = 0          # start in the reading text


class RegularizationKind(StrEnum):
    """Which general rule made a regularization (a single token, as TEI's @type needs)."""
    PUNCTUATION = "punctuation"   # ASCII punctuation after a Chinese character → full-width
    PHRASE = "phrase"             # a reviewed phrase rule of the Simplified step (有著 → 有着)


@dataclass(frozen=True)
class Regularization:
    """A change by a general documented rule (punctuation, particle), kept recoverable."""
    offset: int
    orig: str                # the form before the rule (diplomatic)
    reg: str                 # the form in the reading text
    kind: RegularizationKind


@dataclass(frozen=True)
class Paragraph:
    id: str                  # "p1" … "pN"
    n: int
    line: int                # witness line number
    witness: str             # the witness line, byte for byte
    diplomatic: str          # the line after emendation and annotation removal (witness script, witness punctuation)
    simplified: str          # the reading text
    traditional: str         # derived from the reading text
    english: str             # the translation (empty when the edition is built without one)
    annotations: tuple[Annotation, ...]
    emendations: tuple[Emendation, ...]
    sics: tuple[Sic, ...]
    regularizations: tuple[Regularization, ...]
    converted: int           # characters changed by the Traditional→Simplified conversion
    columns: tuple[int, ...] = ()          # witness column (1-based) of each character of the reading text
    pinyin: tuple[str, ...] = ()           # the decided reading of each character ('' if not Han): edition.reading
    pinyin_checks: tuple[PinyinCheck, ...] = ()
    remarks: tuple[Remark, ...] = ()       # the editors' remarks on spans of this paragraph (edition.remarks)
    clauses: tuple[Clause, ...] = ()       # the translation's aligned segments, in text order (edition.clauses)


@dataclass(frozen=True)
class Remark:
    """An editors' remark on a span of the reading text (no correction)."""
    id: str
    paragraph: str
    reading: str             # as it stands in the Simplified reading text
    reason: Note
    offset: int              # start in the reading text (the Traditional and the witness are aligned with it)
    considered: str = ""     # a correction weighed and rejected (Simplified), '' if none

    @property
    def end(self) -> int:
        return self.offset + len(self.reading)


@dataclass(frozen=True)
class Clause:
    """One aligned segment of the translation: a run of the reading text and its English rendering.

    The runs of a paragraph's clauses follow each other and make up its whole reading text; a
    clause may hold several Chinese clauses where the English reorders them.
    """
    start: int               # offset in the reading text (the Traditional is aligned with it)
    end: int
    english: str


class ReadingSource(StrEnum):
    """What decided the reading of a polyphonic character (editorial/readings.yaml)."""
    EDITORIAL = "editorial"  # an entry for this place (a phrase restricted to its paragraphs) or a characters entry
    PHRASE = "phrase"        # a reviewed word or phrase reading
    WITNESS = "witness"      # the converter's own annotation at this position


class Agreement(StrEnum):
    """A witness annotation compared with the decided reading of the same character."""
    SAME = "same"
    NEUTRAL = "neutral"      # the same syllable, one of the two in the neutral tone: not a disagreement
    DIFFERENT = "different"  # a disagreement, decided by an editorial entry with its reason


@dataclass(frozen=True)
class PinyinCheck:
    """A witness annotation compared with the decided reading of the same character."""
    paragraph: str
    offset: int
    witness_char: str        # the character as the witness has it (often Traditional)
    char: str                # the same character in the reading text
    witness: str             # the witness's pinyin
    reading: str             # the edition's decided reading
    agreement: Agreement
    note: Note | None = None  # the editors' reason, for a disagreement


@dataclass(frozen=True)
class ReadingRule:
    """One entry of editorial/readings.yaml, as the build used it."""
    source: ReadingSource    # PHRASE, or EDITORIAL for a characters entry or a phrase restricted to paragraphs
    text: str                # the phrase, or the characters of a characters entry
    reading: str             # its syllables, space separated, one per Han character
    reason: Note | None
    paragraphs: tuple[str, ...]   # where it applies (empty: everywhere)
    decided: int             # polyphonic occurrences it decided


@dataclass(frozen=True)
class Readings:
    """The reviewed reading layer: the tone policy, the rules, and what decided each polyphonic occurrence."""
    policy: Note
    rules: tuple[ReadingRule, ...]
    decided: dict[ReadingSource, int]   # polyphonic occurrences decided by each source
    polyphonic: int          # occurrences of a character with more than one reading


@dataclass(frozen=True)
class DroppedLine:
    line: int
    text: str
    rule: str
    reason: Note


@dataclass(frozen=True)
class ConversionStep:
    config: str
    reason: Note
    candidates: tuple[CandidateReview, ...]


@dataclass(frozen=True)
class CandidateReview:
    config: str
    verdict: str
    reason: Note
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Difference:
    chosen: str
    candidate: str
    judgement: Note
    places: tuple[str, ...]  # paragraph ids


@dataclass(frozen=True)
class Witness:
    path: str
    sha256: str
    size: int
    url: str
    published: str
    description: Note
    lines: int


@dataclass(frozen=True)
class TranslatorNote:
    """A translator's note on how a term is rendered in English (editorial/translation.en.yaml)."""
    term: str                # as written in the data file: a form, or several (行业 / 产业), perhaps with remarks
    rendering: str
    note: str                # English
    forms: tuple[str, ...] = ()        # the Chinese forms the note is about, as they stand in the reading text
    paragraphs: tuple[str, ...] = ()   # ids of the paragraphs in which any of the forms occurs, in text order


@dataclass(frozen=True)
class Occurrence:
    paragraph: str
    offset: int              # start in the paragraph's (aligned) text


@dataclass(frozen=True)
class Term:
    """A glossary term; forms, pinyin and occurrences are computed from the text."""
    id: str
    zh_hans: str
    zh_hant: str
    pinyin: str              # as read in the text (first occurrence), tone marks
    en: str
    group: str
    definition: Note
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class Claim:
    id: str
    kind: str                # thesis, reason, evidence, objection, concession, rebuttal, conclusion
    summary: Note
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    source: str              # the claim that supports, opposes, concedes or elaborates …
    target: str              # … this one
    type: str


@dataclass(frozen=True)
class Argument:
    claims: tuple[Claim, ...]
    relations: tuple[Relation, ...]
    uncited: tuple[tuple[str, Note], ...]   # (paragraph id, why no claim cites it)

    def claim(self, cid: str) -> Claim:
        return next(c for c in self.claims if c.id == cid)

    def claims_of(self, pid: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if pid in c.paragraphs)


@dataclass(frozen=True)
class Edition:
    title_zh: str            # supplied by the editors (Simplified)
    title_zh_hant: str       # the same, converted like the text
    title_note: str
    title_en: str            # from the translation
    translator: str
    translator_notes: tuple[TranslatorNote, ...]
    witness: Witness
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[DroppedLine, ...]
    accepted: tuple[Accepted, ...]
    simplified_step: ConversionStep
    traditional_step: ConversionStep
    phrase_rules: tuple[tuple[str, str, Note], ...] = field(default=())   # (from, to, reason)
    punctuation_reason: Note = Note("", "", "")
    glossary: tuple[Term, ...] = ()
    glossary_compare: tuple[str, ...] = ()   # term ids drawn side by side
    argument: Argument | None = None
    readings: Readings | None = None

    def paragraph(self, pid: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)

    @property
    def annotations(self) -> int:
        return sum(len(p.annotations) for p in self.paragraphs)

    @property
    def emendations(self) -> tuple[Emendation, ...]:
        return tuple(e for p in self.paragraphs for e in p.emendations)

    @property
    def remarks(self) -> tuple[Remark, ...]:
        """Every editors' remark, in text order."""
        return tuple(r for p in self.paragraphs for r in p.remarks)

    @property
    def sics(self) -> tuple[Sic, ...]:
        return tuple(s for p in self.paragraphs for s in p.sics)
