"""The apparatus page (校勘记): how the text was established, with every count computed;
drawn by templates/apparatus.html."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..leftover import left_simplified, left_variants
from ..model import Agreement, Edition, ReadingRule, ReadingSource, RegularizationKind
from .jinja import render
from .view import View


def counts(edition: Edition) -> dict[str, Any]:
    rows = [(p, len(p.annotations), p.converted, len(p.regularizations)) for p in edition.paragraphs]
    return {"rows": rows, "total": [sum(r[i] for r in rows) for i in (1, 2, 3)]}


def steps(edition: Edition) -> list[dict[str, Any]]:
    """The two conversion steps, each with the script of its output and its phrase rules."""
    return [{"step": edition.simplified_step, "script": "zh-Hans", "phrases": edition.phrase_rules},
            {"step": edition.traditional_step, "script": "zh-Hant", "phrases": ()}]


def grouped(rules: list[ReadingRule]) -> list[list[ReadingRule]]:
    """Consecutive rules that share one reason (the characters of one ``characters`` entry) in one group."""
    groups: list[list[ReadingRule]] = []
    for rule in rules:
        if groups and groups[-1][-1].reason == rule.reason and groups[-1][-1].paragraphs == rule.paragraphs:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups


def apparatus_page(view: View) -> Markup:
    e = view.edition
    checks = [c for p in e.paragraphs for c in p.pinyin_checks]
    rules = e.readings.rules if e.readings else ()
    return render("apparatus.html", view=view, v=view.version, L=view.labels, edition=e,
                  witness=e.witness, counts=counts(e), steps=steps(e),
                  by_id={p.id: p for p in e.paragraphs},
                  punctuation=sum(1 for p in e.paragraphs for r in p.regularizations
                                  if r.kind is RegularizationKind.PUNCTUATION),
                  left_simplified=left_simplified(e), left_variants=left_variants(e), remarks=e.remarks,
                  readings=e.readings, checks=checks,
                  editorial_rules=grouped([r for r in rules if r.source is ReadingSource.EDITORIAL]),
                  phrase_rules=[r for r in rules if r.source is ReadingSource.PHRASE],
                  by_agreement={a.value: [c for c in checks if c.agreement is a] for a in Agreement})


def toc(view: View) -> list[tuple[int, str, str]]:
    L = view.labels
    return [(2, "witness", L["app_witness"]), (2, "steps", L["app_steps"]),
            (3, "annotations", L["app_annotations"]), (3, "boilerplate", L["app_boilerplate"]),
            (3, "conversion", L["app_conversion"]), (3, "punctuation", L["app_punctuation"]),
            (2, "emendations", L["app_emendations"]), (2, "sic", L["app_sic"]),
            *([(2, "remarks", L["app_remarks"])] if view.edition.remarks else []),
            (2, "accepted", L["app_accepted"])] + ([
                (2, "pinyin", L["app_pinyin"]), (3, "pinyin-rules", L["app_pinyin_rules"]),
                (3, "pinyin-witness", L["app_pinyin_witness"])] if view.edition.readings else [])
