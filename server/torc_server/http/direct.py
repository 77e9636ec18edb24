"""Operations answered directly, without Litestar's per-request pipeline (and, for a private
server, before Litestar is even imported).

A runner's turn is one `complete_jobs` request (and, from older runners or special cases,
`start_job`, `complete_job`, `manage_status_change`). Through Litestar, its routing, hooks,
dependency injection, response objects and the ASGI messages cost more server CPU than the
work itself. Here the same handler functions run with the same strict body decoding, the same
query decoding (`routing.query`, over the query string parsed as Litestar parses it), the same
error answers and the same checks; and the same guard when the server has authentication
(`process/gateway.py` asks it first). A shared server answers the runner's four operations so;
a private server (`torc -s`, no authentication) every operation its command calls
(`process.private.FIRST_OPERATIONS`), so that it serves at once and builds the Litestar app
only when a request needs it. Everything else (any other operation, a path or body these
patterns do not take exactly) is left to the Litestar app, which answers as it always did.
"""

from __future__ import annotations

import inspect
import logging
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import msgspec

from torc_server.contract.operations import OPERATIONS
from torc_server.errors import TorcError
from torc_server.http import failures
from torc_server.http.routing import BASE_PATH, Operation, strict_body

log = logging.getLogger("torc_server")

OPERATION_IDS = ("complete_jobs", "start_job", "complete_job", "manage_status_change")
"""The operations a runner sends on every turn; each has path parameters only (no query)."""

MAX_BODY_BYTES = 1024**3

_ENCODER = msgspec.json.Encoder()
Answer = tuple[int, bytes]


@dataclass(frozen=True)
class _Route:
    operation_id: str
    pattern: re.Pattern[str]
    converters: tuple[tuple[str, Callable[[str], Any]], ...]
    call: Callable[..., Any]
    services: tuple[str, ...]
    decoder: msgspec.json.Decoder[Any] | None
    body_type: Any
    wants_request: bool  # the handler reads its query (or its body) from a request
    is_async: bool
    checks_object_body: bool  # no body model: a body must still be a JSON object (not for GET)


Found = tuple[_Route, re.Match[str]]


class DirectRequest:
    """What a handler reads of its request when answered here: the query parameters (parsed as
    Litestar parses them: `&`-separated, blank values kept), the scope (nothing set: the
    guard's user is for shared servers, which answer no such operation here), the body."""

    __slots__ = ("_body", "query_params", "scope")

    def __init__(self, query_string: str, body: bytes) -> None:
        self.query_params = _Query(parse_qsl(query_string, keep_blank_values=True, separator="&"))
        self.scope: dict[str, Any] = {}
        self._body = body

    async def body(self) -> bytes:
        return self._body


class _Query:
    """`getall` as Litestar's MultiDict answers it: every value of a name, in order."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def getall(self, name: str, default: list[str]) -> list[str]:
        return [value for key, value in self.pairs if key == name] or default


def first_operations(names: Collection[str]) -> list[Operation]:
    """The operations named, from the handler modules a private server needs at start (none
    of them imports Litestar)."""
    from torc_server.http import actions, jobs, lifecycle, misc, resources, workflows

    modules = (misc, workflows, lifecycle, jobs, resources, actions)
    found = [h for module in modules for h in module.HANDLERS if h.operation_id in names]
    missing = set(names) - {h.operation_id for h in found}
    if missing:
        raise RuntimeError(f"no handler for {sorted(missing)} among the first operations")
    return found


class DirectRoutes:
    """The operations answered directly on one server: `answer()` gives (status, JSON body), or
    None to leave the request to the Litestar app."""

    def __init__(
        self,
        handlers: Iterable[Any],
        services: dict[str, Any],
        operation_ids: Collection[str] = OPERATION_IDS,
    ) -> None:
        self.services = services
        self.routes: dict[str, list[_Route]] = {}
        by_id = {handler.operation_id: handler for handler in handlers}
        for operation_id in operation_ids:
            spec = OPERATIONS[operation_id]
            call, body_type = by_id[operation_id].opt["direct"]
            names = call.__code__.co_varnames[: call.__code__.co_argcount]
            if spec.query and "request" not in names:
                raise RuntimeError(f"{operation_id} takes a query but no request")
            route = _Route(
                operation_id=operation_id,
                pattern=_pattern(spec.route),
                converters=tuple(
                    (name, int if kind == "int" else str)
                    for name, kind in re.findall(r"\{(\w+):(\w+)\}", spec.route)
                ),
                call=call,
                services=tuple(name for name in names if name in services),
                decoder=None if body_type is None else msgspec.json.Decoder(body_type),
                body_type=body_type,
                wants_request="request" in names,
                is_async=inspect.iscoroutinefunction(call),
                checks_object_body=body_type is None and spec.method.upper() != "GET",
            )
            self.routes.setdefault(spec.method.upper(), []).append(route)

    def find(self, method: str, path: str) -> Found | None:
        """The route that serves this request directly, if any (before its body is read)."""
        for route in self.routes.get(method, ()):
            match = route.pattern.fullmatch(path)
            if match is not None:
                return route, match
        return None

    @staticmethod
    def path_params(found: Found) -> dict[str, Any]:
        """The request's path parameters, converted as the handler takes them."""
        route, match = found
        return {name: convert(match[name]) for name, convert in route.converters}

    def answer_found(
        self, found: Found, body: bytes, method: str, path: str, query: str = ""
    ) -> Answer | None:
        """The answer of a request `find` matched to a plain function (None: too large a body,
        for Litestar)."""
        kwargs = self._arguments(found, body, query, method, path)
        if not isinstance(kwargs, dict):
            return kwargs
        try:
            return _answer(found[0].call(**kwargs))
        except Exception as exc:
            return _failure(exc, method, path)

    async def answer_found_async(
        self, found: Found, body: bytes, method: str, path: str, query: str = ""
    ) -> Answer | None:
        """`answer_found` for a route whose handler is a coroutine function (or not)."""
        if not found[0].is_async:
            return self.answer_found(found, body, method, path, query)
        kwargs = self._arguments(found, body, query, method, path)
        if not isinstance(kwargs, dict):
            return kwargs
        try:
            return _answer(await found[0].call(**kwargs))
        except Exception as exc:
            return _failure(exc, method, path)

    def answer(self, method: str, path: str, body: bytes, query: str = "") -> Answer | None:
        """For a plain function's route (tests; the gateway finds first, then reads the body)."""
        found = self.find(method, path)
        if found is None or found[0].is_async:
            return None
        return self.answer_found(found, body, method, path, query)

    def _arguments(
        self, found: Found, body: bytes, query: str, method: str, path: str
    ) -> dict[str, Any] | Answer | None:
        """The handler's arguments, or the answer refusing the request (as Litestar would
        before calling the handler: the body's own checks), or None for too large a body (left
        to Litestar)."""
        if len(body) > MAX_BODY_BYTES:
            return None
        route, match = found
        kwargs: dict[str, Any] = {name: convert(match[name]) for name, convert in route.converters}
        for name in route.services:
            kwargs[name] = self.services[name]
        try:
            if route.decoder is not None:
                kwargs["data"] = strict_body(body, route.decoder, route.body_type)
            elif route.checks_object_body:
                problem = failures.object_body_problem(body)
                if problem is not None:
                    return _error(400, {"message": problem})
        except Exception as exc:
            return _failure(exc, method, path)
        if route.wants_request:
            kwargs["request"] = DirectRequest(query, body)
        return kwargs


def _answer(answer: Any) -> Answer:
    # a handler may answer JSON it already encoded (complete_jobs stores its answer)
    if isinstance(answer, bytes):
        return 200, answer
    if type(answer).__module__.startswith("litestar."):  # a Response (a health check's 503)
        return answer.status_code, _ENCODER.encode(answer.content)
    return 200, _ENCODER.encode(answer)


def _failure(exc: Exception, method: str, path: str) -> Answer:
    """The answer of a handler's exception, as the app's exception handlers give it."""
    if isinstance(exc, TorcError):
        return _error(*failures.torc_error(exc))
    if isinstance(exc, sqlite3.IntegrityError):
        status, message = failures.integrity_error(exc)
        return _error(status, {"message": message})
    if isinstance(exc, OverflowError):
        return _error(400, {"message": failures.OVERFLOW})
    log.exception("internal error on %s %s", method, path, exc_info=exc)
    return _error(500, {"message": f"internal server error: {type(exc).__name__}"})


def _pattern(route: str) -> re.Pattern[str]:
    """A document route as a pattern: an integer parameter takes digits only, a string one a
    segment with nothing to unescape; any other spelling is left to Litestar."""
    regex = re.escape(BASE_PATH + route)
    regex = re.sub(r"\\\{(\w+):int\\\}", r"(?P<\1>[0-9]{1,18})", regex)
    regex = re.sub(r"\\\{(\w+):str\\\}", r"(?P<\1>[A-Za-z0-9_.~-]+)", regex)
    return re.compile(regex)


def _error(status: int, error: dict[str, Any]) -> Answer:
    return status, _ENCODER.encode({"error": error})
