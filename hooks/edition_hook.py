"""MkDocs hook: connects the edition pipeline to ``mkdocs build`` and ``mkdocs serve``.

* ``on_config`` builds the Edition (once per build, before MkDocs writes anything: bad input
  stops the build with the pipeline's own ``file:line:col`` message and leaves the last site
  untouched) and sets this version's language, site name and navigation.
* ``on_files`` adds the generated pages; nothing generated is written into docs/.
* ``on_page_context`` gives each page the links to the same page in the other versions.
* ``on_post_build`` of the main (zh-Hans) build builds the zh-Hant and English versions into
  ``zh-hant/`` and ``en/`` below the site, with the same mkdocs.yml, then merges the sitemaps.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.build import build_edition  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.labels import load_labels  # noqa: E402
from edition.render import pages, site  # noqa: E402
from edition.render.sitemap import merge_sitemaps  # noqa: E402

_state: dict = {}


def _version(config) -> site.Version:
    return site.BY_CODE[config.extra.get("edition_version", "zh-Hans")]


def on_config(config):
    version = _version(config)
    try:
        edition = build_edition(ROOT)
        labels = load_labels(ROOT, edition.traditional_step.config)
    except EditionError as err:
        raise PluginError(str(err)) from None
    _state.update(edition=edition, labels=labels, version=version)
    own = labels[version.code]
    config.theme["language"] = version.theme_language
    config.site_name = own["site_name"]
    config.site_description = own["site_description"]
    config.extra["lang"] = version.code
    config.extra["labels"] = own
    config.extra["to_root"] = "../" * version.prefix.count("/")
    config.extra["og_locale"] = version.og_locale
    url = config.site_url or ""
    config.extra["root_url"] = (url[:len(url) - len(version.prefix)] if version.prefix and url.endswith(version.prefix)
                                else url) or "/"
    for scheme, key in zip(config.theme["palette"], ("dark_mode", "light_mode")):
        scheme["toggle"]["name"] = own[key]
    config.nav = [{own["nav_home"]: "index.md"}, {own["nav_essay"]: "essay.md"},
                  {own["nav_argument"]: "argument.md"}, {own["nav_glossary"]: "glossary.md"},
                  {own["nav_apparatus"]: "apparatus.md"},
                  {own["nav_about"]: "about.md"}]
    return config


def on_files(files, config):
    edition, labels, version = _state["edition"], _state["labels"], _state["version"]
    site_url = config.extra["root_url"]  # citations name the paragraph's full address
    generated = pages.markdown_pages(edition, version, labels, site_url, ROOT)
    generated.update(pages.data_files(edition, version, labels, pages.fold_for(edition)))
    for src, content in generated.items():
        files.append(File.generated(config, src, content=content))
    return files


def on_page_context(context, page, config, nav):
    version = _state["version"]
    labels = _state["labels"]
    up = "../" * page.url.count("/")
    context["site_root"] = up + config.extra["to_root"]
    context["versions"] = [
        {"code": v.code, "name": labels[v.code]["version_name"], "current": v is version,
         "href": up + site.version_root(version, v) + page.url}
        for v in site.VERSIONS]
    return context


def on_post_build(config):
    if _version(config).code != "zh-Hans":
        return
    out = Path(config.site_dir)
    for version in site.VERSIONS[1:]:
        cfg = load_config(config_file=config.config_file_path, site_dir=str(out / version.prefix),
                          site_url=(config.site_url or "").rstrip("/") + "/" + version.prefix if config.site_url else None,
                          extra={**config.extra, "edition_version": version.code}, strict=config.strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    merge_sitemaps(out, config.extra["root_url"], [(v.code, v.prefix) for v in site.VERSIONS])


def on_serve(server, config, builder):
    for folder in ("source", "editorial", "edition", "content", "i18n", "overrides"):
        server.watch(str(ROOT / folder))
    return server
