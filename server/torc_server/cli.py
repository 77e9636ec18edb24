"""`torc-server`: run the Torc REST API server."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Annotated

import cyclopts
from granian import Granian
from granian.constants import Interfaces

from torc_server import __version__

app = cyclopts.App(name="torc-server", help="The Torc workflow server.", version=__version__)


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@app.command
def run(
    *,
    host: Annotated[
        str, cyclopts.Parameter(help="Address to listen on; 0.0.0.0 for all interfaces.")
    ] = "127.0.0.1",
    port: Annotated[
        int,
        cyclopts.Parameter(
            help="Port to listen on; 0 picks a free one and prints TORC_SERVER_PORT=<port>."
        ),
    ] = 8080,
    database: Annotated[
        str | None,
        cyclopts.Parameter(
            name=["--database", "-d"],
            help="SQLite database file, or :memory:. Default: $DATABASE_URL or ./torc.db.",
        ),
    ] = None,
    threads: Annotated[int, cyclopts.Parameter(help="Threads for the HTTP runtime.")] = 1,
    log_level: Annotated[
        str, cyclopts.Parameter(help="error, warn, info, debug or trace.")
    ] = "info",
) -> None:
    """Start the server and serve until interrupted."""
    if threads < 1:
        raise SystemExit("torc-server: --threads must be 1 or more")
    db = database or os.environ.get("DATABASE_URL", "").removeprefix("sqlite:") or "torc.db"
    if db != ":memory:":
        db = str(Path(db).expanduser().resolve())
    chosen = _free_port(host) if port == 0 else port
    os.environ["TORC_SERVER__DATABASE"] = db
    os.environ["TORC_SERVER__LOG_LEVEL"] = {"warn": "warning", "trace": "debug"}.get(
        log_level, log_level
    )
    if port == 0:
        os.environ["TORC_SERVER_ANNOUNCE_PORT"] = str(chosen)
    else:
        os.environ.pop("TORC_SERVER_ANNOUNCE_PORT", None)
    server = Granian(
        "torc_server.app:app_from_env",
        factory=True,
        address=host,
        port=chosen,
        interface=Interfaces.ASGI,
        workers=1,
        runtime_threads=threads,
        log_level={"trace": "debug", "warning": "warn"}.get(log_level, log_level),  # type: ignore[arg-type]
    )
    server.serve()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
