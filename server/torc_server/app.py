"""The Litestar application: the document's operations under /torc-service/v1."""

from __future__ import annotations

import logging
import os
import signal
from dataclasses import dataclass, field
from typing import Any

from litestar import Litestar
from litestar.di import Provide

from torc_server.auth.guard import Guard
from torc_server.auth.settings import AuthSettings
from torc_server.engine import Engine
from torc_server.http import access, actions, jobs, lifecycle, misc, resources, workflows
from torc_server.http.errors import EXCEPTION_HANDLERS, before_request
from torc_server.snapshots import Snapshots
from torc_server.storage.database import Database

MAX_BODY_BYTES = 1024**3  # a whole workflow may arrive in one request

HANDLERS = [
    *misc.HANDLERS,
    *workflows.HANDLERS,
    *lifecycle.HANDLERS,
    *jobs.HANDLERS,
    *resources.HANDLERS,
    *actions.HANDLERS,
    *access.HANDLERS,
]


@dataclass(frozen=True)
class Settings:
    """What the server needs to start; `torc-server run` passes it through the environment."""

    database: str = "torc.db"
    announce_port: int | None = None  # print TORC_SERVER_PORT=<port> once serving
    snapshot_interval_seconds: float | None = None
    auth: AuthSettings = field(default_factory=AuthSettings)

    @classmethod
    def from_env(cls) -> Settings:
        port = os.environ.get("TORC_SERVER_ANNOUNCE_PORT")
        return cls(
            database=os.environ.get("TORC_SERVER__DATABASE")
            or os.environ.get("DATABASE_URL", "").removeprefix("sqlite:")
            or "torc.db",
            announce_port=int(port) if port else None,
            snapshot_interval_seconds=float(os.environ["TORC_SERVER_SNAPSHOT_INTERVAL"])
            if os.environ.get("TORC_SERVER_SNAPSHOT_INTERVAL")
            else None,
            auth=AuthSettings.from_env(),
        )


class TorcApp(Litestar):
    """Litestar with only the plugins the server uses. Litestar adds its Pydantic and attrs
    plugins whenever those packages are importable; the server's models are msgspec structs, and
    importing Pydantic's plugin took a fifth of a second of every server start."""

    @staticmethod
    def _get_default_plugins(plugins: list[Any]) -> list[Any]:
        from litestar.plugins.core import MsgspecDIPlugin

        return [*plugins, MsgspecDIPlugin()]


class _Guarded:
    """The guard first (who may do this), then the checks every operation shares."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    async def __call__(self, request: Any) -> Any:
        refused = await self.guard(request)
        return refused if refused is not None else await before_request(request)


def create_app(settings: Settings) -> Litestar:
    db = Database(settings.database)
    engine = Engine(db)
    snapshots = Snapshots.from_env(db, settings.snapshot_interval_seconds)
    # Who may do what: one guard in front of every route (None when nobody needs telling apart).
    guard = Guard(settings.auth, db) if settings.auth.active else None

    def reload_on_hangup() -> None:
        if guard is not None:
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, guard.reload)

    def announce() -> None:
        if settings.announce_port is not None:
            print(f"TORC_SERVER_PORT={settings.announce_port}", flush=True)

    app = TorcApp(
        route_handlers=HANDLERS,
        dependencies={
            "db": Provide(lambda: db, use_cache=True, sync_to_thread=False),
            "engine": Provide(lambda: engine, use_cache=True, sync_to_thread=False),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=None,
        request_max_body_size=MAX_BODY_BYTES,
        before_request=before_request if guard is None else _Guarded(guard),
        on_startup=[snapshots.start, reload_on_hangup, announce],
        on_shutdown=[snapshots.stop, db.close],
        logging_config=None,
    )
    # torc_server.process closes the live streams when stopping, and waits for a snapshot
    app.state.engine = engine
    app.state.snapshots = snapshots
    app.state.guard = guard  # the gateway's direct path asks it too
    return app


def app_services(app: Litestar) -> dict[str, Any]:
    """What handlers are given besides the request's own values (the app's dependencies)."""
    engine = app.state.engine
    return {"engine": engine, "db": engine.db}


def app_from_env() -> Litestar:
    """Factory for granian workers."""
    logging.basicConfig(level=os.environ.get("TORC_SERVER__LOG_LEVEL", "INFO").upper())
    return create_app(Settings.from_env())
