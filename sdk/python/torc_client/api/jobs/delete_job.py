from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.delete_job_body import DeleteJobBody
from ...models.job_model import JobModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: DeleteJobBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/jobs/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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
    body: DeleteJobBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Delete a job

     Deletes the job with its dependency, file and user data links and its results, in one transaction,
    and answers the deleted job. Jobs that depended on it no longer do. Refused with 404 when the job
    does not exist.

    Args:
        id (int):
        body (DeleteJobBody | Unset):

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
    body: DeleteJobBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Delete a job

     Deletes the job with its dependency, file and user data links and its results, in one transaction,
    and answers the deleted job. Jobs that depended on it no longer do. Refused with 404 when the job
    does not exist.

    Args:
        id (int):
        body (DeleteJobBody | Unset):

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
    body: DeleteJobBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | JobModel]:
    """Delete a job

     Deletes the job with its dependency, file and user data links and its results, in one transaction,
    and answers the deleted job. Jobs that depended on it no longer do. Refused with 404 when the job
    does not exist.

    Args:
        id (int):
        body (DeleteJobBody | Unset):

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
    body: DeleteJobBody | Unset = UNSET,
) -> DefaultErrorResponse | JobModel | None:
    """Delete a job

     Deletes the job with its dependency, file and user data links and its results, in one transaction,
    and answers the deleted job. Jobs that depended on it no longer do. Refused with 404 when the job
    does not exist.

    Args:
        id (int):
        body (DeleteJobBody | Unset):

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
