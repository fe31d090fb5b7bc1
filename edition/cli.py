"""Build the edition from the witness and the editorial data, and write the data exports
(TEI, JSON with its schema, plain text of each version) into dist/.

A thin command-line face over the ``edition`` library (the MkDocs plugin uses the same one);
installed as ``edition-build``, also run as ``python scripts/build.py``.
Exit status: 0 on success, 2 on bad input (one line per problem: file:line:col: what is wrong).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .build import MANIFEST, ROOT, build_edition, write_tree
from .errors import EditionError
from .labels import load_labels
from .manifest import render_manifest
from .model import Edition
from .output import check_owned
from .plugin.config import load_plugin_config
from .render.exports import downloads


def outputs(edition: Edition, root: Path) -> dict[str, str]:
    """The same downloads the site offers (edition.render.exports)."""
    project = root if (root / "mkdocs.yml").exists() and (root / "i18n" / "ui.yaml").exists() else ROOT
    _, registry = load_plugin_config(project / "mkdocs.yml")  # a bare data project uses ours
    labels = load_labels(project, registry)
    return downloads(edition, {code: own["site_name"] for code, own in labels.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition-build", description=__doc__.split("\n\n")[0],
                                     epilog="Exit status 2 means bad input; the message names file:line:col.")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/dist)")
    parser.add_argument("--update-manifest", action="store_true",
                        help="deliberately accept moved or altered paragraphs: rewrite editorial/manifest.tsv "
                             "(the witness hash is still checked)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = args.out or args.root / "dist"
    try:
        check_owned(out)  # before anything is written, the manifest included
        # --update-manifest skips only the manifest comparison; the witness hash is always checked
        edition = build_edition(args.root, check=not args.update_manifest)
        if args.update_manifest:
            path = args.root / MANIFEST
            tmp = path.with_suffix(".tmp")
            tmp.write_text(render_manifest(edition), encoding="utf-8")
            os.replace(tmp, path)
        write_tree(out, outputs(edition, args.root))
    except EditionError as err:
        print(err, file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"{len(edition.paragraphs)} paragraphs, {edition.annotations} annotations removed, "
          f"{len(edition.dropped)} boilerplate lines dropped, {len(edition.emendations)} emendations, "
          f"{len(edition.sics)} sic notes, {elapsed:.2f} s -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
