"""The site's interface labels for every version (i18n/ui.yaml).

The file has one block per version of the registry. A version whose Chinese is converted
(``opencc`` set, e.g. zh-Hant with s2tw) takes the Simplified labels converted with its own
config, and its block gives only what conversion cannot (a language names itself); every other
block is complete. A label missing from one complete block, extra in one, or with other
``{placeholders}`` than its counterpart fails the build with the file and line.
"""
from __future__ import annotations

import re
import string
from pathlib import Path

from .data import Mapping
from .errors import EditionError
from .shapes import load_checked
from .versions import Registry, Version

LABELS = Path("i18n") / "ui.yaml"
Labels = dict[str, str]


PLACEHOLDER = re.compile(r"[a-z_]+")
TEMPLATE = re.compile(r"(?<!\{)\{[a-z_]+\}(?!\})")   # a label with a {name} is filled with str.format
# … except these, which only edition.js fills (String.replace of "{n}"): their other braces are text.
FILLED_BY_SCRIPT = frozenset({"search_count", "search_pinyin_count", "passage_range", "passage_quote"})


def placeholders(text: str) -> set[str]:
    """The {names} of a label that is filled in (a template); none for a plain label."""
    if not TEMPLATE.search(text):
        return set()
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return set()


def brace_problem(text: str) -> str:
    """What is wrong with the braces of a label that is filled in ('' if nothing): a placeholder
    is {name}, a literal brace is written {{ or }}, so it can always be filled without an error.
    A plain label (no {name}) is text as it stands, braces and all."""
    if not TEMPLATE.search(text):
        return ""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as err:
        return f"has a lone brace ({err}); write {{{{ and }}}} for literal braces"
    for _, name, spec, conversion in fields:
        if name is not None and (not PLACEHOLDER.fullmatch(name) or spec or conversion):
            return f"has {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}, " \
                   "not a {name} placeholder; write {{ and }} for literal braces"
    return ""


def _block(doc: Mapping, code: str, path: str) -> Mapping:
    block: Mapping = doc.get(code, Mapping())
    return block


def load_labels(root: Path | str, registry: Registry) -> dict[str, Labels]:
    """Version code → label name → text."""
    path = Path(root) / LABELS
    doc = load_checked(path, "ui")   # a mapping of version codes to mappings of label names to text
    where = str(path)
    for code in doc:
        if code not in registry.codes:
            raise EditionError(where, doc.where(code)[1], None,
                               f"labels for {code!r}, which is not a version (versions: {', '.join(registry.codes)})")
    complete = [v for v in registry if not v.opencc]
    if not any(not v.english for v in complete) and any(v.opencc for v in registry):
        raise EditionError(where, None, None,
                           "a converted version needs a Chinese version without opencc to convert from")
    first = complete[0]
    reference = _block(doc, first.code, where)
    for v in complete:
        block = _block(doc, v.code, where)
        if not block:
            raise EditionError(where, None, None, f"no labels for version {v.code!r}")
        for key in set(reference) ^ set(block):
            owner, code = (reference, first.code) if key in reference else (block, v.code)
            raise EditionError(where, owner.where(key)[1], None, f"label {key!r} is given for {code} only")
        for key in block:
            problem = "" if key in FILLED_BY_SCRIPT else brace_problem(block[key])
            if problem:
                raise EditionError(where, block.where(key)[1], None, f"label {key!r} of {v.code} {problem}")
            if placeholders(block[key]) != placeholders(reference[key]):
                raise EditionError(where, block.where(key)[1], None,
                                   f"label {key!r} of {v.code} has placeholders {sorted(placeholders(block[key]))}, "
                                   f"{first.code} has {sorted(placeholders(reference[key]))}")
    labels: dict[str, Labels] = {v.code: {k: str(t) for k, t in _block(doc, v.code, where).items()} for v in complete}
    source = next((v for v in complete if not v.english), None)
    for v in registry:
        if v.opencc and source is not None:
            labels[v.code] = _converted_labels(labels[source.code], v, _block(doc, v.code, where), where)
    return {v.code: labels[v.code] for v in registry}


def _converted_labels(source: Labels, version: Version, given: Mapping, where: str) -> Labels:
    out = {key: version.prose(text) for key, text in source.items()}
    for key, text in given.items():
        if key not in source:
            raise EditionError(where, given.where(key)[1], None, f"unknown label {key!r} for {version.code}")
        problem = "" if key in FILLED_BY_SCRIPT else brace_problem(str(text))
        if problem:
            raise EditionError(where, given.where(key)[1], None, f"label {key!r} of {version.code} {problem}")
        out[key] = str(text)
    return out
