"""Views of an edition for renderer tests: the versions and labels as mkdocs.yml declares them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from edition.labels import load_labels
from edition.model import Edition
from edition.plugin.config import load_plugin_config
from edition.render.view import View
from edition.versions import Registry

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_plugin_config(ROOT / "mkdocs.yml")[1]


@lru_cache(maxsize=1)
def labels() -> dict:
    return load_labels(ROOT, registry())


def view(edition: Edition, code: str, site_url: str = "http://x/") -> View:
    return View(edition, registry()[code], registry(), labels(), site_url, ROOT)


def downloads_of(edition: Edition) -> dict[str, str]:
    """The downloads of an edition, with the site names of every version (as the site writes them)."""
    from edition.render.exports import downloads
    return downloads(edition, {code: own["site_name"] for code, own in labels().items()})
