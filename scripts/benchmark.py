#!/usr/bin/env python3
"""Print the edition's speed and size figures. A benchmark, not a test: rerun it anywhere.

    python scripts/benchmark.py            # all figures
    python scripts/benchmark.py --quick    # pipeline only (1x, 10x)

Site: the full ``mkdocs build`` of the three versions beside a bare Material build of the same
pages, the search index sizes, the bytes a browser loads per page by resource type (the search
index loads only when the search box opens), keystroke-to-results time of the search, and
Lighthouse scores (mobile preset) for the home, essay, glossary and argument pages.

Pipeline: the real ``establish`` (parse, emend, check anomalies, convert, review the OpenCC
candidates) on the witness repeated 1x, 10x and 100x, with the emendation replicated for
every copy. Cost should grow linearly: the 100x/1x time ratio should be near 100.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.build import build_edition  # noqa: E402
from edition.editorial import load_editorial  # noqa: E402
from edition.labels import load_labels  # noqa: E402
from edition.render.pages import markdown_pages  # noqa: E402
from edition.render.site import VERSIONS  # noqa: E402
from edition.establish import establish  # noqa: E402
from edition.source import WitnessFile, read_witness  # noqa: E402


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


LINES: list[str] = []


def serve(site_dir: Path, port: int):
    """A loopback static server that gzips text responses, as static hosts do. Returns it, running."""
    import functools
    import gzip
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            ctype = self.guess_type(str(path))
            if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not (
                    ctype.startswith("text/") or ctype in ("application/json", "application/javascript", "image/svg+xml",
                                                            "application/xml")):
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


def say(line: str) -> None:
    """Print a figure and keep it for the results file."""
    print(line)
    LINES.append(line)


def bench_pipeline(times_list) -> dict[int, float]:
    editorial = load_editorial(ROOT)
    witness = read_witness(ROOT / editorial.witness.file)
    establish(witness, editorial)  # warm up: OpenCC dictionaries, pypinyin syllables
    results = {}
    for times in times_list:
        w, ed = repeated(witness, editorial, times)
        best = float("inf")
        for _ in range(3 if times < 100 else 1):
            start = time.perf_counter()
            edition = establish(w, ed, check_sha=False)
            best = min(best, time.perf_counter() - start)
        size = len(w.text.encode())
        results[times] = best
        say(f"pipeline {times:>4}x: {size / 1024:8.1f} KiB, {len(edition.paragraphs):5d} paragraphs, "
              f"{best:7.3f} s, {size / best / 1024:8.1f} KiB/s")
    if 1 in results and max(results) > 1:
        top = max(results)
        say(f"pipeline {top}x/1x time ratio: {results[top] / results[1]:.1f} (linear would be {top})")
    return results


def bench_build(out: Path, runs: int = 2) -> float:
    """Wall time of ``mkdocs build`` (all three versions), best of ``runs``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8123/"}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(out)],
                       cwd=ROOT, env=env, check=True)
        best = min(best, time.perf_counter() - start)
    say(f"site build (3 versions, mkdocs build --strict): {best:.2f} s (best of {runs})")
    return best


def bench_page_weight(site_dir: Path, paths=("essay/",)) -> None:
    """Bytes a browser loads for a page, by resource type (raw, and gzip as a static host would send)."""
    import gzip

    from playwright.sync_api import sync_playwright

    server = serve(site_dir, 8123)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium if Path(chromium).exists() else None,
                                        chromium_sandbox=False, args=["--disable-gpu", "--disable-background-networking"])
            for path in paths:
                page = browser.new_page()
                seen = []
                page.on("response", lambda response: seen.append(response))  # Playwright cannot wrap list.append
                page.goto(f"http://127.0.0.1:8123/{path}")
                page.wait_for_load_state("networkidle")
                by_type: dict[str, list[int]] = {}
                for response in seen:
                    body = response.body()
                    entry = by_type.setdefault(response.request.resource_type, [0, 0, 0])
                    entry[0] += len(body)
                    entry[1] += len(gzip.compress(body, mtime=0))
                    entry[2] += 1
                total = [sum(v[i] for v in by_type.values()) for i in range(3)]
                say(f"page weight /{path}: {total[0] / 1024:.1f} KiB raw, {total[1] / 1024:.1f} KiB gzip, "
                      f"{total[2]} requests")
                for kind, (raw, gz, n) in sorted(by_type.items(), key=lambda kv: -kv[1][0]):
                    say(f"  {kind:<11} {n:2d} x  {raw / 1024:7.1f} KiB raw  {gz / 1024:7.1f} KiB gzip")
                page.close()
            bench_search(browser)
            browser.close()
    finally:
        server.shutdown()


def bench_search(browser, queries=("产业互联网", "B端", "產業互聯網", "blockchain", "不存在")) -> None:
    """Time from the last keystroke to the results shown (the index already loaded), per query."""
    page = browser.new_page()
    page.goto("http://127.0.0.1:8123/essay/")
    page.locator(".edition-search__toggle").click()
    timings = []
    for query in queries * 5:
        box = page.locator("#edition-search-input")
        box.fill("")
        page.keyboard.insert_text(query)
        page.wait_for_function("document.querySelector('.edition-search__status').textContent !== ''")
        page.wait_for_function("q => document.querySelector('#edition-search-input').value === q", arg=query)
        timings.append(float(page.locator(".edition-search").get_attribute("data-search-ms")))
    timings.sort()
    say(f"search: keystroke to results shown, {len(timings)} queries: median {timings[len(timings) // 2]:.2f} ms, "
          f"max {timings[-1]:.2f} ms")
    page.close()


def bench_index(site_dir: Path) -> None:
    import gzip
    for prefix in ("", "zh-hant/", "en/"):
        for name in ("paragraphs.json", "pinyin.json"):
            data = (site_dir / prefix / "search" / name).read_bytes()
            say(f"index /{prefix}search/{name}: {len(data) / 1024:.1f} KiB raw, "
                  f"{len(gzip.compress(data, mtime=0)) / 1024:.1f} KiB gzip")


def bench_bare(tmp: Path, ours: float) -> None:
    """The same pages built with a bare Material configuration (no hook, no overrides), for the ratio."""
    edition = build_edition(ROOT)
    labels = load_labels(ROOT)
    total = 0.0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for version in VERSIONS:
        docs = tmp / f"bare-{version.code}" / "docs"
        for name, content in markdown_pages(edition, version, labels, "http://127.0.0.1:8123/", ROOT).items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(content, encoding="utf-8")
        language = {"zh-Hans": "zh", "zh-Hant": "zh-Hant", "en": "en"}[version.code]
        (docs.parent / "mkdocs.yml").write_text(
            f"site_name: bare\ntheme:\n  name: material\n  language: {language}\n  font: false\n"
            "markdown_extensions: [attr_list, md_in_html]\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(docs.parent / "mkdocs.yml")],
                       env=env, check=True, capture_output=True)
        total += time.perf_counter() - start
    say(f"bare Material build of the same pages (3 versions, its default search included): {total:.2f} s; "
        f"ours/bare = {ours / total:.2f}")


def bench_lighthouse(site_dir: Path, paths=("", "essay/", "glossary/", "argument/")) -> None:
    """Lighthouse (mobile preset) on a loopback server that gzips like a static host:
    performance, accessibility, best practices, SEO."""
    import json

    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        say("lighthouse: not installed (run `npm ci`)")
        return
    server = serve(site_dir, 8124)
    flags = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
             "--disable-component-update --disable-sync")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    try:
        for path in paths:
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run([str(lighthouse), f"http://127.0.0.1:8124/{path}", "--quiet", "--output=json",
                                f"--output-path={report.name}", f"--chrome-flags={flags}",
                                "--only-categories=performance,accessibility,best-practices,seo"],
                               env=env, check=True, capture_output=True, timeout=180)
                data = json.loads(Path(report.name).read_text(encoding="utf-8"))
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            audits = data["audits"]
            say(f"lighthouse mobile /{path}: performance {scores['performance']}, accessibility "
                f"{scores['accessibility']}, best practices {scores['best-practices']}, SEO {scores['seo']} "
                f"(FCP {audits['first-contentful-paint']['displayValue']}, "
                f"LCP {audits['largest-contentful-paint']['displayValue']}, "
                f"transfer {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB)")
    finally:
        server.shutdown()


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="pipeline at 1x and 10x only, no site figures")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results.md and the README's figures")
    args = parser.parse_args()
    bench_pipeline([1, 10] if args.quick else [1, 10, 100])
    if args.quick:
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        ours = bench_build(out)
        bench_bare(Path(tmp), ours)
        bench_index(out)
        bench_page_weight(out, ("essay/", "en/essay/", "glossary/"))
        bench_lighthouse(out)
    if args.write:
        write_results()


if __name__ == "__main__":
    main()
