"""The runner's frequent operations answered directly, without Litestar's per-request pipeline.

A runner's turn is one `complete_jobs` request (and, from older runners or special cases,
`start_job`, `complete_job`, `manage_status_change`). Through Litestar, its routing, hooks,
dependency injection, response objects and the ASGI messages cost more server CPU than the
work itself. Here the same handler functions run with the same strict body decoding, the same
error answers and the same checks; and the same guard when the server has authentication
(`process/gateway.py` asks it first). Everything else (any other operation, a path or body these
patterns do not take exactly) is left to the Litestar app, which answers as it always did.
"""

from __future__ import annotations

import inspect
import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from torc_server.contract.operations import OPERATIONS
from torc_server.errors import TorcError
from torc_server.http import errors
from torc_server.http.routing import BASE_PATH, strict_body

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


Found = tuple[_Route, re.Match[str]]


class DirectRoutes:
    """The hot operations of one server: `answer()` gives (status, JSON body), or None to leave
    the request to the Litestar app."""

    def __init__(self, handlers: list[Any], services: dict[str, Any]) -> None:
        self.services = services
        self.routes: dict[str, list[_Route]] = {}
        by_id = {handler.operation_id: handler for handler in handlers}
        for operation_id in OPERATION_IDS:
            spec = OPERATIONS[operation_id]
            if spec.query:
                raise RuntimeError(f"{operation_id} takes a query: not served directly")
            call, body_type = by_id[operation_id].opt["direct"]
            if inspect.iscoroutinefunction(call):
                raise RuntimeError(f"{operation_id} is a coroutine: not served directly")
            names = call.__code__.co_varnames[: call.__code__.co_argcount]
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

    def answer_found(self, found: Found, body: bytes, method: str, path: str) -> Answer | None:
        """The answer of a request `find` matched (None: too large a body, for Litestar)."""
        if len(body) > MAX_BODY_BYTES:
            return None
        return self._call(found[0], found[1], body, method, path)

    def answer(self, method: str, path: str, body: bytes) -> Answer | None:
        found = self.find(method, path)
        return None if found is None else self.answer_found(found, body, method, path)

    def _call(
        self, route: _Route, match: re.Match[str], body: bytes, method: str, path: str
    ) -> Answer:
        kwargs: dict[str, Any] = {name: convert(match[name]) for name, convert in route.converters}
        for name in route.services:
            kwargs[name] = self.services[name]
        try:
            if route.decoder is None:
                problem = errors.object_body_problem(body)
                if problem is not None:
                    return _error(400, {"message": problem})
            else:
                kwargs["data"] = strict_body(body, route.decoder, route.body_type)
            answer = route.call(**kwargs)
            # a handler may answer JSON it already encoded (complete_jobs stores its answer)
            return 200, answer if isinstance(answer, bytes) else _ENCODER.encode(answer)
        except TorcError as exc:
            return _error(*errors.torc_error(exc))
        except sqlite3.IntegrityError as exc:
            status, message = errors.integrity_error(exc)
            return _error(status, {"message": message})
        except OverflowError:
            return _error(400, {"message": errors.OVERFLOW})
        except Exception as exc:
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
