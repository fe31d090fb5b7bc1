"""Output folders (dist/, site/) that are only ever replaced whole, and only if ours.

A build writes into a fresh sibling folder and swaps it in only when everything is written,
so a failed build leaves the last good output byte for byte. The swap replaces a folder only
if this project wrote it: the folder carries a manifest of the files written (:data:`MARKER`),
and a folder holding anything else — a file someone put there, the witness, the project
itself — is refused with a one-line error, never deleted.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import EditionError

MARKER = ".edition-output"
HEADER = "# Written by the edition build; the folder is replaced whole by the next build.\n"


def written_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def check_owned(out_dir: Path) -> None:
    """Refuse an output folder that holds anything the last build did not write."""
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if out_dir.is_symlink() or not out_dir.is_dir():
        raise EditionError(str(out_dir), None, None, "the output folder is not a folder; refusing to replace it")
    present = written_files(out_dir)
    if not present:
        return
    marker = out_dir / MARKER
    if not marker.is_file():
        raise EditionError(str(out_dir), None, None,
                           f"the output folder holds {len(present)} files this build did not write (no {MARKER}); "
                           "refusing to replace it: choose an empty or new folder")
    listed = {line for line in marker.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    foreign = [name for name in present if name != MARKER and name not in listed]
    if foreign:
        raise EditionError(str(out_dir), None, None,
                           f"the output folder holds files the last build did not write ({', '.join(foreign[:3])}"
                           f"{' …' if len(foreign) > 3 else ''}); refusing to replace it")


def staging(out_dir: Path) -> Path:
    """A fresh temporary folder beside ``out_dir`` to build into."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))


def replace(staged: Path, out_dir: Path) -> None:
    """Record what ``staged`` holds and swap it in for ``out_dir`` (checked again just before)."""
    check_owned(out_dir)
    (staged / MARKER).write_text(HEADER + "".join(f"{name}\n" for name in written_files(staged)), encoding="utf-8")
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        out_dir.rename(old)
    staged.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
