"""What every page renderer gets: the one Edition, the version being rendered, its labels and
addresses. Built once per version per build by the plugin."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..labels import Labels
from ..model import Edition, paragraph_number
from ..versions import Registry, Version


def page_path(name: str, offline: bool = False) -> str:
    """A page's address below its version's root: ``NAME/`` ('' for the home page) on the web;
    ``NAME.html`` in the edition read from a folder (file://), where a folder address shows a
    listing, not the page (MkDocs' use_directory_urls: false).

    >>> page_path("essay"), page_path("index"), page_path("essay", True), page_path("index", True)
    ('essay/', '', 'essay.html', 'index.html')
    """
    if offline:
        return f"{name}.html"
    return "" if name == "index" else f"{name}/"


def data_path(stem: str, offline: bool = False) -> str:
    """A version's data file below its root: fetched as JSON on the web; from a folder, where
    browsers refuse fetch() of file:// addresses, a script that registers the same JSON
    (:func:`edition.render.search.as_script`)."""
    return f"search/{stem}.{'js' if offline else 'json'}"


@dataclass(frozen=True)
class View:
    edition: Edition
    version: Version
    registry: Registry
    all_labels: dict[str, Labels]
    site_url: str                # the address of the site root (the root version), ending in '/'
    root: Path                   # the project folder (content/ lives there)
    offline: bool = False        # the edition read from a folder: pages NAME.html, data as scripts

    @property
    def labels(self) -> Labels:
        return self.all_labels[self.version.code]

    @property
    def version_url(self) -> str:
        return self.site_url + self.version.path

    def essay_url(self, pid: str = "") -> str:
        """The full address of the essay (or of one paragraph) in this version."""
        return self.version_url + "essay/" + (f"#{pid}" if pid else "")

    def up(self, name: str = "essay") -> str:
        """Relative path from page ``name`` of this version to the version's root."""
        return "" if self.offline or name == "index" else "../"

    def page(self, name: str) -> str:
        """Relative address of page ``name`` from any other page of this version but its home."""
        return self.up() + page_path(name, self.offline)

    @property
    def essay(self) -> str:
        """Relative address of the essay page from any other page of this version but its home."""
        return self.page("essay")

    def data(self, stem: str) -> str:
        """Relative address of a data file (search/STEM.json or .js) from a page but the home."""
        return self.up() + data_path(stem, self.offline)

    def downloads(self, name: str = "essay") -> str:
        """Relative path from page ``name`` of this version to the downloads folder (at the site root)."""
        return self.up(name) + "../" * self.version.depth + "downloads/"

    @staticmethod
    def number(pid: str) -> int:
        return paragraph_number(pid)

    def labels_in(self, language: str) -> Labels:
        """Labels of the registry's first version in ``language`` ("zh" or "en"), this one if it is."""
        if self.version.language == language:
            return self.labels
        other = next((v for v in self.registry if v.language == language), self.version)
        return self.all_labels[other.code]
