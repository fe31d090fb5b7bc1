"""The edition's releases: one table, read by the TEI header (edition and revision statements)
and by every citation (version and date of issue).

Newest first: (version, date, what changed). The version is the package's (pyproject.toml): a
version without its row here stops the build. The date is data, not the build date, so the
downloads and pages are a pure function of the project's files (only the sitemaps carry the
build date, tests/test_reproducible.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import metadata

from .errors import EditionError

PACKAGE = "chanye-edition"
RELEASES: tuple[tuple[str, str, str], ...] = (
    ("0.2.0", "2026-11-26",
     "The edition as an MkDocs plugin with one view per version; TEI with the witness transcribed line by "
     "line (every character conversion, pinyin annotation, emendation and dropped line), so that it can be "
     "rebuilt byte for byte; notes point at their span; edition, licence and revision statements; "
     "citations that agree with citeproc-js and the official CSL styles."),
)


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    changes: str


def current() -> Release:
    """This version of the edition (the installed package's) and its date."""
    version = metadata.version(PACKAGE)
    for v, date, changes in RELEASES:
        if v == version:
            return Release(v, dt.date.fromisoformat(date), changes)
    raise EditionError("pyproject.toml", None, None,
                       f"version {version} has no date: add it to RELEASES in edition/release.py")


def history() -> tuple[Release, ...]:
    return tuple(Release(v, dt.date.fromisoformat(date), changes) for v, date, changes in RELEASES)
