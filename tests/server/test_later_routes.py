"""A private server registers its command's routes at start and the others when a request first
needs one (torc_server.http.later_routes): every request is answered as by a server with every
route registered at start.

The same requests go to two real servers on fresh databases: a private one (started as `torc -s`
starts it) and a plain `torc-server run`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import start_server, stop_server
from torc_server.app import HANDLERS, Settings, create_app
from torc_server.http.later_routes import LaterRoutes
from torc_server.process import private

BASE = "/torc-service/v1"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    plain = start_server(tmp_path_factory.mktemp("plain") / "torc.db")
    where = tmp_path_factory.mktemp("private")
    with open(where / "server.log", "w") as log:
        process = private.launch(private.command(str(where / "torc.db")), stderr=log)
    try:
        port = private.read_port(process, time.monotonic() + 60)
        assert port is not None, (where / "server.log").read_text()
        yield private.url(port), plain.url
    finally:
        private.stop(process)
        stop_server(plain)


def _same(servers: tuple[str, str], method: str, path: str, **body: object) -> httpx.Response:
    answers = [
        httpx.request(method, url.removesuffix(BASE) + BASE + path, json=body or None)
        for url in servers
    ]
    first, second = answers
    assert (first.status_code, _content(first)) == (second.status_code, _content(second)), path
    assert first.headers.get("allow") == second.headers.get("allow"), path
    return first


def _content(answer: httpx.Response) -> object:
    """The answer's JSON without its times (the two servers' records differ there)."""
    try:
        content = answer.json()
    except ValueError:
        return answer.content
    if isinstance(content, dict):
        content.pop("timestamp", None)
        for item in content.get("items") or ():
            item.pop("timestamp", None)
    return content


def test_a_private_server_answers_as_one_with_every_route(servers: tuple[str, str]) -> None:
    created = _same(servers, "POST", "/workflows", name="w", user="u")
    assert created.status_code == 200
    workflow = created.json()["id"]
    assert _same(servers, "GET", f"/workflows/{workflow}/status").status_code == 200
    # a registered path, refused: not an integer
    assert _same(servers, "GET", "/workflows/abc/status").status_code in (400, 404)
    # another method on a registered path, an operation registered later, and any other path
    assert _same(servers, "PUT", f"/workflows/{workflow}/cancel").status_code == 200
    assert _same(servers, "DELETE", "/files/9999").status_code == 404
    assert _same(servers, "GET", "/workflows").json()["total_count"] == 1
    assert _same(servers, "GET", "/no_such_thing").status_code == 404
    assert _same(servers, "GET", f"/workflows/{workflow}/").status_code in (200, 404)
    assert _same(servers, "PATCH", f"/workflows/{workflow}").status_code == 405


def test_only_the_first_operations_are_registered_until_another_is_needed(
    tmp_path: Path,
) -> None:
    from litestar.testing import TestClient

    first = private.FIRST_OPERATIONS
    app = create_app(Settings(database=str(tmp_path / "t.db"), first_operations=first))
    assert _served(app) == set(first)
    with TestClient(app) as client:
        assert client.get(f"{BASE}/workflows/1/status").status_code == 404
        assert app.later_routes is not None  # a registered operation: nothing more
        assert client.put(f"{BASE}/workflows/1", json={}).status_code in (400, 404)
    assert app.later_routes is None
    assert _served(app) == {handler.operation_id for handler in HANDLERS}


def _served(app: Any) -> set[str]:
    """The operations with a registered route (Litestar's own OPTIONS handlers have no id)."""
    return {
        handler.operation_id
        for route in app.routes
        for handler in route.route_handlers
        if handler.operation_id is not None
    }


@pytest.mark.parametrize(
    ("method", "path", "needed"),
    [
        ("GET", "/workflows/1/status", False),
        ("GET", "/workflows/abc/status", False),  # only that path's pattern: Litestar refuses it
        ("PUT", "/workflows/1", True),  # update_workflow: not registered
        ("HEAD", "/workflows/1/status", True),  # Litestar's own methods answer by the route's
        ("OPTIONS", "/workflows/1/status", True),
        ("POST", "/workflows/1/complete_jobs/1", False),
        ("GET", "/workflows", True),
        ("GET", "/workflows/1/", True),
        ("GET", "//workflows/1", True),
        ("GET", "/nothing", True),
        ("GET", "/ping", False),
    ],
)
def test_which_requests_need_the_later_routes(method: str, path: str, needed: bool) -> None:
    later = LaterRoutes(HANDLERS, private.FIRST_OPERATIONS)
    assert later.needed(method, BASE + path) is needed
