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
from .data import Mapping, bilingual
from .errors import EditionError, Problem
from .model import Argument, Claim, Edition, Relation
from .shapes import load_checked

# As declared in schema/editorial/argument.schema.json (tests/test_shapes.py checks they agree).
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
    doc = load_checked(path, "argument")   # kinds, relation types, ids and paragraph ids are shaped there
    problems: list[Problem] = []
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    file = str(path)
    for m in doc["claims"]:
        cid = m["id"]
        if cid in seen:
            problems.append((file, m.line, m.col, f"claim {cid!r}: id repeats (first at line {seen[cid]})"))
            continue
        seen[cid] = m.line
        pids = m["paragraphs"]
        for i, pid in enumerate(pids):
            if pid not in paragraph_ids:
                problems.append((file, *pids.mark(i), f"claim {cid!r}: paragraph {pid!r} does not exist"))
        claims.append(Claim(cid, m["kind"], make_note(bilingual(m, "summary"), traditional_config), tuple(pids)))
    relations = []
    for m in doc.get("relations", ()):
        r = Relation(m["from"], m["to"], m["type"])
        for end, key in ((r.source, "from"), (r.target, "to")):
            if end not in seen:
                problems.append((file, *m.mark(key),
                                 f"relation {r.source} {r.type} {r.target}: claim {end!r} does not exist"))
        relations.append(r)
    theses = [c.id for c in claims if c.kind == "thesis"]
    if len(theses) != 1:
        problems.append((file, None, None, f"there must be exactly one thesis, found {len(theses)}"
                                           + (f" ({', '.join(theses)})" if theses else "")))
    cycle = support_cycle([c.id for c in claims], relations)
    if cycle:
        problems.append((file, seen.get(cycle[0]), None, f"claim {cycle[0]!r}: the support graph has a cycle: "
                         + " → ".join(cycle)))
    uncited_doc = doc.get("uncited", Mapping())
    cited = {pid for c in claims for pid in c.paragraphs}
    for pid in paragraph_ids:
        if pid not in cited and pid not in uncited_doc:
            problems.append((file, None, None, f"paragraph {pid} is cited by no claim "
                             "(cite it, or list it under 'uncited' with the reason)"))
    for pid in uncited_doc:
        line, col = uncited_doc.key_marks[pid]
        if pid in cited:
            problems.append((file, line, col, f"paragraph {pid} is listed as uncited but a claim cites it"))
        elif pid not in paragraph_ids:
            problems.append((file, line, col, f"uncited paragraph {pid!r} does not exist"))
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
