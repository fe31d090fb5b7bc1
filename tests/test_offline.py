"""The site read from a folder (downloads/edition.offline.zip, edition/plugin/offline.py): every
page of the site as a file, every link naming a file that is in the zip, nothing loaded from
another host, and the same bytes from every build. The browser test is tests/browser/test_offline.py."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import lxml.html
import pytest

from edition.plugin.offline import DATE, FOLDER, ZIP_NAME, zipped
from tests.helpers import ROOT
from tests.views import registry

# Attributes that make a browser load something when the page opens (or when it is used).
LOADED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
          ("iframe", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"), ("embed", "src"),
          ("object", "data"), ("input", "src"), ("track", "src")}
LINK_LOADS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
LINK_ONLY = {"canonical", "alternate"}  # addresses, never loaded
DATA_ATTRIBUTES = ("data-index", "data-src", "data-essay")


CSS_REMOTE = re.compile(r"""(?:url\(\s*|@import\s+)['"]?((?:https?:)?//[^)'"\s]*)""")


def css_loads(text: str) -> list[str]:
    """What a style sheet loads from another host (url(…) and @import)."""
    return CSS_REMOTE.findall(text)


def unpacked(site: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(site / "downloads" / ZIP_NAME) as archive:
        assert all(name.startswith(FOLDER + "/") for name in archive.namelist())
        return {name[len(FOLDER) + 1:]: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def files(built_site) -> dict[str, bytes]:
    return unpacked(built_site[0])


def html_pages(files: dict[str, bytes]) -> dict[str, lxml.html.HtmlElement]:
    return {name: lxml.html.fromstring(data) for name, data in files.items() if name.endswith(".html")}


def as_file(name: str, version_roots: set[str]) -> str:
    """A page of the site on the web (essay/index.html) as the folder names it (essay.html)."""
    folder = name.rsplit("/index.html", 1)[0] if name.endswith("/index.html") else ""
    return name if name == "index.html" or folder + "/" in version_roots else folder + ".html"


def test_the_zip_holds_every_page_and_file_of_the_site(built_site, files):
    site = built_site[0]
    roots = {v.path for v in registry()}
    on_the_web = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = {as_file(n, roots) for n in on_the_web if n.endswith("index.html")}
    assert {n for n in files if n.endswith(".html")} == pages
    assert len(pages) == 6 * len(roots) and "essay.html" in pages and "en/index.html" in pages
    # everything else, byte for byte, but what has no use in a folder; the data as scripts
    left_out = re.compile(r"(^|/)(404\.html|sitemap\.xml(\.gz)?)$|\.map$|assets/javascripts/(lunr|workers)/"
                          r"|^\.edition-output$|^downloads/" + re.escape(ZIP_NAME) + "$")
    for name in on_the_web:
        if name.endswith("index.html") or left_out.search(name):
            continue
        if name.endswith(".json") and "/search/" in "/" + name:
            script = name[:-len(".json")] + ".js"
            assert files[script].decode("utf-8").endswith(f"= {(site / name).read_text(encoding='utf-8')};\n")
            continue
        assert files[name] == (site / name).read_bytes(), name
    assert not any(name.endswith(".json") and "search/" in name for name in files)


def test_every_link_names_a_file_in_the_zip_and_every_anchor_is_there(files):
    pages = html_pages(files)
    problems, checked = [], 0
    for name, root in pages.items():
        for el, attr, link, _ in root.iterlinks():
            if attr not in ("href", "src") or urlparse(link).scheme or link.startswith(("//", "#")):
                continue
            if el.tag == "link" and set(el.get("rel", "").split()) & LINK_ONLY:
                continue
            target, fragment = urldefrag(link)
            path = os.path.normpath(os.path.join(os.path.dirname(name), unquote(urlparse(target).path)))
            checked += 1
            if target.endswith("/") or path not in files:
                problems.append(f"{name}: {link} names no file of the zip")
            elif fragment and path.endswith(".html") and not pages[path].xpath("//*[@id=$id]", id=fragment):
                problems.append(f"{name}: {link}: no #{fragment} in {path}")
        for attr in DATA_ATTRIBUTES:  # addresses edition.js loads or links to
            for value in root.xpath(f"//@{attr}"):
                path = os.path.normpath(os.path.join(os.path.dirname(name), value))
                if path not in files or not value.endswith((".js", ".html")):
                    problems.append(f"{name}: {attr}={value} is not a script or page of the zip")
    assert checked > 1000 and problems == []


def test_nothing_is_loaded_from_another_host(files):
    problems = []
    for name, root in html_pages(files).items():
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            loaded = [el.get(a) for t, a in LOADED if el.tag == t and el.get(a)]
            if el.tag == "link" and set(el.get("rel", "").split()) & LINK_LOADS:
                loaded.append(el.get("href", ""))
            if el.get("style"):
                loaded += re.findall(r"url\(([^)]*)\)", el.get("style"))
            problems += [f"{name}: <{el.tag}> loads {url}" for url in loaded if re.match(r"\s*['\"]?(https?:)?//", url)]
        problems += [f"{name}: <style> loads {url}" for text in root.xpath("//style/text()") for url in css_loads(text)]
    for name, data in files.items():
        if name.endswith(".css"):
            problems += [f"{name}: loads {url}" for url in css_loads(data.decode("utf-8"))]
    assert problems == []
    # the edition's own scripts fetch nothing in a folder: every address they are given is a script
    assert b"https://" not in files["assets/edition.js"] + files["assets/edition-fold.js"]


def test_the_site_on_the_web_links_the_zip_in_every_version_and_the_zip_does_not(built_site, files):
    site = built_site[0]
    for version in registry():
        footer = lxml.html.fromstring((site / version.path / "essay/index.html").read_bytes())
        hrefs = footer.xpath("//nav[contains(@class, 'edition-downloads')]//a/@href")
        assert "../" * (version.depth + 1) + "downloads/" + ZIP_NAME in hrefs, version.code
    assert all(ZIP_NAME.encode() not in data for name, data in files.items() if name.endswith(".html"))


def test_zipped_is_the_same_bytes_for_the_same_files(tmp_path):
    for folder, when in (("a", 1_000_000_000), ("b", 1_700_000_000)):
        for name in ("z.txt", "a/b.txt", "a.txt"):
            path = tmp_path / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(name, encoding="utf-8")
            os.utime(path, (when, when))
    first, second = zipped(tmp_path / "a"), zipped(tmp_path / "b")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [f"{FOLDER}/a.txt", f"{FOLDER}/a/b.txt", f"{FOLDER}/z.txt"]
    assert {i.date_time for i in infos} == {DATE} and {i.external_attr >> 16 for i in infos} == {0o644}


def test_two_builds_make_the_same_zip(built_site, tmp_path):
    """Another build at another date (SOURCE_DATE_EPOCH, which dates the sitemaps): the same zip."""
    env = {**os.environ, "SITE_URL": built_site[1], "NO_MKDOCS_2_WARNING": "1", "EDITION_OFFLINE_ZIP": "true",
           "SOURCE_DATE_EPOCH": "1760000000"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(tmp_path / "site")],
                   cwd=ROOT, env=env, check=True)
    again = (tmp_path / "site" / "downloads" / ZIP_NAME).read_bytes()
    assert again == (built_site[0] / "downloads" / ZIP_NAME).read_bytes()
