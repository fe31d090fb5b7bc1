"""One sitemap for the whole site: the root sitemap gains the other versions' URLs."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

URL_BLOCK = re.compile(r"\s*<url>.*?</url>", re.S)


def merge_sitemaps(site_dir: Path, prefixes: list[str]) -> None:
    root = site_dir / "sitemap.xml"
    if not root.exists():
        return
    text = root.read_text(encoding="utf-8")
    extra = []
    for prefix in prefixes:
        sub = site_dir / prefix / "sitemap.xml"
        if sub.exists():
            extra += URL_BLOCK.findall(sub.read_text(encoding="utf-8"))
    text = text.replace("</urlset>", "".join(extra) + "\n</urlset>")
    root.write_text(text, encoding="utf-8")
    with open(site_dir / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
