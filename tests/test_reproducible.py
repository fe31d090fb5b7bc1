"""Two clean builds of the same commit are byte-identical (SOURCE_DATE_EPOCH honoured)."""
import hashlib
import os
import subprocess
import sys

from tests.helpers import ROOT


def build(out, epoch: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "SITE_URL": "https://example.org/edition/",
           "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(out)],
                   cwd=ROOT, env=env, check=True)
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "a", "1602201600")
    second = build(tmp_path / "b", "1602201600")
    assert len(first) > 50
    assert first == second
    later = build(tmp_path / "c", "1760000000")
    changed = {name for name in first if first[name] != later.get(name)}
    # only the sitemaps carry the build date, and they take it from SOURCE_DATE_EPOCH
    assert changed and all("sitemap" in name for name in changed), changed
    assert "2020-10-09" in (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
