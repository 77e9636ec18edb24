from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.job_model import JobModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: JobModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/jobs/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | JobModel | None:
    if response.status_code == 200:
        response_200 = JobModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | JobModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> Response[DefaultErrorResponse | JobModel]:
    """Update a job

     Replaces the job's fields with those of the body and answers the updated job. The `id` in the body
    is ignored, and a `status` equal to the current one is not a change. What the job runs and what it
    depends on (`name`, `command`, `invocation_script`, the dependency, file and user data id lists) and
    its status may change only while the job is `uninitialized`, and the status may only be changed to
    `disabled` (which is how a job is disabled; use `manage_status_change` and `complete_job` for the
    other statuses). `resource_requirements_id` and `scheduler_id` may change in any status. A
    relationship id list left out of the body keeps its value (lists leave relationships out unless
    asked, so a job read from a list can be sent back as it is); an empty list clears it. Refused with
    422 when the body breaks these rules, and with 404 when the job or a referenced record does not
    exist.

    Args:
        id (int):
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> DefaultErrorResponse | JobModel | None:
    """Update a job

     Replaces the job's fields with those of the body and answers the updated job. The `id` in the body
    is ignored, and a `status` equal to the current one is not a change. What the job runs and what it
    depends on (`name`, `command`, `invocation_script`, the dependency, file and user data id lists) and
    its status may change only while the job is `uninitialized`, and the status may only be changed to
    `disabled` (which is how a job is disabled; use `manage_status_change` and `complete_job` for the
    other statuses). `resource_requirements_id` and `scheduler_id` may change in any status. A
    relationship id list left out of the body keeps its value (lists leave relationships out unless
    asked, so a job read from a list can be sent back as it is); an empty list clears it. Refused with
    422 when the body breaks these rules, and with 404 when the job or a referenced record does not
    exist.

    Args:
        id (int):
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> Response[DefaultErrorResponse | JobModel]:
    """Update a job

     Replaces the job's fields with those of the body and answers the updated job. The `id` in the body
    is ignored, and a `status` equal to the current one is not a change. What the job runs and what it
    depends on (`name`, `command`, `invocation_script`, the dependency, file and user data id lists) and
    its status may change only while the job is `uninitialized`, and the status may only be changed to
    `disabled` (which is how a job is disabled; use `manage_status_change` and `complete_job` for the
    other statuses). `resource_requirements_id` and `scheduler_id` may change in any status. A
    relationship id list left out of the body keeps its value (lists leave relationships out unless
    asked, so a job read from a list can be sent back as it is); an empty list clears it. Refused with
    422 when the body breaks these rules, and with 404 when the job or a referenced record does not
    exist.

    Args:
        id (int):
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | JobModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: JobModel,
) -> DefaultErrorResponse | JobModel | None:
    """Update a job

     Replaces the job's fields with those of the body and answers the updated job. The `id` in the body
    is ignored, and a `status` equal to the current one is not a change. What the job runs and what it
    depends on (`name`, `command`, `invocation_script`, the dependency, file and user data id lists) and
    its status may change only while the job is `uninitialized`, and the status may only be changed to
    `disabled` (which is how a job is disabled; use `manage_status_change` and `complete_job` for the
    other statuses). `resource_requirements_id` and `scheduler_id` may change in any status. A
    relationship id list left out of the body keeps its value (lists leave relationships out unless
    asked, so a job read from a list can be sent back as it is); an empty list clears it. Refused with
    422 when the body breaks these rules, and with 404 when the job or a referenced record does not
    exist.

    Args:
        id (int):
        body (JobModel): A job: a command that a job runner executes once its dependencies are
            complete, with the files and user data it reads and writes and the resources it needs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | JobModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
