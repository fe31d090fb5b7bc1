"""The apparatus page (校勘记): how the text was established, with every count computed."""
from __future__ import annotations

from html import escape

from ..model import Edition, RegularizationKind
from .site import Version, left_simplified

ESSAY = "../essay/"


def _link(p) -> str:
    return f'<a href="{ESSAY}#{p.id}">¶ {p.n}</a>'


def _table(headers: list[str], rows: list[list[str]], cls: str = "", foot: list[str] | None = None) -> str:
    """A table; cells are HTML already escaped by the caller. ``foot`` is a totals row."""
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    tfoot = ("<tfoot><tr>" + f'<th scope="row">{foot[0]}</th>' + "".join(f"<td>{c}</td>" for c in foot[1:])
             + "</tr></tfoot>") if foot else ""
    # Material styles only tables without a class, so the class goes on the wrapper.
    return (f'<div class="md-typeset__table {cls}"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{body}</tbody>{tfoot}</table></div>')


def apparatus_page(edition: Edition, version: Version, labels: dict[str, str], front_matter) -> str:
    L, v = labels, version.code
    zh_lang = "zh-Hant" if v == "zh-Hant" else "zh-Hans"
    note_lang = "en" if v == "en" else zh_lang
    by_id = {p.id: p for p in edition.paragraphs}
    w = edition.witness
    out = ["---", f"title: {front_matter(L['nav_apparatus'])}", f"description: {front_matter(L['apparatus_description'])}",
           "---", "", f"# {escape(L['nav_apparatus'])}", "", f'<p class="lead">{escape(L["app_intro"])}</p>', ""]

    out += [f"## {escape(L['app_witness'])} {{#witness}}", "",
            '<dl class="facts">'
            f'<dt>{escape(L["app_url"])}</dt><dd><code>{escape(w.url)}</code></dd>'
            f'<dt>{escape(L["app_published"])}</dt><dd>{escape(w.published)}</dd>'
            f'<dt>{escape(L["app_sha256"])}</dt><dd><code class="hash">{escape(w.sha256)}</code></dd>'
            f'<dd>{escape(L["app_size"].format(bytes=w.size, lines=w.lines))}</dd>'
            "</dl>",
            f'<p lang="{note_lang}">{escape(w.description[v])}</p>', ""]

    out += [f"## {escape(L['app_steps'])} {{#steps}}", "",
            f"### {escape(L['app_annotations'])} {{#annotations}}", "",
            f"<p>{escape(L['app_annotations_text'].format(n=edition.annotations))}</p>",
            _table([L["app_col_paragraph"], L["app_col_annotations"], L["app_col_converted"], L["app_col_regularized"]],
                   [[_link(p), str(len(p.annotations)), str(p.converted), str(len(p.regularizations))]
                    for p in edition.paragraphs], "counts",
                   [escape(L["app_total"]), str(sum(len(p.annotations) for p in edition.paragraphs)),
                    str(sum(p.converted for p in edition.paragraphs)),
                    str(sum(len(p.regularizations) for p in edition.paragraphs))]), ""]

    out += [f"### {escape(L['app_boilerplate'])} {{#boilerplate}}", "",
            f"<p>{escape(L['app_boilerplate_text'].format(n=len(edition.dropped)))}</p>",
            _table([L["app_col_line"], L["app_col_text"], L["app_col_rule"], L["app_col_reason"]],
                   [[str(d.line), f'<span lang="zh-Hant">{escape(d.text)}</span>', f"<code>{escape(d.rule)}</code>",
                     f'<span lang="{note_lang}">{escape(d.reason[v])}</span>'] for d in edition.dropped]), ""]

    regs = sum(1 for p in edition.paragraphs for r in p.regularizations if r.kind is RegularizationKind.PUNCTUATION)
    out += [f"### {escape(L['app_conversion'])} {{#conversion}}", "", f"<p>{escape(L['app_conversion_text'])}</p>"]
    for step in (edition.simplified_step, edition.traditional_step):
        out.append(f'<p><strong>{escape(L["app_chosen"] + L["colon"])}<code>{escape(step.config)}</code></strong> — '
                   f'<span lang="{note_lang}">{escape(step.reason[v])}</span></p>')
        if step is edition.simplified_step and edition.phrase_rules:
            out.append(f'<p>{escape(L["app_phrases"] + L["colon"].rstrip())}</p><ul>' + "".join(
                f'<li><span lang="zh-Hans">{escape(a)} → {escape(b)}</span>{escape(L["colon"])}<span lang="{note_lang}">{escape(r[v])}</span></li>'
                for a, b, r in edition.phrase_rules) + "</ul>")
        rows = []
        script = "zh-Hans" if step is edition.simplified_step else "zh-Hant"
        for cand in step.candidates:
            diffs = "".join(
                f'<li><span lang="{script}">{escape(d.chosen)} → {escape(d.candidate)}</span>{escape(L["colon"])}'
                f'<span lang="{note_lang}">{escape(d.judgement[v])}</span>'
                + L["paren"].format(x=escape(L["list_sep"]).join(_link(by_id[pid]) for pid in dict.fromkeys(d.places)))
                + "</li>" for d in cand.differences)
            rows.append([f"<code>{escape(cand.config)}</code>", escape(L[f"verdict_{cand.verdict}"]),
                         f'<span lang="{note_lang}">{escape(cand.reason[v])}</span><ul>{diffs}</ul>'])
        out.append(_table([L["app_col_config"], L["app_col_verdict"], L["app_col_difference"]], rows, "candidates"))
    chars = L["list_sep"].join(left_simplified(edition))
    out += [f'<p>{escape(L["app_left_simplified"].format(chars=chars))}</p>', "",
            f"### {escape(L['app_punctuation'])} {{#punctuation}}", "", f"<p>{escape(L['app_punctuation_text'].format(n=regs))}</p>",
            f'<p lang="{note_lang}">{escape(edition.punctuation_reason[v])}</p>', ""]

    out += [f"## {escape(L['app_emendations'])} {{#emendations}}", ""]
    for p in edition.paragraphs:
        for e in p.emendations:
            shown = getattr(p, version.chinese)[e.offset:e.offset + e.length]
            out += [f'<h3 id="{e.id}">{escape(e.id)} · {_link(p)}</h3>',
                    '<dl class="facts">'
                    f'<dt>{escape(L["app_col_witness"])}</dt><dd><code>{escape(e.witness)}</code>{escape(L["paren"].format(x=L["app_col_line"] + f" {e.line}:{e.col}"))}</dd>'
                    f'<dt>{escape(L["app_col_reading"])}</dt><dd><code>{escape(e.reading)}</code> → <span lang="{zh_lang}">{escape(shown)}</span></dd>'
                    "</dl>",
                    f'<p lang="{note_lang}">{escape(e.reason[v])}</p>',
                    f'<p><strong>{escape(L["app_evidence"] + L["colon"].rstrip())}</strong> <span lang="{note_lang}">{escape(e.evidence[v])}</span></p>',
                    f'<details class="resolves"><summary>{escape(L["app_resolves"] + L["paren"].format(x=len(e.resolves)))}</summary><ul>'
                    + "".join(f"<li><code>{escape(r)}</code></li>" for r in e.resolves) + "</ul></details>", ""]

    out += [f"## {escape(L['app_sic'])} {{#sic}}", "", f"<p>{escape(L['app_sic_text'])}</p>",
            _table([L["app_col_paragraph"], L["app_col_sic"], L["app_col_suggestion"], L["app_col_reason"]],
                   [[_link(by_id[s.paragraph]),
                     f'<span lang="{zh_lang}" id="{s.id}">{escape(getattr(by_id[s.paragraph], version.chinese)[s.offset:s.offset + len(s.reading)])}</span>',
                     f'<span lang="{zh_lang}">{escape(s.suggestion_hant if v == "zh-Hant" else s.suggestion)}</span>',
                     f'<span lang="{note_lang}">{escape(s.reason[v])}</span>'] for s in edition.sics]), ""]

    out += [f"## {escape(L['app_accepted'])} {{#accepted}}", "", f"<p>{escape(L['app_accepted_text'])}</p>", "<ul>"]
    out += [f'<li><strong lang="{zh_lang}">{escape(a.form)}</strong>'
            f'{escape(L["paren"].format(x=L["app_occurrences"].format(n=a.occurrences)) + L["colon"])}'
            f'<span lang="{note_lang}">{escape(a.reason[v])}</span></li>' for a in edition.accepted]
    out += ["</ul>", ""]

    checks = [c for p in edition.paragraphs for c in p.pinyin_checks]
    wrong = [c for c in checks if not c.agree]
    out += [f"## {escape(L['app_pinyin'])} {{#pinyin}}", "",
            f"<p>{escape(L['app_pinyin_text'].format(total=len(checks), agree=len(checks) - len(wrong), disagree=len(wrong)))}</p>",
            _table([L["app_col_paragraph"], L["app_col_char"], L["app_col_witness_pinyin"], L["app_col_generated"]],
                   [[_link(by_id[c.paragraph]), f'<span lang="zh-Hant">{escape(c.witness_char)}</span>',
                     escape(c.witness), escape(c.generated)] for c in wrong]), ""]
    return "\n".join(out) + "\n"
