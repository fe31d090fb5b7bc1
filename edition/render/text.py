"""Plain-text exports: one paragraph a line, after a header naming the edition."""
from __future__ import annotations

from ..model import Edition

VERSIONS = {"zh-Hans": "simplified", "zh-Hant": "traditional"}


def render_text(edition: Edition, version: str) -> str:
    field = VERSIONS[version]
    title = edition.title_zh if version == "zh-Hans" else edition.title_zh_hant
    header = [
        f"# {title} [title supplied by the editors]",
        f"# Reading text ({version}) established from the witness {edition.witness.url} "
        f"(sha256 {edition.witness.sha256}).",
        "# One paragraph a line, p1 first.",
        "",
    ]
    return "\n".join(header + [getattr(p, field) for p in edition.paragraphs]) + "\n"
