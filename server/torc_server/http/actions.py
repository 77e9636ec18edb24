"""Workflow actions and failure handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from torc_server.contract import models as m
from torc_server.engine import Engine, actions
from torc_server.errors import StateConflict
from torc_server.http.routing import decode_body, envelope, model, operation, query
from torc_server.storage import records, tables, workflows
from torc_server.storage.database import Database

if TYPE_CHECKING:
    from litestar import Request


def _values(data: msgspec.Struct) -> dict[str, Any]:
    return {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}


@operation("create_workflow_action")
def create_workflow_action(
    id: int,
    data: m.WorkflowActionModel,
    engine: Engine,
) -> m.WorkflowActionModel:
    with engine.change() as conn:
        return model(actions.create(conn, id, _values(data)), m.WorkflowActionModel)


@operation("get_workflow_actions")
def get_workflow_actions(id: int, engine: Engine) -> list[m.WorkflowActionModel]:
    return [model(a, m.WorkflowActionModel) for a in actions.list_for(engine.db.conn, id)]


@operation("get_pending_actions")
def get_pending_actions(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> list[m.WorkflowActionModel]:
    values = query("get_pending_actions", request)
    found = actions.list_for(engine.db.conn, id, pending=True, triggers=values["trigger_type"])
    return [model(a, m.WorkflowActionModel) for a in found]


@operation("claim_action")
async def claim_action(
    id: int,
    action_id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.ClaimActionResponse:
    body = await request.body()
    compute_node_id = None
    if body.strip():
        claim = decode_body(body, m.ClaimActionRequest)
        if claim.compute_node_id is not msgspec.UNSET:
            compute_node_id = claim.compute_node_id
    with engine.change() as conn:
        actions.claim(conn, id, action_id, compute_node_id)
    return m.ClaimActionResponse(action_id=action_id, claimed=True, success=True)


def _check_rules(rules: str) -> None:
    """`rules` is a string holding a JSON array of rule objects."""
    try:
        parsed = msgspec.json.decode(rules)
    except msgspec.DecodeError:
        parsed = None
    if not isinstance(parsed, list) or not all(isinstance(rule, dict) for rule in parsed):
        raise StateConflict(f"rules must be a JSON array of rule objects, got {rules!r}")


@operation("create_failure_handler")
def create_failure_handler(data: m.FailureHandlerModel, db: Database) -> m.FailureHandlerModel:
    values = _values(data)
    values.pop("id", None)
    _check_rules(values["rules"])
    with db.transaction() as conn:
        workflows.require(conn, values["workflow_id"])
        record_id = records.insert(conn, tables.FAILURE_HANDLER, values)
        return model(records.fetch(conn, tables.FAILURE_HANDLER, record_id), m.FailureHandlerModel)


@operation("get_failure_handler")
def get_failure_handler(id: int, db: Database) -> m.FailureHandlerModel:
    return model(records.fetch(db.conn, tables.FAILURE_HANDLER, id), m.FailureHandlerModel)


@operation("delete_failure_handler")
def delete_failure_handler(id: int, db: Database) -> m.FailureHandlerModel:
    with db.transaction() as conn:
        return model(records.delete(conn, tables.FAILURE_HANDLER, id), m.FailureHandlerModel)


@operation("list_failure_handlers")
def list_failure_handlers(
    id: int,
    db: Database,
    request: Request[Any, Any, Any],
) -> m.ListFailureHandlersResponse:
    values = query("list_failure_handlers", request)
    workflows.require(db.conn, id)
    page = records.list_page(
        db.conn,
        tables.FAILURE_HANDLER,
        {},
        offset=values.get("offset") or 0,
        limit=values["limit"],
        base_conditions=[("t.workflow_id = ?", (id,))],
    )
    return envelope(page, m.FailureHandlerModel, m.ListFailureHandlersResponse)


HANDLERS = [
    create_workflow_action,
    get_workflow_actions,
    get_pending_actions,
    claim_action,
    create_failure_handler,
    get_failure_handler,
    delete_failure_handler,
    list_failure_handlers,
]
