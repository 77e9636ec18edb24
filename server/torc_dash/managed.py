"""A torc-server the dashboard starts and stops itself (`--standalone`, Configuration tab).

It listens on 127.0.0.1; port 0 lets the server pick a free one, which it announces on stdout
as `TORC_SERVER_PORT=<port>`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_PATH = "/torc-service/v1"


class ServerStartError(RuntimeError):
    pass


class ManagedServer:
    def __init__(self, server_bin: str = "torc-server") -> None:
        self.server_bin = server_bin
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.log_path: Path | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(
        self, port: int, database: str, log_level: str, completion_check_interval_secs: float
    ) -> list[str]:
        found = shutil.which(self.server_bin)
        if found is None and self.server_bin == "torc-server":
            # a checkout without the console script on PATH: the same module
            head = [sys.executable, "-m", "torc_server.cli"]
        elif found is None:
            raise ServerStartError(f"torc-server binary not found: {self.server_bin}")
        else:
            head = [found]
        return [
            *head,
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database",
            database,
            "--log-level",
            log_level,
            "--completion-check-interval-secs",
            str(completion_check_interval_secs),
            "--ignore-config",  # a shared server's [server] settings are not this private one's
        ]

    def start(
        self,
        *,
        port: int = 0,
        database: str | None = None,
        completion_check_interval_secs: float = 5,
        log_level: str = "info",
        timeout: float = 60.0,
    ) -> str:
        """Start the server, wait for its port, answer its API URL."""
        if self.running:
            raise ServerStartError(
                f"a server started by the dashboard is already running at {self.url}"
            )
        database = database or str(Path("torc_dash_output") / "torc.db")
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        self.log_path = Path(database).expanduser().resolve().parent / "torc_server.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                self.command(port, database, log_level, completion_check_interval_secs),
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
                start_new_session=True,
            )
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        chosen = port or None
        while chosen is None and time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("TORC_SERVER_PORT="):
                chosen = int(line.strip().split("=", 1)[1])
            elif not line and self.process.poll() is not None:
                break
        if chosen is None:
            self.stop()
            raise ServerStartError(f"torc-server did not start; see {self.log_path}")
        self.url = f"http://127.0.0.1:{chosen}{BASE_PATH}"
        _wait_until_serving(self.url, deadline)
        return self.url

    def stop(self) -> None:
        """SIGTERM (a clean shutdown), SIGKILL to its process group when it does not stop."""
        process, self.process = self.process, None
        self.url = ""
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_serving(url: str, deadline: float) -> None:
    import httpx

    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/ping", timeout=1.0).status_code == 200:
                return
        time.sleep(0.05)
