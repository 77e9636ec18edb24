"""Liveness and version."""

from __future__ import annotations

import msgspec
from litestar import MediaType

from torc_server import __version__
from torc_server.contract import models as m
from torc_server.http.routing import operation


@operation("ping")
def ping() -> m.PingResponse:
    return m.PingResponse(status="ok")


@operation("get_version", media_type=MediaType.JSON)
def get_version() -> bytes:
    # The document's version_response is a bare JSON string; Litestar would send a returned str
    # as is (unquoted), so encode it here.
    return msgspec.json.encode(__version__)


HANDLERS = [ping, get_version]
