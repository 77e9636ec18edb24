"""What granian calls for every request: the runner's hot operations answered directly, every
other request handed to the Litestar app.

granian's RSGI interface passes a request to Python as one call and takes the answer as one call
(`response_bytes`); its ASGI interface exchanges a message dictionary per step through futures
that wake the event loop from granian's thread. The gateway speaks RSGI to granian and ASGI to
Litestar: a request for Litestar gets the scope it would have had from granian's ASGI interface,
its body, the client's disconnect (the live event streams wait for it), and its answer whole or
streamed. The application's startup and shutdown hooks run through `lifespan()`.

A private server's gateway starts without the Litestar app (`Later`): its direct routes answer
every operation its command calls, and the first request they do not take builds the app
(importing Litestar, a fifth of a second) and waits for it, as every request after it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import msgspec
from granian.rsgi import ProtocolClosed

from torc_server.auth.guard import Asked, Guard
from torc_server.http.direct import DirectRoutes, Found

JSON = [("content-type", "application/json")]
_ERROR = msgspec.json.Encoder()
DIRECT = " (direct)"  # the request log's mark of an answer from the direct routes
_ASGI = {"version": "3.0", "spec_version": "2.3"}
log = logging.getLogger("torc_server")


@dataclass
class Later:
    """The Litestar app built when a request first needs it, and what runs when serving starts
    and ends in its stead (the app's own hooks, had it been built at start)."""

    build: Callable[[], Any]
    started: list[Callable[[], None]] = field(default_factory=list)
    stopped: list[Callable[[], None]] = field(default_factory=list)


class Gateway:
    """The RSGI application of the server (see the module's docstring)."""

    def __init__(
        self,
        app: Any,
        direct: DirectRoutes | None,
        guard: Guard | None = None,
        *,
        later: Later | None = None,
    ) -> None:
        if (app is None) == (later is None):
            raise ValueError("a gateway has an app, or builds it later")
        self.app = app
        self.later = later
        self._building: asyncio.Future[Any] | None = None
        self._app_lifespan: asyncio.Task[None] | None = None  # the app's, once built later
        self._app_stopping = asyncio.Event()
        self.direct = direct
        self.guard = guard
        self.direct_methods = frozenset(direct.routes) if direct is not None else frozenset()
        requests = logging.getLogger("torc_server.http")
        self.log = requests if requests.isEnabledFor(logging.DEBUG) else None
        self.streams: set[asyncio.Task[Any]] = set()  # requests answering with a stream

    async def streams_ended(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) for the streamed answers to end: granian's stop
        cuts a stream still open, and its client sees a truncated answer, not an end."""
        if self.streams:
            await asyncio.wait(list(self.streams), timeout=timeout)

    @contextlib.asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """The app's startup hooks, then serving, then its shutdown hooks."""
        if self.later is None:
            async with self.app.lifespan():
                yield
            return
        for hook in self.later.started:
            hook()
        try:
            yield
        finally:
            try:
                if self._app_lifespan is not None:
                    self._app_stopping.set()
                    await self._app_lifespan
            finally:
                for hook in self.later.stopped:
                    hook()

    async def application(self, why: str = "") -> Any:
        """The Litestar app, built now if it is not yet (once, however many requests wait)."""
        if self.app is not None:
            return self.app
        if self._building is None:
            self._building = asyncio.ensure_future(self._build(why))
        return await asyncio.shield(self._building)

    async def _build(self, why: str) -> Any:
        assert self.later is not None
        started = time.monotonic()
        app = self.later.build()
        entered = asyncio.get_running_loop().create_future()

        async def lifespan() -> None:
            # entered and left in a task of its own (the app's task group must be)
            async with app.lifespan():
                entered.set_result(None)
                await self._app_stopping.wait()

        task = self._app_lifespan = asyncio.ensure_future(lifespan())
        task.add_done_callback(
            lambda done: (
                entered.done()
                or entered.set_exception(
                    (None if done.cancelled() else done.exception())
                    or RuntimeError("the app's startup ended early")
                )
            )
        )
        await entered
        self.app = app
        log.info("Litestar app built for %s (%.0f ms)", why, (time.monotonic() - started) * 1000)
        return app

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        if scope.proto != "http":  # websockets are off: nothing else arrives
            return
        started = time.monotonic() if self.log is not None else 0.0
        method = scope.method
        body: bytes | None = None
        if method in self.direct_methods:
            assert self.direct is not None
            path = scope.path
            found = self.direct.find(method, path)
            if found is not None:
                body = await proto()
                if self.guard is not None:
                    refused = await self._refused(scope, proto, found, body)
                    if refused is not None:
                        if self.log is not None:
                            self._log(scope, refused, started, DIRECT)
                        return
                query = scope.query_string
                if found[0].is_async:
                    answer = await self.direct.answer_found_async(found, body, method, path, query)
                else:
                    answer = self.direct.answer_found(found, body, method, path, query)
            else:
                answer = None  # any other request's body is Litestar's to read (and to limit)
            if answer is not None:
                proto.response_bytes(answer[0], JSON, answer[1])
                if self.log is not None:
                    self._log(scope, answer[0], started, DIRECT)
                return
        status = await self._to_app(scope, proto, body)
        if self.log is not None:
            self._log(scope, status, started)

    async def _refused(self, scope: Any, proto: Any, found: Found, body: bytes) -> int | None:
        """Ask the guard as Litestar's hook would; a refusal is answered here (its status)."""
        assert self.guard is not None

        async def whole_body() -> bytes:
            return body

        header = scope.headers.get("authorization")
        verdict = await self.guard.decide(
            Asked(
                operation_id=found[0].operation_id,
                method=scope.method,
                path=scope.path,
                authorization=None if header is None else header.encode("latin-1", "replace"),
                client=scope.client.rpartition(":")[0],
                path_params=DirectRoutes.path_params(found),
                query=lambda name: [],  # the direct operations take no query
                body=whole_body,
            )
        )
        refusal = verdict.refusal
        if refusal is None:
            return None
        extra = refusal.all_headers or {}
        proto.response_bytes(
            refusal.status,
            [*JSON, *extra.items()],
            _ERROR.encode({"error": {"message": refusal.message}}),
        )
        return refusal.status

    async def _to_app(self, scope: Any, proto: Any, body: bytes | None) -> int:
        """Hand the request to the Litestar app as ASGI; the status it answered."""
        path = scope.path
        server_host, _, server_port = scope.server.rpartition(":")
        client_host, _, client_port = scope.client.rpartition(":")
        asgi_scope = {
            "type": "http",
            "asgi": _ASGI,
            "http_version": scope.http_version,
            "server": (server_host, server_port),
            "client": (client_host, client_port),
            "scheme": scope.scheme,
            "method": scope.method,
            "root_path": "",
            "path": path,
            "raw_path": quote(path).encode(),
            "query_string": scope.query_string.encode("latin-1"),
            "headers": [
                (name.encode("latin-1"), value.encode("latin-1", "replace"))
                for name, value in scope.headers.items()
            ],
            "state": {},
        }
        received = False
        status = 500
        headers: list[tuple[str, str]] = []
        stream: Any = None
        answered = False
        finished = False  # the answer's last part was sent
        over: asyncio.Future[None] | None = None  # set once finished or the client left

        chunks: Any = None  # the body as granian receives it, when not read already

        async def receive() -> dict[str, Any]:
            nonlocal received, body, chunks
            if not received:
                if body is not None:
                    received = True
                    return {"type": "http.request", "body": body, "more_body": False}
                # Part by part, as granian's ASGI interface gives it: `await proto()` would
                # gather the whole body in granian's growing buffer and then copy it (a large
                # workflow body, about 100 MB for a million jobs, would take three times that).
                if chunks is None:
                    chunks = proto.__aiter__()
                try:
                    part = await chunks.__anext__()
                except StopAsyncIteration:
                    received = True
                    return {"type": "http.request", "body": b"", "more_body": False}
                return {"type": "http.request", "body": part, "more_body": True}
            # After its body, a request is over when its answer ended or its client left (a
            # stream waits for this). granian's awaitable cannot be cancelled: a task watches it.
            nonlocal over
            if finished:
                return {"type": "http.disconnect"}
            if over is None:
                ended = over = asyncio.get_running_loop().create_future()
                gone = asyncio.ensure_future(proto.client_disconnect())
                gone.add_done_callback(lambda _: ended.done() or ended.set_result(None))
            await asyncio.shield(over)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, headers, stream, answered, finished
            kind = message["type"]
            if kind == "http.response.start":
                status = message["status"]
                headers = [
                    (name.decode("latin-1"), value.decode("latin-1"))
                    for name, value in message.get("headers") or ()
                ]
            elif kind == "http.response.body":
                data = message.get("body") or b""
                more = message.get("more_body", False)
                if not more:
                    finished = True
                    if over is not None and not over.done():
                        over.set_result(None)
                if stream is None:
                    if not more:
                        answered = True
                        if data:
                            proto.response_bytes(status, headers, data)
                        else:
                            proto.response_empty(status, headers)
                        return
                    answered = True
                    stream = proto.response_stream(status, headers)
                    task = asyncio.current_task()
                    if task is not None:
                        self.streams.add(task)
                        task.add_done_callback(self.streams.discard)
                if data:
                    # a client gone: Litestar learns it from receive() and stops the stream
                    with contextlib.suppress(ProtocolClosed):
                        await stream.send_bytes(data)

        app = self.app if self.app is not None else await self.application(f"{scope.method} {path}")
        await app(asgi_scope, receive, send)
        if not answered:
            proto.response_empty(500, [])
        return status

    def _log(self, scope: Any, status: int, started: float, way: str = "") -> None:
        assert self.log is not None
        self.log.debug(
            "%s %s %d %.1f ms from %s%s",
            scope.method,
            scope.path,
            status,
            (time.monotonic() - started) * 1000,
            scope.client.rpartition(":")[0] or "-",
            way,
        )
