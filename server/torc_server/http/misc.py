"""Liveness, health and version."""

from __future__ import annotations

import sqlite3

import msgspec

from torc_server import __version__
from torc_server.contract import models as m
from torc_server.http.routing import operation
from torc_server.storage.database import Database


@operation("ping")
def ping() -> m.PingResponse:
    return m.PingResponse(status="ok")


@operation("get_health")
def get_health(db: Database) -> m.HealthResponse:
    """The database answers a query, or the server says it cannot serve (503)."""
    try:
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        from litestar import Response  # only now: a private server starts without Litestar

        unavailable = m.HealthResponse(status="unavailable", version=__version__, database=str(exc))
        return Response(unavailable, status_code=503)  # type: ignore[return-value]
    return m.HealthResponse(status="ok", version=__version__, database="ok")


@operation("get_version", media_type="application/json")
def get_version() -> bytes:
    # The document's version_response is a bare JSON string; Litestar would send a returned str
    # as is (unquoted), so encode it here.
    return msgspec.json.encode(__version__)


HANDLERS = [ping, get_health, get_version]
