"""`torc-dash`: serve the web dashboard (and, with `--standalone`, a torc-server of its own)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import cyclopts
from granian import Granian
from granian.constants import Interfaces

from torc_dash import __version__
from torc_dash.managed import ManagedServer, ServerStartError
from torc_dash.settings import resolve

app = cyclopts.App(
    name="torc-dash",
    help="The Torc web dashboard. Settings: flags, then TORC_DASH__* and the [dash] section.",
    version=__version__,
)


@app.default
def serve(
    *,
    port: Annotated[
        int | None, cyclopts.Parameter(name=["--port", "-p"], help="Dashboard port [default: 8090]")
    ] = None,
    host: Annotated[
        str | None, cyclopts.Parameter(help="Dashboard host [default: 127.0.0.1]")
    ] = None,
    api_url: Annotated[
        str | None,
        cyclopts.Parameter(
            name=["--api-url", "-a"],
            help="Torc server API URL [default: http://localhost:8080/torc-service/v1]",
        ),
    ] = None,
    torc_bin: Annotated[
        str | None, cyclopts.Parameter(help="Path to torc CLI binary [default: torc]")
    ] = None,
    torc_server_bin: Annotated[
        str | None, cyclopts.Parameter(help="Path to torc-server binary [default: torc-server]")
    ] = None,
    standalone: Annotated[
        bool | None,
        cyclopts.Parameter(negative=(), help="Auto-start torc-server alongside dashboard"),
    ] = None,
    server_port: Annotated[
        int | None,
        cyclopts.Parameter(help="Server port in standalone mode (0 = auto-detect) [default: 0]"),
    ] = None,
    database: Annotated[
        str | None, cyclopts.Parameter(help="Database path for standalone server")
    ] = None,
    completion_check_interval_secs: Annotated[
        int | None, cyclopts.Parameter(help="Server polling interval [default: 5]")
    ] = None,
) -> None:
    """Serve the dashboard until interrupted."""
    settings, warnings = resolve(
        {
            "port": port,
            "host": host,
            "api_url": api_url,
            "torc_bin": torc_bin,
            "torc_server_bin": torc_server_bin,
            "standalone": standalone,
            "server_port": server_port,
            "database": database,
            "completion_check_interval_secs": completion_check_interval_secs,
        }
    )
    for warning in warnings:
        print(f"torc-dash: warning: {warning} (ignored)", file=sys.stderr)
    if not 1 <= settings.port <= 65535:
        raise SystemExit(f"torc-dash: --port must be 1 to 65535, not {settings.port}")
    if not 0 <= settings.server_port <= 65535:
        raise SystemExit(f"torc-dash: --server-port must be 0 to 65535, not {settings.server_port}")
    if not settings.api_url.startswith(("http://", "https://")):
        raise SystemExit(
            f"torc-dash: --api-url must start with http:// or https://: {settings.api_url}"
        )
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"torc-dash: warning: listening on {settings.host}: anyone who reaches this port acts "
            "on the torc server with the dashboard's login; put HTTPS and authentication in front",
            file=sys.stderr,
        )
    managed = ManagedServer(settings.torc_server_bin)
    if settings.standalone:
        try:
            settings.api_url = managed.start(
                port=settings.server_port,
                database=settings.database,
                completion_check_interval_secs=settings.completion_check_interval_secs,
            )
        except ServerStartError as exc:
            raise SystemExit(f"torc-dash: {exc}") from None
        print(f"torc-dash: started torc-server at {settings.api_url}", file=sys.stderr)
        settings.managed_server_pid = managed.process.pid if managed.process else None
    settings.to_env()
    print(f"torc-dash: serving http://{settings.host}:{settings.port}", file=sys.stderr, flush=True)
    try:
        Granian(
            "torc_dash.app:app_from_env",
            factory=True,
            address=settings.host,
            port=settings.port,
            interface=Interfaces.ASGI,
            workers=1,
            log_level="warning",  # type: ignore[arg-type]
        ).serve()
    finally:
        managed.stop()


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
