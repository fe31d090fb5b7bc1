"""The paragraph manifest keeps links to #pN from breaking silently."""
import pytest

from edition.build import MANIFEST, build_edition
from edition.errors import EditionError
from edition.manifest import check_manifest, digest, read_manifest, render_manifest
from tests.helpers import ROOT, make_project


def test_committed_manifest_matches_the_edition():
    check_manifest(build_edition(ROOT, check=False), ROOT / MANIFEST)


def test_altered_moved_and_removed_paragraphs_fail(tmp_path):
    root = make_project(tmp_path, "第一段。\n第二段。\n第三段。")
    manifest = tmp_path / "m.tsv"
    manifest.write_text(render_manifest(build_edition(root, check=False)), encoding="utf-8")
    changed = build_edition(make_project(tmp_path / "b", "第一段。\n第三段。"), check=False)
    with pytest.raises(EditionError) as info:
        check_manifest(changed, manifest)
    msg = str(info.value)
    assert "paragraph p2 changed" in msg and "paragraph p3 no longer exists" in msg
    assert "--update-manifest" in msg


def test_duplicate_and_malformed_rows(tmp_path):
    path = tmp_path / "m.tsv"
    path.write_text(f"p1\t{digest('a')}\tx\np2\tabc\ty\np1\tdef\tz\n", encoding="utf-8")
    with pytest.raises(EditionError, match=r"m.tsv:3:1: duplicate paragraph id 'p1' \(first at line 1\)"):
        read_manifest(path)
    for row in ("x1 nonsense", "p\tabc", "P1\tabc", "p1a\tabc", "12\tabc", "p1"):
        path.write_text(f"{row}\n", encoding="utf-8")
        with pytest.raises(EditionError, match=r"m.tsv:1:1: malformed row"):
            read_manifest(path)


def test_manifest_check_is_skipped_but_the_witness_hash_is_not(tmp_path):
    root = make_project(tmp_path, "第一段。")
    assert [p.id for p in build_edition(root, check=False).paragraphs] == ["p1"]  # no manifest: fine without check
    (root / "source" / "w.txt").write_text("第二段。", encoding="utf-8")
    with pytest.raises(EditionError, match="the witness must never be edited"):
        build_edition(root, check=False)
