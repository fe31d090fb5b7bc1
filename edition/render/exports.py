"""The open-data downloads: JSON (described by schema/edition.schema.json), plain text and
paragraph-annotated Markdown (edition.render.markdown_export) of each version, and TEI
(edition.render.tei). All are pure functions of the Edition, with sorted keys
and no timestamps, so the same input gives the same bytes."""
from __future__ import annotations

import json
from typing import Any

from ..model import ConversionStep, Edition, Note, Readings
from .markdown_export import render_markdown
from .tei import render_tei

SCHEMA_ID = "edition.schema.json"
TEXT_FIELDS = {"zh-Hans": "simplified", "zh-Hant": "traditional", "en": "english"}


def note(n: Note) -> dict[str, str]:
    return {"zh-Hans": n.zh_hans, "zh-Hant": n.zh_hant, "en": n.en}


def argument_data(edition: Edition) -> dict[str, Any] | None:
    a = edition.argument
    if a is None:
        return None
    return {"claims": [{"id": c.id, "kind": c.kind, "summary": note(c.summary), "paragraphs": list(c.paragraphs)}
                       for c in a.claims],
            "relations": [{"from": r.source, "to": r.target, "type": r.type} for r in a.relations],
            "uncited": [{"paragraph": pid, "reason": note(reason)} for pid, reason in a.uncited]}


def readings_data(readings: Readings | None) -> dict[str, Any] | None:
    if readings is None:
        return None
    return {"policy": note(readings.policy), "polyphonic": readings.polyphonic,
            "decided": {source.value: n for source, n in sorted(readings.decided.items())},
            "rules": [{"source": r.source.value, "text": r.text, "reading": r.reading, "paragraphs": list(r.paragraphs),
                       "decided": r.decided, "reason": note(r.reason) if r.reason else None} for r in readings.rules]}


def step_data(step: ConversionStep) -> dict[str, Any]:
    return {"config": step.config, "reason": note(step.reason),
            "candidates": [{"config": c.config, "verdict": c.verdict, "reason": note(c.reason),
                            "differences": [{"chosen": d.chosen, "candidate": d.candidate,
                                             "judgement": note(d.judgement),
                                             "paragraphs": list(dict.fromkeys(d.places))} for d in c.differences]}
                           for c in step.candidates]}


def edition_data(edition: Edition) -> dict[str, Any]:
    w = edition.witness
    return {
        "$schema": SCHEMA_ID,
        "title": {"zh-Hans": edition.title_zh, "zh-Hant": edition.title_zh_hant, "en": edition.title_en,
                  "supplied": True, "note": edition.title_note},
        "witness": {"url": w.url, "published": w.published, "sha256": w.sha256, "bytes": w.size, "lines": w.lines,
                    "description": note(w.description)},
        "conversion": {
            "simplified": edition.simplified_step.config, "traditional": edition.traditional_step.config,
            "steps": {"simplified": step_data(edition.simplified_step),
                      "traditional": step_data(edition.traditional_step)},
            "phrases": [{"from": a, "to": b, "reason": note(r)} for a, b, r in edition.phrase_rules],
            "punctuation": note(edition.punctuation_reason)},
        "paragraphs": [{
            "id": p.id, "n": p.n, "witnessLine": p.line, "witness": p.witness, "diplomatic": p.diplomatic,
            "zh-Hans": p.simplified, "zh-Hant": p.traditional, "en": p.english,
            "annotations": [{"char": a.char, "pinyin": a.pinyin, "offset": a.offset, "witnessColumn": a.col}
                            for a in p.annotations],
            "regularizations": [{"offset": r.offset, "orig": r.orig, "reg": r.reg, "rule": r.kind.value}
                                for r in p.regularizations],
            "pinyin": list(p.pinyin),
            "clauses": [{"start": c.start, "end": c.end, "en": c.english} for c in p.clauses],
        } for p in edition.paragraphs],
        "boilerplate": [{"line": d.line, "text": d.text, "rule": d.rule, "reason": note(d.reason)}
                        for d in edition.dropped],
        "emendations": [{"id": e.id, "paragraph": e.paragraph,
                         "witnessLine": e.line, "witnessColumn": e.col, "witness": e.witness, "reading": e.reading,
                         "offset": e.offset, "length": e.length, "reason": note(e.reason), "evidence": note(e.evidence),
                         "resolves": [str(r) for r in e.resolves]} for e in edition.emendations],
        "sic": [{"id": s.id, "paragraph": s.paragraph, "reading": s.reading, "offset": s.offset,
                 "suggestion": s.suggestion, "reason": note(s.reason)} for s in edition.sics],
        "remarks": [{"id": r.id, "paragraph": r.paragraph, "reading": r.reading, "offset": r.offset,
                     **({"considered": r.considered} if r.considered else {}), "reason": note(r.reason)}
                    for r in edition.remarks],
        "glossary": [{"id": t.id, "zh-Hans": t.zh_hans, "zh-Hant": t.zh_hant, "pinyin": t.pinyin, "en": t.en,
                      "group": t.group, "definition": note(t.definition), "count": len(t.occurrences),
                      "occurrences": [{"paragraph": o.paragraph, "offset": o.offset} for o in t.occurrences]}
                     for t in edition.glossary],
        "readings": readings_data(edition.readings),
        "pinyinCheck": [{"paragraph": c.paragraph, "offset": c.offset, "char": c.char, "witnessChar": c.witness_char,
                         "witness": c.witness, "reading": c.reading, "agreement": c.agreement.value,
                         "reason": note(c.note) if c.note else None}
                        for p in edition.paragraphs for c in p.pinyin_checks],
        "argument": argument_data(edition),
        "translatorNotes": [{"term": n.term, "forms": list(n.forms), "rendering": n.rendering, "note": n.note,
                             "paragraphs": list(n.paragraphs)} for n in edition.translator_notes],
    }


def render_json(edition: Edition) -> str:
    return json.dumps(edition_data(edition), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_text(edition: Edition, version: str, site_name: str) -> str:
    title = {"zh-Hans": edition.title_zh, "zh-Hant": edition.title_zh_hant, "en": edition.title_en}[version]
    header = [
        f"# {title} [title supplied by the editors]",
        f"# {site_name}: reading text ({version}), one paragraph a line, p1 to p{len(edition.paragraphs)}.",
        f"# Witness: {edition.witness.url} (sha256 {edition.witness.sha256}).",
        "",
    ]
    return "\n".join(header + [getattr(p, TEXT_FIELDS[version]) for p in edition.paragraphs]) + "\n"


def downloads(edition: Edition, site_names: dict[str, str]) -> dict[str, str]:
    """Relative path → content of every download."""
    from pathlib import Path
    schema = (Path(__file__).resolve().parents[2] / "schema" / SCHEMA_ID).read_text(encoding="utf-8")
    files = {
        "edition.tei.xml": render_tei(edition, site_names["zh-Hans"], site_names["en"]),
        "edition.json": render_json(edition),
        SCHEMA_ID: schema,
    }
    for version in TEXT_FIELDS:
        files[f"edition.{version}.txt"] = render_text(edition, version, site_names[version])
    for version, field in TEXT_FIELDS.items():
        files[f"edition.{version}.md"] = render_markdown(edition, version, site_names[version], field)
    return files
