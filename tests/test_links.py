"""Link integrity of the built site: every internal link and #anchor resolves, in every version,
downloads included. External links are listed in one report (test-artifacts/external-links.txt)."""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value is not None and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append((tag, value))


def crawl(site: Path, base: str):
    pages, problems, external = {}, [], defaultdict(set)
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    for path, parser in pages.items():
        page_url = base + path.relative_to(site).as_posix()
        for _tag, link in parser.links:
            url = urljoin(page_url, link)
            if not url.startswith(base):
                if urlparse(url).scheme in ("http", "https"):
                    external[url].add(path.relative_to(site).as_posix())
                continue
            target_url, fragment = urldefrag(url)
            rel = unquote(urlparse(target_url).path[len(urlparse(base).path):])
            target = site / rel
            if target.is_dir() or rel.endswith("/") or rel == "":
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(site)}: {link} → missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                problems.append(f"{path.relative_to(site)}: {link} → no #{fragment} in {target.relative_to(site)}")
    return pages, problems, external


def test_every_internal_link_and_anchor_resolves(built_site, artifacts):
    site, base = built_site[0], built_site[1]
    pages, problems, external = crawl(site, base)
    assert len(pages) >= 18
    assert problems == []
    report = "\n".join(f"{url}\t{', '.join(sorted(where))}" for url, where in sorted(external.items()))
    (artifacts / "external-links.txt").write_text(report + "\n", encoding="utf-8")


def test_the_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#x">frag</a><a href="b/">gone</a>'
                                         '<a href="#here" id="here">self</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="y"></p>', encoding="utf-8")
    _, problems, _ = crawl(tmp_path, "http://h/")
    assert problems == ["index.html: a/#x → no #x in a/index.html", "index.html: b/ → missing b/index.html"]
