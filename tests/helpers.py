"""Small crafted projects for tests: a witness and editorial data in a temporary folder."""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

NOTE = {"zh": "测试", "en": "test"}
CONVERSION = {
    "simplified": {"config": "t2s", "reason": NOTE, "candidates": {}},
    "traditional": {"config": "s2tw", "reason": NOTE, "candidates": {}},
    "punctuation": {"reason": NOTE,
                    "map": {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}},
}


def dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(tmp: Path, witness: str | bytes, *, emendations=(), accepted=(), sic=(), boilerplate=(),
                 conversion=None, translation=None, notes=()) -> Path:
    data = witness.encode("utf-8") if isinstance(witness, str) else witness
    (tmp / "source").mkdir(parents=True, exist_ok=True)
    (tmp / "source" / "w.txt").write_bytes(data)
    dump(tmp / "editorial" / "witness.yaml", {
        "file": "source/w.txt", "sha256": hashlib.sha256(data).hexdigest(), "url": "example.invalid/w.html",
        "published": "2020-10-09", "description": {"zh": "测试", "en": "crafted"},
        "title": {"zh": "测试", "note": "supplied"}})
    dump(tmp / "editorial" / "boilerplate.yaml", {"rules": list(boilerplate)})
    dump(tmp / "editorial" / "emendations.yaml", {"emendations": list(emendations), "accepted": list(accepted)})
    dump(tmp / "editorial" / "sic.yaml", {"sic": list(sic)})
    dump(tmp / "editorial" / "conversion.yaml", conversion or CONVERSION)
    if translation is not None:
        dump(tmp / "editorial" / "translation.en.yaml", {
            "language": "en", "translator": "T", "title": "Test", "notes": list(notes), "paragraphs": translation})
    return tmp


def replace_witness(root: Path, witness: str) -> None:
    """Put another witness in a crafted project and record its hash, as an editor would deliberately."""
    data = witness.encode("utf-8")
    (root / "source" / "w.txt").write_bytes(data)
    path = root / "editorial" / "witness.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    dump(path, {**meta, "sha256": hashlib.sha256(data).hexdigest()})
