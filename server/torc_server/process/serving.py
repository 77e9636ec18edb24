"""Serving the API in this process, and stopping whatever happens.

granian's usual mode starts a worker process for the application. That left three ways for a
server not to stop: a signal that came while the worker was starting was lost, a `kill -9` of
the main process left the worker serving on its own, and an open event stream held the worker's
shutdown for as long as its client stayed. Here granian's embedded server runs the application
in this one process, on this process's event loop: nothing is left behind by a `kill -9`,
signals go to the loop (see `signals`), and a stop closes the live event streams before it asks
granian to finish the requests in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import socket
import sqlite3
import ssl
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from torc_server import __version__
from torc_server.process import logs, private, signals, thread_policy
from torc_server.process.options import OptionsError, ServerOptions, auth_settings
from torc_server.process.port import PortTaken

log = logging.getLogger("torc_server")

BACKLOG = 1024
"""Connections the kernel queues before the server accepts them (a herd of starting runners)."""
STREAMS_GRACE = 2.0
"""Seconds a stop waits for the closed event streams to send their end."""
MAX_CONNECTIONS = 10_000
"""Connections served at once; an idle keep-alive connection counts (one per runner)."""


def serve(
    options: ServerOptions,
    ip: str,
    port: int,
    *,
    announce_port: bool = False,
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Serve until a stop signal; the exit code."""
    from granian.constants import Interfaces, SSLProtocols
    from granian.server.embed import Server

    from torc_server.http.direct import DirectRoutes, first_operations
    from torc_server.http.services import Services, Settings
    from torc_server.process.gateway import Gateway, Later
    from torc_server.storage.schema import SchemaTooNewError

    state: dict[str, Any] = {}
    owned = bool(os.environ.get(private.OWNER_PIPE_ENV))  # a private server (`torc -s`)
    # TORC_SERVER_DIRECT_ROUTES=0 sends every request through Litestar (to tell the two
    # paths apart when diagnosing; the answers are the same)
    direct_routes = os.environ.get("TORC_SERVER_DIRECT_ROUTES") != "0"

    def ready() -> None:
        thread_policy.yield_to_python()  # granian's threads exist once the port accepts
        if not gc.isenabled():  # a private server's start (`torc_server.standalone`)
            gc.freeze()  # what the start made lives on: later collections pass it by
            gc.enable()
        if owned:
            log.info(
                "Serving the first operations directly; Litestar %s",
                "imported" if "litestar" in sys.modules else "not imported yet",
            )
        if announce_port:
            print(f"TORC_SERVER_PORT={port}", flush=True)
        if on_ready is not None:
            on_ready()

    def application() -> Gateway:
        settings = Settings(
            database=options.database,
            # announced once the port accepts connections, not when the app starts (before
            # granian listens): a client reading the line must be able to connect at once
            announce_port=None,
            snapshot_interval_seconds=options.snapshot_interval_seconds,
            auth=auth_settings(options),
            first_operations=private.FIRST_OPERATIONS if owned else None,
        )
        try:
            services = Services.open(settings)
        except (sqlite3.Error, SchemaTooNewError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise OptionsError(f"cannot open the database {options.database}: {reason}") from None
        state["services"] = services

        def listening() -> None:
            _when_listening(options, ip, port, ready)

        def build() -> Any:
            from torc_server.app import create_app

            return create_app(settings, services, hooks=False)

        if owned and services.guard is None:
            # serving at once: every operation the command calls is answered directly, and the
            # Litestar app is built when a request first needs it (`gateway.Later`)
            direct = None
            if direct_routes:
                first = first_operations(private.FIRST_OPERATIONS)
                direct = DirectRoutes(first, services.for_handlers(), private.FIRST_OPERATIONS)
            later = Later(build, started=[services.started, listening], stopped=[services.stopped])
            return Gateway(None, direct, None, later=later)
        from torc_server.app import HANDLERS

        app = build()
        app.on_startup[:0] = [services.started]
        app.on_startup.append(listening)
        app.on_shutdown.append(services.stopped)
        direct = DirectRoutes(HANDLERS, services.for_handlers()) if direct_routes else None
        return Gateway(app, direct, services.guard)

    log.info("Starting torc-server %s (database %s)", __version__, options.database)
    _allow_many_connections()
    try:
        server = Server(
            lambda: state["gateway"],
            address=ip,
            port=port,
            interface=Interfaces.RSGI,
            websockets=False,
            runtime_threads=options.threads,
            # Every open keep-alive connection holds one of granian's `backpressure` places, and
            # the embedded server's default (its backlog, 128) left runner 129 of a large
            # allocation waiting: room for thousands of runners, each with its connection.
            backlog=BACKLOG,
            backpressure=MAX_CONNECTIONS,
            factory=True,
            log_level="debug",  # type: ignore[arg-type]
            log_dictconfig=logs.granian_logging(),
            ssl_cert=options.tls_cert if options.https else None,
            ssl_key=options.tls_key if options.https else None,
            ssl_protocol_min=SSLProtocols.tls12,
        )
    except ssl.SSLError as exc:
        raise OptionsError(
            f"cannot use --tls-cert {options.tls_cert} with --tls-key {options.tls_key}: "
            f"{exc.reason or exc}"
        ) from exc

    def stop() -> None:
        services = state.get("services")
        if services is not None:
            services.engine.events.close()
        gateway = state.get("gateway")
        if gateway is None or not gateway.streams:
            server.stop()
            return

        async def after_the_streams() -> None:
            # the closed event streams send their last bytes, then granian stops
            await gateway.streams_ended(STREAMS_GRACE)
            server.stop()

        state["stopping"] = asyncio.get_running_loop().create_task(after_the_streams())

    def snapshot_being_written() -> bool:
        services = state.get("services")
        return bool(services is not None and services.snapshots.writing)

    stopper = signals.Stopper(stop, busy=snapshot_being_written)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        stopper.hand_to_loop(loop)
        if os.environ.get(private.OWNER_PIPE_ENV):
            _watch_owner(loop, stopper)
        gateway = state["gateway"] = application()
        failure: RuntimeError | None = None
        async with gateway.lifespan():
            try:
                await server.serve()
            except RuntimeError as exc:  # raised as itself, not in the lifespan's group
                failure = exc
        if failure is not None:
            raise failure

    try:
        asyncio.run(main())
    except RuntimeError as exc:  # granian's own errors (binding the socket, TLS, ...)
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if "Address already in use" in reason:
            raise PortTaken(
                f"port {port} on {ip} is already in use (another torc-server?); "
                "stop that server or choose another --port"
            ) from None
        raise OptionsError(f"cannot serve on {ip}:{port}: {reason}") from None
    log.info("torc-server stopped")
    return 0


def _watch_owner(loop: asyncio.AbstractEventLoop, stopper: signals.Stopper) -> None:
    """A private server stops when the client that started it ends, however it ends: the
    client holds the only write end of this process's stdin (`process.private`)."""

    def wait() -> None:
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass
        loop.call_soon_threadsafe(stopper.request, "the client that started this server ended")

    threading.Thread(target=wait, name="torc-owner", daemon=True).start()


def _when_listening(
    options: ServerOptions, ip: str, port: int, on_ready: Callable[[], None] | None
) -> None:
    """Say so once the port accepts connections (the application starts before granian
    listens)."""

    def wait() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection((ip, port), timeout=1).close()
            except OSError:
                time.sleep(0.002)  # a client (`torc -s`) waits for this line
                continue
            _ready(options, port, on_ready)
            return
        log.error("the server did not start listening on %s:%d", ip, port)

    threading.Thread(target=wait, name="torc-listening", daemon=True).start()


def _ready(options: ServerOptions, port: int, on_ready: Callable[[], None] | None) -> None:
    log.info(
        "Listening on %s://%s:%d/torc-service/v1 (%d thread%s)",
        options.scheme,
        options.host,
        port,
        options.threads,
        "" if options.threads == 1 else "s",
    )
    if on_ready is not None:
        on_ready()


def _allow_many_connections() -> None:
    """Raise the open-file limit to what the system allows: each runner holds a connection, and
    a soft limit of 1,024 (common on login nodes) would refuse the thousandth runner."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = (
        MAX_CONNECTIONS + 1024
        if hard == resource.RLIM_INFINITY
        else min(hard, MAX_CONNECTIONS + 1024)
    )
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
