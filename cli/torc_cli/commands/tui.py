"""`torc tui`: the terminal interface (the Textual application is imported only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cyclopts import Parameter

from torc_cli import session
from torc_cli.session import CliError


def tui(
    *,
    standalone: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Start a torc-server for this session (on 127.0.0.1) and stop it on exit.",
        ),
    ] = False,
    port: Annotated[
        int, Parameter(help="Standalone mode: port of the server (0 picks a free one).")
    ] = 8080,
    database: Annotated[
        Path | None,
        Parameter(help="Standalone mode: database file (default ./torc_output/torc.db)."),
    ] = None,
) -> int:
    """Interactive terminal UI for managing workflows.

    Connects to the server of --url (or the configuration); press ? inside for every key.
    Without a reachable server it says so, and S starts one.
    """
    if not 0 <= port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {port}")
    if (database is not None or port != 8080) and not standalone:
        raise CliError("--port and --database need --standalone")
    from torc_cli.commands.run import default_output_dir
    from torc_cli.tui.app import TorcTui
    from torc_cli.tui.backend import Connection
    from torc_cli.tui.server import ManagedServer, ServerError

    current = session.get()
    connection = Connection(current.url, current.username, current.password)
    server = None
    if standalone:
        current.standalone = True
        server = ManagedServer(port=port, database=database)
        print(f"Starting torc-server on 127.0.0.1:{port} ...", flush=True)
        try:
            connection.url = server.start()
        except ServerError as exc:
            raise CliError(str(exc)) from None
    app = TorcTui(connection, output_dir=default_output_dir(), server=server)
    _stop_server_on_hangup(app)
    try:
        app.run()
    finally:
        if app.server is not None:
            app.server.stop()
    return 0


def _stop_server_on_hangup(app: object) -> None:
    """A dropped SSH connection (SIGHUP) or a SIGTERM must not leave the server the interface
    started running (it is in its own session, so the signal does not reach it)."""
    import os
    import signal

    def handler(signum: int, _frame: object) -> None:
        server = getattr(app, "server", None)
        if server is not None:
            server.stop()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, handler)


COMMANDS = [tui]
