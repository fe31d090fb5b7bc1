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


# Characters that conversions leave alone (OpenCC splits its input at these and never maps them):
# two conversions of one text have the same ones in the same order, and are compared between them.
SEPARATORS = re.compile(r"[\s,.!?;:，。、；：？！…“”‘’「」『』（）()《》〈〉【】—]")
DIFFLIB_MAX = 400     # a stretch between separators up to this long is aligned by difflib; a longer one…
RESYNC_MAX = 64       # …by skipping ahead at most this many characters (both texts together) to where…
RESYNC_WIDTH = 3      # …this many characters agree again.
Change = tuple[int, int, int, int]   # chosen[i1:i2] became candidate[j1:j2]


def differences(chosen: str, candidate: str) -> list[tuple[str, str]]:
    """Where two conversions of the same text differ: (chosen segment, candidate segment) pairs.

    Changes one shared character apart are one difference; a pure insertion or deletion is given
    one character of context. Linear in the length of the texts:

    * texts of the same length (conversions that map character to character) are compared
      position by position;
    * otherwise they are cut at the separators (punctuation, spaces) they share, and each pair of
      stretches that differs is aligned: by difflib when short (what it does on a clause is what it
      did on the paragraph), by resynchronising on the next agreeing characters when long, since
      difflib is quadratic or worse on long repetitive texts.

    >>> differences("什么样的产业", "什幺样的產业")
    [('么', '幺'), ('产', '產')]
    >>> differences("一二三四", "一X三Y")
    [('二三四', 'X三Y')]
    >>> differences("互聯網的發展，運行", "網際網路的發展，執行")
    [('互聯網', '網際網路'), ('運', '執')]
    """
    if chosen == candidate:
        return []
    if len(chosen) == len(candidate):
        changes = _substitutions(chosen, candidate, 0, 0, len(chosen))
    else:
        changes = _changes(chosen, candidate)
    spans: list[list[int]] = []
    for i1, i2, j1, j2 in changes:
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


def _substitutions(a: str, b: str, i: int, j: int, length: int) -> list[Change]:
    """Positions where a[i:i+length] and b[j:j+length] differ, one change each, in order. The
    comparison runs a block at a time in C: equal blocks are skipped whole."""
    found: list[Change] = []
    block = 1024
    for k in range(0, length, block):
        x, y = a[i + k:i + min(k + block, length)], b[j + k:j + min(k + block, length)]
        if x != y:
            found += [(i + k + d, i + k + d + 1, j + k + d, j + k + d + 1)
                      for d, (u, v) in enumerate(zip(x, y, strict=True)) if u != v]
    return found


def _stretches(text: str) -> tuple[list[str], list[int]]:
    """The separators of ``text`` in order, and the start of every stretch between them (and the end)."""
    seps, bounds = [], [0]
    for m in SEPARATORS.finditer(text):
        seps.append(m.group())
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    return seps, bounds


def _changes(a: str, b: str) -> list[Change]:
    """The changes between two texts of different lengths, in order (not yet merged)."""
    seps_a, bounds_a = _stretches(a)
    seps_b, bounds_b = _stretches(b)
    if seps_a != seps_b:  # not two conversions of one text after all: one stretch each
        bounds_a, bounds_b = [0, len(a)], [0, len(b)]
    changes: list[Change] = []
    for k in range(0, len(bounds_a), 2):
        a0, a1, b0, b1 = bounds_a[k], bounds_a[k + 1], bounds_b[k], bounds_b[k + 1]
        if a1 - a0 == b1 - b0 and a[a0:a1] == b[b0:b1]:
            continue
        if a1 - a0 <= DIFFLIB_MAX and b1 - b0 <= DIFFLIB_MAX:
            matcher = difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
            changes += [(a0 + i1, a0 + i2, b0 + j1, b0 + j2)
                        for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
        elif a1 - a0 == b1 - b0:
            changes += _substitutions(a, b, a0, b0, a1 - a0)
        else:
            changes += _resynchronised(a, b, a0, a1, b0, b1)
    return changes


def _common_prefix(a: str, i: int, i_end: int, b: str, j: int, j_end: int) -> int:
    """How many characters agree from a[i] and b[j] on (within the given ends), compared in blocks."""
    k, block = 0, 64
    limit = min(i_end - i, j_end - j)
    while k < limit:
        step = min(block, limit - k)
        if a[i + k:i + k + step] == b[j + k:j + k + step]:
            k += step
            block *= 2
        elif step == 1:
            return k
        else:
            block = max(1, step // 2)
    return k


def _resynchronised(a: str, b: str, i: int, i_end: int, j: int, j_end: int) -> list[Change]:
    """Changes between a[i:i_end] and b[j:j_end], long stretches of different lengths: after each
    disagreement, the nearest place where RESYNC_WIDTH characters agree again (the fewest characters
    skipped, a substitution before an insertion or deletion); past RESYNC_MAX, the rest is one change."""
    changes: list[Change] = []
    while True:
        k = _common_prefix(a, i, i_end, b, j, j_end)
        i, j = i + k, j + k
        if i == i_end or j == j_end:
            if i < i_end or j < j_end:
                changes.append((i, i_end, j, j_end))
            return changes
        skip = _nearest_agreement(a, i, i_end, b, j, j_end)
        if skip is None:
            changes.append((i, i_end, j, j_end))
            return changes
        changes.append((i, i + skip[0], j, j + skip[1]))
        i, j = i + skip[0], j + skip[1]


def _nearest_agreement(a: str, i: int, i_end: int, b: str, j: int, j_end: int) -> tuple[int, int] | None:
    for total in range(1, RESYNC_MAX + 1):
        for di in sorted(range(total + 1), key=lambda d: (abs(2 * d - total), d)):
            ii, jj = i + di, j + total - di
            if ii > i_end or jj > j_end:
                continue
            width = min(RESYNC_WIDTH, i_end - ii, j_end - jj)
            if (ii == i_end and jj == j_end) or (width > 0 and a[ii:ii + width] == b[jj:jj + width]
                                                  and (width == RESYNC_WIDTH or (ii + width == i_end
                                                                                 and jj + width == j_end))):
                return ii - i, jj - j
    return None


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
