"""Live editing: under `mkdocs serve`, broken data is reported with its location on every failed
rebuild, and readers keep getting the last good site at once (MkDocs alone would hold every
request until the data is fixed, and print the same error only once)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.project import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(log: Path, text: str, count: int = 1, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8", errors="replace").count(text) >= count:
            return
        time.sleep(0.3)
    raise AssertionError(f"{text!r} ×{count} not in the serve log:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _get(url: str) -> tuple[float, str]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=20) as response:
        return time.monotonic() - started, response.read().decode("utf-8")


def without_reload(page: str) -> str:
    return page[:page.rindex("<script")]


def test_serve_keeps_the_last_good_site_and_reports_every_failure(tmp_path):
    project = copy_project(tmp_path / "project")
    port, log = _free_port(), tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, "Serving on")
        _, good = _get(f"http://127.0.0.1:{port}/essay/")
        labels = project / "i18n" / "ui.yaml"
        original = labels.read_text(encoding="utf-8")
        broken = original.replace("  paragraph: 第{n}段", "  paragraph: 第{m}段", 1)
        assert broken != original
        for attempt in (1, 2):  # the same error twice: it must be shown both times
            labels.write_text(broken + f"# edit {attempt}\n", encoding="utf-8")
            _wait_for(log, "still serving the last good site", count=attempt)
            text = log.read_text(encoding="utf-8")
            assert text.count("i18n/ui.yaml:") >= attempt, text[-3000:]
            seconds, page = _get(f"http://127.0.0.1:{port}/essay/")
            # served at once, and the last good page (serve injects its live-reload script with an epoch)
            assert without_reload(page) == without_reload(good) and seconds < 5
        labels.write_text(original, encoding="utf-8")
        _wait_for(log, "Reloading browsers", count=3)
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
