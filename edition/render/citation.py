"""Citation of a paragraph of the essay: one CSL-JSON item per paragraph, and the three formats.

The item (:func:`csl_item`) is the one definition of what is cited. It is written into the essay
page as a JSON data block (``<script type="application/json" id="cite-data">``, an array of the 32
items, not executed, so the Content-Security-Policy has nothing to say), for a reference manager
and for ``tests/test_citations.py``, which renders every item with citeproc-js and the official CSL
styles and checks that the formats below say exactly what citeproc-js says:

* GB/T 7714-2015, numeric (``china-national-standard-gb-t-7714-2015-numeric.csl``): the entry of
  the list of references, without its number ``[1]``, which belongs to the citing work's list.
* APA 7 (``apa.csl``): the reference-list entry, and the in-text citation with the paragraph
  (``para. 12``): APA puts the locator only there.
* Chicago, notes and bibliography (``chicago-notes-bibliography.csl``): the note, which carries
  the paragraph; the bibliography entry would not.

What is cited: the essay as a web page of this digital edition (CSL type ``webpage``: GB/T
[EB/OL], the electronic-resource form; ``post-weblog`` would call the edition a blog, and
``chapter`` would call it a book and give GB/T's part-of-a-monograph form with ``//``). Its
title is the editors' (in square brackets: supplied), in the version's Chinese script, with
the English translation in sentence case; the edition is the container, its editors the
editors, its version and that version's date the version and the date of issue; the date of the
original page, estimated from its address, is the original date (``circa``). The address and the
access date are the paragraph's and the reader's: the formats are written once per page with N
for the number, and edition.js fills in the number, the address and the reader's local date.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from ..model import paragraph_number
from ..release import current
from .jinja import render
from .view import View

CSL_TYPE = "webpage"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def sentence_case(title: str) -> str:
    """APA's sentence case of an English title written in title case: the first word, and the
    first word after a colon, keep their capital; every other capitalised word loses it, except
    acronyms and mixed-case words (B2B, IoT). Proper nouns are not recognised (this title has none).

    >>> sentence_case("The Industrial Internet: From Traffic Acquisition to Deep Empowerment")
    'The industrial internet: From traffic acquisition to deep empowerment'
    """
    out, first = [], True
    for word in title.split(" "):
        rest = word[1:]
        out.append(word if first or rest != rest.lower() else word.lower())
        first = word.endswith((":", "?", "!", "."))
    return " ".join(out)


def _date_parts(d: dt.date) -> dict[str, Any]:
    return {"date-parts": [[d.year, d.month, d.day]]}


def csl_item(view: View, pid: str) -> dict[str, Any]:
    """The CSL-JSON item of paragraph ``pid`` of the essay in this version.

    ``translated-title`` is the CSL data schema's field (CSL 1.0.2 has none for it); ``custom``
    holds the paragraph number, the locator of a citation of it (a citation's field, not an
    item's). No ``accessed``: that is the reader's date, added when citing."""
    e, v, r = view.edition, view.version, current()
    original = dt.date.fromisoformat(e.witness.published)
    return {
        "id": pid,
        "type": CSL_TYPE,
        "language": v.chinese_lang,
        "title": f"[{v.chinese_title(e)}]",
        "translated-title": sentence_case(e.title_en),
        "container-title": view.labels_in("en")["site_name"],
        "editor": [{"literal": e.translator}],
        "version": r.version,
        "issued": _date_parts(r.date),
        "original-date": {**_date_parts(original), "circa": True},
        "URL": view.essay_url(pid),
        "custom": {"paragraph": paragraph_number(pid)},
    }


def csl_data(view: View) -> Markup:
    """The items of every paragraph as a JSON array, safe inside ``<script type="application/json">``
    (no ``<``: no ``</script>`` or ``<!--`` can occur)."""
    items = [csl_item(view, p.id) for p in view.edition.paragraphs]
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def _date(parts: dict[str, Any]) -> dt.date:
    return dt.date(*parts["date-parts"][0])


def _month_day_year(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def citation_formats(view: View) -> Markup:
    """The section of the three formats, read off the item (N for the paragraph number, the
    address ending in #pN), with the items' data block."""
    item = csl_item(view, view.edition.paragraphs[0].id)
    issued, original = _date(item["issued"]), _date(item["original-date"])
    return render(
        "citations.html", L=view.labels, zh=view.labels_in("zh"), item=item, url=view.essay_url("pN"),
        editor=item["editor"][0]["literal"],
        # Chicago sets an English title in headline style (CSL text-case="title"): the translator's own
        title_headline=view.edition.title_en,
        issued_iso=issued.isoformat(), issued_year=issued.year, original_year=original.year,
        issued_apa=f"{issued.year}, {MONTHS[issued.month - 1]} {issued.day}", issued_chicago=_month_day_year(issued),
        original_chicago=_month_day_year(original), data=csl_data(view))
