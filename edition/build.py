"""Build the Edition once from the project files, and write outputs atomically."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .argument import attach_argument
from .clauses import attach_clauses
from .editorial import load_editorial
from .establish import establish
from .glossary import attach_glossary
from .manifest import check_manifest
from .model import Edition
from .output import check_owned, discard, replace, staging
from .reading import attach_readings
from .remarks import attach_remarks
from .source import read_witness

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "editorial/manifest.tsv"


def build_edition(root: Path | str = ROOT, check: bool = True) -> Edition:
    """The one entry point: witness + editorial data → validated Edition.

    The witness hash is always enforced. ``check`` (the default) also compares the paragraphs
    with the manifest; ``check=False`` skips only that comparison, for a build that is about
    to rewrite the manifest (``scripts/build.py --update-manifest``) or that has none.
    """
    root = display_path(Path(root))
    editorial = load_editorial(root)
    witness = read_witness(root / editorial.witness.file)
    edition = establish(witness, editorial)
    edition = attach_readings(edition, root / "editorial" / "readings.yaml", editorial.traditional.config)
    edition = attach_glossary(edition, root / "editorial" / "glossary.yaml", editorial.traditional.config)
    edition = attach_argument(edition, root / "editorial" / "argument.yaml", editorial.traditional.config)
    edition = attach_remarks(edition, editorial.remarks, editorial.traditional.config)
    edition = attach_clauses(edition, editorial.translation)
    if check:
        check_manifest(edition, root / MANIFEST)
    return edition


def display_path(path: Path) -> Path:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def write_tree(out_dir: Path | str, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` (relative path → content) as the whole of ``out_dir``, atomically, and
    only if ``out_dir`` is new, empty or written by the last build (:mod:`edition.output`).

    Everything is written into a sibling temporary folder first; only when all of it is
    written is the old folder swapped out. A failure leaves the last good output untouched.
    """
    out_dir = Path(out_dir)
    check_owned(out_dir)
    tmp = staging(out_dir)
    try:
        for rel, content in sorted(files.items()):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            target.write_bytes(data)
        replace(tmp, out_dir)
    except BaseException:
        discard(tmp)
        raise
