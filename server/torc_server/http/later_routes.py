"""Routes registered when a request first needs one: a private server (`torc -s`) serves its
command's operations at once and registers the others later.

Registering a route with Litestar (its signature model, its parameter model, the routing trie)
costs about a millisecond, a tenth of a second for all 122 operations, and a private server's
start is on the critical path of its command: `torc -s run` waits for it before its first
request. Registered first are the operations the command is likely to call. A request is routed
among them only when exactly one operation path could be its path and that path's operation
for its method is registered (Litestar picks the route by the path, then the handler by the
method); any other request (another operation, another method, an unknown or unusual path) has
every remaining route registered first, so every request is answered exactly as with every
route registered at start.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from torc_server.contract.operations import OPERATIONS
from torc_server.http.routing import BASE_PATH


class LaterRoutes:
    """The operations (`routing.Operation`) not registered yet, and what tells a request that
    may need one."""

    def __init__(self, handlers: Iterable[Any], first: Collection[str]) -> None:
        self.first: list[Any] = []
        self.later: list[Any] = []
        for handler in handlers:
            (self.first if handler.operation_id in first else self.later).append(handler)
        self._registered = {
            (OPERATIONS[h.operation_id].method.upper(), OPERATIONS[h.operation_id].route)
            for h in self.first
        }
        # every operation path, by its first segment: a parameter takes any one segment (more
        # than Litestar takes, so that any doubt counts as a match)
        self._routes: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for route in sorted({operation.route for operation in OPERATIONS.values()}):
            pattern = re.sub(r"\\\{\w+(?::\w+)?\\\}", "[^/]+", re.escape(route))
            head = "" if "{" in _head(route) else _head(route)  # "": consulted for every path
            self._routes.setdefault(head, []).append((re.compile(pattern), route))

    def needed(self, method: str, path: str) -> bool:
        """Whether a request may need a route registered later: no only when exactly one
        operation path matches `path` and its `method` operation is registered."""
        if not path.startswith(BASE_PATH + "/") or "//" in path or path.endswith("/"):
            return True
        rest = path[len(BASE_PATH) :]
        candidates = [*self._routes.get(_head(rest), ()), *self._routes.get("", ())]
        matches = [route for pattern, route in candidates if pattern.fullmatch(rest)]
        return len(matches) != 1 or (method.upper(), matches[0]) not in self._registered

    def register(self, app: Any) -> None:
        """Register the remaining routes (once)."""
        later, self.later = self.later, []
        for handler in later:
            app.register(handler.route_handler())


def _head(route: str) -> str:
    return route.split("/", 2)[1]
