"""The argument map page: a static SVG diagram (no script, no third-party library) and the same
argument as a nested outline.

Layout: the thesis on top; below it one column per claim that hangs directly from the thesis,
in the order of the essay; each column stacks its sub-claims, indented by depth. Every claim
hangs from one parent (its first relation); its other relations are written in the box.
"""
from __future__ import annotations

from html import escape

from ..model import Argument, Claim, Edition

NODE_W, LINE_H, PAD, GAP_X, GAP_Y, INDENT = 214, 22, 10, 24, 18, 18
ZH_PER_LINE, EN_PER_LINE = 12, 22
NO_LINE_START = set("，。、；：？！”’）》")


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


def tree(argument: Argument) -> tuple[str, dict[str, list[str]], dict[str, list]]:
    """(thesis id, children of each claim, other relations of each claim), ordered as the essay."""
    thesis = next(c.id for c in argument.claims if c.kind == "thesis")
    first_para = {c.id: min(int(p[1:]) for p in c.paragraphs) if c.paragraphs else 10**6 for c in argument.claims}
    parent: dict[str, str] = {}
    used: set[int] = set()
    for c in argument.claims:
        if c.id == thesis:
            continue
        for i, r in enumerate(argument.relations):
            if r.source == c.id:
                parent[c.id], _ = r.target, used.add(i)
                break
        else:
            for i, r in enumerate(argument.relations):
                if r.target == c.id:
                    parent[c.id], _ = r.source, used.add(i)
                    break
            else:
                parent[c.id] = thesis
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
    others: dict[str, list] = {c.id: [] for c in argument.claims}
    for i, r in enumerate(argument.relations):
        if i not in used:
            others[r.source].append(r)
    return thesis, children, others


def _node(c: Claim, x: float, y: float, version, labels, essay: str, others) -> tuple[str, float]:
    english = version.code == "en"
    summary = c.summary[version.code]
    lines = wrap(summary, english)
    extra = [labels["argument_also"].format(relation=labels["rel_" + r.type]) + f" {r.target}" for r in others]
    height = PAD * 2 + LINE_H * (2 + len(lines) + len(extra))
    lang = "en" if english else ("zh-Hant" if version.code == "zh-Hant" else "zh-Hans")
    head = f"{c.id} · {labels['kind_' + c.kind]}"
    first = c.paragraphs[0] if c.paragraphs else None
    # English lines end in a space so that the link's accessible name keeps the words apart.
    tspans = "".join(f'<tspan x="{x + PAD}" dy="{LINE_H}">{escape(line + (" " if english else ""))}</tspan>'
                     for line in lines)
    out = [f'<g class="claim kind-{c.kind}" id="claim-{c.id}">']
    box = (f'<rect class="claim-box" x="{x}" y="{y}" width="{NODE_W}" height="{height}" '
           f'rx="{20 if c.kind == "conclusion" else 6}"/>'
           f'<text class="claim-head" x="{x + PAD}" y="{y + PAD + 16}">{escape(head + labels["colon"].rstrip())} </text>'
           f'<text class="claim-text" lang="{lang}" x="{x + PAD}" y="{y + PAD + 16}">{tspans}</text>')
    if first:  # the link's name is its visible text: the claim's id, kind and summary
        out.append(f'<a class="claim-main" href="{essay}#{first}">{box}</a>')
    else:
        out.append(box)
    ty = y + PAD + 16 + LINE_H * (1 + len(lines))
    for line in extra:
        out.append(f'<text class="claim-also" x="{x + PAD}" y="{ty}">{escape(line)}</text>')
        ty += LINE_H
    px = x + PAD
    for pid in c.paragraphs:
        label = f"¶ {pid[1:]}"
        out.append(f'<a class="claim-para" href="{essay}#{pid}"><text x="{px}" y="{ty}">{escape(label)}</text></a>')
        px += 12 + 9 * len(label)
    out.append("</g>")
    return "".join(out), height


def diagram(edition: Edition, version, labels: dict[str, str], essay: str = "../essay/") -> str:
    a = edition.argument
    thesis, children, others = tree(a)
    claims = {c.id: c for c in a.claims}
    columns = children[thesis]
    depth = max(_depth(children, c) for c in children[thesis]) if children[thesis] else 0
    col_w = NODE_W + INDENT * depth
    width = max(len(columns), 1) * (col_w + GAP_X) - GAP_X + 2
    parts, edges = [], []
    tx = (width - NODE_W) / 2
    svg, th = _node(claims[thesis], tx, 1, version, labels, essay, others[thesis])
    parts.append(svg)
    top = 1 + th + 44
    parent_of = {kid: cid for cid, kids in children.items() for kid in kids}
    y = top

    def place(cid: str, x0: float, depth: int, parent_box=None) -> None:
        """Draw a claim and, below it, its sub-claims indented by depth."""
        nonlocal y
        x = x0 + depth * INDENT
        svg, h = _node(claims[cid], x, y, version, labels, essay, others[cid])
        if parent_box is not None:
            px, py = parent_box
            edges.append(f'<path class="edge rel-{_rel(a, cid, parent_of[cid])}" '
                         f'd="M{px + 8},{py} V{y + 20} H{x - 3}" marker-end="url(#arrow)"/>')
        parts.append(svg)
        box_bottom = y + h
        y += h + GAP_Y
        for kid in children[cid]:
            place(kid, x0, depth + 1, (x, box_bottom))

    bottom = top
    for i, col in enumerate(columns):
        cx = 1 + i * (col_w + GAP_X)
        edges.append(f'<path class="edge rel-{_rel(a, col, thesis)}" d="M{tx + NODE_W / 2},{1 + th} '
                     f'V{top - 22} H{cx + NODE_W / 2} V{top - 4}" marker-end="url(#arrow)"/>')
        y = top
        place(col, cx, 0)
        bottom = max(bottom, y)
    height = bottom + 2
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>')
    title = escape(labels["argument_diagram"])
    return (f'<div class="argument-scroll" tabindex="0" role="region" aria-label="{title}">'
            f'<svg class="argument-map" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="group" aria-label="{title}">{defs}{"".join(edges)}{"".join(parts)}</svg></div>')


def _depth(children: dict[str, list[str]], cid: str) -> int:
    return max((1 + _depth(children, k) for k in children[cid]), default=0)


def _rel(a: Argument, source: str, target: str) -> str:
    for r in a.relations:
        if {r.source, r.target} == {source, target}:
            return r.type
    return "supports"


def legend(labels: dict[str, str]) -> str:
    kinds = ("thesis", "reason", "evidence", "objection", "concession", "rebuttal", "conclusion")
    items = "".join(f'<li><svg class="swatch kind-{k}" width="28" height="18" aria-hidden="true">'
                    f'<rect class="claim-box" x="1" y="1" width="26" height="16" rx="{8 if k == "conclusion" else 3}"/></svg>'
                    f'{escape(labels["kind_" + k])}</li>' for k in kinds)
    rels = "".join(f'<li><svg class="swatch" width="34" height="12" aria-hidden="true"><path class="edge rel-{r}" '
                   f'd="M1,6 H33"/></svg>{escape(labels["rel_" + r])}</li>'
                   for r in ("supports", "opposes", "concedes", "elaborates"))
    return (f'<div class="argument-legend"><p><strong>{escape(labels["argument_legend"])}</strong></p>'
            f'<ul>{items}</ul><ul>{rels}</ul></div>')


def outline(edition: Edition, version, labels: dict[str, str], essay: str = "../essay/") -> str:
    a = edition.argument
    thesis, children, others = tree(a)
    claims = {c.id: c for c in a.claims}
    lang = "en" if version.code == "en" else ("zh-Hant" if version.code == "zh-Hant" else "zh-Hans")

    def item(cid: str, relation: str | None) -> str:
        c = claims[cid]
        rel = f'<span class="outline-rel">{escape(labels["rel_" + relation] + labels["colon"].rstrip())}</span> ' if relation else ""
        paras = " ".join(f'<a href="{essay}#{p}">¶ {p[1:]}</a>' for p in c.paragraphs)
        also = "".join(f'; <span class="outline-also">{escape(labels["argument_also"].format(relation=labels["rel_" + r.type]))} '
                       f'<a href="#outline-{r.target}">{escape(r.target)}</a></span>' for r in others[cid])
        kids = "".join(item(k, _rel(a, k, cid)) for k in children[cid])
        return (f'<li id="outline-{c.id}">{rel}<strong>{escape(c.id)} · {escape(labels["kind_" + c.kind])}</strong> '
                f'<span lang="{lang}">{escape(c.summary[version.code])}</span> ({paras}{also})'
                + (f"<ul>{kids}</ul>" if kids else "") + "</li>")

    return f'<ul class="argument-outline">{item(thesis, None)}</ul>'


def argument_page(edition: Edition, version, labels: dict[str, str], front_matter) -> str:
    lines = ["---", f"title: {front_matter(labels['nav_argument'])}",
             f"description: {front_matter(labels['argument_description'])}", "hide:", "  - navigation", "  - toc",
             "---", "",
             f"# {escape(labels['nav_argument'])}", "", f'<p class="lead">{escape(labels["argument_intro"])}</p>', "",
             legend(labels), "", diagram(edition, version, labels), "",
             f"## {escape(labels['argument_outline'])} {{#outline}}", "", outline(edition, version, labels), ""]
    if edition.argument.uncited:
        lines += [f"## {escape(labels['argument_uncited'])} {{#uncited}}", "", "<ul>"]
        lines += [f'<li><a href="../essay/#{pid}">¶ {pid[1:]}</a>{escape(labels["colon"])}'
                  f'<span lang="{version.code}">{escape(reason[version.code])}</span></li>'
                  for pid, reason in edition.argument.uncited]
        lines += ["</ul>", ""]
    return "\n".join(lines) + "\n"
