"""Nothing lost: a failed build leaves the last good site/ and dist/ byte for byte, and no build
replaces a folder holding files it did not write (the witness least of all)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.output import MARKER, check_owned
from tests.project import copy_project, mkdocs_build


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with a good site already built into its site/."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    return root


def _break_and_build(project: Path, path: str, text: str) -> tuple[subprocess.CompletedProcess, bool]:
    target = project / path
    original = target.read_bytes()
    before = snapshot(project / "site")
    try:
        target.write_text(original.decode("utf-8") + text, encoding="utf-8")
        result = mkdocs_build(project, project / "site")
    finally:
        target.write_bytes(original)
    return result, snapshot(project / "site") == before


@pytest.mark.parametrize("path, text, message", [
    ("content/about.en.md", "\n{{ no_such_name }}\n", "about.en.md:"),              # an undefined name
    ("content/index.zh-Hans.md", "\n{% if %}\n", "index.zh-Hans.md:"),            # Jinja syntax
    ("content/about.en.md", "\n[a broken link](no-such-page.md)\n", "no-such-page.md"),  # a strict warning
    ("i18n/ui.yaml", "  stray_label: x\n", "ui.yaml:"),                          # labels out of step
])
def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(project, path, text, message):
    result, intact = _break_and_build(project, path, text)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert intact
    assert not [p for p in project.iterdir() if p.name.startswith(".site.tmp-")]  # no staging left behind


def test_the_site_folder_is_replaced_only_if_the_last_build_wrote_it(project, tmp_path):
    foreign = tmp_path / "site"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    result = mkdocs_build(project, foreign)
    assert result.returncode != 0 and "refusing to replace it" in result.stderr
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"
    # a file added to a built site is not the build's either
    (project / "site" / "added-by-hand.txt").write_text("x", encoding="utf-8")
    try:
        result = mkdocs_build(project, project / "site")
        assert result.returncode != 0 and "added-by-hand.txt" in result.stderr
    finally:
        (project / "site" / "added-by-hand.txt").unlink()
    assert (project / "site" / MARKER).is_file()


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py", "--root", ".", *args], cwd=project,
                          capture_output=True, text=True, env={**os.environ})


@pytest.mark.parametrize("out", ["source", ".", "editorial", "content"])
def test_no_option_can_delete_the_witness_or_the_project(project, out):
    before = snapshot(project / "source")
    result = cli(project, "--out", out)
    assert result.returncode == 2 and "refusing to replace it" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "source") == before and (project / "mkdocs.yml").exists()
    result = cli(project, "--out", out, "--update-manifest")
    assert result.returncode == 2 and snapshot(project / "source") == before


def test_dist_is_written_replaced_and_guarded(project, tmp_path):
    out = tmp_path / "dist"
    assert cli(project, "--out", str(out)).returncode == 0 and (out / MARKER).is_file()
    assert cli(project, "--out", str(out)).returncode == 0  # ours: replaced
    (out / "mine.txt").write_text("x", encoding="utf-8")
    result = cli(project, "--out", str(out))
    assert result.returncode == 2 and "mine.txt" in result.stderr and (out / "mine.txt").exists()


def test_check_owned_accepts_new_and_empty_folders(tmp_path):
    check_owned(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_owned(tmp_path / "empty")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(EditionError, match="not a folder"):
        check_owned(tmp_path / "file")
