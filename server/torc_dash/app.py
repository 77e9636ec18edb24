"""The dashboard's web app: the page, its static files, a proxy to the torc API (the page's
reads and the live event stream), and the actions that need the dashboard's machine.

Every request to the torc server goes through the SDK's HTTP client for the caller's login
(`torc_dash.upstream`); the dashboard never opens the database.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from litestar import Litestar, Request, Response, get, post, route
from litestar.exceptions import HTTPException
from litestar.response import File, Stream
from litestar.static_files import create_static_files_router

from torc import ApiError
from torc_dash import __version__, actions, guard, logs, resource_data
from torc_dash.managed import ManagedServer, ServerStartError
from torc_dash.settings import DashSettings
from torc_dash.upstream import api_for

STATIC = Path(__file__).parent / "static"
API_PREFIX = "/torc-service/v1"
FORWARDED_REQUEST_HEADERS = ("content-type", "accept", "authorization", "last-event-id")
FORWARDED_RESPONSE_HEADERS = ("content-type", "www-authenticate", "cache-control")


class State:
    """What the worker keeps between requests."""

    def __init__(self, settings: DashSettings) -> None:
        self.settings = settings
        self.api_url = settings.api_url
        self.server = ManagedServer(settings.torc_server_bin)
        self.cwd = Path.cwd()


def _state(request: Request) -> State:
    return request.app.state["dash"]


def _api(request: Request) -> Any:
    return api_for(_state(request).api_url, request.headers.get("authorization"))


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response({"error": {"message": message}}, status_code=status, headers=headers)


# ---- the page ---------------------------------------------------------------------------------


@get("/", media_type="text/html", sync_to_thread=False)
def index() -> Response:
    return Response((STATIC / "index.html").read_bytes(), media_type="text/html")


@get("/vendor/plotly.min.js", sync_to_thread=False)
def plotly_js() -> File:
    """plotly.js as the plotly Python package (a dependency of torc) ships it."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise HTTPException(status_code=404, detail="plotly is not installed")
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
    return File(path, content_disposition_type="inline", media_type="text/javascript")


@get("/api/info", sync_to_thread=False)
def info(request: Request) -> dict[str, Any]:
    state = _state(request)
    return {
        "version": __version__,
        "api_url": state.api_url,
        "standalone": state.settings.standalone,
        "managed_server": {"running": state.server.running, "url": state.server.url},
        "standalone_server_pid": state.settings.managed_server_pid,
        "cwd": str(state.cwd),
    }


# ---- the proxy --------------------------------------------------------------------------------


@route(
    f"{API_PREFIX}/{{path:path}}",
    http_method=["GET", "POST", "PUT", "PATCH", "DELETE"],
    name="proxy",
)
async def proxy(request: Request, path: str) -> Response | Stream:
    """Forward one API request to the torc server; answers, event streams too, come back as
    they arrive."""
    client = _api(request).client.get_async_httpx_client()
    headers = {
        name: value
        for name, value in request.headers.items()
        if name.lower() in FORWARDED_REQUEST_HEADERS
    }
    streaming = path.endswith("/events/stream")
    upstream = client.build_request(
        request.method,
        path.lstrip("/"),
        params=list(request.query_params.multi_items()),
        content=await request.body(),
        headers=headers,
        timeout=httpx.Timeout(60.0, read=None) if streaming else httpx.Timeout(120.0),
    )
    try:
        answer = await client.send(upstream, stream=True)
    except httpx.HTTPError as exc:
        return _error(502, f"torc server at {_state(request).api_url} is unreachable ({exc})")
    kept = {
        name: value
        for name, value in answer.headers.items()
        if name.lower() in FORWARDED_RESPONSE_HEADERS
    }
    if not streaming:
        body = await answer.aread()
        await answer.aclose()
        return Response(body, status_code=answer.status_code, headers=kept)

    async def relay() -> AsyncIterator[bytes]:
        try:
            async for chunk in answer.aiter_raw():
                yield chunk
        finally:
            await answer.aclose()

    kept.setdefault("cache-control", "no-cache")
    kept["x-accel-buffering"] = "no"
    return Stream(relay(), status_code=answer.status_code, headers=kept)


# ---- configuration ----------------------------------------------------------------------------


@post("/api/config", sync_to_thread=False)
def set_config(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    url = str(data.get("api_url") or "").strip()
    if not url.startswith(("http://", "https://")):
        raise actions.ActionError(f"API URL must start with http:// or https://: {url!r}")
    _state(request).api_url = url.rstrip("/")
    return {"api_url": _state(request).api_url}


@get("/api/config/test", sync_to_thread=True)
def test_connection(request: Request, api_url: str | None = None) -> dict[str, Any]:
    url = (api_url or _state(request).api_url).rstrip("/")
    if not url.startswith(("http://", "https://")):
        return {"ok": False, "message": f"API URL must start with http:// or https://: {url}"}
    try:
        version = api_for(url, request.headers.get("authorization")).request_json("GET", "/version")
    except ApiError as exc:
        return {"ok": False, "message": exc.message}
    return {"ok": True, "message": f"connected to torc-server {version} at {url}"}


@post("/api/server/start", sync_to_thread=True)
def start_server(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    state = _state(request)
    try:
        url = state.server.start(
            port=int(data.get("port") or 0),
            database=str(data.get("database") or "") or state.settings.database,
            completion_check_interval_secs=float(
                data.get("completion_check_interval_secs")
                or state.settings.completion_check_interval_secs
            ),
            log_level=str(data.get("log_level") or "info"),
        )
    except (ServerStartError, ValueError) as exc:
        raise actions.ActionError(str(exc)) from None
    state.api_url = url
    return {"running": True, "url": url}


@post("/api/server/stop", sync_to_thread=True)
def stop_server(request: Request) -> dict[str, Any]:
    state = _state(request)
    if not state.server.running:
        raise actions.ActionError("no server started from the dashboard is running")
    state.server.stop()
    return {"running": False}


# ---- workflow actions -------------------------------------------------------------------------


def _workflow_id(data: dict[str, Any]) -> int:
    try:
        return int(data["workflow_id"])
    except (KeyError, TypeError, ValueError):
        raise actions.ActionError("workflow_id (an integer) is required") from None


@post("/api/cli/create", sync_to_thread=True)
def create(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    api = _api(request)
    if data.get("path"):
        created = actions.create_from_path(api, str(data["path"]))
    else:
        created = actions.create_from_upload(
            api, str(data.get("filename") or ""), str(data.get("content") or "")
        )
    return {"workflow_id": created.workflow_id, "job_count": created.job_count}


@post("/api/cli/initialize", sync_to_thread=True)
def initialize(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    return actions.initialize(_api(request), _workflow_id(data), force=bool(data.get("force")))


@post("/api/cli/reinitialize", sync_to_thread=True)
def reinitialize(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    return actions.reinitialize(_api(request), _workflow_id(data), force=bool(data.get("force")))


@post("/api/cli/run", sync_to_thread=True)
def run(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    state = _state(request)
    return actions.start_command(
        state.settings.torc_bin,
        _api(request),
        "run",
        _workflow_id(data),
        str(data.get("output_dir") or "output"),
    )


@post("/api/cli/submit", sync_to_thread=True)
def submit(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    state = _state(request)
    return actions.start_command(
        state.settings.torc_bin,
        _api(request),
        "submit",
        _workflow_id(data),
        str(data.get("output_dir") or "output"),
    )


@post("/api/cli/slurm", sync_to_thread=True)
def slurm(request: Request, data: dict[str, Any]) -> Any:
    """The Debugging tab's Slurm log analysis (`parse-logs`) and accounting data (`sacct`)."""
    state = _state(request)
    return actions.slurm_report(
        state.settings.torc_bin,
        _api(request),
        str(data.get("report") or ""),
        _workflow_id(data),
        str(data.get("output_dir") or "output"),
    )


@post("/api/cli/cancel", sync_to_thread=True)
def cancel(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    return actions.cancel(_api(request), _workflow_id(data))


@post("/api/cli/delete", sync_to_thread=True)
def delete(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    return actions.delete(_api(request), _workflow_id(data))


# ---- logs and resource data ---------------------------------------------------------------------


@get("/api/logs", sync_to_thread=True)
def read_log(
    request: Request,
    output_dir: str = "output",
    workflow_id: int | None = None,
    job_id: int | None = None,
    run_id: int | None = None,
    stream: str = "stdout",
    file: str | None = None,
) -> dict[str, Any]:
    output = logs.output_directory(output_dir, _state(request).cwd)
    if file:
        path = logs.named_file(output, file)
    elif workflow_id is not None and job_id is not None and run_id is not None:
        path = logs.job_log(output, workflow_id, job_id, run_id, stream)
    else:
        raise logs.LogPathError("give file=, or workflow_id=, job_id= and run_id=")
    text, cut = logs.read_confined(path, output)
    return {"path": str(path), "content": text, "truncated": cut}


@get("/api/resource-dbs", sync_to_thread=True)
def resource_dbs(request: Request, dir: str = "output") -> dict[str, Any]:
    base = logs.output_directory(dir, _state(request).cwd)
    return {"dir": str(base), "databases": resource_data.find_databases(base)}


@get("/api/resource-data", sync_to_thread=True)
def resource_plot_data(request: Request, dir: str, file: str) -> dict[str, Any]:
    base = logs.output_directory(dir, _state(request).cwd)
    path = logs.named_file(base, file)
    if not path.resolve().is_relative_to(base):
        raise logs.LogPathError(f"{file} is outside {base}")
    return resource_data.series(path)


# ---- errors -----------------------------------------------------------------------------------


def _on_action_error(_: Request, exc: Exception) -> Response:
    return _error(400, str(exc))


def _on_missing(_: Request, exc: Exception) -> Response:
    return _error(404, f"no such file: {exc}")


def _on_api_error(_: Request, exc: ApiError) -> Response:
    status = exc.status if exc.status and 400 <= exc.status < 500 else 502
    headers = {"www-authenticate": 'Basic realm="torc"'} if status == 401 else None
    return _error(status, exc.message, headers)


async def _refuse_foreign(request: Request) -> Response | None:
    """`torc_dash.guard`: other web sites' requests are answered 403."""
    reason = guard.refusal(
        request.method,
        {name.lower(): value for name, value in request.headers.items()},
        _state(request).settings.host,
    )
    return _error(403, reason) if reason else None


def create_app(settings: DashSettings | None = None) -> Litestar:
    settings = settings or DashSettings.from_env()
    app = Litestar(
        route_handlers=[
            index,
            plotly_js,
            info,
            proxy,
            set_config,
            test_connection,
            start_server,
            stop_server,
            create,
            initialize,
            reinitialize,
            run,
            submit,
            slurm,
            cancel,
            delete,
            read_log,
            resource_dbs,
            resource_plot_data,
            create_static_files_router(path="/static", directories=[STATIC]),
        ],
        exception_handlers={
            actions.ActionError: _on_action_error,
            logs.LogPathError: _on_action_error,
            FileNotFoundError: _on_missing,
            ApiError: _on_api_error,
        },
        before_request=_refuse_foreign,
        on_shutdown=[lambda app: app.state["dash"].server.stop()],
    )
    app.state["dash"] = State(settings)
    return app


def app_from_env() -> Litestar:
    """granian's factory: the settings come from the command through the environment."""
    return create_app(DashSettings.from_env())
