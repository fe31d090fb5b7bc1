"""The ``edition`` MkDocs plugin: connects the edition to ``mkdocs build`` and ``mkdocs serve``.

* ``on_config`` (root build) builds the one Edition and the labels, before MkDocs writes
  anything: bad input stops the build with the pipeline's ``file:line:col`` message. Every
  build then sets its version's language, site name and navigation from the page registry.
* ``on_files`` adds the pages and data files; nothing generated is written into docs/.
* ``on_page_markdown`` gives each page its title and description; ``on_page_content`` puts in
  the template-drawn pages (essay, argument, glossary, apparatus) and their tables of contents.
* ``on_page_context`` gives each page the links to the same page in the other versions.
* ``on_post_build`` of the root build builds the other versions (:mod:`.nested`), writes the
  sitemap for all versions and, with ``offline_zip``, the zip of the site read from a folder
  (:mod:`.offline`: the same build without directory URLs, its data as scripts).

Strings handed to Material's templates (which do not autoescape) are escaped once, here, as
``Markup`` (:func:`theme_text`); the pages themselves come from autoescaping templates.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

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
from mkdocs.utils import DuplicateFilter, get_build_date
from mkdocs.utils.templates import TemplateContext

from ..build import build_edition, display_path
from ..errors import EditionError
from ..labels import Labels, load_labels
from ..model import Edition
from ..output import check_owned, discard, replace, staging
from ..render import exports
from ..render.pages import Page, data_files, fold_for, pages_for
from ..render.prose import prose_page
from ..render.sitemap import gzipped, sitemap
from ..render.view import View, data_path, page_path
from ..versions import Registry, Version
from . import nested, offline
from .config import EditionConfig, registry

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken  # MkDocs' own (private) type of get_toc's argument

# What `mkdocs serve` watches besides docs/ and mkdocs.yml: the data, the prose, the labels, the
# theme overrides and the page templates (not the Python code: a running server does not reload it).
WATCHED = ("source", "editorial", "content", "i18n", "overrides", "edition/render/templates")


class DataFile(File):
    """A generated file copied as it is, whatever its name: the Markdown downloads (edition.*.md)
    are data for other tools, not pages for MkDocs to render."""

    def is_documentation_page(self) -> bool:
        return False


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
        self.final_site: Path | None = None     # where the site goes (the root build stages it beside)
        self.staged_site: Path | None = None
        self.warnings = WarningCounter()
        self.offline = False                    # built to be read from a folder (:mod:`.offline`)

    def adopt(self, parent: EditionPlugin, version: Version) -> None:
        """Take the root build's Edition, labels and registry, to build ``version``."""
        self.edition, self.registry, self.labels = parent.edition, parent.registry, parent.labels
        self.fold, self.root_url, self.root, self.version = parent.fold, parent.root_url, parent.root, version
        self.offline = parent.offline

    @property
    def is_root(self) -> bool:
        return self.registry is not None and self.version is self.registry.root

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.edition is None:  # the root build: the one place the Edition is built
            # MkDocs drops a log message identical to one already shown; under `mkdocs serve` the
            # located error of a build that fails again would then be hidden. Each build starts afresh.
            for log_filter in logging.getLogger("mkdocs.commands.build").filters:
                if isinstance(log_filter, DuplicateFilter):
                    log_filter.msgs.clear()
            self.root = display_path(Path(config.config_file_path).parent / self.config.root)
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
            self.offline = self.config.offline
            self.fold = fold_for(self.edition)
            url = config.site_url or "/"
            self.root_url = url if url.endswith("/") else url + "/"
            self.stage(config)
        assert self.registry is not None and self.version is not None and self.edition is not None
        version, own = self.version, self.labels[self.version.code]
        self.view = View(self.edition, version, self.registry, self.labels, self.root_url, self.root, self.offline)
        if self.offline:
            offline.configure(config)
        self.pages = {p.src: p for p in pages_for(self.edition)}
        config.theme["language"] = version.theme_language
        config.site_name = theme_text(own["site_name"])
        config.site_description = theme_text(own["site_description"])
        config.extra["lang"] = version.code
        config.extra["labels"] = {key: theme_text(text) for key, text in own.items()}
        config.extra["og_locale"] = version.locale
        config.extra["root_url"] = self.root_url
        config.extra["chinese_lang"] = version.chinese_lang
        config.extra["essay_page"] = page_path("essay", self.offline)
        config.extra["search_index"] = data_path("paragraphs", self.offline)
        config.extra["offline_zip"] = offline.ZIP_NAME if self.config.offline_zip and not self.offline else ""
        # the two toggles of the light/dark pair: a palette of another length no longer matches the labels
        for scheme, key in zip(config.theme["palette"], ("dark_mode", "light_mode"), strict=True):
            scheme["toggle"]["name"] = theme_text(own[key])
        config.nav = [{theme_text(own[p.nav]): p.src} for p in self.pages.values()]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.view is not None
        if self.offline:
            for file in [f for f in files if offline.unused(f)]:
                files.remove(file)
        for page in self.pages.values():
            try:
                content = prose_page(self.view, page.name) if page.render is None else ""
            except EditionError as err:
                raise PluginError(str(err)) from None
            files.append(File.generated(config, page.src, content=content))
        for src, content in data_files(self.view, self.fold).items():
            files.append(File.generated(config, src, content=content))
        if self.is_root:  # the downloads live once, at the site root
            assert self.edition is not None
            names = {code: labels["site_name"] for code, labels in self.labels.items()}
            for name, text in exports.downloads(self.edition, names).items():
                files.append(DataFile.generated(config, f"downloads/{name}", content=text))
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

    def on_page_context(self, context: TemplateContext, *, page: MkPage, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        assert self.registry is not None and self.version is not None
        up = "../" * page.url.count("/")
        spec = self.pages.get(page.file.src_uri)
        if self.offline and spec is not None:  # a page read from a folder names its address on the web
            page.canonical_url = self.root_url + self.version.path + page_path(spec.name)
        # TemplateContext names only the keys MkDocs sets; at run time it is a plain dict, and the
        # variables a plugin adds to it reach the theme's templates (our overrides read these two).
        extra = cast("dict[str, Any]", context)
        extra["site_root"] = up + "../" * self.version.depth
        extra["versions"] = [
            {"code": v.code, "name": self.labels[v.code]["version_name"], "current": v is self.version,
             "href": up + v.root_from(self.version) + page.url}
            for v in self.registry]
        return context

    def stage(self, config: MkDocsConfig) -> None:
        """Build the site beside its folder and swap it in only on success (on_post_build), so a
        failed build leaves the last good site byte for byte; never replace a folder that holds
        files the last build did not write (:mod:`edition.output`)."""
        self.final_site = Path(config.site_dir)
        try:
            check_owned(self.final_site)
        except EditionError as err:
            raise PluginError(str(err)) from None
        self.staged_site = staging(self.final_site)
        config.site_dir = str(self.staged_site)
        self.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def unstage(self, config: MkDocsConfig | None, keep: bool) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staged_site is None or self.final_site is None:
            return
        if keep:
            replace(self.staged_site, self.final_site)
        else:
            discard(self.staged_site)
        if config is not None:
            config.site_dir = str(self.final_site)
        self.staged_site = None

    @event_priority(-100)  # after other plugins have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.is_root:
            return
        assert self.registry is not None
        for version in self.registry.versions[1:]:
            nested.build_version(config, self, version)
        out = Path(config.site_dir)
        if not self.offline:  # no sitemap for a folder
            data = sitemap(self.root_url, self.registry, [p.url for p in self.pages.values()], get_build_date())
            (out / "sitemap.xml").write_bytes(data)
            (out / "sitemap.xml.gz").write_bytes(gzipped(data))
        if config.extra["offline_zip"]:
            offline.write_zip(config, self, out / "downloads" / offline.ZIP_NAME)
        # A strict build with warnings is aborted by MkDocs right after this event: keep the last site.
        self.unstage(config, keep=not (config.strict and self.warnings.count))

    def on_build_error(self, *, error: Exception) -> None:
        if self.is_root:
            self.unstage(None, keep=False)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in WATCHED:
            path = self.root / folder
            if path.exists():
                server.watch(str(path))
        server.builder = keep_serving(server.builder)
        return server


class WarningCounter(logging.Handler):
    """Counts MkDocs' warnings during one build (a strict build with any is aborted)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def keep_serving(build: Callable[[], None]) -> Callable[[], None]:
    """``mkdocs serve``'s rebuild, but a failed rebuild is reported and the last good site stays
    served: MkDocs would otherwise hold every request until the data is fixed."""
    def rebuild() -> None:
        try:
            build()
        except (Exception, SystemExit) as err:  # MkDocs' Abort is a SystemExit-like ClickException
            print(f"edition: the rebuild failed ({err}); still serving the last good site. "
                  "The located error is above.", file=sys.stderr)
    return rebuild


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


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[_TocToken]:
    """MkDocs' nested table-of-contents tokens from (level, anchor, title) in page order."""
    top: list[_TocToken] = []
    stack: list[_TocToken] = []
    for level, anchor, title in headings:
        token: _TocToken = {"level": level, "id": anchor, "name": theme_text(title), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top
