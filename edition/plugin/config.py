"""The options of the ``edition`` MkDocs plugin, declared and validated once.

In ``mkdocs.yml``::

    plugins:
      - edition:
          root: .                 # the project folder: source/, editorial/, i18n/, content/
          versions:               # the registry of versions, the root version first
            - {code: zh-Hans, path: "", language: zh, theme_language: zh-Hans, locale: zh_CN}
            - {code: zh-Hant, path: zh-hant/, language: zh, opencc: s2tw, theme_language: zh-Hant, locale: zh_TW}
            - {code: en, path: en/, language: en, theme_language: en, locale: en_US}
          offline: false          # build the site to be read from a folder (file://): see offline.py
          offline_zip: false      # also build that site and put it in downloads/ as a zip
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.utils.yaml import yaml_load

from ..convert import available_configs
from ..versions import Registry, Version

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
VERSION_PATH = re.compile(r"^([a-z0-9-]+/)?$")


class VersionConfig(base.Config):
    code = c.Type(str)
    path = c.Type(str, default="")
    language = c.Choice(("zh", "en"))
    opencc = c.Optional(c.Type(str))
    theme_language = c.Type(str)
    locale = c.Type(str)


class EditionConfig(base.Config):
    root = c.Type(str, default=".")
    versions = c.ListOfItems(c.SubConfig(VersionConfig))
    offline = c.Type(bool, default=False)
    offline_zip = c.Type(bool, default=False)


def registry(versions: list[Any]) -> Registry:
    """The validated registry of versions; ValidationError names the entry and what is wrong."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for i, v in enumerate(versions):
        where = f"versions[{i}] ({v.code})"
        if not LANGUAGE_TAG.match(v.code):
            raise ValidationError(f"{where}: code must be a BCP 47 language tag such as zh-Hant")
        if not VERSION_PATH.match(v.path):
            raise ValidationError(f"{where}: path must be '' or one lowercase folder ending in '/', such as zh-hant/")
        if (i == 0) != (v.path == ""):
            raise ValidationError(f"{where}: the first version, and only it, lives at the site root (path '')")
        for key in ("code", "path"):
            if (key, v[key]) in seen:
                raise ValidationError(f"{where}: {key} {v[key]!r} is used twice")
            seen[(key, v[key])] = i
        if v.opencc is not None and v.opencc not in available_configs():
            raise ValidationError(f"{where}: unknown OpenCC config {v.opencc!r}")
        if v.language == "en" and v.opencc:
            raise ValidationError(f"{where}: an English version shows the Simplified text; it takes no opencc")
        out.append(Version(v.code, v.path, v.language, v.opencc, v.theme_language, v.locale))
    if not out:
        raise ValidationError("versions: at least one version is needed")
    return Registry(tuple(out))


def load_plugin_config(mkdocs_yml: Path | str) -> tuple[Path, Registry]:
    """(project root, registry) as declared for the plugin in a mkdocs.yml (for the CLI and tests)."""
    mkdocs_yml = Path(mkdocs_yml)
    with open(mkdocs_yml, encoding="utf-8") as f:
        doc = yaml_load(f)
    options = next((p["edition"] for p in doc.get("plugins") or [] if isinstance(p, dict) and "edition" in p), None)
    if options is None:
        raise ValidationError(f"{mkdocs_yml}: no 'edition' plugin with options")
    cfg = EditionConfig(config_file_path=str(mkdocs_yml))
    cfg.load_dict(options)
    errors, _ = cfg.validate()
    if errors:
        raise ValidationError("; ".join(f"{name}: {err}" for name, err in errors))
    return (mkdocs_yml.parent / cfg.root), registry(cfg.versions)
