"""Every failure answers JSON `{"error": {"message": ...}}`; 5xx only for bugs."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from torc_server.errors import Conflict, InvalidRequest, NotFound, StateConflict, TorcError

log = logging.getLogger("torc_server")

_STATUS = {InvalidRequest: 400, NotFound: 404, Conflict: 409, StateConflict: 422}


def error_response(status: int, message: str, **extra: Any) -> Response[dict[str, Any]]:
    return Response({"error": {"message": message, **extra}}, status_code=status)


def on_torc_error(_: Request[Any, Any, Any], exc: TorcError) -> Response[dict[str, Any]]:
    return error_response(_STATUS.get(type(exc), 400), exc.message, **exc.extra)


def _describe_validation(exc: ValidationException) -> str:
    details = exc.extra if isinstance(exc.extra, list) else []
    parts = []
    for item in details:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", "")).strip()
        key, source = item.get("key"), item.get("source")
        if source == "body" or key in (None, "", "data"):
            parts.append(f"invalid request body: {message}" if message else "invalid request body")
        else:
            parts.append(f"invalid {source or 'parameter'} parameter '{key}': {message}")
    return "; ".join(parts) or str(exc.detail)


def on_http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    if isinstance(exc, ValidationException):
        return error_response(400, _describe_validation(exc))
    if exc.status_code == 404:
        return error_response(404, f"no such route: {request.method} {request.url.path}")
    if exc.status_code == 405:
        return error_response(405, f"method {request.method} is not allowed on {request.url.path}")
    return error_response(exc.status_code, str(exc.detail))


def on_integrity_error(
    _: Request[Any, Any, Any], exc: sqlite3.IntegrityError
) -> Response[dict[str, Any]]:
    text = str(exc)
    if "FOREIGN KEY" in text:
        return error_response(404, "a referenced record does not exist")
    if "UNIQUE" in text:
        return error_response(409, f"duplicate record: {text}")
    return error_response(400, f"invalid record: {text}")


def on_overflow(_: Request[Any, Any, Any], exc: OverflowError) -> Response[dict[str, Any]]:
    return error_response(400, "an integer value is outside the 64-bit range")


def on_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, f"internal server error: {type(exc).__name__}")


EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {
    TorcError: on_torc_error,
    HTTPException: on_http_error,
    sqlite3.IntegrityError: on_integrity_error,
    OverflowError: on_overflow,
    Exception: on_unexpected,
}
