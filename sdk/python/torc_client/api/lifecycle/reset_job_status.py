from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.reset_job_status_body import ResetJobStatusBody
from ...models.reset_job_status_response import ResetJobStatusResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ResetJobStatusBody | Unset = UNSET,
    failed_only: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["failed_only"] = failed_only

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/reset_job_status".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ResetJobStatusResponse | None:
    if response.status_code == 200:
        response_200 = ResetJobStatusResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ResetJobStatusResponse]:
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
    body: ResetJobStatusBody | Unset = UNSET,
    failed_only: bool | Unset = False,
) -> Response[DefaultErrorResponse | ResetJobStatusResponse]:
    """Reset jobs to uninitialized

     Sets the workflow's jobs back to `uninitialized` and clears their active compute node, in one
    transaction, and records an event. Without `failed_only` every job is reset (disabled jobs stay
    disabled). With `failed_only` only the jobs that are `failed`, `canceled`, `terminated` or
    `pending_failed` are reset, together with every job downstream of them, so that a rerun repeats
    exactly the part of the workflow that did not succeed. Call `initialize_jobs` afterwards. Answers
    the number of jobs reset. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        failed_only (bool | Unset):  Default: False.
        body (ResetJobStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResetJobStatusResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        failed_only=failed_only,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetJobStatusBody | Unset = UNSET,
    failed_only: bool | Unset = False,
) -> DefaultErrorResponse | ResetJobStatusResponse | None:
    """Reset jobs to uninitialized

     Sets the workflow's jobs back to `uninitialized` and clears their active compute node, in one
    transaction, and records an event. Without `failed_only` every job is reset (disabled jobs stay
    disabled). With `failed_only` only the jobs that are `failed`, `canceled`, `terminated` or
    `pending_failed` are reset, together with every job downstream of them, so that a rerun repeats
    exactly the part of the workflow that did not succeed. Call `initialize_jobs` afterwards. Answers
    the number of jobs reset. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        failed_only (bool | Unset):  Default: False.
        body (ResetJobStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResetJobStatusResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        failed_only=failed_only,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetJobStatusBody | Unset = UNSET,
    failed_only: bool | Unset = False,
) -> Response[DefaultErrorResponse | ResetJobStatusResponse]:
    """Reset jobs to uninitialized

     Sets the workflow's jobs back to `uninitialized` and clears their active compute node, in one
    transaction, and records an event. Without `failed_only` every job is reset (disabled jobs stay
    disabled). With `failed_only` only the jobs that are `failed`, `canceled`, `terminated` or
    `pending_failed` are reset, together with every job downstream of them, so that a rerun repeats
    exactly the part of the workflow that did not succeed. Call `initialize_jobs` afterwards. Answers
    the number of jobs reset. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        failed_only (bool | Unset):  Default: False.
        body (ResetJobStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResetJobStatusResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        failed_only=failed_only,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetJobStatusBody | Unset = UNSET,
    failed_only: bool | Unset = False,
) -> DefaultErrorResponse | ResetJobStatusResponse | None:
    """Reset jobs to uninitialized

     Sets the workflow's jobs back to `uninitialized` and clears their active compute node, in one
    transaction, and records an event. Without `failed_only` every job is reset (disabled jobs stay
    disabled). With `failed_only` only the jobs that are `failed`, `canceled`, `terminated` or
    `pending_failed` are reset, together with every job downstream of them, so that a rerun repeats
    exactly the part of the workflow that did not succeed. Call `initialize_jobs` afterwards. Answers
    the number of jobs reset. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        failed_only (bool | Unset):  Default: False.
        body (ResetJobStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResetJobStatusResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            failed_only=failed_only,
        )
    ).parsed
