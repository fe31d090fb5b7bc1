"""Publishing: `mkdocs gh-deploy` pushes the whole site (three versions and the downloads) to gh-pages.

The project's files are copied into a fresh git repository whose `origin` is a local bare
repository, so the real command runs end to end without a network.
"""
import os
import shutil
import subprocess
import sys

from tests.helpers import ROOT

GIT_ID = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
          "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ID}, check=True,
                          capture_output=True, text=True).stdout


def test_gh_deploy_publishes_every_version_and_the_downloads(tmp_path):
    remote, project = tmp_path / "remote.git", tmp_path / "project"
    for name in git("ls-files", "-z", cwd=ROOT).split("\0"):
        if name and (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "snapshot", cwd=project)
    git("remote", "add", "origin", str(remote), cwd=project)

    env = {**os.environ, **GIT_ID, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/edition/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]

    published = set(git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages", cwd=tmp_path).split())
    for version in ("", "zh-hant/", "en/"):
        for page in ("index.html", "essay/index.html", "apparatus/index.html", "glossary/index.html",
                     "argument/index.html", "search/paragraphs.json"):
            assert version + page in published, version + page
    for download in ("edition.tei.xml", "edition.json", "edition.schema.json",
                     "edition.zh-Hans.txt", "edition.zh-Hant.txt", "edition.en.txt"):
        assert "downloads/" + download in published
    assert {".nojekyll", "404.html", "sitemap.xml"} <= published
