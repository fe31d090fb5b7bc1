"""Parse one witness line: remove the converter's pinyin annotations and find anomalies.

Pure functions only. A line is scanned once; the result keeps, for every character of the
stripped text, the column it had in the witness line, so every later report can point back
to ``line:col`` of the witness.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .pinyin import has_tone_mark, is_han, is_latin, is_syllable

OPENERS = {"(": ")", "（": "）"}
CLOSERS = {")": "(", "）": "（"}
BRACKETS = set(OPENERS) | set(CLOSERS)
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
    col: int       # 1-based column in the scanned line
    length: int    # number of characters of the scanned line involved
    kind: str
    message: str


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
    out: list[str] = []
    cols: list[int] = []
    annotations: list[Annotation] = []
    anomalies: list[Anomaly] = []
    open_text_brackets: list[tuple[str, int]] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in OPENERS:
            k = next((j for j in range(i + 1, n) if line[j] in BRACKETS), None)
            if k is not None and line[k] in CLOSERS and is_syllable(line[i + 1:k]):
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
    anomalies.extend(_text_anomalies(text, cols))
    anomalies.sort(key=lambda a: (a.col, a.kind))
    return ScannedLine(text, tuple(cols), tuple(annotations), tuple(anomalies))


def _text_anomalies(text: str, cols: list[int]) -> list[Anomaly]:
    found = []
    for idx, ch in enumerate(text):
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
        if is_latin(ch) and ((nxt and is_han(nxt)) or (idx > 0 and is_han(text[idx - 1]))):
            start = idx
            while start > 0 and is_latin(text[start - 1]):
                start -= 1
            found.append(Anomaly(cols[start], cols[idx] - cols[start] + 1, "latin-han",
                                 f"Latin letter {ch!r} glued to a Han character outside an annotation"))
    for m in MARKUP.finditer(text):
        found.append(Anomaly(cols[m.start()], cols[m.end() - 1] - cols[m.start()] + 1, "markup",
                             f"markup {m.group()!r}… in the text (HTML in a scraped page is not the author's)"))
    return found
