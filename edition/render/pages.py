"""The registry of the site's pages, read by the plugin for the navigation, page generation
and the sitemap, and by the tests; and every generated data file of one version.

A page is either the editors' prose (content/NAME.LANG.md, rendered by :mod:`prose`) or a page
drawn by a template from the Edition (``render``), with its table of contents (``toc``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..convert import fold_map
from ..model import Edition
from . import apparatus, argument, essay, glossary, search, witness_view
from .view import View, data_path, page_path

Toc = list[tuple[int, str, str]]


def _always(edition: Edition) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    name: str                                          # source NAME.md; its address is NAME/ (index: the root)
    nav: str                                           # label: its title in the navigation
    description: str                                   # label: its meta description
    render: Callable[[View], Markup] | None = None     # None: prose from content/NAME.LANG.md
    toc: Callable[[View], Toc] | None = None
    wide: bool = False                                 # hide navigation and table of contents
    title: Callable[[View], str] | None = None         # its title; default: the nav label
    available: Callable[[Edition], bool] = _always

    @property
    def src(self) -> str:
        return f"{self.name}.md"

    @property
    def url(self) -> str:
        return page_path(self.name)

    def page_title(self, view: View) -> str:
        return self.title(view) if self.title else view.labels[self.nav]


PAGES = (
    Page("index", "nav_home", "home_description", title=lambda view: view.labels["site_name"]),
    Page("essay", "nav_essay", "essay_description", essay.essay_page, wide=True,
         title=lambda view: view.version.title(view.edition)),
    Page("argument", "nav_argument", "argument_description", argument.argument_page, argument.toc, wide=True,
         available=lambda e: e.argument is not None),
    Page("glossary", "nav_glossary", "glossary_description", glossary.glossary_page, glossary.toc,
         available=lambda e: bool(e.glossary)),
    Page("apparatus", "nav_apparatus", "apparatus_description", apparatus.apparatus_page, apparatus.toc),
    Page("about", "nav_about", "about_description"),
)


def pages_for(edition: Edition) -> tuple[Page, ...]:
    return tuple(p for p in PAGES if p.available(edition))


def fold_for(edition: Edition) -> dict[str, str]:
    """The search's Traditional→Simplified fold map for the edition's characters (computed once a build)."""
    return fold_map(search.charset(edition))


def data_files(view: View, fold: dict[str, str]) -> dict[str, str]:
    """The search index, pinyin readings and witness lines of one version (the downloads live once, at the root):
    JSON on the web, scripts in the edition read from a folder (:func:`.view.data_path`)."""
    e = view.edition
    data = {"paragraphs": search.search_index(e, view.version, fold), "pinyin": search.pinyin_data(e),
            "witness": witness_view.witness_data(view)}
    return {data_path(stem, view.offline): search.as_script(stem, text) if view.offline else text
            for stem, text in data.items()}
