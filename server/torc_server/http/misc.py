"""Liveness and version."""

from __future__ import annotations

from torc_server import __version__
from torc_server.contract import models as m
from torc_server.http.routing import operation


@operation("ping")
def ping() -> m.PingResponse:
    return m.PingResponse(status="ok")


@operation("get_version")
def get_version() -> str:
    return __version__


HANDLERS = [ping, get_version]
