"""`torc-server`: run the Torc REST API server."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Annotated

import cyclopts
import psutil
from granian import Granian
from granian.constants import Interfaces

from torc_server import __version__
from torc_server.auth.settings import AuthSettings

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
    snapshot_interval_seconds: Annotated[
        float | None,
        cyclopts.Parameter(
            help="Also snapshot the database this often (SIGUSR1 always takes one). "
            "Target: $TORC_SERVER_SNAPSHOT_PATH, keeping $TORC_SERVER_SNAPSHOT_KEEP files."
        ),
    ] = None,
    # -- authentication and access control (torc_server.auth) --------------------------------
    auth_file: Annotated[
        str | None,
        cyclopts.Parameter(
            env_var="TORC_AUTH_FILE",
            help="htpasswd file (bcrypt; see torc-htpasswd): HTTP Basic authentication. "
            "Re-read when it changes or on SIGHUP.",
        ),
    ] = None,
    require_auth: Annotated[
        bool,
        cyclopts.Parameter(
            negative=(), help="Refuse requests without credentials (needs --auth-file)."
        ),
    ] = False,
    enforce_access_control: Annotated[
        bool,
        cyclopts.Parameter(
            negative=(),
            help="Users reach only their own workflows and those shared with their access groups.",
        ),
    ] = False,
    admin_user: Annotated[
        list[str] | None,
        cyclopts.Parameter(
            name="--admin-user",
            negative=(),
            help="A user who may manage access groups (repeat for more).",
        ),
    ] = None,
) -> None:
    """Start the server and serve until interrupted."""
    if threads < 1:
        raise SystemExit("torc-server: --threads must be 1 or more")
    db = database or os.environ.get("DATABASE_URL", "").removeprefix("sqlite:") or "torc.db"
    if db != ":memory:":
        db = str(Path(db).expanduser().resolve())
    auth = AuthSettings(
        auth_file=auth_file,
        require_auth=require_auth,
        enforce_access_control=enforce_access_control,
        admin_users=tuple(admin_user or ()),
    )
    if auth.problem():
        raise SystemExit(f"torc-server: {auth.problem()}")
    auth.to_env()
    chosen = _free_port(host) if port == 0 else port
    os.environ["TORC_SERVER__DATABASE"] = db
    os.environ["TORC_SERVER__LOG_LEVEL"] = {"warn": "warning", "trace": "debug"}.get(
        log_level, log_level
    )
    if snapshot_interval_seconds:
        os.environ["TORC_SERVER_SNAPSHOT_INTERVAL"] = str(snapshot_interval_seconds)
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
    signal.signal(signal.SIGUSR1, _forward_to_workers)
    server.signal_handler_reload = _forward_to_workers  # type: ignore[method-assign]  # SIGHUP: re-read --auth-file, no restart
    server.serve()


def _forward_to_workers(signum: int, _frame: object) -> None:
    """SIGUSR1 reaches the main process; the database lives in the worker."""
    for child in psutil.Process().children():
        with contextlib.suppress(psutil.Error):
            child.send_signal(signum)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
