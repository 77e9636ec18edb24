from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_workflow_from_spec_response import CreateWorkflowFromSpecResponse
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_spec_model import WorkflowSpecModel
from ...types import Response


def _get_kwargs(
    *,
    body: WorkflowSpecModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflow_specs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateWorkflowFromSpecResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreateWorkflowFromSpecResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateWorkflowFromSpecResponse | DefaultErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowSpecModel,
) -> Response[CreateWorkflowFromSpecResponse | DefaultErrorResponse]:
    """Create a whole workflow from an expanded specification

     Creates a workflow and everything in it (files, user data, resource requirements, Slurm and local
    schedulers, failure handlers, jobs with their relationships, and actions) in one transaction, and
    answers the new ids. This is what `torc workflows create FILE` and the Python SDK use: the client
    reads the specification file (YAML, JSON, JSON5 or KDL), expands its parameters and regular
    expressions, and sends the result here; records refer to each other by name. Nothing is left behind
    when the request is refused: with 422 when a name is used twice in one section, a job refers to a
    name that is not defined (the message names both), the explicit dependencies form a cycle (the
    message lists the jobs in it), or an action's configuration is invalid; with 400 when the body is
    malformed or a memory or runtime value cannot be read.

    Args:
        body (WorkflowSpecModel): A whole workflow as one document, after the client has expanded
            parameters: the workflow's settings and its records, which refer to each other by name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWorkflowFromSpecResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowSpecModel,
) -> CreateWorkflowFromSpecResponse | DefaultErrorResponse | None:
    """Create a whole workflow from an expanded specification

     Creates a workflow and everything in it (files, user data, resource requirements, Slurm and local
    schedulers, failure handlers, jobs with their relationships, and actions) in one transaction, and
    answers the new ids. This is what `torc workflows create FILE` and the Python SDK use: the client
    reads the specification file (YAML, JSON, JSON5 or KDL), expands its parameters and regular
    expressions, and sends the result here; records refer to each other by name. Nothing is left behind
    when the request is refused: with 422 when a name is used twice in one section, a job refers to a
    name that is not defined (the message names both), the explicit dependencies form a cycle (the
    message lists the jobs in it), or an action's configuration is invalid; with 400 when the body is
    malformed or a memory or runtime value cannot be read.

    Args:
        body (WorkflowSpecModel): A whole workflow as one document, after the client has expanded
            parameters: the workflow's settings and its records, which refer to each other by name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWorkflowFromSpecResponse | DefaultErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowSpecModel,
) -> Response[CreateWorkflowFromSpecResponse | DefaultErrorResponse]:
    """Create a whole workflow from an expanded specification

     Creates a workflow and everything in it (files, user data, resource requirements, Slurm and local
    schedulers, failure handlers, jobs with their relationships, and actions) in one transaction, and
    answers the new ids. This is what `torc workflows create FILE` and the Python SDK use: the client
    reads the specification file (YAML, JSON, JSON5 or KDL), expands its parameters and regular
    expressions, and sends the result here; records refer to each other by name. Nothing is left behind
    when the request is refused: with 422 when a name is used twice in one section, a job refers to a
    name that is not defined (the message names both), the explicit dependencies form a cycle (the
    message lists the jobs in it), or an action's configuration is invalid; with 400 when the body is
    malformed or a memory or runtime value cannot be read.

    Args:
        body (WorkflowSpecModel): A whole workflow as one document, after the client has expanded
            parameters: the workflow's settings and its records, which refer to each other by name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWorkflowFromSpecResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WorkflowSpecModel,
) -> CreateWorkflowFromSpecResponse | DefaultErrorResponse | None:
    """Create a whole workflow from an expanded specification

     Creates a workflow and everything in it (files, user data, resource requirements, Slurm and local
    schedulers, failure handlers, jobs with their relationships, and actions) in one transaction, and
    answers the new ids. This is what `torc workflows create FILE` and the Python SDK use: the client
    reads the specification file (YAML, JSON, JSON5 or KDL), expands its parameters and regular
    expressions, and sends the result here; records refer to each other by name. Nothing is left behind
    when the request is refused: with 422 when a name is used twice in one section, a job refers to a
    name that is not defined (the message names both), the explicit dependencies form a cycle (the
    message lists the jobs in it), or an action's configuration is invalid; with 400 when the body is
    malformed or a memory or runtime value cannot be read.

    Args:
        body (WorkflowSpecModel): A whole workflow as one document, after the client has expanded
            parameters: the workflow's settings and its records, which refer to each other by name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWorkflowFromSpecResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
