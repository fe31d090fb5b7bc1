"""Every generated file of one version of the site: page path → content.

The MkDocs hook adds these to the build; the benchmark writes the Markdown pages out to build
them with a bare Material configuration for comparison.
"""
from __future__ import annotations

from pathlib import Path

from ..convert import convert, fold_map
from ..model import Edition
from . import apparatus, argument, exports, glossary, search, site


def markdown_pages(edition: Edition, version: site.Version, labels: dict, site_url: str, root: Path) -> dict[str, str]:
    own = labels[version.code]
    pages = {"essay.md": site.essay_page(edition, version, labels, site_url),
             "glossary.md": glossary.glossary_page(edition, version, own, site.front_matter),
             "apparatus.md": apparatus.apparatus_page(edition, version, own, site.front_matter)}
    if edition.argument is not None:
        pages["argument.md"] = argument.argument_page(edition, version, own, site.front_matter)
    to_traditional = lambda text: convert(text, edition.traditional_step.config)  # noqa: E731
    for name in ("index", "about"):
        template = site.template_for(root, name, version, to_traditional)
        pages[f"{name}.md"] = site.prose_page(template, edition, version, own, site_url)
    return pages


def data_files(edition: Edition, version: site.Version, labels: dict, fold: dict[str, str]) -> dict[str, str]:
    files = {"search/paragraphs.json": search.search_index(edition, version.chinese, fold),
             "search/pinyin.json": search.pinyin_data(edition)}
    if version.code == "zh-Hans":  # the downloads live once, at the site root
        names = {code: labels[code]["site_name"] for code in labels}
        files.update({f"downloads/{name}": content for name, content in exports.downloads(edition, names).items()})
    return files


def fold_for(edition: Edition) -> dict[str, str]:
    return fold_map(search.charset(edition))
