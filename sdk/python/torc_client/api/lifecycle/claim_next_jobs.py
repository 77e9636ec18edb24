from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_next_jobs_body import ClaimNextJobsBody
from ...models.claim_next_jobs_response import ClaimNextJobsResponse
from ...models.default_error_response import DefaultErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ClaimNextJobsBody | Unset = UNSET,
    limit: int | Unset = 1,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/claim_next_jobs".format(
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
) -> ClaimNextJobsResponse | DefaultErrorResponse | None:
    if response.status_code == 200:
        response_200 = ClaimNextJobsResponse.from_dict(response.json())

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
) -> Response[ClaimNextJobsResponse | DefaultErrorResponse]:
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
    body: ClaimNextJobsBody | Unset = UNSET,
    limit: int | Unset = 1,
) -> Response[ClaimNextJobsResponse | DefaultErrorResponse]:
    """Claim the next ready jobs, ignoring resources

     Claims up to `limit` of the workflow's `ready` jobs, in ascending id order, without looking at their
    resource requirements, in one atomic transaction: the claimed jobs become `pending` and no other
    runner can claim them. Runners started with a maximum number of parallel jobs use it. When the
    workflow is canceled, or no job is ready, the answer has no jobs. Refused with 404 when the workflow
    does not exist.

    Args:
        id (int):
        limit (int | Unset):  Default: 1.
        body (ClaimNextJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimNextJobsResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimNextJobsBody | Unset = UNSET,
    limit: int | Unset = 1,
) -> ClaimNextJobsResponse | DefaultErrorResponse | None:
    """Claim the next ready jobs, ignoring resources

     Claims up to `limit` of the workflow's `ready` jobs, in ascending id order, without looking at their
    resource requirements, in one atomic transaction: the claimed jobs become `pending` and no other
    runner can claim them. Runners started with a maximum number of parallel jobs use it. When the
    workflow is canceled, or no job is ready, the answer has no jobs. Refused with 404 when the workflow
    does not exist.

    Args:
        id (int):
        limit (int | Unset):  Default: 1.
        body (ClaimNextJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimNextJobsResponse | DefaultErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimNextJobsBody | Unset = UNSET,
    limit: int | Unset = 1,
) -> Response[ClaimNextJobsResponse | DefaultErrorResponse]:
    """Claim the next ready jobs, ignoring resources

     Claims up to `limit` of the workflow's `ready` jobs, in ascending id order, without looking at their
    resource requirements, in one atomic transaction: the claimed jobs become `pending` and no other
    runner can claim them. Runners started with a maximum number of parallel jobs use it. When the
    workflow is canceled, or no job is ready, the answer has no jobs. Refused with 404 when the workflow
    does not exist.

    Args:
        id (int):
        limit (int | Unset):  Default: 1.
        body (ClaimNextJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimNextJobsResponse | DefaultErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ClaimNextJobsBody | Unset = UNSET,
    limit: int | Unset = 1,
) -> ClaimNextJobsResponse | DefaultErrorResponse | None:
    """Claim the next ready jobs, ignoring resources

     Claims up to `limit` of the workflow's `ready` jobs, in ascending id order, without looking at their
    resource requirements, in one atomic transaction: the claimed jobs become `pending` and no other
    runner can claim them. Runners started with a maximum number of parallel jobs use it. When the
    workflow is canceled, or no job is ready, the answer has no jobs. Refused with 404 when the workflow
    does not exist.

    Args:
        id (int):
        limit (int | Unset):  Default: 1.
        body (ClaimNextJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimNextJobsResponse | DefaultErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            limit=limit,
        )
    ).parsed
