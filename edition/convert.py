"""Script conversion with OpenCC, and the evidence for choosing a configuration.

OpenCC here is ``opencc-python-reimplemented`` (pure Python). Never install the official
``opencc`` package beside it: both provide the module ``opencc`` and their files mix.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache

import opencc

from .data import Bilingual
from .model import Note


def available_configs() -> set[str]:
    """The configuration names this OpenCC installation offers (t2s, s2tw, …)."""
    from pathlib import Path
    return {p.stem for p in (Path(opencc.__file__).parent / "config").glob("*.json")}


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    converted: str = converter(config).convert(text)  # opencc is untyped
    return converted


KEEP = re.compile(r"⟦(.*?)⟧", re.S)


def convert_prose(text: str, to_traditional: Callable[[str], str]) -> str:
    """Convert editors' prose with ``to_traditional``, except spans marked ⟦…⟧ (characters
    quoted as characters, such as 什么 → 什幺 in a note on conversion), which stay as written."""
    out, i = [], 0
    for m in KEEP.finditer(text):
        out += [to_traditional(text[i:m.start()]), m.group(1)]
        i = m.end()
    out.append(to_traditional(text[i:]))
    return "".join(out)


def unmark(text: str) -> str:
    """Prose as written, without the ⟦…⟧ marks."""
    return KEEP.sub(r"\1", text)


def make_note(note: Bilingual, config: str) -> Note:
    """An editors' note in the three versions: the Traditional converted from the Simplified with ``config``."""
    return Note(unmark(note.zh), convert_prose(note.zh, lambda text: convert(text, config)), note.en, note.zh)


def differences(chosen: str, candidate: str) -> list[tuple[str, str]]:
    """Where two conversions of the same text differ: (chosen segment, candidate segment) pairs."""
    if chosen == candidate:
        return []
    matcher = difflib.SequenceMatcher(None, chosen, candidate, autojunk=False)
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] <= 1 and j1 - spans[-1][3] <= 1:  # one shared character apart: one change
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    result = []
    for i1, i2, j1, j2 in spans:
        if i1 == i2 or j1 == j2:  # a pure insertion or deletion reads better with one character of context
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        result.append((chosen[i1:i2], candidate[j1:j2]))
    return result


def difference_key(chosen: str, candidate: str) -> str:
    """How a reviewed difference is written in conversion.yaml: ``chosen → candidate``."""
    return f"{chosen} → {candidate}"


def fold_map(charset: set[str], config: str = "t2s") -> dict[str, str]:
    """Every CJK character that ``config`` maps onto a character of ``charset``.

    The search folds a query with this map, so 產業 finds 产业. Characters outside the
    text's own character set cannot match anything, so they need no entry.
    """
    candidates = [chr(cp) for cp in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00))]
    converted = convert("\n".join(candidates), config).split("\n")
    return {src: dst for src, dst in zip(candidates, converted, strict=True)
            if src != dst and len(dst) == 1 and dst in charset}
