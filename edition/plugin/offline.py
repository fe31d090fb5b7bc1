"""The edition read from a folder: the whole site, every version, built again to be opened
from disk (file://) and zipped as a download (``downloads/edition.offline.zip``).

How, as Material's offline plugin does it: the same build from the same Edition and
templates, with two differences. MkDocs' ``use_directory_urls`` is off, so every link names a
file (``essay.html``, ``../en/index.html``): a folder address opened from disk shows a listing,
not the page. The data the pages load (search index, pinyin readings) is written as scripts
that register their JSON, since browsers refuse fetch() of file:// addresses
(:func:`edition.render.view.data_path`, :func:`edition.render.search.as_script`). Nothing
comes from another host (``theme.font: false``, no CDN). Left out, as nothing there reads
them: the 404 page and the sitemaps (no server), Material's own search scripts (lunr and its
worker: the edition's search is its own) and source maps.

Set ``offline: true`` to build only that site (``mkdocs build -d folder``), or
``offline_zip: true`` for the root build to add the zip to its downloads (``make build``).
The zip is the same bytes for the same input: entries sorted, fixed dates and permissions.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from .plugin import EditionPlugin

ZIP_NAME = "edition.offline.zip"
FOLDER = "edition"                       # what the zip unpacks to: edition/index.html …
DATE = (1980, 1, 1, 0, 0, 0)             # the earliest date a zip can hold
NO_SERVER = ("404.html", "sitemap.xml")  # the theme's pages for a server
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")  # Material's search, not used


def configure(config: MkDocsConfig) -> None:
    """Turn one version's build into the build for a folder (called from on_config)."""
    config.use_directory_urls = False
    for name in NO_SERVER:
        config.theme.static_templates.discard(name)


def unused(file: File) -> bool:
    """A theme file the edition read from a folder has no use for (left out of on_files; a
    template no longer rendered would otherwise be copied as it is)."""
    name = file.src_uri
    return name in NO_SERVER or name.startswith(UNUSED) or name.endswith(".map")


def build_site(config: MkDocsConfig, parent: EditionPlugin, out: Path) -> None:
    """Build the site for a folder into ``out``, from the root build's Edition and labels."""
    assert parent.registry is not None
    cfg = load_config(config_file=config.config_file_path, site_dir=str(out), site_url=parent.root_url,
                      strict=config.strict)
    plugin = cfg.plugins["edition"]
    plugin.adopt(parent, parent.registry.root)  # type: ignore[attr-defined]
    plugin.offline = True  # type: ignore[attr-defined]
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def zipped(folder: Path, prefix: str = FOLDER) -> bytes:
    """Every file below ``folder`` as a zip under ``prefix/``, the same bytes for the same files."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever builds it (the permissions above are Unix ones)
            archive.writestr(info, (folder / name).read_bytes(), compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)
    return buffer.getvalue()


def write_zip(config: MkDocsConfig, parent: EditionPlugin, target: Path) -> None:
    """Build the site for a folder in a temporary folder and write it, zipped, to ``target``."""
    with tempfile.TemporaryDirectory(prefix="edition-offline-") as tmp:
        build_site(config, parent, Path(tmp))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zipped(Path(tmp)))
