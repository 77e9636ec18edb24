"""A torc-server the dashboard starts and stops itself (`--standalone`, Configuration tab).

It listens on 127.0.0.1; port 0 lets the server pick a free one, which it announces on stdout
as `TORC_SERVER_PORT=<port>`.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

from torc_server.process import private


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
        try:
            return private.command(
                database,
                port=port,
                executable=self.server_bin,
                log_level=log_level,
                completion_check_interval_secs=completion_check_interval_secs,
            )
        except FileNotFoundError as exc:
            raise ServerStartError(str(exc)) from None

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
        with open(self.log_path, "a") as log:
            self.process = private.launch(
                self.command(port, database, log_level, completion_check_interval_secs),
                stderr=log,
            )
        deadline = time.monotonic() + timeout
        chosen = private.read_port(self.process, deadline)
        if chosen is None:
            self.stop()
            raise ServerStartError(f"torc-server did not start; see {self.log_path}")
        self.url = private.url(chosen)
        _wait_until_serving(self.url, deadline)
        return self.url

    def stop(self) -> None:
        """SIGTERM (a clean shutdown), SIGKILL to its process group when it does not stop."""
        process, self.process = self.process, None
        self.url = ""
        private.stop(process)


def _wait_until_serving(url: str, deadline: float) -> None:
    import httpx

    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/ping", timeout=1.0).status_code == 200:
                return
        time.sleep(0.05)
