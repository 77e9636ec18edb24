"""The `torc-server service` commands (see `service`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import cyclopts
from cyclopts import Parameter

from torc_server.process import service

app = cyclopts.App(
    name="service",
    help="Run torc-server as a systemd service (--user for your own, system-wide otherwise).",
)

User = Annotated[
    bool, Parameter(negative=(), help="A user service (systemctl --user), not a system one.")
]
UnitDir = Annotated[
    Path | None,
    Parameter(
        help="Write the unit file in this directory instead of systemd's, and leave systemd "
        "alone (packaging, tests)."
    ),
]


@app.command
def install(
    *,
    user: User = False,
    unit_dir: UnitDir = None,
    log_dir: Annotated[
        str | None,
        Parameter(help="Log directory. Default ~/.torc/logs (user), /var/log/torc (system)."),
    ] = None,
    database: Annotated[
        str | None,
        Parameter(
            name=["--database", "-d"],
            help="Database file. Default ~/.torc/torc.db (user), /var/lib/torc/torc.db (system).",
        ),
    ] = None,
    host: Annotated[
        str, Parameter(name=["--host", "--url"], help="Address to listen on.")
    ] = "0.0.0.0",
    port: Annotated[int, Parameter(help="Port to listen on.")] = 8080,
    threads: Annotated[int, Parameter(help="Threads for the HTTP runtime.")] = 4,
    log_level: Annotated[str, Parameter(help="error, warn, info, debug or trace.")] = "info",
    json_logs: Annotated[bool, Parameter(negative=(), help="JSON log files.")] = False,
    https: Annotated[bool, Parameter(negative=(), help="Serve HTTPS.")] = False,
    tls_cert: Annotated[str | None, Parameter(help="Certificate chain (PEM).")] = None,
    tls_key: Annotated[str | None, Parameter(help="Private key (PEM).")] = None,
    auth_file: Annotated[str | None, Parameter(help="htpasswd file of the users.")] = None,
    require_auth: Annotated[
        bool, Parameter(negative=(), help="Refuse requests without valid credentials.")
    ] = False,
    enforce_access_control: Annotated[
        bool, Parameter(negative=(), help="Users see only their own and their groups' workflows.")
    ] = False,
    admin_user: Annotated[
        list[str] | None,
        Parameter(negative_iterable=(), help="A user who manages access groups (repeatable)."),
    ] = None,
    run_as: Annotated[
        str | None,
        Parameter(help="System service: the account the server runs as (User= and Group=)."),
    ] = None,
) -> None:
    """Write the unit file from these options, then enable it (systemctl daemon-reload, enable)."""
    options = service.ServiceOptions(
        user=user,
        log_dir=log_dir,
        database=database,
        host=host,
        port=port,
        threads=threads,
        log_level=log_level,
        json_logs=json_logs,
        https=https,
        tls_cert=tls_cert,
        tls_key=tls_key,
        auth_file=auth_file,
        require_auth=require_auth,
        enforce_access_control=enforce_access_control,
        admin_users=list(admin_user or []),
        run_as=run_as,
    )
    for line in service.install(options, unit_dir):
        print(line)


@app.command
def uninstall(*, user: User = False, unit_dir: UnitDir = None) -> None:
    """Stop and disable the service, and remove its unit file."""
    for line in service.uninstall(user, unit_dir):
        print(line)


@app.command
def start(*, user: User = False) -> None:
    """Start the service."""
    service.systemctl(user, "start", service.UNIT_NAME)


@app.command
def stop(*, user: User = False) -> None:
    """Stop the service (the server stops within seconds, open streams included)."""
    service.systemctl(user, "stop", service.UNIT_NAME)


@app.command
def status(*, user: User = False) -> int:
    """Show the service's state and its latest log lines (systemctl status)."""
    done = service.systemctl(user, "status", "--no-pager", service.UNIT_NAME, check=False)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode
