"""The Litestar application: the document's operations under /torc-service/v1."""

from __future__ import annotations

import logging
import os
from typing import Any

from litestar import Litestar
from litestar.di import Provide

from torc_server.auth.guard import Guard
from torc_server.http import access, actions, jobs, lifecycle, misc, resources, workflows
from torc_server.http.errors import EXCEPTION_HANDLERS, before_request
from torc_server.http.later_routes import LaterRoutes
from torc_server.http.services import Services, Settings

__all__ = ["HANDLERS", "Settings", "app_services", "create_app"]

MAX_BODY_BYTES = 1024**3  # a whole workflow may arrive in one request

HANDLERS = [
    *misc.HANDLERS,
    *workflows.HANDLERS,
    *lifecycle.HANDLERS,
    *jobs.HANDLERS,
    *resources.HANDLERS,
    *actions.HANDLERS,
    *access.HANDLERS,
]


class TorcApp(Litestar):
    """Litestar with only the plugins the server uses. Litestar adds its Pydantic and attrs
    plugins whenever those packages are importable; the server's models are msgspec structs, and
    importing Pydantic's plugin took a fifth of a second of every server start."""

    @staticmethod
    def _get_default_plugins(plugins: list[Any]) -> list[Any]:
        from litestar.plugins.core import MsgspecDIPlugin

        return [*plugins, MsgspecDIPlugin()]

    later_routes: LaterRoutes | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        later = self.later_routes
        if (
            later is not None
            and scope["type"] != "lifespan"
            and later.needed(scope.get("method", ""), scope["path"])
        ):
            self.later_routes = None
            later.register(self)
        await super().__call__(scope, receive, send)


class _Guarded:
    """The guard first (who may do this), then the checks every operation shares."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    async def __call__(self, request: Any) -> Any:
        refused = await self.guard(request)
        return refused if refused is not None else await before_request(request)


def create_app(
    settings: Settings, services: Services | None = None, *, hooks: bool = True
) -> Litestar:
    """The app over `services` (opened here when not given); `hooks`: the app's startup and
    shutdown run the services' own (without: whoever made the services runs them)."""
    if services is None:
        services = Services.open(settings)
    db, engine, guard = services.db, services.engine, services.guard

    def announce() -> None:
        if settings.announce_port is not None:
            print(f"TORC_SERVER_PORT={settings.announce_port}", flush=True)

    later = None
    if settings.first_operations is not None:
        later = LaterRoutes(HANDLERS, settings.first_operations)
    app = TorcApp(
        route_handlers=[h.route_handler() for h in (HANDLERS if later is None else later.first)],
        dependencies={
            "db": Provide(lambda: db, use_cache=True, sync_to_thread=False),
            "engine": Provide(lambda: engine, use_cache=True, sync_to_thread=False),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=None,
        request_max_body_size=MAX_BODY_BYTES,
        before_request=before_request if guard is None else _Guarded(guard),
        on_startup=[services.started, announce] if hooks else [],
        on_shutdown=[services.stopped] if hooks else [],
        logging_config=None,
    )
    app.later_routes = later
    # torc_server.process closes the live streams when stopping, and waits for a snapshot
    app.state.engine = engine
    app.state.snapshots = services.snapshots
    app.state.services = services
    app.state.guard = guard  # the gateway's direct path asks it too
    return app


def app_services(app: Litestar) -> dict[str, Any]:
    """What handlers are given besides the request's own values (the app's dependencies)."""
    return app.state.services.for_handlers()


def app_from_env() -> Litestar:
    """Factory for granian workers."""
    logging.basicConfig(level=os.environ.get("TORC_SERVER__LOG_LEVEL", "INFO").upper())
    return create_app(Settings.from_env())
