"""Load and validate the reviewed editorial data (editorial/*.yaml) into typed entries.

Data lives apart from code, as OpenCC keeps its dictionaries apart from its engine. Every
entry remembers its file and line so that a problem found later can point at it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .convert import available_configs
from .data import Bilingual, Mapping, bilingual
from .errors import EditionError, Problem
from .shapes import check_date, load_checked

EDITORIAL = "editorial"


@dataclass(frozen=True)
class Where:
    path: str
    line: int | None
    col: int | None = None

    def error(self, message: str, col: int | None = None) -> EditionError:
        return EditionError(self.path, self.line, col if col is not None else self.col, message)


def _where(m: Mapping, key: str | None = None) -> Where:
    """Where an entry of a loaded file stands: its first key, or the value of ``key``."""
    line, col = m.mark(key)
    return Where(m.path, line, col)


@dataclass(frozen=True)
class EmendationEntry:
    id: str
    line: int
    witness: str
    reading: str
    reason: Bilingual
    evidence: Bilingual
    occurrence: int | None
    where: Where


@dataclass(frozen=True)
class AcceptedEntry:
    form: str
    reason: Bilingual
    where: Where


@dataclass(frozen=True)
class SicEntry:
    id: str
    paragraph: str
    reading: str
    suggestion: str
    reason: Bilingual
    occurrence: int | None
    where: Where


@dataclass(frozen=True)
class RemarkEntry:
    """An editors' remark (editorial/sic.yaml ``remarks:``): a note on a span, no correction."""
    id: str
    paragraph: str
    reading: str
    reason: Bilingual
    occurrence: int | None
    considered: str | None     # a correction weighed and rejected (a withdrawn [sic])
    where: Where


@dataclass(frozen=True)
class BoilerplateRule:
    id: str
    pattern: re.Pattern[str]
    reason: Bilingual
    where: Where


@dataclass(frozen=True)
class PhraseRule:
    source: str
    target: str
    reason: Bilingual
    where: Where


@dataclass(frozen=True)
class CandidateEntry:
    config: str
    verdict: str
    reason: Bilingual
    differences: dict[str, Bilingual]
    where: Where


@dataclass(frozen=True)
class StepEntry:
    config: str
    reason: Bilingual
    candidates: tuple[CandidateEntry, ...]
    phrases: tuple[PhraseRule, ...] = ()


@dataclass(frozen=True)
class WitnessEntry:
    file: str
    sha256: str
    url: str
    published: str
    description: Bilingual
    title_zh: str
    title_note: str
    where: Where


@dataclass(frozen=True)
class TranslatorNoteEntry:
    term: str              # as written: 产业互联网, 行业 / 产业, 功劳薄 [sic] (p7); …
    rendering: str
    note: str
    forms: tuple[str, ...]  # the Chinese forms named by the term, remarks in brackets left out
    where: Where


@dataclass(frozen=True)
class SegmentEntry:
    """One aligned segment of a paragraph's translation: a run of the Chinese reading text and its English."""
    zh: str
    en: str
    where: Where           # where its zh value stands


@dataclass(frozen=True)
class TranslationEntry:
    language: str
    translator: str
    title: str
    notes: tuple[TranslatorNoteEntry, ...]
    paragraphs: dict[str, str]                     # paragraph id → its English (segments joined with spaces)
    lines: dict[str, int]                          # paragraph id → line in the file
    where: Where
    # paragraph id → its aligned segments (edition.clauses checks them against the text); a paragraph
    # given as one English text has none
    segments: dict[str, tuple[SegmentEntry, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Editorial:
    witness: WitnessEntry
    boilerplate: tuple[BoilerplateRule, ...]
    emendations: tuple[EmendationEntry, ...]
    accepted: tuple[AcceptedEntry, ...]
    sics: tuple[SicEntry, ...]
    simplified: StepEntry
    traditional: StepEntry
    punctuation: dict[str, str] = field(default_factory=dict)
    punctuation_reason: Bilingual = Bilingual("", "")
    translation: TranslationEntry | None = None
    remarks: tuple[RemarkEntry, ...] = ()


def _unique(entries: Iterable[BoilerplateRule | EmendationEntry | SicEntry | RemarkEntry], what: str) -> None:
    seen: dict[str, Where] = {}
    for e in entries:
        if e.id in seen:
            raise e.where.error(f"duplicate {what} id {e.id!r} (first at line {seen[e.id].line})")
        seen[e.id] = e.where


def load_witness(path: Path) -> WitnessEntry:
    return _witness(load_checked(path, "witness"))


def _witness(doc: Mapping) -> WitnessEntry:
    check_date(doc, "published")
    return WitnessEntry(
        file=doc["file"], sha256=doc["sha256"], url=doc["url"], published=doc["published"],
        description=bilingual(doc, "description"), title_zh=doc["title"]["zh"], title_note=doc["title"]["note"],
        where=_where(doc))


def load_boilerplate(path: Path) -> tuple[BoilerplateRule, ...]:
    return _boilerplate(load_checked(path, "boilerplate") or Mapping())


def _boilerplate(doc: Mapping) -> tuple[BoilerplateRule, ...]:
    rules = []
    for m in doc.get("rules", ()):
        try:
            pattern = re.compile(m["match"])
        except re.error as exc:
            raise _where(m, "match").error(f"invalid regular expression: {exc}") from None
        rules.append(BoilerplateRule(m["id"], pattern, bilingual(m, "reason"), _where(m)))
    _unique(rules, "boilerplate rule")
    return tuple(rules)


def load_emendations(path: Path) -> tuple[tuple[EmendationEntry, ...], tuple[AcceptedEntry, ...]]:
    return _emendations(load_checked(path, "emendations") or Mapping())


def _emendations(doc: Mapping) -> tuple[tuple[EmendationEntry, ...], tuple[AcceptedEntry, ...]]:
    emendations = tuple(
        EmendationEntry(m["id"], m["line"], m["witness"], m["reading"], bilingual(m, "reason"),
                        bilingual(m, "evidence"), m.get("occurrence"), _where(m))
        for m in doc.get("emendations", ()))
    _unique(emendations, "emendation")
    accepted = tuple(AcceptedEntry(m["form"], bilingual(m, "reason"), _where(m)) for m in doc.get("accepted", ()))
    return emendations, accepted


def load_sics(path: Path) -> tuple[SicEntry, ...]:
    return _sics(load_checked(path, "sic") or Mapping())


def _sics(doc: Mapping) -> tuple[SicEntry, ...]:
    sics = tuple(SicEntry(m["id"], m["paragraph"], m["reading"], m["suggestion"], bilingual(m, "reason"),
                          m.get("occurrence"), _where(m))
                 for m in doc.get("sic", ()))
    _unique(sics, "sic")
    return sics


def _remarks(doc: Mapping) -> tuple[RemarkEntry, ...]:
    """The editors' remarks; their ids are unique together with the [sic] ids (one page, one anchor each)."""
    remarks = tuple(RemarkEntry(m["id"], m["paragraph"], m["reading"], bilingual(m, "reason"), m.get("occurrence"),
                                m.get("considered"), _where(m))
                    for m in doc.get("remarks", ()))
    _unique((*_sics(doc), *remarks), "sic or remark")
    return remarks


def _config(m: Mapping, key: str = "config") -> str:
    name: str = m[key]
    if name not in available_configs():
        raise _where(m, key).error(f"unknown OpenCC config {name!r} (known: {', '.join(sorted(available_configs()))})")
    return name


def _step(m: Mapping) -> StepEntry:
    candidates = []
    for name, c in m.get("candidates", Mapping()).items():
        if name not in available_configs():
            line, col = m["candidates"].key_marks[name]
            raise EditionError(m.path, line, col, f"unknown OpenCC config {name!r}")
        diffs = c.get("differences", {})
        candidates.append(CandidateEntry(name, c["verdict"], bilingual(c, "reason"),
                                         {k: bilingual(diffs, k) for k in diffs}, _where(c)))
    phrases = tuple(PhraseRule(p["from"], p["to"], bilingual(p, "reason"), _where(p)) for p in m.get("phrases", ()))
    for p in phrases:
        if len(p.source) != len(p.target):
            raise p.where.error(f"phrase rule {p.source}→{p.target} changes the length; "
                                "rules must map character to character")
    return StepEntry(_config(m), bilingual(m, "reason"), tuple(candidates), phrases)


_REMARK = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def term_forms(term: str) -> tuple[str, ...]:
    """The Chinese forms a translator's note is about: ``行业 / 产业`` names two, ``功劳薄 [sic] (p7)`` one.

    >>> term_forms("不再于 [sic] (p2); 功劳薄 [sic] (p7)")
    ('不再于', '功劳薄')
    """
    parts = (_REMARK.sub("", part).strip() for chunk in term.split(";") for part in chunk.split(" / "))
    return tuple(part for part in parts if part)


def load_translation(path: Path) -> TranslationEntry | None:
    return _translation(load_checked(path, "translation.en")) if path.exists() else None


def _translation(doc: Mapping) -> TranslationEntry:
    paragraphs = doc["paragraphs"]
    notes = tuple(TranslatorNoteEntry(n["term"], n["rendering"], " ".join(n["note"].split()), term_forms(n["term"]),
                                      _where(n))
                  for n in doc.get("notes", ()))
    segments = {pid: tuple(SegmentEntry(m["zh"], " ".join(m["en"].split()), _where(m, "zh")) for m in value)
                for pid, value in paragraphs.items() if not isinstance(value, str)}
    english = {pid: " ".join(s.en for s in segments[pid]) if pid in segments else " ".join(value.split())
               for pid, value in paragraphs.items()}
    return TranslationEntry(doc["language"], doc["translator"], doc["title"], notes, english,
                            {pid: paragraphs.where(pid)[1] for pid in paragraphs}, _where(doc), segments)


# The files of editorial/ read before the text is established, with the name of each one's schema.
FILES = {"witness": "witness.yaml", "boilerplate": "boilerplate.yaml", "emendations": "emendations.yaml",
         "sic": "sic.yaml", "conversion": "conversion.yaml", "translation.en": "translation.en.yaml"}
OPTIONAL = ("translation.en",)


def load_editorial(root: Path | str) -> Editorial:
    """Every file's shape is checked before any is used, so one run lists the violations of all."""
    base = Path(root) / EDITORIAL
    docs: dict[str, Mapping] = {}
    problems: list[Problem] = []
    for name, file in FILES.items():
        if name in OPTIONAL and not (base / file).exists():
            continue
        try:
            docs[name] = load_checked(base / file, name) or Mapping()
        except EditionError as err:
            problems += err.problems
    if problems:
        raise EditionError.many(problems)
    emendations, accepted = _emendations(docs["emendations"])
    conversion = docs["conversion"]
    punct = conversion["punctuation"]
    return Editorial(
        witness=_witness(docs["witness"]),
        boilerplate=_boilerplate(docs["boilerplate"]),
        emendations=emendations, accepted=accepted,
        sics=_sics(docs["sic"]), remarks=_remarks(docs["sic"]),
        simplified=_step(conversion["simplified"]), traditional=_step(conversion["traditional"]),
        punctuation=dict(punct["map"]), punctuation_reason=bilingual(punct, "reason"),
        translation=_translation(docs["translation.en"]) if "translation.en" in docs else None)
