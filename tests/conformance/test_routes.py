"""The routes the Litestar app serves are exactly the document's operations, both ways.

Routes are compared as (METHOD, path) pairs relative to the base path, with Litestar's typed path
parameters (`{id:int}`) reduced to the document's form (`{id}`). Litestar adds HEAD and OPTIONS
handlers on its own; those are not operations and are left out.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.routes import HTTPRoute

from tests.openapi_document import load_document
from torc_server.app import Settings, create_app
from torc_server.contract.operations import OPERATIONS
from torc_server.http.routing import BASE_PATH

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
AUTOMATIC = {"HEAD", "OPTIONS"}

Route = tuple[str, str]


def _normalize(path: str) -> str:
    """`/jobs/{id:int}` -> `/jobs/{id}`; a trailing slash is not significant."""
    path = re.sub(r"\{(\w+):[^}]+\}", r"{\1}", path)
    return path.rstrip("/") or "/"


@pytest.fixture(scope="module")
def document_operations() -> dict[Route, str]:
    document = load_document()
    operations: dict[Route, str] = {}
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                operations[(method.upper(), _normalize(path))] = op["operationId"]
    return operations


@pytest.fixture(scope="module")
def served_routes(tmp_path_factory: pytest.TempPathFactory) -> dict[Route, list[Any]]:
    app = create_app(Settings(database=str(tmp_path_factory.mktemp("routes") / "t.db")))
    served: dict[Route, list[Any]] = {}
    for route in app.routes:
        assert isinstance(route, HTTPRoute), f"{route.path} is not an HTTP route"
        # The route's path is the full one; a handler's own `paths` may be relative to its router.
        assert route.path.startswith(BASE_PATH), f"{route.path} is served outside {BASE_PATH}"
        path = _normalize(route.path.removeprefix(BASE_PATH))
        for handler in route.route_handlers:
            for method in handler.http_methods - AUTOMATIC:
                served.setdefault((method.upper(), path), []).append(handler.operation_id)
    return served


def test_operation_ids_are_unique_and_match_the_generated_table(
    document_operations: dict[Route, str],
) -> None:
    ids = list(document_operations.values())
    assert len(set(ids)) == len(ids), "operationIds must be unique"
    generated = {(op.method, _normalize(op.path)): name for name, op in OPERATIONS.items()}
    assert generated == document_operations, "run `nox -s codegen`: the operation table is stale"


def test_every_served_route_is_a_document_operation(
    served_routes: dict[Route, list[Any]], document_operations: dict[Route, str]
) -> None:
    extra = sorted(set(served_routes) - set(document_operations))
    assert not extra, f"served but not in openapi/torc.yaml: {extra}"


def test_every_document_operation_is_served(
    served_routes: dict[Route, list[Any]], document_operations: dict[Route, str]
) -> None:
    missing = sorted(set(document_operations) - set(served_routes))
    assert not missing, f"in openapi/torc.yaml but not served: {missing}"


def test_each_route_has_one_handler(served_routes: dict[Route, list[Any]]) -> None:
    duplicated = {route: ids for route, ids in served_routes.items() if len(ids) != 1}
    assert not duplicated, f"routes with more than one handler: {duplicated}"


def test_served_operation_ids_match_the_document(
    served_routes: dict[Route, list[Any]], document_operations: dict[Route, str]
) -> None:
    wrong = {
        f"{method} {path}": (ids, document_operations[(method, path)])
        for (method, path), ids in served_routes.items()
        if (method, path) in document_operations and ids != [document_operations[(method, path)]]
    }
    assert not wrong, f"served operation_id != document operationId: {wrong}"
