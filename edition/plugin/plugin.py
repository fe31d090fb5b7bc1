"""The ``edition`` MkDocs plugin: connects the edition to ``mkdocs build`` and ``mkdocs serve``.

* ``on_config`` (root build) builds the one Edition and the labels, before MkDocs writes
  anything: bad input stops the build with the pipeline's ``file:line:col`` message. Every
  build then sets its version's language, site name and navigation from the page registry.
* ``on_files`` adds the pages and data files; nothing generated is written into docs/.
* ``on_page_markdown`` gives each page its title and description; ``on_page_content`` puts in
  the template-drawn pages (essay, argument, glossary, apparatus) and their tables of contents.
* ``on_page_context`` gives each page the links to the same page in the other versions.
* ``on_post_build`` of the root build builds the other versions (:mod:`.nested`), writes the
  downloads' sitemap for all versions.

Strings handed to Material's templates (which do not autoescape) are escaped once, here, as
``Markup`` (:func:`theme_text`); the pages themselves come from autoescaping templates.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from ..build import build_edition
from ..errors import EditionError
from ..labels import Labels, load_labels
from ..model import Edition
from ..render import exports
from ..render.pages import Page, data_files, fold_for, pages_for
from ..render.prose import prose_page
from ..render.sitemap import gzipped, sitemap
from ..render.view import View
from ..versions import Registry, Version
from . import nested
from .config import EditionConfig, registry

# What `mkdocs serve` watches besides docs/ and mkdocs.yml: the data, the prose, the labels, the
# theme overrides and the page templates (not the Python code: a running server does not reload it).
WATCHED = ("source", "editorial", "content", "i18n", "overrides", "edition/render/templates")


def theme_text(text: str) -> Markup:
    """A string from the data, escaped for Material's templates (which print values as they are)."""
    return escape(text)


class EditionPlugin(BasePlugin[EditionConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.registry: Registry | None = None
        self.labels: dict[str, Labels] = {}
        self.version: Version | None = None
        self.fold: dict[str, str] = {}
        self.root_url = ""
        self.root = Path(".")
        self.view: View | None = None
        self.pages: dict[str, Page] = {}

    def adopt(self, parent: EditionPlugin, version: Version) -> None:
        """Take the root build's Edition, labels and registry, to build ``version``."""
        self.edition, self.registry, self.labels = parent.edition, parent.registry, parent.labels
        self.fold, self.root_url, self.root, self.version = parent.fold, parent.root_url, parent.root, version

    @property
    def is_root(self) -> bool:
        return self.registry is not None and self.version is self.registry.root

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.edition is None:  # the root build: the one place the Edition is built
            self.root = Path(config.config_file_path).parent / self.config.root
            try:
                self.registry = registry(self.config.versions)
            except ValidationError as err:
                raise PluginError(f"{config.config_file_path}: plugins.edition.{err}") from None
            try:
                self.edition = build_edition(self.root)
                self.labels = load_labels(self.root, self.registry)
            except EditionError as err:
                raise PluginError(str(err)) from None
            reviewed = unreviewed_conversion(self.registry, self.edition)
            if reviewed:
                raise PluginError(f"{config.config_file_path}: plugins.edition.{reviewed}")
            self.version = self.registry.root
            self.fold = fold_for(self.edition)
            url = config.site_url or "/"
            self.root_url = url if url.endswith("/") else url + "/"
        assert self.registry is not None and self.version is not None and self.edition is not None
        version, own = self.version, self.labels[self.version.code]
        self.view = View(self.edition, version, self.registry, self.labels, self.root_url, self.root)
        self.pages = {p.src: p for p in pages_for(self.edition)}
        config.theme["language"] = version.theme_language
        config.site_name = theme_text(own["site_name"])
        config.site_description = theme_text(own["site_description"])
        config.extra["lang"] = version.code
        config.extra["labels"] = {key: theme_text(text) for key, text in own.items()}
        config.extra["og_locale"] = version.locale
        config.extra["root_url"] = self.root_url
        config.extra["chinese_lang"] = version.chinese_lang
        for scheme, key in zip(config.theme["palette"], ("dark_mode", "light_mode")):
            scheme["toggle"]["name"] = theme_text(own[key])
        config.nav = [{theme_text(own[p.nav]): p.src} for p in self.pages.values()]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.view is not None
        for page in self.pages.values():
            content = prose_page(self.view, page.name) if page.render is None else ""
            files.append(File.generated(config, page.src, content=content))
        generated = data_files(self.view, self.fold)
        if self.is_root:  # the downloads live once, at the site root
            assert self.edition is not None
            names = {code: labels["site_name"] for code, labels in self.labels.items()}
            downloads = exports.downloads(self.edition, names)
            generated.update({f"downloads/{name}": text for name, text in downloads.items()})
        for src, content in generated.items():
            files.append(File.generated(config, src, content=content))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        spec, view = self.pages.get(page.file.src_uri), self.view
        if spec is not None and view is not None:
            page.meta["title"] = theme_text(spec.page_title(view))
            page.meta["description"] = theme_text(view.labels[spec.description])
            if spec.wide:
                page.meta["hide"] = ["navigation", "toc"]
        return markdown

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        spec, view = self.pages.get(page.file.src_uri), self.view
        if spec is None or spec.render is None or view is None:
            return html
        if spec.toc is not None:
            page.toc = get_toc(toc_tokens(spec.toc(view)))
        return str(spec.render(view))

    def on_page_context(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        assert self.registry is not None and self.version is not None
        up = "../" * page.url.count("/")
        context["site_root"] = up + "../" * self.version.depth
        context["versions"] = [
            {"code": v.code, "name": self.labels[v.code]["version_name"], "current": v is self.version,
             "href": up + v.root_from(self.version) + page.url}
            for v in self.registry]
        return context

    @event_priority(-100)  # after other plugins have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.is_root:
            return
        assert self.registry is not None
        for version in self.registry.versions[1:]:
            nested.build_version(config, self, version)
        data = sitemap(self.root_url, self.registry, [p.url for p in self.pages.values()], get_build_date())
        out = Path(config.site_dir)
        (out / "sitemap.xml").write_bytes(data)
        (out / "sitemap.xml.gz").write_bytes(gzipped(data))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in WATCHED:
            path = self.root / folder
            if path.exists():
                server.watch(str(path))
        return server


def unreviewed_conversion(versions: Registry, edition: Edition) -> str:
    """A version whose OpenCC config is neither the chosen Traditional config nor a candidate
    whose every difference is reviewed in editorial/conversion.yaml; '' if there is none."""
    step = edition.traditional_step
    reviewed = {step.config} | {c.config for c in step.candidates}
    for i, v in enumerate(versions):
        if v.opencc and v.opencc not in reviewed:
            return (f"versions[{i}] ({v.code}): OpenCC config {v.opencc!r} is not reviewed in the Traditional step "
                    f"of editorial/conversion.yaml (reviewed: {', '.join(sorted(reviewed))})")
    return ""


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """MkDocs' nested table-of-contents tokens from (level, anchor, title) in page order."""
    top: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, title in headings:
        token = {"level": level, "id": anchor, "name": theme_text(title), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top
