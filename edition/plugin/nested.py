"""Builds of the other versions, nested in the build of the root version.

Why nested builds: MkDocs builds one site, in one language, per configuration. The versions
share one mkdocs.yml and differ in language, navigation labels and pages, so the root build
runs one more full MkDocs build per other version into its folder below the site (``zh-hant/``,
``en/``), as Material's own ``projects`` plugin builds nested projects. The nested builds get
the Edition, the labels and the registry from the root build's plugin: the Edition is built
once per build.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..versions import Version

if TYPE_CHECKING:
    from .plugin import EditionPlugin


def build_version(config: MkDocsConfig, parent: EditionPlugin, version: Version) -> None:
    site_url = parent.root_url + version.path
    cfg = load_config(config_file=config.config_file_path, site_dir=str(Path(config.site_dir) / version.path),
                      site_url=site_url, strict=config.strict)
    plugin = cfg.plugins["edition"]
    plugin.adopt(parent, version)  # type: ignore[attr-defined]
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
