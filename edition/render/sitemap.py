"""One sitemap for the whole site: the root sitemap gains the other versions' URLs, and every
URL lists its counterparts in the other versions (hreflang alternates, as search engines read
them from sitemaps). The alternates live here rather than as <link rel=alternate> in each page:
Material treats such links as language roots and fetches a sitemap below each of them."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

URL_BLOCK = re.compile(r"\s*<url>.*?</url>", re.S)
LOC = re.compile(r"<loc>(.*?)</loc>")
XHTML = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'


def merge_sitemaps(site_dir: Path, root_url: str, versions: list[tuple[str, str]]) -> None:
    """``versions``: (language tag, prefix) pairs, the root version first with prefix ''."""
    root = site_dir / "sitemap.xml"
    if not root.exists():
        return
    text = root.read_text(encoding="utf-8")
    blocks = URL_BLOCK.findall(text)
    for _, prefix in versions[1:]:
        sub = site_dir / prefix / "sitemap.xml"
        if sub.exists():
            blocks += URL_BLOCK.findall(sub.read_text(encoding="utf-8"))
    by_length = sorted(versions, key=lambda v: -len(v[1]))
    out = []
    for block in blocks:
        loc = LOC.search(block).group(1)
        rest = loc[len(root_url):] if loc.startswith(root_url) else loc
        own = next(prefix for _, prefix in by_length if rest.startswith(prefix))
        path = rest[len(own):]
        links = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{code}" href="{root_url}{prefix}{path}"/>'
                        for code, prefix in versions)
        out.append(block.replace("</url>", links + "\n    </url>"))
    head = text[:text.index("<url>")].rstrip() if "<url>" in text else text[:text.index("</urlset>")].rstrip()
    if XHTML not in head:
        head = head.replace("<urlset ", f"<urlset {XHTML} ", 1)
    text = head + "".join(out) + "\n</urlset>\n"
    root.write_text(text, encoding="utf-8")
    with open(site_dir / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
