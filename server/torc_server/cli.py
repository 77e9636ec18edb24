"""`torc-server`: run the Torc REST API server, manage it as a service, maintain its database."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import cyclopts
from cyclopts import Parameter

from torc_server import __version__
from torc_server.process.flags import OpsFlags

app = cyclopts.App(name="torc-server", help="The Torc workflow server.", version=__version__)


class StartError(Exception):
    """The server cannot start; printed as one line."""


@app.command
def run(
    *,
    host: Annotated[
        str | None,
        Parameter(
            name=["--host", "--url"],
            help="Address to listen on; 0.0.0.0 for all interfaces, or a routable host name. "
            "[server] url; default localhost. (--url is the same option, for compatibility.)",
        ),
    ] = None,
    port: Annotated[
        int | None,
        Parameter(
            help="Port to listen on; 0 picks a free one and prints TORC_SERVER_PORT=N. "
            "[server] port; default 8080."
        ),
    ] = None,
    database: Annotated[
        str | None,
        Parameter(
            name=["--database", "-d"],
            help="SQLite database file, or :memory:. [server] database, $DATABASE_URL; "
            "default ./torc.db.",
        ),
    ] = None,
    threads: Annotated[
        int | None, Parameter(help="Threads for the HTTP runtime. [server] threads; default 1.")
    ] = None,
    log_level: Annotated[
        str | None,
        Parameter(
            help="error, warn, info, debug (one line per request) or trace. "
            "[server] log_level, $RUST_LOG; default info."
        ),
    ] = None,
    snapshot_interval_seconds: Annotated[
        float | None,
        Parameter(
            help="Also snapshot the database this often (SIGUSR1 always takes one). "
            "Target: $TORC_SERVER_SNAPSHOT_PATH, keeping $TORC_SERVER_SNAPSHOT_KEEP files."
        ),
    ] = None,
    # -- authentication and access control (torc_server.auth) --------------------------------
    auth_file: Annotated[
        str | None,
        cyclopts.Parameter(
            help="htpasswd file (bcrypt; see torc-htpasswd): HTTP Basic authentication. "
            "Re-read when it changes or on SIGHUP. [server] auth_file, $TORC_AUTH_FILE.",
        ),
    ] = None,
    require_auth: Annotated[
        bool | None,
        cyclopts.Parameter(
            negative=(),
            help="Refuse requests without credentials (needs --auth-file). [server] require_auth.",
        ),
    ] = None,
    enforce_access_control: Annotated[
        bool | None,
        cyclopts.Parameter(
            negative=(),
            help="Users reach only their own workflows and those shared with their access groups. "
            "[server] enforce_access_control.",
        ),
    ] = None,
    admin_user: Annotated[
        list[str] | None,
        cyclopts.Parameter(
            name="--admin-user",
            negative=(),
            help="A user who may manage access groups (repeat for more). [server] admin_users.",
        ),
    ] = None,
    # ---- operations: HTTPS, logs, daemon, compatibility (torc_server.process) -------------
    ops: OpsFlags | None = None,
) -> int:
    """Start the server and serve until a signal stops it."""
    from torc_server.process import signals

    signals.catch()
    from torc_server.process.starting import start

    ops = ops or OpsFlags()
    flags: dict[str, Any] = {
        "server.url": host,
        "server.port": port,
        "server.database": database,
        "server.threads": threads,
        "server.log_level": log_level,
        "server.auth_file": auth_file,
        "server.require_auth": require_auth,
        "server.enforce_access_control": enforce_access_control,
        "server.admin_users": list(admin_user) if admin_user else None,
        **ops.config_values(),
    }
    return start(
        flags,
        daemon=ops.daemon,
        pid_file=ops.pid_file,
        snapshot_interval_seconds=snapshot_interval_seconds,
        ignore_config=ops.ignore_config,
    )


# ---- operations: the systemd service and database maintenance -----------------------------
app.command(
    "torc_server.process.service_commands:app",
    name="service",
    help="Run torc-server as a systemd service: install, uninstall, start, stop, status.",
)
app.command(
    "torc_server.db_commands:app",
    name="db",
    help="Maintain the database: backup, check, vacuum, stats, export (safe while serving).",
)


def main() -> None:
    from torc_server.maintenance import MaintenanceError
    from torc_server.process.options import OptionsError
    from torc_server.process.port import PortTaken
    from torc_server.process.service import ServiceError

    try:
        result = app(result_action="return_value")
    except KeyboardInterrupt:
        sys.exit(130)
    except (OptionsError, PortTaken, StartError, ServiceError, MaintenanceError) as exc:
        print(f"torc-server: {exc}", file=sys.stderr)
        sys.exit(1)
    if isinstance(result, int):
        sys.exit(result)


if __name__ == "__main__":
    main()
