"""The argument map: claims and relations (editorial/argument.yaml), validated against the text.

The build fails, naming the claim, when an id repeats, a relation points to a missing claim,
a paragraph id does not exist, the support graph has a cycle, or there is not exactly one
thesis. Coverage is checked too: every paragraph is cited by a claim, or listed under
``uncited`` with the reason.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .convert import make_note
from .data import Mapping, bilingual, load_yaml, require
from .errors import EditionError, Problem
from .model import Argument, Claim, Edition, Relation

KINDS = ("thesis", "reason", "evidence", "objection", "concession", "rebuttal", "conclusion")
RELATIONS = ("supports", "opposes", "concedes", "elaborates")


def support_cycle(claims: list[str], relations: list[Relation]) -> list[str] | None:
    """A cycle in the 'supports' graph, as a list of claim ids (first repeated at the end), or None."""
    edges: dict[str, list[str]] = {c: [] for c in claims}
    for r in relations:
        if r.type == "supports":
            edges.setdefault(r.source, []).append(r.target)
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for c in claims:
        if c not in state and (found := visit(c)):
            return found
    return None


def load_argument(path: Path, paragraph_ids: list[str], traditional_config: str) -> Argument:
    doc = load_yaml(path)
    problems: list[Problem] = []
    claims: list[Claim] = []
    seen: dict[str, int] = {}

    def where(m: object) -> tuple[str, int | None]:
        return str(path), m.line if isinstance(m, Mapping) else None
    for m in doc.get("claims") or []:
        cid, kind = require(m, "id"), require(m, "kind")
        if cid in seen:
            problems.append((*where(m), None, f"claim {cid!r}: id repeats (first at line {seen[cid]})"))
            continue
        seen[cid] = m.line
        if kind not in KINDS:
            problems.append((*where(m), None, f"claim {cid!r}: kind {kind!r} is not one of {', '.join(KINDS)}"))
        pids = require(m, "paragraphs", list)
        for pid in pids:
            if pid not in paragraph_ids:
                problems.append((*where(m), None, f"claim {cid!r}: paragraph {pid!r} does not exist"))
        claims.append(Claim(cid, kind, make_note(bilingual(m, "summary"), traditional_config), tuple(pids)))
    relations = []
    for m in doc.get("relations") or []:
        r = Relation(require(m, "from"), require(m, "to"), require(m, "type"))
        for end in (r.source, r.target):
            if end not in seen:
                problems.append((*where(m), None,
                                 f"relation {r.source} {r.type} {r.target}: claim {end!r} does not exist"))
        if r.type not in RELATIONS:
            problems.append((*where(m), None,
                             f"relation {r.source} → {r.target}: type {r.type!r} is not one of {', '.join(RELATIONS)}"))
        relations.append(r)
    theses = [c.id for c in claims if c.kind == "thesis"]
    if len(theses) != 1:
        problems.append((str(path), None, None, f"there must be exactly one thesis, found {len(theses)}"
                                                 + (f" ({', '.join(theses)})" if theses else "")))
    cycle = support_cycle([c.id for c in claims], relations)
    if cycle:
        problems.append((str(path), seen.get(cycle[0]), None, f"claim {cycle[0]!r}: the support graph has a cycle: "
                         + " → ".join(cycle)))
    uncited_doc = doc.get("uncited") or Mapping()
    cited = {pid for c in claims for pid in c.paragraphs}
    for pid in paragraph_ids:
        if pid not in cited and pid not in uncited_doc:
            problems.append((str(path), None, None, f"paragraph {pid} is cited by no claim "
                             "(cite it, or list it under 'uncited' with the reason)"))
    for pid in uncited_doc:
        if pid in cited:
            problems.append((str(path), uncited_doc.where(pid)[1], None,
                             f"paragraph {pid} is listed as uncited but a claim cites it"))
        elif pid not in paragraph_ids:
            problems.append((str(path), uncited_doc.where(pid)[1], None, f"uncited paragraph {pid!r} does not exist"))
    if problems:
        raise EditionError.many(problems)
    uncited = tuple((pid, make_note(bilingual(uncited_doc, pid), traditional_config)) for pid in uncited_doc)
    return Argument(tuple(claims), tuple(relations), uncited)


def attach_argument(edition: Edition, path: Path | str, traditional_config: str) -> Edition:
    path = Path(path)
    if not path.exists():
        return edition
    argument = load_argument(path, [p.id for p in edition.paragraphs], traditional_config)
    return dataclasses.replace(edition, argument=argument)
