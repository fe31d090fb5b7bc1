"""Citation formats of a paragraph of the essay: GB/T 7714-2015, APA 7 and Chicago.

Written once per page as a template: the paragraph number and address, and the access date,
are filled in by edition.js when a reader opens "Cite this paragraph". The essay's title is
supplied by the editors, so it stands in square brackets; the author is unknown (佚名).
"""
from __future__ import annotations

from markupsafe import Markup

from .jinja import render
from .view import View

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def citation_formats(view: View) -> Markup:
    e, v = view.edition, view.version
    year, month, day = (int(x) for x in e.witness.published.split("-"))
    return render("citations.html", L=view.labels, zh_title=v.chinese_title(e), en_title=e.title_en,
                  zh=view.labels_in("zh") if v.english else view.labels, en=view.labels_in("en"),
                  essay_url=view.essay_url(), published=e.witness.published,
                  year=year, month=MONTHS[month - 1], day=day)
