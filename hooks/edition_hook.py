"""MkDocs hook: connects the edition pipeline to ``mkdocs build`` and ``mkdocs serve``.

The edition is built in ``on_config``, before MkDocs writes anything, so bad input stops the
build with the pipeline's own ``file:line:col`` message and leaves the last site untouched.
Generated pages are added in ``on_files``; nothing generated is written into docs/.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.build import build_edition  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.render.pages import essay_page  # noqa: E402

_state: dict = {}


def on_config(config):
    try:
        _state["edition"] = build_edition(ROOT)
    except EditionError as err:
        raise PluginError(str(err)) from None
    return config


def on_files(files, config):
    edition = _state["edition"]
    files.append(File.generated(config, "index.md", content=essay_page(edition)))
    return files


def on_serve(server, config, builder):
    for folder in ("source", "editorial", "edition"):
        server.watch(str(ROOT / folder))
    return server
