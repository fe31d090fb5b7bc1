"""Shared fixtures: the built site, served from a loopback HTTP server, and Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the whole site (three versions, and the zip of the site read from a folder) once with
    ``mkdocs build --strict``; returns (dir, base URL, port, log)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("site")
    # with the zip of the site read from a folder, as `make build` makes it (tests/test_offline.py)
    env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1", "EDITION_OFFLINE_ZIP": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, base, port, result.stderr


@pytest.fixture(scope="session")
def site_url(built_site):
    out, base, port, _ = built_site
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "chromium_sandbox": False,
            "args": ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"]}
    if Path(CHROMIUM).exists():
        args["executable_path"] = CHROMIUM
    return args


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
