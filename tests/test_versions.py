"""The registry of versions: adding a version touches only mkdocs.yml (the registry) and
i18n/ui.yaml (its labels); the plugin validates the registry."""
from __future__ import annotations

import re

import pytest
from mkdocs.config.base import ValidationError

from edition.build import build_edition
from edition.convert import convert
from edition.plugin.config import EditionConfig, registry
from tests.project import ROOT, copy_project, mkdocs_build

HONG_KONG = ("        - {code: zh-HK, path: zh-hk/, language: zh, opencc: s2hk, "
             "theme_language: zh-Hant, locale: zh_HK}\n")
PAGES = ("", "essay/", "argument/", "glossary/", "apparatus/", "about/")


@pytest.fixture(scope="module")
def four_versions(tmp_path_factory):
    """The project with a fourth version, Hong Kong Traditional (OpenCC s2hk), built."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    en_line = next(line for line in text.splitlines(keepends=True) if "{code: en," in line)
    mkdocs_yml.write_text(text.replace(en_line, en_line + HONG_KONG), encoding="utf-8")
    with open(project / "i18n" / "ui.yaml", "a", encoding="utf-8") as labels:
        labels.write("zh-HK:\n  version_name: 繁體中文（香港）\n")
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_a_fourth_version_gets_every_page_and_anchor(four_versions):
    edition = build_edition(ROOT)
    for page in PAGES:
        assert (four_versions / "zh-hk" / page / "index.html").exists(), page
    html = (four_versions / "zh-hk" / "essay" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<section class="para" id="(p\d+)"', html) == [p.id for p in edition.paragraphs]
    assert '<html lang="zh-HK"' in html or 'lang="zh-HK"' in html
    # its text is the reading text converted with s2hk, computed here with OpenCC directly
    texts = re.findall(r'<p class="para-zh" lang="zh-HK">(.*?)</p>', html)
    plain = [re.sub(r"<[^>]+>", "", t) for t in texts]
    assert plain == [convert(p.simplified, "s2hk") for p in edition.paragraphs]
    assert any("着" in t for t in plain)  # s2hk writes 着 where the Taiwan version writes 著
    taiwan = (four_versions / "zh-hant" / "essay" / "index.html").read_text(encoding="utf-8")
    assert "着" not in "".join(re.findall(r'<p class="para-zh" lang="zh-Hant">(.*?)</p>', taiwan))


def test_every_version_links_to_the_fourth_and_the_sitemap_lists_it(four_versions):
    for prefix in ("", "zh-hant/", "en/", "zh-hk/"):
        html = (four_versions / prefix / "essay" / "index.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html))
        hk = next(href for href, code in links.items() if code == "zh-HK")
        assert hk.endswith("zh-hk/essay/") and "繁體中文（香港）" in html
    sitemap = (four_versions / "sitemap.xml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"<loc>https://example.org/ed/zh-hk/{page}</loc>" in sitemap
    assert sitemap.count('hreflang="zh-HK"') == 4 * len(PAGES)


def test_the_fourth_versions_labels_are_converted_with_its_own_config(four_versions):
    html = (four_versions / "zh-hk" / "essay" / "index.html").read_text(encoding="utf-8")
    assert convert("阅读方式", "s2hk") in html  # reader_label, converted from the Simplified labels


def _registry(versions):
    cfg = EditionConfig()
    cfg.load_dict({"versions": versions})
    errors, _ = cfg.validate()
    assert not errors, errors
    return registry(cfg.versions)


BASE = [{"code": "zh-Hans", "path": "", "language": "zh", "theme_language": "zh-Hans", "locale": "zh_CN"}]


@pytest.mark.parametrize("extra, message", [
    ({"code": "zh-Hans", "path": "x/"}, "code 'zh-Hans' is used twice"),
    ({"code": "zh-TW", "path": ""}, "only it, lives at the site root"),
    ({"code": "zh-TW", "path": "Zh Tw"}, "path must be"),
    ({"code": "zh-TW", "path": "tw/", "opencc": "s2xx"}, "unknown OpenCC config 's2xx'"),
    ({"code": "en", "path": "en/", "language": "en", "opencc": "s2tw"}, "takes no opencc"),
    ({"code": "not a tag", "path": "x/"}, "BCP 47"),
])
def test_a_bad_registry_entry_is_named(extra, message):
    entry = {"language": "zh", "theme_language": "zh-Hant", "locale": "zh_TW", **extra}
    with pytest.raises(ValidationError, match=re.escape(message)) as info:
        _registry(BASE + [entry])
    assert "versions[1]" in str(info.value)


def test_a_version_may_only_use_a_reviewed_conversion(tmp_path):
    project = copy_project(tmp_path / "project")
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    en_line = next(line for line in text.splitlines(keepends=True) if "{code: en," in line)
    mkdocs_yml.write_text(text.replace(en_line, en_line + HONG_KONG.replace("s2hk", "t2hk")), encoding="utf-8")
    with open(project / "i18n" / "ui.yaml", "a", encoding="utf-8") as labels:
        labels.write("zh-HK:\n  version_name: 繁體中文（香港）\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "versions[3] (zh-HK): OpenCC config 't2hk' is not reviewed" in result.stderr
    assert "Traceback" not in result.stderr


def test_pages_follow_the_data_a_project_without_an_argument_map_has_no_argument_page(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "editorial" / "argument.yaml").unlink()
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    for prefix in ("", "zh-hant/", "en/"):
        assert not (out / prefix / "argument").exists()
        html = (out / prefix / "essay" / "index.html").read_text(encoding="utf-8")
        assert "argument/" not in html  # neither in the navigation nor as claim badges
    assert "argument/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
