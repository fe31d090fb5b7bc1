"""The 404 pages, as a static host serves them: at the missing page's own address, with the
status 404, the nearest ``404.html`` (the version's own under ``zh-hant/`` and ``en/``). Each
one's links lead where they say and its search finds paragraphs in its version's essay, in
three builds: with SITE_URL (the served address), without it (mkdocs.yml's default
http://127.0.0.1:8000/, which is not where the site is served), and under a sub-path."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, _free_port, _QuietHandler

pytestmark = pytest.mark.browser

QUERY = "产业互联网"
VERSIONS = {  # version path: a missing page in it
    "": "no-such-page/",
    "zh-hant/": "no/such/page/",
    "en/": "essay/no-such-section/",
}
HOMES = ("", "zh-hant/", "en/")


class StaticHost(_QuietHandler):
    """Serves the site at ``prefix``; a missing page gets the nearest 404.html, status 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = self.nearest_404()
        if page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def nearest_404(self) -> Path | None:
        site = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        parts = [p for p in path[len(self.prefix):].split("/") if p]
        for n in range(len(parts), -1, -1):
            candidate = site.joinpath(*parts[:n], "404.html")
            if candidate.is_file():
                return candidate
        return None


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # the browser leaving a page mid-response
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path, prefix: str, port: int):
    handler = functools.partial(type("Host", (StaticHost,), {"prefix": prefix}), directory=str(site))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def hosts(built_site, tmp_path_factory):
    """name -> the site's root URL as served: the session's build (SITE_URL set) and two more
    built here side by side (no SITE_URL; SITE_URL with a sub-path)."""
    sub_port = _free_port()
    builds = {"no SITE_URL": None, "sub-path": f"http://127.0.0.1:{sub_port}/edition/"}
    served = {"no SITE_URL": ("/", _free_port()), "sub-path": ("/edition/", sub_port)}
    running = {}
    for name, site_url in builds.items():
        out = tmp_path_factory.mktemp("site404")
        env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
        if site_url:
            env["SITE_URL"] = site_url
        running[name] = out, subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sites = {"SITE_URL": (built_site[0], "/", _free_port())}
    for name, (out, proc) in running.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name}: {err[-3000:]}"
        sites[name] = (out, *served[name])
    servers = {name: serve(site, prefix, port) for name, (site, prefix, port) in sites.items()}
    yield {name: f"http://127.0.0.1:{port}{prefix}" for name, (_, prefix, port) in sites.items()}
    for server in servers.values():
        server.shutdown()


def search(page: Page) -> list[list[str]]:
    page.locator(".edition-search__toggle").click()
    expect(page.locator("#edition-search-input")).to_be_focused()
    page.keyboard.insert_text(QUERY)
    page.keyboard.press("End")
    expect(page.locator(".edition-search__status")).not_to_be_empty()
    return page.locator(".edition-search__results a").evaluate_all(
        "links => links.map(a => [a.href, a.dataset.pid])")


@pytest.mark.parametrize("build", ["SITE_URL", "no SITE_URL", "sub-path"])
@pytest.mark.parametrize("version", list(VERSIONS))
def test_the_404_page_links_right_and_searches_its_version(page: Page, hosts, build, version):
    root = hosts[build]
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)

    # What the search finds on a page of this version that exists, to compare.
    page.goto(root + version + "about/")
    expected = [pid for _, pid in search(page)]
    assert len(expected) >= 10

    response = page.goto(root + version + VERSIONS[version])
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("找不到此页 · 找不到此頁 · Page not found")
    page.wait_for_load_state("networkidle")

    # The three home links, in the page's text, open each version's home page.
    homes = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert homes == [root + home for home in HOMES]
    # Every link and resource of the page is on this host, under the site, and is there.
    addresses = set(page.evaluate("""() => [...document.querySelectorAll('a[href], link[href], script[src]')]
        .map(el => el.href || el.src)"""))
    assert all(a.startswith(root) for a in addresses), sorted(a for a in addresses if not a.startswith(root))
    for address in sorted(addresses):
        status = page.request.get(address.split("#")[0]).status
        assert status == 200, f"{address}: {status}"
    logo = page.locator(".md-header__button.md-logo").get_attribute("href")
    assert page.evaluate("href => new URL(href, location.href).href", logo) == root + version

    # Search: this version's index is fetched, the results are the same, and open its essay.
    links = search(page)
    essay = root + version + "essay/"
    assert [pid for _, pid in links] == expected
    assert all(href.startswith(essay + "?q=") and href.endswith("#" + pid) for href, pid in links), links
    page.locator(".edition-search__results a").first.click()
    expect(page).to_have_url(links[0][0])
    expect(page.locator(f"#{links[0][1]}")).to_be_in_viewport()
    assert problems == [], problems
