"""The editors' prose pages (home, about): written once per language in content/NAME.LANG.md
as Markdown with template values; a converted version (zh-Hant …) converts the Simplified
page with its own OpenCC config, except spans marked ⟦…⟧.

Values are escaped for HTML and for Markdown as they are inserted (jinja.markdown_environment),
so no value from the data can become markup; every figure is computed from the Edition."""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import EditionError
from ..leftover import left_simplified
from .jinja import markdown_environment
from .view import View


def template_path(view: View, name: str) -> Path:
    return view.root / "content" / f"{name}.{view.version.content_source}.md"


def template_text(view: View, name: str) -> str:
    return view.version.prose(template_path(view, name).read_text(encoding="utf-8"))


def prose_page(view: View, name: str) -> str:
    """The page's Markdown, values filled in. ``index`` is the version's root page (depth 0)."""
    e, v = view.edition, view.version
    values = {
        "edition": e, "labels": view.labels, "version": v,
        "title": v.title(e), "chinese_title": v.chinese_title(e),
        "paragraphs": len(e.paragraphs), "annotations": e.annotations, "dropped": len(e.dropped),
        "emendations": len(e.emendations), "sics": len(e.sics),
        "site_url": view.version_url, "essay_url": view.essay_url(),
        "left_simplified": left_simplified(e),
        # a relative path computed here, not data: inserted as it is
        "downloads": Markup(view.downloads(name)),
    }
    path = template_path(view, name)
    try:
        return markdown_environment().from_string(template_text(view, name)).render(values)
    except jinja2.TemplateSyntaxError as err:
        raise EditionError(str(path), err.lineno, None, f"template syntax: {err.message}") from None
    except jinja2.TemplateError as err:  # an undefined name, a wrong filter …
        raise EditionError(str(path), _line_of(err), None, f"template: {err.message}") from None


def _line_of(err: BaseException) -> int | None:
    """The template line an error was raised at, from its traceback (Jinja marks template frames)."""
    tb, line = err.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
