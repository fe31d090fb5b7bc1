"""One sitemap for the whole site, from the registries of versions and pages: every page of
every version, each listing its counterparts in the other versions (hreflang alternates, as
search engines read them from sitemaps). The alternates live here rather than as
<link rel=alternate> in each page: Material treats such links as language roots and fetches a
sitemap below each of them."""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from ..versions import Registry

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(root_url: str, registry: Registry, page_urls: list[str], lastmod: str) -> bytes:
    """``page_urls``: each page's address below a version's root ('' for the home page)."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for version in registry:
        for page in page_urls:
            url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = root_url + version.path + page
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = lastmod
            for other in registry:
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=other.code,
                              href=root_url + other.path + page)
    ET.indent(urlset)
    data: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)  # typeshed: Any for a named encoding
    return data + b"\n"


def gzipped(data: bytes) -> bytes:
    """Gzip with no timestamp or name, so the same sitemap gives the same bytes."""
    return gzip.compress(data, mtime=0)
