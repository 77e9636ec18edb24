"""Lifecycle operations: initialize, claim, start, complete, retry, reset, cancel, stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import msgspec

from torc_server.contract import models as m
from torc_server.engine import Engine, abandoned, exchanges, lifecycle, reports, runs
from torc_server.errors import InvalidRequest, StateConflict
from torc_server.http.routing import model, operation, query
from torc_server.storage import workflows

if TYPE_CHECKING:  # imported when needed: a private server starts without Litestar
    from litestar import Request
    from litestar.response import ServerSentEvent, ServerSentEventMessage


@operation("initialize_jobs")
def initialize_jobs(id: int, engine: Engine, request: Request[Any, Any, Any]) -> m.MessageResponse:
    values = query("initialize_jobs", request)
    if values.get("start_run_if_uninitialized"):
        with engine.change() as conn:
            initialized, run_id = runs.start_run_if_uninitialized(
                conn,
                id,
                clear_ephemeral_user_data=values["clear_ephemeral_user_data"] is not False,
                sink=engine.events,
            )
        message = "Initialized job status" if initialized else "Already initialized"
        return m.MessageResponse(message=message, initialized=initialized, run_id=run_id)
    with engine.change() as conn:
        lifecycle.initialize_jobs(
            conn,
            id,
            only_uninitialized=bool(values["only_uninitialized"]),
            clear_ephemeral_user_data=values["clear_ephemeral_user_data"] is not False,
            sink=engine.events,
        )
    return m.MessageResponse(message="Initialized job status")


@operation("process_changed_job_inputs")
def process_changed_job_inputs(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.ProcessChangedJobInputsResponse:
    values = query("process_changed_job_inputs", request)
    with engine.change() as conn:
        names = lifecycle.process_changed_job_inputs(
            conn, id, dry_run=bool(values.get("dry_run")), sink=engine.events
        )
    return m.ProcessChangedJobInputsResponse(reinitialized_jobs=names)


@operation("claim_next_jobs")
def claim_next_jobs(
    id: int, engine: Engine, request: Request[Any, Any, Any]
) -> m.ClaimNextJobsResponse:
    values = query("claim_next_jobs", request)
    limit = 1 if values["limit"] is None else values["limit"]
    with engine.change() as conn:
        claimed = lifecycle.claim_next_jobs(conn, id, limit)
    return m.ClaimNextJobsResponse(jobs=[model(job, m.JobModel) for job in claimed])


@operation("claim_jobs_based_on_resources")
def claim_jobs_based_on_resources(
    id: int,
    limit: int,
    data: m.ComputeNodesResources,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.ClaimJobsBasedOnResourcesResponse:
    values = query("claim_jobs_based_on_resources", request)
    resources = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    with engine.change() as conn:
        claimed, reason = lifecycle.claim_jobs_based_on_resources(
            conn,
            id,
            limit,
            resources,
            sort_method=values.get("sort_method"),
            strict_scheduler_match=bool(values.get("strict_scheduler_match")),
        )
    response = m.ClaimJobsBasedOnResourcesResponse(jobs=[model(job, m.JobModel) for job in claimed])
    if reason is not None:
        response.reason = reason
    return response


@operation("get_ready_job_requirements")
def get_ready_job_requirements(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.GetReadyJobRequirementsResponse:
    values = query("get_ready_job_requirements", request)
    summary = lifecycle.ready_job_requirements(
        engine.db.conn, id, values.get("scheduler_config_id")
    )
    return model(summary, m.GetReadyJobRequirementsResponse)


@operation("start_job")
def start_job(id: int, run_id: int, compute_node_id: int, engine: Engine) -> m.JobModel:
    with engine.change() as conn:
        job = lifecycle.start_job(conn, id, run_id, compute_node_id, engine.events)
    return model(job, m.JobModel)


@operation("complete_job")
def complete_job(
    id: int,
    status: str,
    run_id: int,
    data: m.ResultModel,
    engine: Engine,
) -> m.JobModel:
    result = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    with engine.change() as conn:
        job = lifecycle.complete_job(conn, id, status, run_id, result, engine.events)
    return model(job, m.JobModel)


@operation("start_jobs")
def start_jobs(
    id: int,
    run_id: int,
    compute_node_id: int,
    data: m.StartJobsRequest,
    engine: Engine,
) -> m.JobsResponse:
    with engine.change() as conn:
        started = lifecycle.start_jobs(
            conn, id, run_id, compute_node_id, data.job_ids, engine.events
        )
    return m.JobsResponse(jobs=[model(job, m.JobModel) for job in started])


@operation("complete_jobs")
def complete_jobs(
    id: int, run_id: int, data: m.CompleteJobsRequest, engine: Engine
) -> m.JobsResponse | bytes:
    """A runner's report (`engine.reports`). With a request id, the answer is stored encoded
    and sent as stored (JSON bytes)."""
    claim = data.claim if data.claim is not msgspec.UNSET else None
    node_id = data.compute_node_id if isinstance(data.compute_node_id, int) else None
    request_id = data.request_id if isinstance(data.request_id, str) else None
    started = data.started if isinstance(data.started, list) else []
    if started and node_id is None:
        raise StateConflict("'started' needs the runner's 'compute_node_id'")
    owner = node_id
    if owner is None and claim is not None:
        owner = claim.compute_node_id
    if request_id is not None and owner is None:
        raise StateConflict("'request_id' needs the runner's 'compute_node_id' (or a 'claim')")
    completions = [(item.job_id, item.status, _result(item.result)) for item in data.completions]
    with engine.change() as conn:
        opening = reports.open_report(
            conn,
            id,
            owner,
            request_id,
            [*started, *(job_id for job_id, _, _ in completions)],
            run_id if completions else None,
            claims=claim is not None,
        )
        if owner is not None and opening.node_exists:
            engine.heartbeats.beat(conn, owner)
        if request_id is not None:
            assert owner is not None
            stored = opening.stored or engine.answers.recall(owner, request_id)
            first = exchanges.replay(stored, owner, request_id, id, run_id)
            if first is not None:  # a repeat: the first answer, nothing done again
                return first
        finished, claimed = reports.apply(
            conn,
            id,
            run_id,
            opening,
            node_id=node_id,
            started=started,
            completions=completions,
            claim=None if claim is None else _claim(claim),
            sink=engine.events,
            answer=data.answer_jobs is not False,
            known_node=owner if opening.node_exists else None,
        )
        response = m.JobsResponse(jobs=[model(job, m.JobModel) for job in finished])
        if claim is not None:
            response.claimed = [model(job, m.JobModel) for job in claimed]
        if request_id is None:
            return response
        assert owner is not None
        answer = msgspec.json.encode(response)
        engine.answers.remember(
            conn, owner, request_id, id, run_id, answer, node_exists=opening.node_exists
        )
    return answer


def _result(result: m.ResultModel) -> dict[str, Any]:
    """The result's fields that the request gave (builtin values only, as the model holds)."""
    return msgspec.to_builtins(result)  # type: ignore[no-any-return]


def _claim(claim: Any) -> reports.Claim:
    """A report's claim as the engine takes it."""
    return reports.Claim(
        compute_node_id=claim.compute_node_id,
        limit=claim.limit,
        resources=_resources(claim.resources),
        per_job=_resources(claim.per_job),
        sort_method=claim.sort_method if isinstance(claim.sort_method, str) else None,
        strict_scheduler_match=claim.strict_scheduler_match is True,
        start=claim.start is not False,
    )


@operation("release_compute_node_jobs")
def release_compute_node_jobs(
    id: int, data: m.ReleaseComputeNodeJobsRequest, engine: Engine
) -> m.JobsResponse:
    with engine.change() as conn:
        released = abandoned.release_compute_node_jobs(
            conn, id, list(data.compute_node_ids), engine.events
        )
    return m.JobsResponse(jobs=[model(job, m.JobModel) for job in released])


def _resources(resources: Any) -> dict[str, Any] | None:
    """A claim's resources as the engine takes them (None when left out)."""
    if resources in (msgspec.UNSET, None):
        return None
    return {k: v for k, v in msgspec.structs.asdict(resources).items() if v is not msgspec.UNSET}


@operation("manage_status_change")
def manage_status_change(id: int, status: str, run_id: int, engine: Engine) -> m.JobModel:
    with engine.change() as conn:
        job = lifecycle.manage_status_change(conn, id, status, run_id, engine.events)
    return model(job, m.JobModel)


@operation("retry_job")
async def retry_job(
    id: int,
    run_id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.JobModel:
    values = query("retry_job", request)
    result = await _attempt_result(request)
    with engine.change() as conn:
        job = lifecycle.retry_job(
            conn, id, run_id, values.get("max_retries"), engine.events, result=result
        )
    return model(job, m.JobModel)


async def _attempt_result(request: Request[Any, Any, Any]) -> dict[str, Any] | None:
    """The failed attempt's result, when the body carries one (an empty body or `{}` does not)."""
    body = await request.body()
    if not body.strip():
        return None
    try:
        raw = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise InvalidRequest(f"invalid request body: {exc}") from None
    if not isinstance(raw, dict) or "return_code" not in raw:
        return None
    raw.setdefault("status", "failed")
    for field in ("job_id", "workflow_id", "run_id", "compute_node_id"):
        raw.setdefault(field, 0)
    try:
        result = msgspec.convert(raw, m.ResultModel)
    except msgspec.ValidationError as exc:
        raise InvalidRequest(f"invalid attempt result: {exc}") from None
    return {k: v for k, v in msgspec.structs.asdict(result).items() if v is not msgspec.UNSET}


@operation("reset_job_status")
def reset_job_status(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.ResetJobStatusResponse:
    values = query("reset_job_status", request)
    failed_only = bool(values.get("failed_only"))
    with engine.change() as conn:
        count = lifecycle.reset_job_status(conn, id, failed_only=failed_only, sink=engine.events)
    response = m.ResetJobStatusResponse(workflow_id=id, updated_count=count, status="uninitialized")
    if failed_only:
        response.reset_type = "failed_only"
    return response


@operation("reset_workflow_status")
def reset_workflow_status(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> m.WorkflowStatusModel:
    values = query("reset_workflow_status", request)
    with engine.change() as conn:
        status = lifecycle.reset_workflow_status(
            conn, id, force=bool(values.get("force")), sink=engine.events
        )
    return model(status, m.WorkflowStatusModel)


@operation("cancel_workflow")
def cancel_workflow(id: int, engine: Engine) -> m.WorkflowStatusModel:
    with engine.change() as conn:
        return model(lifecycle.cancel_workflow(conn, id, engine.events), m.WorkflowStatusModel)


@operation("is_workflow_complete")
def is_workflow_complete(id: int, engine: Engine) -> m.IsCompleteResponse:
    return model(lifecycle.is_complete(engine.db.conn, id), m.IsCompleteResponse)


@operation("is_workflow_uninitialized")
def is_workflow_uninitialized(id: int, engine: Engine) -> m.IsUninitializedResponse:
    return m.IsUninitializedResponse(
        is_uninitialized=lifecycle.is_uninitialized(engine.db.conn, id)
    )


@operation("stream_workflow_events")
async def stream_workflow_events(
    id: int,
    engine: Engine,
    request: Request[Any, Any, Any],
) -> ServerSentEvent:
    from litestar.response import ServerSentEvent, ServerSentEventMessage

    values = query("stream_workflow_events", request)
    workflows.require(engine.db.conn, id)

    async def frames() -> AsyncIterator[ServerSentEventMessage]:
        level = values.get("level") or "info"
        async for event, data in engine.events.subscribe(id, level, announce=True):
            if not event:  # subscribed: every event from now on is delivered
                yield ServerSentEventMessage(comment="subscribed", data=None)
                continue
            yield ServerSentEventMessage(data=data, event=event)

    return ServerSentEvent(
        frames(), headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


HANDLERS = [
    initialize_jobs,
    process_changed_job_inputs,
    claim_next_jobs,
    claim_jobs_based_on_resources,
    get_ready_job_requirements,
    start_job,
    complete_job,
    start_jobs,
    complete_jobs,
    release_compute_node_jobs,
    manage_status_change,
    retry_job,
    reset_job_status,
    reset_workflow_status,
    cancel_workflow,
    is_workflow_complete,
    is_workflow_uninitialized,
    stream_workflow_events,
]
