"""The whole model as JSON (the stable, schema-described export is a later issue)."""
from __future__ import annotations

import dataclasses
import json

from ..model import Edition


def render_json(edition: Edition) -> str:
    return json.dumps(dataclasses.asdict(edition), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
