"""Strict loading of the reviewed YAML data files.

Plain PyYAML silently keeps the last of two equal keys; an edition cannot afford that
(a duplicated paragraph id would hide a translation). This loader refuses duplicates and
remembers where every mapping, key, value and list item came from (:func:`locate`), so errors
can name ``file:line:col``. It refuses aliases (``*name``: a data file has no use for them, and
a few nested ones expand to billions of values), and every failure of YAML itself (a syntax
error with the parser's context, a control character, a value YAML cannot read such as the
date ``2020-13-45``) is an :class:`EditionError` naming the place.

The shape of each file is declared and checked in :mod:`edition.shapes`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from .errors import EditionError

Mark = tuple[int, int]          # (line, column), both from 1
Key = str | int                 # one step of a path into a document: a mapping key or a list index


class Mapping(dict[Any, Any]):
    """A dict that knows the file position of itself, of each key and of each value."""

    path: str = ""
    line: int = 0
    col: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}

    @property
    def key_lines(self) -> dict[Any, int]:
        return {key: line for key, (line, _) in self.key_marks.items()}

    def where(self, key: str | None = None) -> tuple[str, int]:
        return self.path, self.key_marks.get(key, (self.line, 0))[0] if key else self.line

    def mark(self, key: Any = None) -> Mark:
        """Where the value of ``key`` starts (where the key stands, for an empty value), or the mapping."""
        return self.value_marks.get(key, (self.line, self.col)) if key is not None else (self.line, self.col)


class Sequence(list[Any]):
    """A list that knows the file position of itself and of each item."""

    path: str = ""
    line: int = 0
    col: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.marks: list[Mark] = []

    def mark(self, index: int | None = None) -> Mark:
        return self.marks[index] if index is not None and 0 <= index < len(self.marks) else (self.line, self.col)


def locate(doc: Any, path: Iterable[Key], *, key: bool = False) -> Mark | None:
    """The (line, col) of the value at ``path`` in a loaded document, or of its key (``key=True``,
    for a mapping entry); the nearest known container when the path leaves the document."""
    steps = list(path)
    node, found = doc, _own_mark(doc)
    for i, step in enumerate(steps):
        if isinstance(node, Mapping) and _has(node, step):
            found = node.key_marks[step] if key and i == len(steps) - 1 else node.value_marks[step]
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node):
            found, node = node.marks[step], node[step]
        else:
            break
    return found


def _has(m: Mapping, key: Any) -> bool:
    try:
        return key in m
    except TypeError:
        return False


def _own_mark(doc: Any) -> Mark | None:
    return (doc.line, doc.col) if isinstance(doc, Mapping | Sequence) else None


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _empty(node: yaml.Node) -> bool:
    """A value left out (``key:`` and nothing): its own mark would point past the key."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


MAX_VALUES = 100_000   # a data file with its aliases expanded; the real files have a few thousand values


class _Loader(yaml.SafeLoader):
    first_alias: yaml.Mark | None = None

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.first_alias is None and self.check_event(yaml.AliasEvent):
            self.first_alias = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:  # !!timestamp 2020-13-45, !!int x, …
            kind = _KINDS.get(node.tag.rsplit(":", 1)[-1], node.tag)
            raise ConstructorError(None, None, f"cannot read {node.value!r} as {kind}: {exc}"
                                   if isinstance(node, yaml.ScalarNode) else f"cannot read this value: {exc}",
                                   node.start_mark) from None


_KINDS = {"timestamp": "a date", "int": "a whole number", "float": "a number", "bool": "true or false",
          "binary": "base64 data"}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    result = Mapping()
    result.path = loader.name
    result.line, result.col = _mark(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError("while constructing a mapping", node.start_mark,
                                   "a key must be a single value, not a list or a mapping",
                                   key_node.start_mark) from None
        if key in result:
            first = result.key_marks[key][0]
            raise EditionError(loader.name, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                               f"duplicate key {key!r} (first at line {first})")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = _mark(key_node)
        result.value_marks[key] = _mark(key_node) if _empty(value_node) else _mark(value_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(item, deep=True) for item in node.value)
    result.path = loader.name
    result.line, result.col = _mark(node)
    result.marks = [_mark(item) for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path | str) -> Any:
    """Load one YAML data file strictly; every failure is an EditionError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError(str(path), None, None, "no such file") from None
    except IsADirectoryError:
        raise EditionError(str(path), None, None, "is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise EditionError(str(path), None, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return loads_yaml(text, str(path))


def loads_yaml(text: str, name: str) -> Any:
    """Load YAML text strictly (see the module); ``name`` is the file named in errors."""
    try:
        loader = _Loader(text)   # reads the text once: a control character stops it here
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, name) from None
    loader.name = name
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if loader.first_alias is not None:
            _check_expansion(node, loader.first_alias)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, name) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, name) from None
    except RecursionError:
        raise EditionError(name, None, None, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, alias: yaml.Mark) -> None:
    """Refuse a document whose aliases expand to more than MAX_VALUES values (a few nested
    aliases can stand for billions, and everything that reads the data would walk them all)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 1                 # while in progress: a recursive alias counts once
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            total = 1
            for child in children:
                total += size(child)
                if total > MAX_VALUES:
                    raise ComposerError(None, None, f"the aliases (*name) expand to more than {MAX_VALUES} values",
                                        alias)
            sizes[id(node)] = total
        return sizes[id(node)]

    size(root)


def _reader_error(exc: yaml.reader.ReaderError, text: str, name: str) -> EditionError:
    line = text.count("\n", 0, exc.position) + 1
    col = exc.position - text.rfind("\n", 0, exc.position)
    what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
    return EditionError(name, line, col, f"invalid YAML: the control character {what} is not allowed")


def _syntax_error(exc: yaml.MarkedYAMLError, name: str) -> EditionError:
    """``file:line:col: invalid YAML: problem (context that began at line L, column C)``: the
    parser's own words, and both of its places."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    message = exc.problem or exc.context or "unreadable"
    if exc.problem and exc.context:
        message += f" ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not mark:
            message += f" that began at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        message += ")"
    return EditionError(name, line, col, "invalid YAML: " + " ".join(message.split()))


_WIDE = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FOLD = re.compile(f"(?<=[{_WIDE}])\\s+(?=[{_WIDE}])")


@dataclass(frozen=True)
class Bilingual:
    """A note written by the editors in Chinese (Simplified) and English."""
    zh: str
    en: str


def bilingual(m: Any, key: str) -> Bilingual:
    """The note ``key`` of a mapping already checked against its shape (``{zh: …, en: …}``, both
    non-empty text), with whitespace tidied."""
    note = m[key]
    return Bilingual(tidy_zh(note["zh"]), " ".join(note["en"].split()))


def tidy_zh(text: str) -> str:
    """Chinese prose as written in a data file: runs of whitespace become one space (YAML
    folds line breaks into spaces), and none is left between two Chinese characters or
    full-width marks, where a line break is only a line break."""
    return _FOLD.sub("", " ".join(text.split()))
