"""What a client's mistake answers, as (status, error object): shared by the Litestar app's
exception handlers (`http.errors`) and the answers given without Litestar (`http.direct`), and
importing nothing of Litestar."""

from __future__ import annotations

import sqlite3
from typing import Any

import msgspec

from torc_server.errors import Conflict, InvalidRequest, NotFound, StateConflict, TorcError

_STATUS = {InvalidRequest: 400, NotFound: 404, Conflict: 409, StateConflict: 422}

OVERFLOW = "an integer value is outside the 64-bit range"


def torc_error(exc: TorcError) -> tuple[int, dict[str, Any]]:
    """The status and error object of a client mistake the engine raised."""
    return _STATUS.get(type(exc), 400), {"message": exc.message, **exc.extra}


def integrity_error(exc: sqlite3.IntegrityError) -> tuple[int, str]:
    """A constraint the database refused a change by, as the client's mistake."""
    text = str(exc)
    if "FOREIGN KEY" in text:
        return 404, "a referenced record does not exist"
    if "UNIQUE" in text:
        return 409, f"duplicate record: {text}"
    return 400, f"invalid record: {text}"


def object_body_problem(raw: bytes) -> str | None:
    """What is wrong with the body of an operation that takes no body model (None: nothing)."""
    if not raw.strip():
        return None
    try:
        body = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        return f"request body is not valid JSON: {exc}"
    if not isinstance(body, dict):
        return "invalid request body: expected a JSON object"
    return None
