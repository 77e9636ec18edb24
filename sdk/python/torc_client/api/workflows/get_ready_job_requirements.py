from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.get_ready_job_requirements_response import (
    GetReadyJobRequirementsResponse,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    scheduler_config_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["scheduler_config_id"] = scheduler_config_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/ready_job_requirements".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | GetReadyJobRequirementsResponse | None:
    if response.status_code == 200:
        response_200 = GetReadyJobRequirementsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | GetReadyJobRequirementsResponse]:
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
    scheduler_config_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | GetReadyJobRequirementsResponse]:
    """Summarize the resources that ready jobs need

     Answers the number of `ready` jobs of the workflow and the resources they need together: the sum of
    their CPUs, GPUs and memory, the largest number of nodes any of them needs and the longest runtime.
    Schedulers use it to size new allocations. With `scheduler_config_id`, only ready jobs assigned to
    that scheduler are counted. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        scheduler_config_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | GetReadyJobRequirementsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        scheduler_config_id=scheduler_config_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    scheduler_config_id: int | Unset = UNSET,
) -> DefaultErrorResponse | GetReadyJobRequirementsResponse | None:
    """Summarize the resources that ready jobs need

     Answers the number of `ready` jobs of the workflow and the resources they need together: the sum of
    their CPUs, GPUs and memory, the largest number of nodes any of them needs and the longest runtime.
    Schedulers use it to size new allocations. With `scheduler_config_id`, only ready jobs assigned to
    that scheduler are counted. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        scheduler_config_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | GetReadyJobRequirementsResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        scheduler_config_id=scheduler_config_id,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    scheduler_config_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | GetReadyJobRequirementsResponse]:
    """Summarize the resources that ready jobs need

     Answers the number of `ready` jobs of the workflow and the resources they need together: the sum of
    their CPUs, GPUs and memory, the largest number of nodes any of them needs and the longest runtime.
    Schedulers use it to size new allocations. With `scheduler_config_id`, only ready jobs assigned to
    that scheduler are counted. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        scheduler_config_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | GetReadyJobRequirementsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        scheduler_config_id=scheduler_config_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    scheduler_config_id: int | Unset = UNSET,
) -> DefaultErrorResponse | GetReadyJobRequirementsResponse | None:
    """Summarize the resources that ready jobs need

     Answers the number of `ready` jobs of the workflow and the resources they need together: the sum of
    their CPUs, GPUs and memory, the largest number of nodes any of them needs and the longest runtime.
    Schedulers use it to size new allocations. With `scheduler_config_id`, only ready jobs assigned to
    that scheduler are counted. It changes nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        scheduler_config_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | GetReadyJobRequirementsResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            scheduler_config_id=scheduler_config_id,
        )
    ).parsed
