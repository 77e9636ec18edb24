"""Every failure answers JSON `{"error": {"message": ...}}`; 5xx only for bugs."""

from __future__ import annotations

import logging
import re
import sqlite3
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException

from torc_server.contract.operations import OPERATIONS
from torc_server.errors import TorcError
from torc_server.http.failures import OVERFLOW, integrity_error, object_body_problem, torc_error
from torc_server.http.routing import BASE_PATH

log = logging.getLogger("torc_server")


def error_response(status: int, error: str | dict[str, Any]) -> Response[dict[str, Any]]:
    """`{"error": {"message": ...}}`; `error` is the message or the whole error object."""
    body = {"message": error} if isinstance(error, str) else error
    return Response({"error": body}, status_code=status)


def on_torc_error(_: Request[Any, Any, Any], exc: TorcError) -> Response[dict[str, Any]]:
    return error_response(*torc_error(exc))


_BODY_PATH = re.compile(r" - at `\$\.data\.(?P<field>[^`]+)`")


def _body_field(exc: ValidationException) -> str | None:
    """The body field a validation error is about (`name`, `jobs[1].name`), if any."""
    match = _BODY_PATH.search(str(exc.__cause__ or ""))
    return match["field"] if match else None


def _describe_validation(exc: ValidationException) -> str:
    details = exc.extra if isinstance(exc.extra, list) else []
    parts = []
    for item in details:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", "")).strip()
        key, source = item.get("key"), item.get("source")
        field = _body_field(exc) if source == "body" else None
        if message == "'data'" and key == "data":
            parts.append("missing request body: this operation needs a JSON object")
        elif field:
            parts.append(f"invalid request body: field '{field}': {message}")
        elif source == "body" or key in (None, "", "data"):
            parts.append(f"invalid request body: {message}" if message else "invalid request body")
        else:
            parts.append(f"invalid {source or 'parameter'} parameter '{key}': {message}")
    return "; ".join(parts) or str(exc.detail)


def on_http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    if isinstance(exc, ValidationException):
        return error_response(400, _describe_validation(exc))
    if isinstance(exc.__cause__, SerializationException):
        return error_response(400, f"request body is not valid JSON: {exc.detail}")
    if exc.status_code == 404:
        mistyped = _mistyped_path_parameter(request.url.path)
        if mistyped is not None:
            return error_response(400, mistyped)
        return error_response(404, f"no such route: {request.method} {request.url.path}")
    if exc.status_code == 405:
        response = error_response(
            405, f"method {request.method} is not allowed on {request.url.path}"
        )
        allowed = _allowed_methods(request.url.path)
        if allowed:  # RFC 9110: a 405 lists the methods the resource supports
            response.headers["Allow"] = ", ".join(allowed)
        return response
    return error_response(exc.status_code, str(exc.detail))


def _path_patterns() -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """Each document path as a pattern with any value for its parameters, and their types."""
    patterns = []
    for op in OPERATIONS.values():
        params = re.findall(r"\{(\w+):(\w+)\}", op.route)
        regex = re.sub(r"\{\w+:\w+\}", "([^/]+)", op.route)
        patterns.append((re.compile(f"^{BASE_PATH}{regex}$"), params))
    return patterns


_PATTERNS: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []


def _allowed_methods(path: str) -> list[str]:
    """The methods the document serves on a path, in a stable order."""
    methods = set()
    for op in OPERATIONS.values():
        regex = re.sub(r"\{\w+:\w+\}", "[^/]+", op.route)
        if re.match(f"^{BASE_PATH}{regex}$", path):
            methods.add(op.method.upper())
    return sorted(methods)


def _mistyped_path_parameter(path: str) -> str | None:
    """When a path matches a route except that a number is not a number, say which."""
    if not _PATTERNS:
        _PATTERNS.extend(_path_patterns())
    for pattern, params in _PATTERNS:
        match = pattern.match(path)
        if match is None:
            continue
        for (name, kind), value in zip(params, match.groups(), strict=True):
            if kind == "int":
                try:
                    int(value)
                except ValueError:
                    return f"path parameter '{name}' must be an integer, got '{value}'"
    return None


def on_integrity_error(
    _: Request[Any, Any, Any], exc: sqlite3.IntegrityError
) -> Response[dict[str, Any]]:
    return error_response(*integrity_error(exc))


def on_overflow(_: Request[Any, Any, Any], exc: OverflowError) -> Response[dict[str, Any]]:
    return error_response(400, OVERFLOW)


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


async def before_request(request: Request[Any, Any, Any]) -> Response[Any] | None:
    """Checks common to every operation, before its handler runs.

    OPTIONS on a path of the document answers 204 with every method served there (Litestar's
    own answer lists only the methods of one of the path's handlers). An operation that takes
    no body model (its body is ignored, or read by the handler) refuses a body that is not a
    JSON object, as the document says."""
    if request.method == "OPTIONS":
        allowed = _allowed_methods(request.url.path)
        if not allowed:
            return None
        allow = ", ".join([*allowed, "OPTIONS"])
        return Response(None, status_code=204, headers={"Allow": allow})
    if request.method == "GET" or not request.route_handler.opt.get("object_body"):
        return None
    problem = object_body_problem(await request.body())
    return None if problem is None else error_response(400, problem)
