"""The paragraph manifest: id → hash of the Simplified text, committed in editorial/manifest.tsv.

Links to ``#p12`` must never break silently. Any change that would move or alter a paragraph
changes a hash here, and the build fails until the manifest is deliberately updated with
``python scripts/build.py --update-manifest``.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import EditionError, Problem
from .model import Edition, paragraph_number

HEADER = "# id\tsha256 of the Simplified text (first 16 hex digits)\topening of the paragraph"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render_manifest(edition: Edition) -> str:
    rows = [HEADER] + [f"{p.id}\t{digest(p.simplified)}\t{p.simplified[:12]}" for p in edition.paragraphs]
    return "\n".join(rows) + "\n"


def read_manifest(path: Path | str) -> dict[str, tuple[str, int]]:
    """id → (hash, line number); refuses duplicated ids and malformed rows."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError(str(path), None, None,
                           "no such file (create it with: python scripts/build.py --update-manifest)") from None
    entries: dict[str, tuple[str, int]] = {}
    for n, row in enumerate(text.split("\n"), start=1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) < 2 or not _is_paragraph_id(fields[0]):
            raise EditionError(str(path), n, 1, f"malformed row {row[:30]!r} (expected: pN<TAB>hash<TAB>opening)")
        if fields[0] in entries:
            raise EditionError(str(path), n, 1,
                               f"duplicate paragraph id {fields[0]!r} (first at line {entries[fields[0]][1]})")
        entries[fields[0]] = (fields[1], n)
    return entries


def _is_paragraph_id(text: str) -> bool:
    try:
        paragraph_number(text)
    except ValueError:
        return False
    return True


def check_manifest(edition: Edition, path: Path | str) -> None:
    expected = read_manifest(path)
    problems: list[Problem] = []
    ids = [p.id for p in edition.paragraphs]
    for p in edition.paragraphs:
        if p.id not in expected:
            problems.append((str(path), None, None, f"paragraph {p.id} is new (not in the manifest)"))
        elif expected[p.id][0] != digest(p.simplified):
            problems.append((str(path), expected[p.id][1], 1,
                             f"paragraph {p.id} changed (its text now begins {p.simplified[:12]!r}); "
                             "links to it may now point at other words"))
    for pid, (_, line) in expected.items():
        if pid not in ids:
            problems.append((str(path), line, 1, f"paragraph {pid} no longer exists; links to #{pid} would break"))
    if problems:
        problems.append((str(path), None, None,
                         "if the change is deliberate, run: python scripts/build.py --update-manifest"))
        raise EditionError.many(problems)
