"""The site's interface labels for the three versions (i18n/ui.yaml).

zh-Hant labels are generated from the zh-Hans ones with the text's own OpenCC config, so the
Traditional site is the Simplified site converted, UI included. A label missing from one
version, or extra in one, fails the build.
"""
from __future__ import annotations

from pathlib import Path

from .convert import convert
from .data import Mapping, load_yaml
from .errors import EditionError

VERSION_CODES = ("zh-Hans", "zh-Hant", "en")


def load_labels(root: Path | str, traditional_config: str = "s2tw") -> dict[str, dict[str, str]]:
    path = Path(root) / "i18n" / "ui.yaml"
    doc = load_yaml(path)
    if not isinstance(doc, Mapping) or set(doc) != set(VERSION_CODES):
        raise EditionError(str(path), None, None, f"expected exactly the versions {', '.join(VERSION_CODES)}")
    simplified, english = doc["zh-Hans"], doc["en"]
    for key in set(simplified) ^ set(english):
        owner = simplified if key in simplified else english
        raise EditionError(str(path), owner.where(key)[1], None,
                           f"label {key!r} is given for {'zh-Hans' if owner is simplified else 'en'} only")
    traditional = {key: convert(str(value), traditional_config) for key, value in simplified.items()}
    for key, value in (doc["zh-Hant"] or {}).items():
        if key not in simplified:
            raise EditionError(str(path), doc["zh-Hant"].where(key)[1], None, f"unknown label {key!r}")
        traditional[key] = str(value)
    return {"zh-Hans": {k: str(v) for k, v in simplified.items()}, "zh-Hant": traditional,
            "en": {k: str(v) for k, v in english.items()}}
