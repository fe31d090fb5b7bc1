"""Strict loading of the reviewed YAML data files.

Plain PyYAML silently keeps the last of two equal keys; an edition cannot afford that
(a duplicated paragraph id would hide a translation). This loader refuses duplicates and
remembers where every mapping and value came from, so errors can name ``file:line:col``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import EditionError


class Mapping(dict[Any, Any]):
    """A dict that knows the file position of itself and of each key."""

    path: str = ""
    line: int = 0
    key_lines: dict[Any, int]

    def where(self, key: str | None = None) -> tuple[str, int]:
        return self.path, self.key_lines.get(key, self.line) if key else self.line


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    result = Mapping()
    result.path = loader.name
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise EditionError(loader.name, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                               f"duplicate key {key!r} (first at line {result.key_lines[key]})")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path | str) -> Any:
    """Load one YAML data file strictly; every failure is an EditionError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError(str(path), None, None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise EditionError(str(path), None, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return loads_yaml(text, str(path))


def loads_yaml(text: str, name: str) -> Any:
    loader = _Loader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise EditionError(name, line, col, f"invalid YAML: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()


_WIDE = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FOLD = re.compile(f"(?<=[{_WIDE}])\\s+(?=[{_WIDE}])")


@dataclass(frozen=True)
class Bilingual:
    """A note written by the editors in Chinese (Simplified) and English."""
    zh: str
    en: str


def bilingual(m: Any, key: str) -> Bilingual:
    """The note ``key`` of a mapping, given as ``{zh: …, en: …}``, with whitespace tidied."""
    value = require(m, key, dict)
    return Bilingual(tidy_zh(require(value, "zh")), " ".join(require(value, "en").split()))


def tidy_zh(text: str) -> str:
    """Chinese prose as written in a data file: runs of whitespace become one space (YAML
    folds line breaks into spaces), and none is left between two Chinese characters or
    full-width marks, where a line break is only a line break."""
    return _FOLD.sub("", " ".join(text.split()))


def require(mapping: Any, key: str, kind: type | tuple[type, ...] = str, where: Mapping | None = None) -> Any:
    """Fetch a required field of the right type or fail naming the file and line."""
    owner = where if where is not None else mapping
    path, line = (owner.path, owner.line) if isinstance(owner, Mapping) else ("<data>", None)
    if not isinstance(mapping, dict):
        raise EditionError(path, line, None, f"expected a mapping with {key!r}")
    if key not in mapping:
        raise EditionError(path, line, None, f"missing field {key!r}")
    value = mapping[key]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise EditionError(path, mapping.where(key)[1] if isinstance(mapping, Mapping) else line, None,
                           f"field {key!r} must be a non-empty {name}")
    return value
