#!/usr/bin/env python3
"""Print the edition's speed and size figures. A benchmark, not a test: rerun it anywhere.

    python scripts/benchmark.py            # all figures
    python scripts/benchmark.py --quick    # pipeline only (1x, 10x)
    python scripts/benchmark.py --only pipeline   # pipeline only (1x, 10x, 100x, one 1 MB line)
    python scripts/benchmark.py --only search     # search data sizes, character and pinyin search times
    python scripts/benchmark.py --write    # all figures, then benchmarks/results.md and the README block

Every site figure is measured twice in the same run: for our site (``mkdocs build`` with the
``edition`` plugin, all versions of the registry in ``mkdocs.yml``) and for a bare Material
build of the same pages (:func:`bare_projects`: the same page texts per version, Material's
default search, no edition plugin, no overrides, no extra CSS or JavaScript):

1. full build of all versions (``mkdocs build --strict``), best of ``--runs``;
2. rebuild under ``mkdocs serve`` after touching ``editorial/translation.en.yaml`` (ours) or a
   page (bare), median of ``--serve-runs`` (:func:`serve_rebuilds` explains the method);
3. page weight of the home, essay, glossary and argument pages as Chromium loads them from a
   loopback server that gzips like a static host: bytes transferred, bytes decoded, requests;
   the essay's transfer against the budget (ours ≤ bare + 25 KiB);
4. Lighthouse (mobile preset) scores of the same pages, ours, and of the bare essay.

Also the search index sizes and the keystroke-to-results time of our search. Pipeline: the
real ``establish`` (parse, emend, check anomalies, convert, review the OpenCC candidates) on
the witness repeated 1x, 10x and 100x, with the emendation replicated for every copy, then the
essay's paragraphs joined into one line of 1 MB (``--line-bytes``), the emendation placed in each
copy by its occurrence. Cost should grow linearly: the 100x/1x time ratio should be near 100, and
the one-line ratio near its size ratio.
"""
from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.build import build_edition  # noqa: E402
from edition.editorial import load_editorial  # noqa: E402
from edition.establish import establish  # noqa: E402
from edition.labels import load_labels  # noqa: E402
from edition.plugin.config import load_plugin_config  # noqa: E402
from edition.render.pages import pages_for  # noqa: E402
from edition.render.prose import prose_page  # noqa: E402
from edition.render.view import View  # noqa: E402
from edition.source import MAX_LINE_CHARS, WitnessFile, read_witness  # noqa: E402
from edition.versions import Registry  # noqa: E402

PAGES = ("", "essay/", "glossary/", "argument/")      # home, essay, glossary, argument
BUDGET_KIB = 25                                       # the essay may transfer at most bare + 25 KiB
TOUCHED = ROOT / "editorial" / "translation.en.yaml"  # touched (mtime only) for the serve rebuild
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The site address both sites are built with (it is printed in pages, so it must be the same in
# both for the same text); the pages load their resources by relative links, so the servers
# below can listen on any port.
SITE_URL = "http://127.0.0.1:8000/"

LINES: list[str] = []


def say(line: str) -> None:
    """Print a figure and keep it for the results file."""
    print(line, flush=True)
    LINES.append(line)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Pipeline

def repeated(witness: WitnessFile, editorial, times: int):
    lines = witness.lines
    text = "\n".join(lines * times)
    emendations = tuple(dataclasses.replace(e, id=f"{e.id}x{k}", line=e.line + k * len(lines))
                        for k in range(times) for e in editorial.emendations)
    translation = editorial.translation
    if translation is not None:
        n = len(translation.paragraphs)
        texts = {f"p{k * n + i}": translation.paragraphs[f"p{i}"] for k in range(times) for i in range(1, n + 1)}
        translation = dataclasses.replace(translation, paragraphs=texts, lines={pid: 0 for pid in texts})
    return (WitnessFile(witness.path, text, witness.sha256, len(text.encode())),
            dataclasses.replace(editorial, emendations=emendations, translation=translation))


def one_line(witness: WitnessFile, editorial, edition, size: int):
    """The essay's paragraphs joined into one witness line of at least ``size`` bytes, copied as often as
    needed, with the dropped lines after it (their rules must match), every emendation placed in every
    copy by its occurrence, and the [sic] notes and the translation moved to the one paragraph."""
    # joined by a space: a paragraph ending in '?' or a Latin letter must not make an anomaly with the next
    copy = "".join(p.witness + " " for p in edition.paragraphs)
    times = -(-size // len(copy.encode()))
    line = copy * times
    offset, start = {}, 0                       # witness line number → its start in one copy
    for p in edition.paragraphs:
        offset[p.line] = start
        start += len(p.witness) + 1

    def starts(text: str, needle: str) -> list[int]:
        found, i = [], text.find(needle)
        while i != -1:
            found.append(i)
            i = text.find(needle, i + 1)
        return found

    emendations = []
    for e in editorial.emendations:
        in_line = starts(witness.lines[e.line - 1], e.witness)[(e.occurrence or 1) - 1]
        everywhere = starts(line, e.witness)
        for k in range(times):
            at = k * len(copy) + offset[e.line] + in_line
            emendations.append(dataclasses.replace(e, id=f"{e.id}x{k}", line=1,
                                                   occurrence=everywhere.index(at) + 1))
    sics = tuple(dataclasses.replace(s, paragraph="p1", occurrence=1) for s in editorial.sics)
    translation = editorial.translation
    if translation is not None:
        english = " ".join(translation.paragraphs.values())
        translation = dataclasses.replace(translation, paragraphs={"p1": english}, lines={"p1": 0})
    text = "\n".join([line, *(d.text for d in edition.dropped)])
    return (WitnessFile(witness.path, text, witness.sha256, len(text.encode())),
            dataclasses.replace(editorial, emendations=tuple(emendations), sics=sics, translation=translation))


def timed(w: WitnessFile, ed, runs: int):
    """Best of ``runs``: (wall-clock seconds, CPU seconds of this process, the edition). The CPU time
    is the steadier figure on a shared machine; the ratios are computed from it."""
    best, cpu, edition = float("inf"), float("inf"), None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        edition = establish(w, ed, check_sha=False)
        best, cpu = min(best, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return best, cpu, edition


def bench_pipeline(times_list, line_bytes: int = 1_000_000) -> dict[int, float]:
    """Time ``establish`` on the witness repeated, then on one line of ``line_bytes`` (0: skip)."""
    editorial = load_editorial(ROOT)
    witness = read_witness(ROOT / editorial.witness.file)
    edition = establish(witness, editorial)  # warm up: OpenCC dictionaries, pypinyin syllables
    results = {}
    for times in times_list:
        w, ed = repeated(witness, editorial, times)
        best, cpu, built = timed(w, ed, 3 if times < 100 else 1)
        size = len(w.text.encode())
        results[times] = cpu
        say(f"pipeline {times:>4}x: {size / 1024:8.1f} KiB, {len(built.paragraphs):5d} paragraphs, "
            f"{best:7.3f} s (CPU {cpu:7.3f} s), {size / best / 1024:8.1f} KiB/s")
    if 1 in results and max(results) > 1:
        top = max(results)
        say(f"pipeline {top}x/1x CPU time ratio: {results[top] / results[1]:.1f} (linear would be {top})")
    if line_bytes:
        w, ed = one_line(witness, editorial, edition, line_bytes)
        best, cpu, built = timed(w, ed, 1)
        size = len(w.text.encode())
        say(f"pipeline one line: {len(w.lines[0].encode()) / 1024:8.1f} KiB ({len(w.lines[0]):,} characters, "
            f"{len(ed.emendations)} emendations), {best:7.3f} s (CPU {cpu:7.3f} s), {size / best / 1024:8.1f} KiB/s")
        if 1 in results:
            say(f"pipeline one line/1x CPU time ratio: {cpu / results[1]:.1f} "
                f"(linear would be {size / len(witness.text.encode()):.0f})")
        if len(w.lines[0]) > MAX_LINE_CHARS:
            say(f"pipeline one line: longer than MAX_LINE_CHARS ({MAX_LINE_CHARS:,}), so a build refuses it when "
                "reading the witness; establish() alone is timed here")
    return results


# ---------------------------------------------------------------------------------------------
# The bare Material site

@dataclasses.dataclass
class BareProject:
    code: str
    config: Path        # its mkdocs.yml
    touched: Path       # the page touched for the serve rebuild


def material_language(tag: str) -> str:
    """The theme language Material itself knows for a version (our overrides add zh-Hans; Material has zh)."""
    import material
    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return tag if (languages / f"{tag}.html").exists() else tag.split("-")[0]


def bare_projects(tmp: Path, site_url: str, site_dir: Path) -> tuple[list[BareProject], Registry]:
    """One bare Material project per version of our registry, with the same pages.

    Each page's text is generated as our plugin generates it, from the same Edition: prose
    pages by ``prose_page`` (Markdown), template pages by ``Page.render`` (HTML), written as a
    Markdown file holding that HTML (Markdown passes raw HTML blocks through unchanged; the
    build is checked afterwards by :func:`check_bare_content`). Title, description and the
    hidden sidebars of wide pages go into front matter, the navigation labels into ``nav``: what
    our plugin sets on the page, bare Material reads from there. What bare Material cannot
    do without a plugin is left out: the template pages' tables of contents, the search data
    files, the downloads, the links between versions. MkDocs builds one language per config,
    so the versions are separate projects, built root first into one site folder (the root
    build cleans its folder), as our plugin's nested builds do."""
    root, registry = load_plugin_config(ROOT / "mkdocs.yml")
    edition = build_edition(root)
    labels = load_labels(root, registry)
    projects = []
    for version in registry:
        view = View(edition, version, registry, labels, site_url, root)
        project = tmp / f"bare-{version.code}"
        docs = project / "docs"
        docs.mkdir(parents=True)
        nav = []
        for page in pages_for(edition):
            body = prose_page(view, page.name) if page.render is None else str(page.render(view)) + "\n"
            meta: dict = {"title": page.page_title(view), "description": view.labels[page.description]}
            if page.wide:
                meta["hide"] = ["navigation", "toc"]
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (docs / page.src).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
            nav.append({view.labels[page.nav]: page.src})
        config = {
            "site_name": view.labels["site_name"], "site_url": site_url + version.path,
            "site_dir": str(site_dir / version.path), "docs_dir": "docs",
            "theme": {"name": "material", "language": material_language(version.theme_language), "font": False},
            "nav": nav, "markdown_extensions": ["attr_list", "md_in_html"],
        }  # no `plugins`: MkDocs then loads `search`, Material's default search
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
        projects.append(BareProject(version.code, project / "mkdocs.yml", docs / "essay.md"))
    return projects, registry


def check_bare_content(site_dir: Path, bare_dir: Path, bare: list[BareProject], registry: Registry) -> None:
    """Keep the comparison honest: every page of every version carries the same article text in
    both sites (tags and whitespace between blocks aside); raise if not."""
    def article(path: Path) -> str:
        html = path.read_text(encoding="utf-8")
        m = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.DOTALL)
        assert m, path
        text = re.sub(r"<[^>]+>", " ", m.group(1))
        return " ".join(text.split())
    for version, project in zip(registry, bare, strict=True):
        for src in sorted((project.config.parent / "docs").glob("*.md")):
            page = "" if src.stem == "index" else f"{src.stem}/"
            ours = article(site_dir / version.path / page / "index.html")
            bare = article(bare_dir / version.path / page / "index.html")
            if ours != bare:
                i = next((k for k, (a, b) in enumerate(zip(ours, bare, strict=False)) if a != b),
                         min(len(ours), len(bare)))
                raise SystemExit(f"bare and ours differ in /{version.path}{page}: {ours[i - 60:i + 60]!r} "
                                 f"vs {bare[i - 60:i + 60]!r}")


# ---------------------------------------------------------------------------------------------
# 1. Full build

def timed_build(config: Path) -> float:
    start = time.perf_counter()  # output captured: jieba talks on stderr even with -q
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                          check=False, cwd=config.parent, env=ENV, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bare build {config} failed:\n{done.stderr}")
    return time.perf_counter() - start


def bench_builds(out: Path, bare: list[BareProject], runs: int) -> None:
    """Wall time of ``mkdocs build --strict`` of all versions, best of ``runs``, ours and bare
    alternating (so both see the same machine load). Ours is one command (the plugin builds the
    other versions nested in it); bare is one command per version, summed. Both start a Python
    process per command; ours also establishes the edition (parse, convert, model), which the
    bare build gets ready-made."""
    ours, theirs = float("inf"), float("inf")
    env = {**ENV, "SITE_URL": SITE_URL}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(out)],
                       cwd=ROOT, env=env, check=True)
        ours = min(ours, time.perf_counter() - start)
        theirs = min(theirs, sum(timed_build(p.config) for p in bare))
    n = len(bare)
    say(f"full build, {n} versions (mkdocs build --strict, best of {runs}): ours {ours:.2f} s, "
        f"bare Material {theirs:.2f} s ({n} builds, its default search); ours/bare = {ours / theirs:.2f}")


# ---------------------------------------------------------------------------------------------
# 2. Rebuild under mkdocs serve

EVENT = re.compile(r"Event\(src_path='([^']*)'")
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def serve_rebuilds(config: Path, touched: Path, reps: int) -> tuple[list[float], list[float]]:
    """Seconds from touching ``touched`` to the end of the rebuild under ``mkdocs serve``, ``reps`` times.

    Method: ``mkdocs serve -v`` runs on a free loopback port; a thread reads its log and stamps
    every line with the time it arrived. After the first build ("Serving on") and a quiet
    second, the file's mtime is set (``os.utime``: the content is not changed) and the clock
    runs until serve logs "Reloading browsers", which MkDocs writes right after the rebuild
    (the root build and, for ours, the nested builds of the other versions) has finished and
    at the moment it tells open pages to reload: what a writer waits for. It includes MkDocs'
    0.1 s wait for changes to settle. Serve's own "Documentation built in X seconds" (the last
    one, the root build's, which includes the nested builds) is kept as well. The verbose log
    names every file event, so a repetition in which another file changed (someone editing the
    tree) is discarded and repeated."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "-f", str(config),
                             "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=config.parent, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))
        lines.put((time.perf_counter(), ""))

    threading.Thread(target=read, daemon=True).start()

    def until(pattern: str, timeout: float = 300) -> list[tuple[float, str]]:
        seen, deadline = [], time.monotonic() + timeout
        while True:
            try:
                stamp, line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"mkdocs serve -f {config}: no {pattern!r} in {timeout:.0f} s") from None
            seen.append((stamp, line))
            if pattern in line:
                return seen
            if proc.poll() is not None and lines.empty():
                tail = "\n".join(x for _, x in seen[-30:])
                raise SystemExit(f"mkdocs serve -f {config} stopped:\n{tail}")
            if "An error happened during the rebuild" in line or "Aborted with" in line:
                tail = "\n".join(x for _, x in seen[-30:])
                raise SystemExit(f"mkdocs serve -f {config}: build failed:\n{tail}")

    def quiet(seconds: float = 1.0) -> None:
        while True:
            try:
                lines.get(timeout=seconds)
            except queue.Empty:
                return

    totals, built = [], []
    try:
        until("Serving on")
        attempts = 0
        while len(totals) < reps:
            attempts += 1
            if attempts > 3 * reps:
                raise SystemExit(f"mkdocs serve -f {config}: other files kept changing; no clean repetition")
            quiet()
            start = time.perf_counter()
            os.utime(touched)
            seen = until("Reloading browsers")
            paths = {m.group(1) for _, line in seen for m in [EVENT.search(line)] if m}
            if paths - {str(touched)}:
                print(f"  (discarded a repetition: other files changed: {sorted(paths - {str(touched)})[:3]})",
                      flush=True)
                continue
            totals.append(seen[-1][0] - start)
            times = [float(m.group(1)) for _, line in seen for m in [BUILT.search(line)] if m]
            built.append(times[-1] if times else float("nan"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return totals, built


def bench_serve(bare: list[BareProject], reps: int) -> None:
    totals, built = serve_rebuilds(ROOT / "mkdocs.yml", TOUCHED, reps)
    ours = statistics.median(totals)
    say(f"serve rebuild, ours ({len(bare)} versions), touch {TOUCHED.relative_to(ROOT)}: median {ours:.2f} s "
        f"to reload (runs {', '.join(f'{t:.2f}' for t in totals)}); "
        f"serve's 'built in' {statistics.median(built):.2f} s")
    medians, parts = [], []
    for project in bare:
        totals, built = serve_rebuilds(project.config, project.touched, reps)
        medians.append(statistics.median(totals))
        parts.append(f"{project.code} {medians[-1]:.2f} s")
    say(f"serve rebuild, bare Material (one serve per version), touch essay.md: median {'; '.join(parts)}; "
        f"sum {sum(medians):.2f} s; ours/sum = {ours / sum(medians):.2f}")


# ---------------------------------------------------------------------------------------------
# 3. Page weight, search; 4. Lighthouse

def serve_static(site_dir: Path, port: int):
    """A loopback static server that gzips text responses, as static hosts do. Returns it, running."""
    import functools
    import http.server

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            ctype = self.guess_type(str(path))
            if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not (
                    ctype.startswith("text/")
                    or ctype in ("application/json", "application/javascript", "image/svg+xml", "application/xml")):
                return super().do_GET()
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None, chromium_sandbox=False,
                             args=["--disable-gpu", "--disable-quic", "--disable-background-networking",
                                   "--disable-component-update", "--disable-sync", "--no-first-run"])


def page_weight(browser, url: str) -> dict[str, list[int]]:
    """Resource type → [bytes transferred (bodies as sent: gzip where the server gzips), bytes decoded,
    requests], for a page loaded until the network is idle."""
    page = browser.new_page()
    seen = []
    page.on("response", lambda response: seen.append(response))  # Playwright cannot wrap list.append
    page.goto(url)
    page.wait_for_load_state("networkidle")
    by_type: dict[str, list[int]] = {}
    for response in seen:
        body = response.body()
        sent = response.request.sizes()["responseBodySize"]
        # Material's search fetches its whole index as the page loads; ours waits for the search box
        kind = "search index" if response.url.endswith("/search_index.json") else response.request.resource_type
        entry = by_type.setdefault(kind, [0, 0, 0])
        entry[0] += sent
        entry[1] += len(body)
        entry[2] += 1
    page.close()
    return by_type


def totals(by_type: dict[str, list[int]]) -> list[int]:
    return [sum(v[i] for v in by_type.values()) for i in range(3)]


def bench_page_weight(browser, ours_url: str, bare_url: str) -> None:
    essay = {}
    for path in PAGES:
        weights = {"ours": page_weight(browser, ours_url + path), "bare": page_weight(browser, bare_url + path)}
        parts = []
        for site, by_type in weights.items():
            sent, raw, n = totals(by_type)
            parts.append(f"{site} {sent / 1024:6.1f} KiB transferred ({raw / 1024:6.1f} KiB decoded, {n:2d} requests)")
        say(f"page weight /{path}: " + "; ".join(parts))
        if path == "essay/":
            essay = weights
    for site, by_type in essay.items():
        for kind, (sent, raw, n) in sorted(by_type.items(), key=lambda kv: -kv[1][0]):
            say(f"  essay {site:<4} {kind:<12} {n:2d} x {sent / 1024:7.1f} KiB transferred "
                f"{raw / 1024:7.1f} KiB decoded")
    ours, bare = totals(essay["ours"])[0] / 1024, totals(essay["bare"])[0] / 1024
    index = essay["bare"].get("search index", [0])[0] / 1024
    for label, base in (("", bare), (", bare without its search index", bare - index)):
        verdict = "within" if ours <= base + BUDGET_KIB else "OVER"
        say(f"essay transfer{label}: ours {ours:.1f} KiB, bare {base:.1f} KiB, difference {ours - base:+.1f} KiB "
            f"(budget ours <= bare + {BUDGET_KIB} KiB: {verdict})")


PINYIN_QUERIES = ("chanye hulianwang", "hulianwang", "chǎnyè", "chan3 ye4", "xian", "men", "zhe ge", "zhuangzi")


def bench_search(browser, url: str, queries=("产业互联网", "B端", "產業互聯網", "blockchain", "不存在"),
                 label: str = "search (ours)") -> float:
    """Time from the last keystroke to the results shown (the index already loaded), per query:
    what edition.js records in data-search-ms (the character search, and the pinyin search when
    the query reads as pinyin). Returns the median in ms."""
    page = browser.new_page()
    page.goto(url + "essay/")
    page.locator(".edition-search__toggle").click()
    timings = []
    for query in queries * 5:
        box = page.locator("#edition-search-input")
        box.fill("")
        page.locator(".edition-search").evaluate("el => el.removeAttribute('data-search-ms')")
        page.keyboard.insert_text(query)
        page.wait_for_function("q => document.querySelector('#edition-search-input').value === q", arg=query)
        page.wait_for_function("document.querySelector('.edition-search').hasAttribute('data-search-ms')")
        timings.append(float(page.locator(".edition-search").get_attribute("data-search-ms")))
    timings.sort()
    median = statistics.median(timings)
    say(f"{label}: keystroke to results shown, {len(timings)} queries: "
        f"median {median:.2f} ms, "
        f"max {timings[-1]:.2f} ms")
    page.close()
    return median


def bench_pinyin_search(browser, url: str) -> float:
    """The same measurement over pinyin queries (spaced, unspaced, tone marks and numbers, an
    ambiguous cutting, a query both English and pinyin, one found nowhere)."""
    return bench_search(browser, url, PINYIN_QUERIES, "pinyin-search (ours)")


def bench_index(site_dir: Path, registry: Registry) -> None:
    for version in registry:
        for name in ("paragraphs.json", "pinyin.json"):
            data = (site_dir / version.path / "search" / name).read_bytes()
            say(f"search data /{version.path}search/{name}: {len(data) / 1024:.1f} KiB raw, "
                f"{len(gzip.compress(data, mtime=0)) / 1024:.1f} KiB gzip")


def lighthouse(url: str, runs: int) -> str:
    """Lighthouse's mobile preset on one page: its four scores, FCP, LCP and transfer, as a line;
    of ``runs`` runs, the one with the median performance score (Lighthouse's own advice for
    variable machines)."""
    reports = sorted((lighthouse_once(url) for _ in range(runs)), key=lambda r: r["categories"]["performance"]["score"])
    data = reports[len(reports) // 2]
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    audits = data["audits"]
    spread = f"; performance of the {runs} runs: " + ", ".join(
        str(round(r["categories"]["performance"]["score"] * 100)) for r in reports) if runs > 1 else ""
    # the audits that cost points outside performance, so a score below 100 says why
    failing = sorted({ref["id"] for key in ("accessibility", "best-practices", "seo")
                      for ref in data["categories"][key]["auditRefs"]
                      if ref.get("weight") and (audits[ref["id"]].get("score") is not None)
                      and audits[ref["id"]]["score"] < 1})
    spread += f"; failing: {', '.join(failing)}" if failing else ""
    return (f"performance {scores['performance']}, accessibility {scores['accessibility']}, "
            f"best practices {scores['best-practices']}, SEO {scores['seo']} "
            f"(FCP {audits['first-contentful-paint']['displayValue']}, "
            f"LCP {audits['largest-contentful-paint']['displayValue']}, "
            f"transfer {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB{spread})")


def lighthouse_once(url: str) -> dict:
    tool = ROOT / "node_modules" / ".bin" / "lighthouse"
    flags = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
             "--disable-component-update --disable-sync")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([str(tool), url, "--quiet", "--output=json", f"--output-path={report.name}",
                        f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                       env=env, check=True, capture_output=True, timeout=180)
        return json.loads(Path(report.name).read_text(encoding="utf-8"))


def bench_lighthouse(ours_url: str, bare_url: str, runs: int) -> None:
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        say("lighthouse: not installed (run `npm ci`)")
        return
    for path in PAGES:
        say(f"lighthouse mobile /{path} ours: {lighthouse(ours_url + path, runs)}")
    say(f"lighthouse mobile /essay/ bare: {lighthouse(bare_url + 'essay/', runs)}")


# ---------------------------------------------------------------------------------------------

def write_results() -> None:
    """benchmarks/results.md and the figures block of the README."""
    import platform
    block = "\n".join(["```", *LINES, "```"])
    head = (f"# Benchmark results\n\nWritten by `python scripts/benchmark.py --write` "
            f"(Python {platform.python_version()}, {os.cpu_count()} cores).\n\n")
    out = ROOT / "benchmarks" / "results.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(head + block + "\n", encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
    if start in text and end in text:
        text = text[:text.index(start) + len(start)] + "\n" + block + "\n" + text[text.index(end):]
        readme.write_text(text, encoding="utf-8")


def only_search() -> None:
    """``--only search``: our site built once, its search data sizes and search times."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(out)],
                       cwd=ROOT, env={**ENV, "SITE_URL": SITE_URL}, check=True, capture_output=True)
        bench_index(out, load_plugin_config(ROOT / "mkdocs.yml")[1])
        server = serve_static(out, port)
        try:
            with sync_playwright() as p:
                browser = launch(p)
                bench_search(browser, f"http://127.0.0.1:{port}/")
                bench_pinyin_search(browser, f"http://127.0.0.1:{port}/")
                browser.close()
        finally:
            server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="pipeline at 1x and 10x only, no site figures")
    parser.add_argument("--only", choices=["pipeline", "search"],
                        help="only these figures: pipeline (1x, 10x, 100x and one 1 MB line); search (index "
                             "sizes, keystroke to results for character and pinyin queries: one build, no bare site)")
    parser.add_argument("--line-bytes", type=int, default=1_000_000,
                        help="size of the one-line witness of the pipeline figures (default 1000000; 0 skips it)")
    parser.add_argument("--runs", type=int, default=3, help="full builds of each site (best is kept; default 3)")
    parser.add_argument("--serve-runs", type=int, default=3, help="rebuilds under mkdocs serve (median; default 3)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs a page (median; default 3)")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results.md and the README's figures")
    args = parser.parse_args()
    load = os.getloadavg()
    say(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} at the start")
    if args.only == "search":
        only_search()
        return
    bench_pipeline([1, 10] if args.quick else [1, 10, 100], 0 if args.quick else args.line_bytes)
    if args.quick or args.only == "pipeline":
        return
    from playwright.sync_api import sync_playwright

    ours_port, bare_port = free_port(), free_port()
    while bare_port == ours_port:
        bare_port = free_port()
    ours_url, bare_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{bare_port}/"
    with tempfile.TemporaryDirectory() as tmp:
        out, bare_out = Path(tmp) / "site", Path(tmp) / "bare-site"
        bare, registry = bare_projects(Path(tmp), SITE_URL, bare_out)
        bench_builds(out, bare, args.runs)
        check_bare_content(out, bare_out, bare, registry)
        bench_serve(bare, args.serve_runs)
        bench_index(out, registry)
        servers = [serve_static(out, ours_port), serve_static(bare_out, bare_port)]
        try:
            with sync_playwright() as p:
                browser = launch(p)
                bench_page_weight(browser, ours_url, bare_url)
                bench_search(browser, ours_url)
                bench_pinyin_search(browser, ours_url)
                browser.close()
            bench_lighthouse(ours_url, bare_url, args.lighthouse_runs)
        finally:
            for server in servers:
                server.shutdown()
    say(f"machine: load average {os.getloadavg()[0]:.1f} at the end")
    if args.write:
        write_results()


if __name__ == "__main__":
    main()
