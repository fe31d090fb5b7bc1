"""The one template environment of the edition: HTML with autoescaping on.

Every page and fragment the site shows is a template under ``templates/``; Python only
computes the data a template needs. Any string reaching a template is escaped on output, so
no renderer calls ``escape()``; only :func:`markdown_environment` (editors' prose pages) adds
Markdown escaping on top, because Markdown would otherwise read data as markup.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

TEMPLATES = jinja2.PackageLoader("edition.render", "templates")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=TEMPLATES, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["fmt"] = fmt
    return env


def render(template: str, **values: Any) -> Markup:
    return Markup(environment().get_template(template).render(**values).strip())


def fmt(label: str, **values: Any) -> Markup:
    """A label with its ``{placeholders}`` filled; label and values are escaped (Markup.format)."""
    return escape(label).format(**values)


# Python-Markdown's backslash-escapable characters: a value inserted into editors' Markdown
# prose gets a backslash before each, so it can never become a link, emphasis or attribute list.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|<])")


def markdown_text(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(value))))


def markdown_environment() -> jinja2.Environment:
    """For content/*.md: every ``{{ value }}`` is HTML-escaped and Markdown-escaped on output."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             finalize=markdown_text)
    # Markdown still reads the text between inline HTML tags, so what goes inside is escaped for both.
    env.filters["code"] = lambda value: Markup("<code>{}</code>").format(markdown_text(value))
    return env
