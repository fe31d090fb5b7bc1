"""Load and validate the reviewed editorial data (editorial/*.yaml) into typed entries.

Data lives apart from code, as OpenCC keeps its dictionaries apart from its engine. Every
entry remembers its file and line so that a problem found later can point at it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .convert import available_configs
from .data import Bilingual, Mapping, bilingual, load_yaml, require
from .errors import EditionError

EDITORIAL = "editorial"
VERDICTS = ("rejected",)   # a candidate that were accepted would be the chosen config


@dataclass(frozen=True)
class Where:
    path: str
    line: int | None

    def error(self, message: str, col: int | None = None) -> EditionError:
        return EditionError(self.path, self.line, col, message)


def _where(m: Mapping, key: str | None = None) -> Where:
    path, line = m.where(key) if isinstance(m, Mapping) else ("<data>", None)
    return Where(path, line)


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
class TranslationEntry:
    language: str
    translator: str
    title: str
    notes: tuple[TranslatorNoteEntry, ...]
    paragraphs: dict[str, str]
    lines: dict[str, int]                          # paragraph id → line in the file
    where: Where


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


def _list(doc: Mapping, key: str) -> list[Any]:
    value = doc.get(key) if isinstance(doc, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise _where(doc, key).error(f"{key!r} must be a list")
    return value


def _unique(entries: Iterable[BoilerplateRule | EmendationEntry | SicEntry], what: str) -> None:
    seen: dict[str, Where] = {}
    for e in entries:
        if e.id in seen:
            raise e.where.error(f"duplicate {what} id {e.id!r} (first at line {seen[e.id].line})")
        seen[e.id] = e.where


def _known_keys(m: Mapping, allowed: tuple[str, ...]) -> None:
    """Refuse a key nothing reads (a misspelt or obsolete setting would otherwise pass silently)."""
    for key in m:
        if key not in allowed:
            raise _where(m, key).error(f"unknown key {key!r} (expected: {', '.join(allowed)})")


def _occurrence(m: Mapping) -> int | None:
    value = m.get("occurrence")
    if value is not None and (not isinstance(value, int) or value < 1):
        raise _where(m, "occurrence").error("'occurrence' must be a whole number from 1")
    return value


def load_witness(path: Path) -> WitnessEntry:
    doc = load_yaml(path)
    title = require(doc, "title", dict)
    return WitnessEntry(
        file=require(doc, "file"), sha256=require(doc, "sha256"), url=require(doc, "url"),
        published=str(require(doc, "published", (str,))), description=bilingual(doc, "description"),
        title_zh=require(title, "zh"), title_note=require(title, "note"),
        where=_where(doc))


def load_boilerplate(path: Path) -> tuple[BoilerplateRule, ...]:
    doc = load_yaml(path)
    rules = []
    for m in _list(doc, "rules"):
        try:
            pattern = re.compile(require(m, "match"))
        except re.error as exc:
            raise _where(m, "match").error(f"invalid regular expression: {exc}") from None
        rules.append(BoilerplateRule(require(m, "id"), pattern, bilingual(m, "reason"), _where(m)))
    _unique(rules, "boilerplate rule")
    return tuple(rules)


def load_emendations(path: Path) -> tuple[tuple[EmendationEntry, ...], tuple[AcceptedEntry, ...]]:
    doc = load_yaml(path) or Mapping()
    emendations = tuple(
        EmendationEntry(require(m, "id"), require(m, "line", int), require(m, "witness"), require(m, "reading"),
                        bilingual(m, "reason"), bilingual(m, "evidence"), _occurrence(m), _where(m))
        for m in _list(doc, "emendations"))
    _unique(emendations, "emendation")
    accepted = tuple(AcceptedEntry(require(m, "form"), bilingual(m, "reason"), _where(m))
                     for m in _list(doc, "accepted"))
    return emendations, accepted


def load_sics(path: Path) -> tuple[SicEntry, ...]:
    doc = load_yaml(path) or Mapping()
    sics = tuple(SicEntry(require(m, "id"), require(m, "paragraph"), require(m, "reading"), require(m, "suggestion"),
                          bilingual(m, "reason"), _occurrence(m), _where(m))
                 for m in _list(doc, "sic"))
    _unique(sics, "sic")
    return sics


def _config(m: Mapping, key: str = "config") -> str:
    name: str = require(m, key)
    if name not in available_configs():
        raise _where(m, key).error(f"unknown OpenCC config {name!r} (known: {', '.join(sorted(available_configs()))})")
    return name


def _step(doc: Mapping, key: str) -> StepEntry:
    m = require(doc, key, dict)
    _known_keys(m, ("config", "reason", "candidates", "phrases"))
    candidates = []
    for name, c in (m.get("candidates") or {}).items():
        if isinstance(c, Mapping):
            _known_keys(c, ("verdict", "reason", "differences"))
        diffs = c.get("differences") or {}
        if not isinstance(diffs, dict):
            raise _where(c, "differences").error("'differences' must map 'chosen → candidate' to a judgement")
        if name not in available_configs():
            raise _where(m["candidates"], name).error(f"unknown OpenCC config {name!r}")
        verdict = require(c, "verdict")
        if verdict not in VERDICTS:
            raise _where(c, "verdict").error(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        candidates.append(CandidateEntry(name, verdict, bilingual(c, "reason"),
                                         {str(k): bilingual(diffs, k) for k in diffs}, _where(c)))
    for p in _list(m, "phrases"):
        if isinstance(p, Mapping):
            _known_keys(p, ("from", "to", "reason"))
    phrases = tuple(PhraseRule(require(p, "from"), require(p, "to"), bilingual(p, "reason"), _where(p))
                    for p in _list(m, "phrases"))
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
    if not path.exists():
        return None
    doc = load_yaml(path)
    paragraphs = require(doc, "paragraphs", dict)
    texts, lines = {}, {}
    for pid, text in paragraphs.items():
        if not isinstance(text, str) or not text.strip():
            raise _where(paragraphs, pid).error(f"translation of {pid!r} must be non-empty text")
        texts[str(pid)] = " ".join(text.split())
        lines[str(pid)] = paragraphs.where(pid)[1]
    notes = tuple(TranslatorNoteEntry(str(require(n, "term")), require(n, "rendering"),
                                      " ".join(require(n, "note").split()),
                                      term_forms(str(require(n, "term"))), _where(n))
                  for n in _list(doc, "notes"))
    return TranslationEntry(require(doc, "language"), require(doc, "translator"), require(doc, "title"),
                            notes, texts, lines, _where(doc))


def load_editorial(root: Path | str) -> Editorial:
    base = Path(root) / EDITORIAL
    emendations, accepted = load_emendations(base / "emendations.yaml")
    conversion = load_yaml(base / "conversion.yaml")
    if isinstance(conversion, Mapping):
        _known_keys(conversion, ("simplified", "traditional", "punctuation"))
    punct = require(conversion, "punctuation", dict)
    _known_keys(punct, ("reason", "map"))
    mapping = require(punct, "map", dict)
    if any(len(k) != 1 or len(v) != 1 for k, v in mapping.items()):
        raise _where(punct, "map").error("punctuation map must pair single characters")
    return Editorial(
        witness=load_witness(base / "witness.yaml"),
        boilerplate=load_boilerplate(base / "boilerplate.yaml"),
        emendations=emendations, accepted=accepted,
        sics=load_sics(base / "sic.yaml"),
        simplified=_step(conversion, "simplified"), traditional=_step(conversion, "traditional"),
        punctuation=dict(mapping), punctuation_reason=bilingual(punct, "reason"),
        translation=load_translation(base / "translation.en.yaml"))
