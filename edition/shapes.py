"""The declared shape of every data file, checked once, at the edge.

Each editorial file (and ``i18n/ui.yaml``) has a JSON Schema (draft 2020-12) in
``schema/editorial/NAME.schema.json``: which keys a mapping may have (no others), which are
required, the type of every value, the pattern of every id, the values of every enumeration.
:func:`load_checked` loads a file with :func:`edition.data.load_yaml` and validates it; every
violation becomes one line ``file:line:col: what is wrong``, placed at the offending key or
value (:func:`edition.data.locate` turns the error's path into a position), in plain words::

    editorial/argument.yaml:12:9: claims[3].id 'K1"><img src=x one…' must be letters, digits and hyphens, …
    editorial/argument.yaml:8:10: uncited must be a mapping of paragraph ids to …, not a list
    editorial/conversion.yaml:175:5: unknown key 'rule' (expected: reason, map)

The loaders trust what passes: they check only what a schema cannot say (an id used twice, a
paragraph that does not exist, a date that is not in the calendar).
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .data import Key, Mapping, load_yaml, locate
from .errors import EditionError, Problem

SCHEMAS = Path(__file__).resolve().parents[1] / "schema" / "editorial"
SHOWN_CHARS = 24          # a value quoted in a message is cut after this many characters


def schema(name: str) -> dict[str, Any]:
    """The schema of one data file, by name: ``argument``, ``translation.en``, ``ui`` …"""
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator, validators

    # YAML's 2.0 is a number, not a whole number (JSON Schema's "integer" would accept it), and
    # true is not 1.
    types = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    strict = validators.extend(Draft202012Validator, type_checker=types)  # type: ignore[no-untyped-call]
    return strict(schema(name))


def load_checked(path: Path | str, name: str) -> Any:
    """Load ``path`` and check it against the schema ``name``; all its violations at once."""
    doc = load_yaml(path)
    check(doc, name, str(path))
    return doc


def check(doc: Any, name: str, path: str) -> None:
    """Raise one EditionError listing every violation of the schema ``name`` in ``doc``, sorted by place."""
    problems = sorted(set(violations(doc, name, path)), key=lambda p: (p[1] or 0, p[2] or 0, p[3]))
    if problems:
        raise EditionError.many(problems)


def violations(doc: Any, name: str, path: str) -> Iterator[Problem]:
    for error in _validator(name).iter_errors(doc):
        yield from _problems(error, doc, path)


def check_date(doc: Mapping, key: str) -> None:
    """A date the schema let through (``YYYY-MM-DD``) must also be one of the calendar."""
    value = doc[key]
    try:
        datetime.date.fromisoformat(value)
    except ValueError as exc:
        line, col = doc.mark(key)
        raise EditionError(doc.path, line, col, f"{key} {_show(value)} is not a real date ({exc})") from None


# --- messages ------------------------------------------------------------------------------

_TYPES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
          "number": "a number", "boolean": "true or false", "null": "empty"}


def _problems(error: Any, doc: Any, path: str) -> Iterator[Problem]:
    at: list[Key] = list(error.absolute_path)
    schema_: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    keyword, value = error.validator, error.instance
    name = _name(at)

    def problem(message: str, where: list[Key] = at, key: bool = False) -> Problem:
        line, col = locate(doc, where, key=key) or (1, 1)
        return path, line, col, message

    if "propertyNames" in error.relative_schema_path:       # a key of a mapping keyed by data
        container = _name(at) or "the file"
        shown = _show(value) if isinstance(value, str) else repr(value)
        yield problem(f"key {shown} in {container} must be {_expected(error, keyword)}",
                      [*at, value], key=True)
    elif keyword == "additionalProperties":
        allowed = list(schema_.get("properties", {}))
        for extra in _extras(value, allowed):
            yield problem(f"unknown key {extra!r} (expected: {', '.join(allowed)})", [*at, extra], key=True)
    elif keyword == "required":
        for missing in error.validator_value:
            if isinstance(value, dict) and missing not in value:
                yield problem(f"{name}: {missing!r} is missing" if name else f"{missing!r} is missing")
    elif keyword == "type":
        yield problem(_type_message(name, schema_, value))
    elif keyword == "enum":
        yield problem(f"{name} must be one of {', '.join(map(str, error.validator_value))}, not {_show(value)}")
    elif keyword in ("pattern", "minLength", "maxLength"):
        yield problem(f"{name} {_show(value)} must be {_expected(error, keyword)}")
    elif keyword == "minimum":
        yield problem(f"{name} must be {error.validator_value} or more, not {_show(value)}")
    else:  # pragma: no cover - a keyword the schemas do not use yet
        yield problem(f"{name or 'the file'}: " + " ".join(error.message.split())[:200])


def _extras(value: Any, allowed: list[str]) -> list[Any]:
    return [k for k in value if k not in allowed] if isinstance(value, dict) else []


def _expected(error: Any, keyword: str) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return str(description) if description else f"valid ({keyword} {error.validator_value!r})"


def _type_message(name: str, schema_: dict[str, Any], value: Any) -> str:
    wanted = schema_.get("type")
    kinds = [wanted] if isinstance(wanted, str) else list(wanted or [])
    expected = " or ".join(_TYPES.get(k, k) for k in kinds if k != "null" or len(kinds) == 1)
    if "object" in kinds:
        if schema_.get("properties"):
            expected = expected.replace("a mapping", f"a mapping with the keys {', '.join(schema_['properties'])}")
        elif schema_.get("description"):
            expected = expected.replace("a mapping", str(schema_["description"]))
    nothing = " (or nothing)" if "null" in kinds and len(kinds) > 1 else ""
    hint = ""
    if isinstance(value, datetime.date) and "string" in kinds:
        hint = " (YAML reads an unquoted date as a date: write it in quotes, \"2020-10-09\")"
    if not name:
        if value is None:
            return f"the file is empty (expected {expected})"
        return f"the file must be {expected}{nothing}, not {_describe(value)}"
    return f"{name} must be {expected}{nothing}, not {_describe(value)}{hint}"


def _name(path: list[Key]) -> str:
    """``claims[3].summary.zh``; a key that is not a plain word is quoted: ``differences['么 → 幺']``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif isinstance(step, str) and step.replace("-", "").replace("_", "").isascii() and \
                step.replace("-", "").replace("_", "").isalnum():
            out += f".{step}" if out else step
        else:
            out += f"[{_show(step)}]"
    return out


def _show(value: Any) -> str:
    """A value as a message quotes it: on one line, and short."""
    if isinstance(value, str):
        return repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…")
    return _describe(value)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({_show(value)})"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a value of type {type(value).__name__}"
