"""A real torc-dash process against a real torc-server, and headless Chromium driving its page.

The browser is Debian's `chromium` (`.ci/run` installs it), driven by Playwright from PyPI with
the system executable: no browser download. Screenshots of each tab are kept as test artifacts
under `.cache/artifacts/dash/` (or `$TORC_TEST_ARTIFACTS/dash/`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningServer, start_server, stop_server

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BIN = Path(sys.executable).parent


def artifacts_dir() -> Path:
    base = os.environ.get("TORC_TEST_ARTIFACTS")
    path = Path(base) / "dash" if base else REPO / ".cache" / "artifacts" / "dash"
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dash_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TORC_", "PYTEST_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Dash:
    process: subprocess.Popen[str]
    port: int
    cwd: Path
    log: Path
    api_url: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_dash(cwd: Path, *args: str, env: dict[str, str], port: int | None = None) -> Dash:
    """`torc-dash --port <free> *args` in `cwd`, waited for until it serves its page."""
    port = port or free_port()
    log = cwd / "torc-dash.log"
    command = [str(BIN / "torc-dash"), *args]
    if port and "--port" not in args and "TORC_DASH__PORT" not in env:
        command += ["--port", str(port)]
    with open(log, "a") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, text=True
        )
    dash = Dash(process, port, cwd, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"torc-dash exited: {log.read_text()}")
        try:
            if httpx.get(f"{dash.url}/api/info", timeout=1).status_code == 200:
                return dash
        except httpx.HTTPError:
            time.sleep(0.1)
    stop_dash(dash)
    raise RuntimeError(f"torc-dash did not serve: {log.read_text()}")


def stop_dash(dash: Dash) -> None:
    dash.process.send_signal(signal.SIGINT)
    try:
        dash.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        dash.process.kill()
        dash.process.wait()


@pytest.fixture(scope="module")
def dash_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("dash-server") / "torc.db")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def dash(dash_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dash]:
    """torc-dash in a directory holding the examples' scripts and data (the diamond workflow
    names them relative to the working directory, where `torc run` starts its jobs)."""
    cwd = tmp_path_factory.mktemp("dash")
    for name in ("scripts", "data"):
        shutil.copytree(REPO / "examples" / name, cwd / "examples" / name)
    running = start_dash(
        cwd,
        "--api-url",
        dash_server.url,
        "--torc-bin",
        str(BIN / "torc"),
        # `torc run` started by the dashboard reads its poll interval from the configuration
        env=dash_env(cwd, TORC_CLIENT__RUN__POLL_INTERVAL="0.2"),
    )
    running.api_url = dash_server.url
    yield running
    stop_dash(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, dash: Dash) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 860})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(dash.url)
    page.wait_for_function("window.__dashReady === true")
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
