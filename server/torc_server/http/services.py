"""What a server serves with, whoever answers its requests: the database, the engine, the
snapshots, the guard. Made before (and without) the Litestar app, so that a private server
answers its first requests before Litestar is imported (`http.direct`, `process.gateway`)."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field

from torc_server.auth.guard import Guard
from torc_server.auth.settings import AuthSettings
from torc_server.engine import Engine
from torc_server.snapshots import Snapshots
from torc_server.storage.database import Database


@dataclass(frozen=True)
class Settings:
    """What the server needs to start; `torc-server run` passes it through the environment."""

    database: str = "torc.db"
    announce_port: int | None = None  # print TORC_SERVER_PORT=<port> once serving
    snapshot_interval_seconds: float | None = None
    auth: AuthSettings = field(default_factory=AuthSettings)
    first_operations: frozenset[str] | None = None
    """Register only these operations' routes at start, the others when a request may need one
    (`http.later_routes`; a private server's start is on its command's critical path). None:
    every route at start."""

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


@dataclass
class Services:
    db: Database
    engine: Engine
    snapshots: Snapshots
    guard: Guard | None
    """Who may do what: one guard in front of every route (None when nobody needs telling
    apart)."""

    @classmethod
    def open(cls, settings: Settings) -> Services:
        db = Database(settings.database)
        return cls(
            db=db,
            engine=Engine(db),
            snapshots=Snapshots.from_env(db, settings.snapshot_interval_seconds),
            guard=Guard(settings.auth, db) if settings.auth.active else None,
        )

    def for_handlers(self) -> dict[str, object]:
        """What handlers are given besides the request's own values (the app's dependencies)."""
        return {"engine": self.engine, "db": self.db}

    def reload_on_hangup(self) -> None:
        if self.guard is not None:
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.guard.reload)

    def started(self) -> None:
        """When serving starts (the app's startup hooks)."""
        self.snapshots.start()
        self.reload_on_hangup()

    def stopped(self) -> None:
        """When serving has ended (the app's shutdown hooks)."""
        self.snapshots.stop()
        self.db.close()
