"""A torc-server the interface starts (`S`, or `--standalone`) and stops (`K`).

Its output is kept (the last lines) for `O`. It is started in its own session, so that it
outlives nothing: stopping the interface stops it.
"""

from __future__ import annotations

import collections
import subprocess
import threading
import time
from pathlib import Path

from torc_server.process import private

KEPT_LINES = 2000


class ServerError(Exception):
    """The server could not be started."""


class ManagedServer:
    def __init__(self, *, port: int = 8080, database: Path | None = None) -> None:
        self.port = port
        self.database = database or Path("torc_output") / "torc.db"
        self.process: subprocess.Popen[str] | None = None
        self.output: collections.deque[str] = collections.deque(maxlen=KEPT_LINES)
        self.url = ""
        self._port_known = threading.Event()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def stopped(self) -> bool:
        """Started once, and no longer running."""
        return self.process is not None and self.process.poll() is not None

    def start(self, timeout: float = 60.0) -> str:
        """Start `torc-server run` on 127.0.0.1 and wait until it listens; its URL."""
        if self.running:
            return self.url
        try:
            self.database.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServerError(
                f"cannot use --database {self.database}: {exc.strerror or exc}"
            ) from None
        command = private.command(str(self.database), port=self.port)
        self.output.append(f"$ torc-server run --port {self.port} --database {self.database}")
        self._port_known.clear()
        self.process = private.launch(command, stderr=None, merge_output=True)
        if self.port:
            self.url = private.url(self.port)
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        if not self._serving(timeout):
            self.stop()
            tail = " / ".join(list(self.output)[-3:])
            raise ServerError(f"torc-server did not start: {tail}")
        return self.url

    def _serving(self, timeout: float) -> bool:
        """Wait until the server answers ping (port 0: until it has said which port it took)."""
        import httpx

        deadline = time.monotonic() + timeout
        if not self.port and (not self._port_known.wait(timeout) or not self.url):
            return False
        while time.monotonic() < deadline and self.running:
            try:
                if httpx.get(f"{self.url}/ping", timeout=1.0).status_code == 200:
                    time.sleep(0.3)  # a server already on that port answers too: ours must live
                    return self.running
            except httpx.HTTPError:
                time.sleep(0.1)
        return False

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.startswith("TORC_SERVER_PORT="):
                port = int(line.split("=", 1)[1])
                self.url = private.url(port)
                self._port_known.set()
            self.output.append(line)
        self.output.append(f"[torc-server exited with {process.wait()}]")
        self._port_known.set()

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (a clean shutdown), then SIGKILL to its process group if it lingers."""
        private.stop(self.process, timeout=timeout)
