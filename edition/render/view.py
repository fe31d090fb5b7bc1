"""What every page renderer gets: the one Edition, the version being rendered, its labels and
addresses. Built once per version per build by the plugin."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..labels import Labels
from ..model import Edition, paragraph_number
from ..versions import Registry, Version

ESSAY = "../essay/"          # from any page of a version to its essay page


@dataclass(frozen=True)
class View:
    edition: Edition
    version: Version
    registry: Registry
    all_labels: dict[str, Labels]
    site_url: str                # the address of the site root (the root version), ending in '/'
    root: Path                   # the project folder (content/ lives there)

    @property
    def labels(self) -> Labels:
        return self.all_labels[self.version.code]

    @property
    def version_url(self) -> str:
        return self.site_url + self.version.path

    def essay_url(self, pid: str = "") -> str:
        """The full address of the essay (or of one paragraph) in this version."""
        return self.version_url + "essay/" + (f"#{pid}" if pid else "")

    @property
    def downloads(self) -> str:
        """Relative path from a page of this version to the downloads folder (at the site root)."""
        return "../" * (self.version.depth + 1) + "downloads/"

    @staticmethod
    def number(pid: str) -> int:
        return paragraph_number(pid)

    def labels_in(self, language: str) -> Labels:
        """Labels of the registry's first version in ``language`` ("zh" or "en"), this one if it is."""
        if self.version.language == language:
            return self.labels
        other = next((v for v in self.registry if v.language == language), self.version)
        return self.all_labels[other.code]
