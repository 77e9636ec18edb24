"""Creating a workflow from a specification in one request (`POST /workflow_specs`)."""

from __future__ import annotations

from typing import Any

from torc.spec.errors import SpecError
from torc.spec.model import Spec, load_spec
from torc.spec.validate import validate

CREATE_TIMEOUT = 600.0
"""Seconds to wait for the server to create a large workflow (a million dependencies)."""


def _httpx_client(api: Any) -> Any:
    client = getattr(api, "client", api)
    getter = getattr(client, "get_httpx_client", None)
    return getter() if getter is not None else None


def post_spec(api: Any, spec: Spec, *, timeout: float = CREATE_TIMEOUT) -> Any:
    """Send an expanded specification; answer the `CreateWorkflowFromSpecResponse`.

    `api` is a `torc.DefaultApi` (from `make_api`) or a generated `torc_client.Client`. The body
    is encoded with msgspec and streamed a slice of jobs at a time, which matters for a million
    jobs (the client's memory).

    Raises:
        ApiError: the server refused the workflow (the message says why) or could not be reached.
    """
    import httpx

    from torc.errors import ApiError
    from torc_client.models import CreateWorkflowFromSpecResponse

    client = _httpx_client(api)
    if client is None:
        return api.create_workflow_from_spec(spec.body)
    try:
        response = client.post(
            "/workflow_specs",
            content=spec.body_chunks(),  # sent with chunked transfer encoding
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        url = str(client.base_url).rstrip("/")
        raise ApiError(
            f"cannot reach the torc server at {url}: {exc}", operation="create_workflow_from_spec"
        ) from None
    if response.status_code != 200:
        raise ApiError.from_response(
            response.status_code,
            response.content,
            operation="create_workflow_from_spec",
            url=str(response.url),
        )
    import msgspec

    return CreateWorkflowFromSpecResponse.from_dict(msgspec.json.decode(response.content))


def send_spec(api: Any, spec: Spec, *, timeout: float = CREATE_TIMEOUT) -> Any:
    """`post_spec` in two steps, for a caller that has work to do while the server creates
    the workflow: the body goes now (a slice of jobs at a time), and the answer is read when
    asked for: `.ready()` says whether it has come, `.answer()` (from the same thread) is the
    plain JSON of the `CreateWorkflowFromSpecResponse`, or raises ApiError. `api` is a
    `torc.DefaultApi`."""
    return api.send_json(
        "POST",
        "/workflow_specs",
        chunks=spec.body_chunks(),
        timeout=timeout,
        operation="create_workflow_from_spec",
    )


def create_workflow_from_spec(
    api: Any,
    source: Any,
    *,
    user: str | None = None,
    skip_checks: bool = False,
    resource_monitoring: bool = True,
) -> Any:
    """Read, expand, validate and create a workflow in one request.

    Args:
        api: a `torc.DefaultApi` (from `make_api`).
        source: a path to a YAML/JSON/JSON5/KDL file, the text of one, a dict, or a `Spec`.
        user: owner of the workflow (default: the specification's `user`, else $USER).
        skip_checks: let a multi-node scheduler that no job fills pass (as `--skip-checks`).
        resource_monitoring: False disables resource monitoring.

    Returns:
        The `CreateWorkflowFromSpecResponse`: `.workflow` (with its `.id`), `.job_ids`, ...

    Raises:
        SpecError: the specification has problems; each is `FILE:LINE: what is wrong`.
        ApiError: the server refused it or could not be reached.
    """
    spec = (
        source
        if isinstance(source, Spec)
        else load_spec(source, user=user, resource_monitoring=resource_monitoring)
    )
    check(spec, skip_checks=skip_checks)
    return post_spec(api, spec)


def check(spec: Spec, *, skip_checks: bool = False) -> None:
    """Raise SpecError when the expanded specification has problems (`validate`)."""
    report = validate(spec, skip_checks=skip_checks)
    if not report.valid:
        raise SpecError([_as_problem(message) for message in report.errors])


def _as_problem(message: str) -> Any:
    from torc.spec.errors import Problem

    return Problem(message)
