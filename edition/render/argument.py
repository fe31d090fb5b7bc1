"""The argument map page: a static SVG diagram (no script, no third-party library) and the same
argument as a nested outline; drawn by templates/argument.html.

Layout: the thesis on top; below it one column per claim that hangs directly from the thesis,
in the order of the essay; each column stacks its sub-claims, indented by depth. Every claim
hangs from one parent (its first relation); its other relations are written in the box.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..model import Argument, Claim, Relation, paragraph_number
from .jinja import render
from .view import View

NODE_W, LINE_H, PAD, GAP_X, GAP_Y, INDENT = 214, 22, 10, 24, 18, 18
ZH_PER_LINE, EN_PER_LINE = 12, 22
NO_LINE_START = set("，。、；：？！”’）》")
KINDS = ("thesis", "reason", "evidence", "objection", "concession", "rebuttal", "conclusion")
RELATIONS = ("supports", "opposes", "concedes", "elaborates")


def wrap(text: str, english: bool) -> list[str]:
    if english:
        lines, line = [], ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > EN_PER_LINE:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return lines + ([line] if line else [])
    lines, line = [], ""
    for ch in text:
        if len(line) >= ZH_PER_LINE and ch not in NO_LINE_START:
            lines.append(line)
            line = ""
        line += ch
    return lines + ([line] if line else [])


@dataclass(frozen=True)
class Tree:
    thesis: str
    children: dict[str, list[str]]          # claim id → the claims hanging from it, in essay order
    others: dict[str, list[Relation]]       # claim id → its relations not drawn as an edge
    parent: dict[str, str] = field(default_factory=dict)


def tree(argument: Argument) -> Tree:
    thesis = next(c.id for c in argument.claims if c.kind == "thesis")
    first_para = {c.id: min(paragraph_number(p) for p in c.paragraphs) if c.paragraphs else 10**6
                  for c in argument.claims}
    parent: dict[str, str] = {}
    used: set[int] = set()
    for c in argument.claims:
        if c.id == thesis:
            continue
        edge = next((i for i, r in enumerate(argument.relations) if r.source == c.id), None)
        if edge is not None:
            parent[c.id] = argument.relations[edge].target
        else:
            edge = next((i for i, r in enumerate(argument.relations) if r.target == c.id), None)
            parent[c.id] = argument.relations[edge].source if edge is not None else thesis
        if edge is not None:
            used.add(edge)
    # A claim whose chain of parents never reaches the thesis is hung from the thesis.
    for cid in list(parent):
        seen, node = set(), cid
        while node != thesis and node not in seen:
            seen.add(node)
            node = parent.get(node, thesis)
        if node != thesis:
            parent[cid] = thesis
    children: dict[str, list[str]] = {c.id: [] for c in argument.claims}
    for cid, pid in parent.items():
        children[pid].append(cid)

    def span(cid: str) -> int:
        return min([first_para[cid]] + [span(k) for k in children[cid]])

    for cid in children:
        children[cid].sort(key=span)
    others: dict[str, list[Relation]] = {c.id: [] for c in argument.claims}
    for i, r in enumerate(argument.relations):
        if i not in used:
            others[r.source].append(r)
    return Tree(thesis, children, others, parent)


def relation(a: Argument, source: str, target: str) -> str:
    for r in a.relations:
        if {r.source, r.target} == {source, target}:
            return r.type
    return "supports"


def node(view: View, c: Claim, x: float, y: float, others: list[Relation]) -> dict[str, Any]:
    """One claim box: its position, wrapped summary lines, other relations and paragraph links."""
    v, L = view.version, view.labels
    lines = wrap(v.note(c.summary), v.english)
    extra = [L["argument_also"].format(relation=L["rel_" + r.type]) + f" {r.target}" for r in others]
    height = PAD * 2 + LINE_H * (2 + len(lines) + len(extra))
    ty = y + PAD + 16 + LINE_H * (1 + len(lines))
    paras, px = [], x + PAD
    for pid in c.paragraphs:
        label = f"¶ {paragraph_number(pid)}"
        paras.append({"pid": pid, "label": label, "x": px})
        px += 12 + 9 * len(label)
    return {"c": c, "x": x, "y": y, "w": NODE_W, "height": height, "rx": 20 if c.kind == "conclusion" else 6,
            "head": f"{c.id} · {L['kind_' + c.kind]}{L['colon'].rstrip()}",
            # English lines end in a space so that the link's accessible name keeps the words apart.
            "lines": [line + (" " if v.english else "") for line in lines],
            "extra": [(text, ty + LINE_H * i) for i, text in enumerate(extra)],
            "paras": paras, "para_y": ty + LINE_H * len(extra)}


def diagram(view: View) -> dict[str, Any]:
    a = view.edition.argument
    assert a is not None
    t = tree(a)
    claims = {c.id: c for c in a.claims}
    columns = t.children[t.thesis]
    depth = max((_depth(t.children, c) for c in columns), default=0)
    col_w = NODE_W + INDENT * depth
    width = max(len(columns), 1) * (col_w + GAP_X) - GAP_X + 2
    tx = (width - NODE_W) / 2
    thesis = node(view, claims[t.thesis], tx, 1, t.others[t.thesis])
    nodes, edges = [thesis], []
    top = 1 + thesis["height"] + 44
    y = top

    def place(cid: str, x0: float, level: int, parent_box: tuple[float, float] | None = None) -> None:
        """Draw a claim and, below it, its sub-claims indented by depth."""
        nonlocal y
        x = x0 + level * INDENT
        box = node(view, claims[cid], x, y, t.others[cid])
        if parent_box is not None:
            px, py = parent_box
            edges.append({"rel": relation(a, cid, t.parent[cid]), "d": f"M{px + 8},{py} V{y + 20} H{x - 3}"})
        nodes.append(box)
        bottom = y + box["height"]
        y += box["height"] + GAP_Y
        for kid in t.children[cid]:
            place(kid, x0, level + 1, (x, bottom))

    bottom = top
    for i, col in enumerate(columns):
        cx = 1 + i * (col_w + GAP_X)
        edges.append({"rel": relation(a, col, t.thesis),
                      "d": f"M{tx + NODE_W / 2},{1 + thesis['height']} V{top - 22} H{cx + NODE_W / 2} V{top - 4}"})
        y = top
        place(col, cx, 0)
        bottom = max(bottom, y)
    return {"width": width, "height": bottom + 2, "nodes": nodes, "edges": edges}


def _depth(children: dict[str, list[str]], cid: str) -> int:
    return max((1 + _depth(children, k) for k in children[cid]), default=0)


def outline(view: View) -> dict[str, Any]:
    """The nested outline: each item is (claim, relation to its parent or None, children)."""
    a = view.edition.argument
    assert a is not None
    t = tree(a)
    claims = {c.id: c for c in a.claims}

    def item(cid: str, rel: str | None) -> dict[str, Any]:
        return {"c": claims[cid], "rel": rel, "others": t.others[cid],
                "kids": [item(k, relation(a, k, cid)) for k in t.children[cid]]}

    return item(t.thesis, None)


def argument_page(view: View) -> Markup:
    a = view.edition.argument
    assert a is not None
    return render("argument.html", view=view, v=view.version, L=view.labels, kinds=KINDS,
                  relations=RELATIONS, diagram=diagram(view), outline=outline(view), uncited=a.uncited,
                  number=paragraph_number)


def toc(view: View) -> list[tuple[int, str, str]]:
    a = view.edition.argument
    out = [(2, "legend", view.labels["argument_legend"]), (2, "outline", view.labels["argument_outline"])]
    if a is not None and a.uncited:
        out.append((2, "uncited", view.labels["argument_uncited"]))
    return out
