"""Parse one witness line: remove the converter's pinyin annotations and find anomalies.

Pure functions only. A line is scanned once; the result keeps, for every character of the
stripped text, the column it had in the witness line, so every later report can point back
to ``line:col`` of the witness.

Only the converter's annotations are removed: a pinyin syllable in ASCII brackets right after a
Han character. A group that only looks like one (full-width or mismatched brackets, or after a
character that is not Han) is reported as an anomaly and kept as text, for an emendation to
decide. Removing it would be a guess, and could splice the text around it into a new group:
``b((a)a)`` would become ``b(a)``, an annotation that is not in the witness. So the stripped
text is the witness minus exactly the recorded annotations, and stripping it again changes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass

from .pinyin import has_tone_mark, is_han, is_latin, is_syllable

OPENERS = {"(": ")", "（": "）"}
CLOSERS = {")": "(", "）": "（"}
BRACKETS = set(OPENERS) | set(CLOSERS)
NEXT_BRACKET = re.compile("[" + re.escape("".join(sorted(BRACKETS))) + "]")
# Longer than any pinyin syllable, even with its tone marks decomposed (NFD): longer bracket
# contents are not looked up (nor copied out of the line) at all.
SYLLABLE_MAX = 16
# After a question mark these may follow without making it suspicious.
AFTER_FINAL_QUESTION = set(" \t\u3000\"'”’」』)）]】》〉.,，。!！?？;；:：…—")
MARKUP = re.compile(r"<[A-Za-z/!?]|&#?[A-Za-z0-9]+;")


@dataclass(frozen=True)
class Annotation:
    char: str      # the annotated character
    pinyin: str    # the syllable in the brackets
    col: int       # 1-based column of '(' in the scanned line
    offset: int    # index of the annotated character in the stripped text


@dataclass(frozen=True)
class Anomaly:
    col: int       # 1-based column in the scanned line: where the reader should look
    length: int    # number of characters of the scanned line involved, from ``col``
    kind: str
    message: str
    start: int = 0  # first column involved when that is before ``col`` (a Latin letter's whole run); 0: ``col``

    @property
    def first(self) -> int:
        """First column of the span the anomaly concerns (an emendation or accepted form must cover it)."""
        return self.start or self.col

    @property
    def last(self) -> int:
        """Last column of the span the anomaly concerns."""
        return self.col + self.length - 1


@dataclass(frozen=True)
class ScannedLine:
    text: str                          # the line with annotations removed
    cols: tuple[int, ...]              # witness column (1-based) of each character of text
    annotations: tuple[Annotation, ...]
    anomalies: tuple[Anomaly, ...]


def strip_annotations(line: str) -> str:
    """The line without its pinyin annotations (convenience over :func:`scan_line`)."""
    return scan_line(line).text


def scan_line(line: str) -> ScannedLine:
    """Scan one witness line in one pass (linear in its length).

    The lookahead from an opening bracket to the next bracket never overlaps another one (the
    characters it passes are not brackets, and the scan resumes at or before that next bracket),
    so all lookaheads together read each character at most once.
    """
    out: list[str] = []
    cols: list[int] = []
    annotations: list[Annotation] = []
    anomalies: list[Anomaly] = []
    open_text_brackets: list[tuple[str, int]] = []
    in_doubtful_group: set[int] = set()   # indices of text inside a group kept as text
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in OPENERS:
            m = NEXT_BRACKET.search(line, i + 1)
            k = m.start() if m else None
            if k is not None and line[k] in CLOSERS and k - i - 1 <= SYLLABLE_MAX and is_syllable(line[i + 1:k]):
                syllable = line[i + 1:k]
                if ch != "(" or line[k] != ")":
                    anomalies.append(Anomaly(i + 1, k - i + 1, "fullwidth-annotation",
                                             f"pinyin {syllable!r} in full-width or mismatched brackets; "
                                             "the converter's annotations use ASCII ( )"))
                elif not out or not is_han(out[-1]):
                    before = repr(out[-1]) if out else "the start of the line"
                    anomalies.append(Anomaly(i + 1, k - i + 1, "annotation-after-non-han",
                                             f"pinyin annotation ({syllable}) follows {before}, not a Han character "
                                             "(symptom of a corrupted span)"))
                else:
                    annotations.append(Annotation(out[-1], syllable, i + 1, len(out) - 1))
                    i = k + 1
                    continue
                # Not the converter's: reported above, kept as text (its inside is not re-reported).
                for j in range(i, k + 1):
                    in_doubtful_group.add(len(out))
                    out.append(line[j])
                    cols.append(j + 1)
                i = k + 1
                continue
            if k is not None and line[k] in OPENERS:
                anomalies.append(Anomaly(i + 1, 1, "bracket",
                                         f"bracket {ch!r} is followed by another opening bracket at column {k + 1} "
                                         "before it closes (nested or unbalanced brackets)"))
            elif k is None:
                anomalies.append(Anomaly(i + 1, 1, "bracket", f"unbalanced bracket: {ch!r} is never closed"))
            open_text_brackets.append((ch, i + 1))
        elif ch in CLOSERS:
            if open_text_brackets and open_text_brackets[-1][0] == CLOSERS[ch]:
                open_text_brackets.pop()
            else:
                anomalies.append(Anomaly(i + 1, 1, "bracket", f"unbalanced bracket: {ch!r} closes nothing"))
        out.append(ch)
        cols.append(i + 1)
        i += 1
    text = "".join(out)
    anomalies.extend(_text_anomalies(text, cols, in_doubtful_group))
    anomalies.sort(key=lambda a: (a.col, a.kind))
    return ScannedLine(text, tuple(cols), tuple(annotations), tuple(anomalies))


def _text_anomalies(text: str, cols: list[int], skip: Set[int] = frozenset()) -> list[Anomaly]:
    found = []
    run_start = 0  # where the run of Latin letters that ``ch`` belongs to starts
    for idx, ch in enumerate(text):
        latin = is_latin(ch)
        if latin and (idx == 0 or not is_latin(text[idx - 1])):
            run_start = idx
        if idx in skip:
            continue
        col = cols[idx]
        nxt = text[idx + 1] if idx + 1 < len(text) else ""
        if ch == "\ufffd":
            found.append(Anomaly(col, 1, "replacement-char", "U+FFFD replacement character (undecodable bytes)"))
        elif ch == "?" and nxt and nxt not in AFTER_FINAL_QUESTION:
            found.append(Anomaly(col, 1, "question-mark",
                                 f"'?' inside running text before {nxt!r} (a decoder's mark for undecodable bytes?)"))
        elif unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
            found.append(Anomaly(col, 1, "control", f"control or invisible character U+{ord(ch):04X}"))
        elif has_tone_mark(ch):
            found.append(Anomaly(col, 1, "tone-letter",
                                 f"tone-marked letter {ch!r} outside a pinyin annotation"))
        if latin and ((nxt and is_han(nxt)) or (idx > 0 and is_han(text[idx - 1]))):
            # Reported at the glued letter itself; what resolves it must cover its whole run of
            # letters (an accepted form B端 does not cover AB端).
            found.append(Anomaly(col, 1, "latin-han",
                                 f"Latin letter {ch!r} glued to a Han character outside an annotation",
                                 start=cols[run_start]))
    for m in MARKUP.finditer(text):
        found.append(Anomaly(cols[m.start()], cols[m.end() - 1] - cols[m.start()] + 1, "markup",
                             f"markup {m.group()!r}… in the text (HTML in a scraped page is not the author's)"))
    return found
